/* sim.c: the Sim's lifecycle and sim_step, the one way time moves forward. */
#include "sim.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "observe.h"
#include "sched.h"
#include "select.h"
#include "sync.h"
#include "timer.h"
#include "types.h"

static const char *const wait_reason_strings[] = {
#define X(name, str) str,
    WAIT_REASONS(X)
#undef X
};

const char *wait_reason_string(int wr) { return wr >= 0 && wr < WR__COUNT ? wait_reason_strings[wr] : "?"; }

const char *gstatus_string(int status) {
    switch (status) {
    case GS_RUNNABLE: return "runnable";
    case GS_RUNNING: return "running";
    case GS_WAITING: return "waiting";
    case GS_DEAD: return "dead";
    }
    return "?";
}

const char *panic_message(int kind) {
    switch (kind) {
    case PANIC_SEND_CLOSED: return "send on closed channel";
    case PANIC_CLOSE_CLOSED: return "close of closed channel";
    case PANIC_CLOSE_NIL: return "close of nil channel";
    case PANIC_MAKECHAN_SIZE: return "makechan: size out of range";
    case PANIC_NEGATIVE_WAITGROUP: return "sync: negative WaitGroup counter";
    }
    return "";
}

const char *choice_kind_name(int kind) {
    switch (kind) {
    case CHOICE_RUN: return "run";
    case CHOICE_RAND: return "rand";
    case CHOICE_PREEMPT: return "preempt";
    }
    return "?";
}

int choice_kind_from(const char *name) {
    for (int k = CHOICE_RUN; k <= CHOICE_PREEMPT; k++)
        if (strcmp(name, choice_kind_name(k)) == 0) return k;
    return -1;
}

Sim *sim_new(uint64_t seed) {
    Sim *S = calloc(1, sizeof *S);
    if (!S) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    strtab_init(&S->strs);
    types_init(S);
    S->rng = seed;
    S->max_steps = 10000000;
    S->state = SIM_RUNNING;
    S->logging = true;
    return S;
}

void sim_free(Sim *S) {
    if (!S) return;
    if (S->runner && S->runner->free) S->runner->free(S);
    VEC_FREE(S->gs);
    VEC_FREE(S->chans);
    VEC_FREE(S->sudogs);
    VEC_FREE(S->slots);
    VEC_FREE(S->heap);
    VEC_FREE(S->types);
    VEC_FREE(S->fields);
    VEC_FREE(S->typelist);
    VEC_FREE(S->semas);
    VEC_FREE(S->mutexes);
    VEC_FREE(S->waitgroups);
    VEC_FREE(S->onces);
    VEC_FREE(S->timers);
    VEC_FREE(S->globrunq);
    VEC_FREE(S->closelist);
    VEC_FREE(S->choices);
    VEC_FREE(S->replay);
    VEC_FREE(S->log);
    VEC_FREE(S->output);
    strtab_free(&S->strs);
    free(S);
}

void sim_set_runner(Sim *S, const Runner *r, void *state) {
    S->runner = r;
    S->runner_state = state;
}

void sim_set_observer(Sim *S, const Observer *o) { S->observer = o; }

void sim_set_replay(Sim *S, const Choice *choices, int32_t n) {
    S->replay.len = 0;
    for (int32_t i = 0; i < n; i++) {
        VEC_PUSH(S->replay, choices[i]);
        if (choices[i].kind == CHOICE_PREEMPT) S->preemptive = true;
    }
    S->replay_pos = 0;
    S->policy = SCHED_REPLAY;
}

/* schedtick when main.main starts in a real Go 1.19 binary with GOMAXPROCS=1,
 * after the runtime's own start-up goroutines have run.  Measured: a loop of
 * `go f(i); runtime.Gosched()` first meets the 61st-tick check at i = 56,
 * so 5 + 56 = 61 (tests/go/sched_tick61.go checks it against real Go). */
enum { SCHEDTICK_AT_MAIN = 5 };

GoId sim_start_main(Sim *S, StrId fn, int32_t runner, int32_t pc) {
    GoId g = sched_newproc(S, 0, 0, fn, runner, pc);
    S->p.schedtick = SCHEDTICK_AT_MAIN;
    return g;
}

void sim_output(Sim *S, const char *text, size_t len) {
    VEC_RESERVE(S->output, S->output.len + (int32_t)len + 1);
    memcpy(S->output.items + S->output.len, text, len);
    S->output.len += (int32_t)len;
    S->output.items[S->output.len] = '\0';
    sim_log0(S, EV_OUTPUT, S->curg, 0, (int32_t)len, 0);
    /* os.Stdout's Write takes the fd's mutex (internal/poll's fdMutex, atomics the race detector sees). */
    sim_observe(S, OBS_TOUCH, OBJ_STDOUT, S->curg, 0, 0, 0, NULL);
    sim_observe(S, OBS_ACQUIRE, OBJ_STDOUT, S->curg, 0, 0, 0, NULL);
    sim_observe(S, OBS_RELEASE_MERGE, OBJ_STDOUT, S->curg, 0, 0, 0, NULL);
}

/* The program is over: nothing runs any more (curg is cleared; crashed_g
 * remembers who crashed). */
void sim_crash_panic(Sim *S, GoId g, int kind, const char *message) {
    S->curg = 0;
    S->state = SIM_PANICKED;
    S->panic_kind = kind;
    S->crashed_g = g;
    snprintf(S->message, sizeof S->message, "%s", message ? message : panic_message(kind));
    sim_log0(S, EV_PANIC, g, 0, kind, 0);
}

void sim_crash_fatal(Sim *S, GoId g, const char *message) {
    S->curg = 0;
    S->state = SIM_FATAL;
    S->crashed_g = g;
    snprintf(S->message, sizeof S->message, "%s", message);
    sim_log0(S, EV_FATAL, g, 0, 0, 0);
}

void sim_exit(Sim *S) {
    S->state = SIM_EXITED;
    sim_log0(S, EV_EXIT, S->curg, 0, 0, 0);
    S->curg = 0;
    /* The process is gone: every goroutine is dead, none waits to run.  The
     * wait queues keep their sudogs, to show where each one was left. */
    for (int32_t i = 0; i < S->gs.len; i++) {
        Goroutine *gp = &S->gs.items[i];
        gp->exit_wait = gp->status == GS_WAITING ? gp->waitreason : WR_NONE;
        gp->status = GS_DEAD;
        gp->waitreason = WR_NONE;
    }
    S->ngoroutines = 0;
    S->p.runnext = 0;
    S->p.runqhead = S->p.runqtail;
    S->globhead = S->globrunq.len = 0;
}

/* Four independent lanes over 32-byte blocks (xxHash's round: multiply,
 * rotate, multiply), so the multiplies overlap; then the tail by words and
 * a final avalanche over the lanes, the length and h. */
static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t hash_round(uint64_t acc, uint64_t w) {
    return rotl64(acc + w * 0xC2B2AE3D27D4EB4FULL, 31) * 0x9E3779B185EBCA87ULL;
}

uint64_t sim_hash_bytes(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    uint64_t x = h + (uint64_t)n * 0x27D4EB2F165667C5ULL;
    if (n >= 32) {
        uint64_t a0 = h + 0x60EA27EEADC0B5D6ULL, a1 = h ^ 0xC2B2AE3D27D4EB4FULL, a2 = h, a3 = h - 0x9E3779B185EBCA87ULL;
        do {
            uint64_t w[4];
            memcpy(w, b, 32);
            a0 = hash_round(a0, w[0]);
            a1 = hash_round(a1, w[1]);
            a2 = hash_round(a2, w[2]);
            a3 = hash_round(a3, w[3]);
            b += 32;
            n -= 32;
        } while (n >= 32);
        x += rotl64(a0, 1) + rotl64(a1, 7) + rotl64(a2, 12) + rotl64(a3, 18);
    }
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        x = hash_round(x, w);
        b += 8;
        n -= 8;
    }
    uint64_t w = 0;
    if (n) memcpy(&w, b, n);
    x = hash_round(x, w ^ ((uint64_t)n << 56));
    return x ^ (x >> 29);
}

/* sim_hash reads the state's arrays as bytes, so their element types have
 * no padding (whose bytes C leaves unspecified): each is the sum of its
 * fields' sizes. */
_Static_assert(sizeof(Goroutine) == 18 * 4 + sizeof(Value), "Goroutine has padding");
_Static_assert(sizeof(Chan) == 16 * 4 + sizeof(Value), "Chan has padding");
_Static_assert(sizeof(Sudog) == 8 * 4 + sizeof(Value), "Sudog has padding");
_Static_assert(sizeof(Value) == 16, "Value has padding");
_Static_assert(sizeof(Timer) == 2 * 8 + 4 * 4, "Timer has padding");
_Static_assert(sizeof(Sema) == 16 && sizeof(WaitGroup) == 16, "Sema or WaitGroup has padding");
_Static_assert(sizeof(Mutex) == 12 && sizeof(Once) == 8, "Mutex or Once has padding");

#define HASH_VEC(h, v) sim_hash_bytes((h), (v).items, sizeof *(v).items * (size_t)(v).len)

uint64_t sim_hash(const Sim *S) {
    uint64_t h = 0x6A09E667F3BCC909ULL;
    h = HASH_VEC(h, S->gs);
    h = HASH_VEC(h, S->chans);
    h = HASH_VEC(h, S->sudogs);
    h = HASH_VEC(h, S->slots);
    h = HASH_VEC(h, S->heap);
    h = HASH_VEC(h, S->semas);
    h = HASH_VEC(h, S->mutexes);
    h = HASH_VEC(h, S->waitgroups);
    h = HASH_VEC(h, S->onces);
    h = HASH_VEC(h, S->timers);
    h = HASH_VEC(h, S->closelist);
    h = sim_hash_bytes(h, S->globrunq.items + S->globhead, sizeof(GoId) * (size_t)(S->globrunq.len - S->globhead));
    P p = S->p;
    GoId q[RUNQ_SIZE];
    int32_t n = 0;
    for (uint32_t i = p.runqhead; i != p.runqtail; i++) q[n++] = p.runq[i % RUNQ_SIZE];
    h = sim_hash_bytes(h, q, sizeof(GoId) * (size_t)n);
    int64_t scalars[] = {p.runnext, p.schedtick, S->curg, S->ngoroutines, S->now, S->state, S->sudog_free,
                         S->at_preempt, S->granted, S->timerseq, S->strs.spans.len};
    h = sim_hash_bytes(h, scalars, sizeof scalars);
    if (S->runner && S->runner->hash) h = S->runner->hash(S, h);
    return h;
}

uint32_t sim_randn(Sim *S, uint32_t n) {
    uint32_t r;
    /* Replayed draws; under manual scheduling a draw the caller queued (the explorer's). */
    bool queued = S->replay_pos < S->replay.len &&
                  (S->policy == SCHED_REPLAY ||
                   (S->policy == SCHED_MANUAL && S->replay.items[S->replay_pos].kind == CHOICE_RAND));
    if (queued) {
        Choice c = S->replay.items[S->replay_pos];
        if (c.kind != CHOICE_RAND || c.bound != (int32_t)n || c.value < 0 || (uint32_t)c.value >= n) {
            snprintf(S->message, sizeof S->message,
                     "replay: choice %d is not a random draw below %u at step %llu", S->replay_pos, n,
                     (unsigned long long)S->steps);
            S->state = SIM_REPLAY_ERROR;
            r = 0;
        } else {
            S->replay_pos++;
            r = (uint32_t)c.value;
            /* Step the generator as the recorded draw did, so that after a
             * replay (history_seek) it is where the original run had it. */
            S->rng += 0xa0761d6478bd642fULL;
        }
    } else {
        /* wyrand, then Lemire's multiply-shift like fastrandn. */
        S->rng += 0xa0761d6478bd642fULL;
        __uint128_t t = (__uint128_t)S->rng * (S->rng ^ 0xe7037ed1a0b428dbULL);
        uint32_t x = (uint32_t)((t >> 64) ^ t);
        r = (uint32_t)(((uint64_t)x * n) >> 32);
    }
    Choice ch = {CHOICE_RAND, (int32_t)r, (int32_t)n};
    VEC_PUSH(S->choices, ch);
    return r;
}

int32_t sim_runnable(const Sim *S, GoId *out, int32_t max) {
    int32_t n = 0;
#define ADD(g) do { if (n < max && out) out[n] = (g); n++; } while (0)
    if (S->p.runnext) ADD(S->p.runnext);
    for (int32_t i = 0; i < sched_local_len(S); i++) ADD(sched_local_at(S, i));
    for (int32_t i = 0; i < sched_global_len(S); i++) ADD(sched_global_at(S, i));
#undef ADD
    return n;
}

int32_t sim_enabled(const Sim *S, GoId *out, int32_t max) {
    if (S->state != SIM_RUNNING && S->state != SIM_NEED_CHOICE) return 0;
    if (S->curg && !S->at_preempt) {
        if (out && max > 0) out[0] = S->curg;
        return 1;
    }
    int32_t n = 0;
    if (S->curg) {
        if (out && max > 0) out[0] = S->curg;
        n = 1;
    }
    return n + sim_runnable(S, out ? out + n : NULL, max > n ? max - n : 0);
}

bool sim_choose(Sim *S, GoId g) {
    bool running = S->curg && S->at_preempt && g == S->curg;
    if (g <= 0 || g > S->gs.len || (!running && sim_gc(S, g)->status != GS_RUNNABLE)) return false;
    S->chosen = g;
    if (S->state == SIM_NEED_CHOICE) S->state = SIM_RUNNING;
    return true;
}

/* schedule(): timers first, then a runnable goroutine; with none, move the
 * clock to the next timer, or declare the deadlock checkdead would. */
static GoId schedule(Sim *S) {
    for (;;) {
        timer_run_due(S);
        int source;
        int32_t local_before = sched_local_len(S);
        GoId g = sched_pick(S, &source);
        if (g) {
            /* A pick from the global queue may move a batch to the (then empty) local queue. */
            int32_t batch = source == RUN_GLOBAL ? sched_local_len(S) - local_before : 0;
            sim_log0(S, EV_SCHED_PICK, g, 0, source, batch > 0 ? batch : 0);
            return g;
        }
        if (S->state != SIM_RUNNING) return 0;
        int64_t next = timer_next(S);
        if (next >= 0) {
            S->now = next;
            sim_log(S, EV_CLOCK_ADVANCE, 0, 0, (int32_t)(next / 1000000), 0, value_int(next));
            continue;
        }
        if (S->ngoroutines == 0) sim_crash_fatal(S, 0, "no goroutines (main called runtime.Goexit) - deadlock!");
        else sim_crash_fatal(S, 0, "all goroutines are asleep - deadlock!");
        return 0;
    }
}

int sim_step(Sim *S) {
    if (S->state != SIM_RUNNING) return S->state;
    /* A call that only finds the step limit did nothing: no events, no output. */
    S->log.len = 0;
    S->output.len = 0;
    S->step_line = 0;
    if (S->steps >= S->max_steps) {
        S->state = SIM_STEP_LIMIT;
        return S->state;
    }
    if (S->curg == 0) {
        GoId g = schedule(S);
        if (!g) return S->state;
        S->curg = g;
        sim_g(S, g)->status = GS_RUNNING;
        S->granted = true;
    } else if (S->at_preempt) {
        if (!sched_preempt(S)) return S->state;
        S->at_preempt = false;
        S->granted = true;
    }
    S->runner->step(S, S->curg);
    S->steps++;
#ifdef SIM_CHECK_EVERY_STEP
    /* sim_check walks every goroutine and channel: in a big simulation,
     * check every 1024th step so the check stays linear overall. */
    char why[256];
    bool big = S->gs.len + S->chans.len > 2048;
    if ((!big || S->steps % 1024 == 0) && !sim_check(S, why, sizeof why)) {
        fprintf(stderr, "hchanviz: internal invariant broken after step %llu: %s\n", (unsigned long long)S->steps, why);
        abort();
    }
#endif
    return S->state;
}

int sim_run(Sim *S) {
    while (sim_step(S) == SIM_RUNNING) {
    }
    return S->state;
}

OpResult sim_resume(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    int op = gp->parkop;
    gp->parkop = PARK_NONE;
    switch (op) {
    case PARK_CHANSEND: return chan_send_wakeup(S, g);
    case PARK_CHANRECV: return chan_recv_wakeup(S, g);
    case PARK_SELECT: return select_wakeup(S, g);
    case PARK_SEMA: return sema_wakeup(S, g);
    case PARK_MUTEX: return mutex_wakeup(S, g);
    default: return (OpResult){OP_DONE, PANIC_NONE, 0, true, {0}};
    }
}
