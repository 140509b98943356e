/* Property test: thousands of random programs on the model.
 *
 * Each program has 1-4 channels (capacity 0-3, made by main first) and 2-6
 * goroutines (main starts the others), each running a short random list of
 * blocking and non-blocking sends and receives, closes, selects (1-3
 * cases, some on nil channels, some with default; now and then `select {}`
 * or a lone default), Gosched and short sleeps.  Every program runs under
 * SCHED_RANDOM with its own seed.  After every step: sim_check (the
 * runtime's invariants) and "every goroutine is in one place".  At the end:
 * the run ended in exit, a panic the runtime raises for such programs, or a
 * deadlock; and the values are conserved:
 *   - every value a receiver got (each copy from a buffer slot or a
 *     sender's stack to a receiver's stack) was sent, and got only once;
 *   - the values received plus those still buffered are exactly the values
 *     whose send completed (an op result, or a parked sender whose value was
 *     taken but who has not run since);
 *   - on a channel only one goroutine sends to, values arrive in the order
 *     that goroutine sent them (FIFO).
 * One program in eight is also replayed from its recorded choices (on a Sim
 * with another seed) and must do exactly the same steps.
 * Any failure names the program's seed; so does an abort (an invariant
 * broken inside sim_step) or a sanitizer report. */
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chan.h"
#include "delta.h"
#include "check.h"
#include "sched.h"
#include "snapshot.h"
#include "statediff.h"

enum { NPROGRAMS = 20000, MAX_G = 6, MAX_OPS = 24, MAX_VALUES = 512 };

/* ---- the seed, on every way out --------------------------------------------------- */

static char seed_line[96];
static size_t seed_line_len;

static void say_seed(void) {
    if (seed_line_len) {
        ssize_t r = write(2, seed_line, seed_line_len);
        (void)r;
    }
}

static void on_abort(int sig) {
    say_seed();
    signal(sig, SIG_DFL);
    raise(sig);
}

extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

#define CHECK(seed, cond, ...)                                                          \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            char msg_[512];                                                            \
            snprintf(msg_, sizeof msg_, __VA_ARGS__);                                  \
            fail_msg("program seed %llu: %s", (unsigned long long)(seed), msg_);       \
        }                                                                              \
    } while (0)

/* ---- random programs ----------------------------------------------------------------- */

typedef struct Rng { uint64_t s; } Rng;

static uint32_t rnd(Rng *r, uint32_t n) {
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)((r->s >> 11) % n);
}

typedef struct Program {
    int nch, ngo;
    int cap[4];
    ScriptOp ops[MAX_G][MAX_OPS];
    ScriptFn fns[MAX_G];
    Script sc;
    bool sender[4][MAX_G]; /* goroutine fn has a send (op or case) on channel */
} Program;

static const char *const fn_names[MAX_G] = {"main.main", "main.g1", "main.g2", "main.g3", "main.g4", "main.g5"};

/* Values are unique per send op or send case: (fn+1)*10000 + pc*10 + case + 1. */
static int64_t value_of(int fn, int pc, int casei) { return (int64_t)(fn + 1) * 10000 + pc * 10 + casei + 1; }

static void random_op(Program *P, Rng *r, int fn, int pc, ScriptOp *op) {
    memset(op, 0, sizeof *op);
    uint32_t k = rnd(r, 100);
    int ch = (int)rnd(r, (uint32_t)P->nch);
    if (k < 24) {
        op->kind = SOP_SEND;
        op->slot = ch;
        op->v = value_of(fn, pc, 0);
        P->sender[ch][fn] = true;
    } else if (k < 48) {
        op->kind = SOP_RECV;
        op->slot = ch;
    } else if (k < 55) {
        op->kind = SOP_SEND;
        op->slot = ch;
        op->nonblock = true;
        op->v = value_of(fn, pc, 0);
        P->sender[ch][fn] = true;
    } else if (k < 62) {
        op->kind = SOP_RECV;
        op->slot = ch;
        op->nonblock = true;
    } else if (k < 66) {
        op->kind = SOP_CLOSE;
        op->slot = ch;
    } else if (k < 88) {
        op->kind = SOP_SELECT;
        uint32_t shape = rnd(r, 50);
        if (shape == 0) {
            op->ncases = 0; /* select {} */
        } else if (shape == 1) {
            op->ncases = 0; /* select { default: } */
            op->has_default = true;
        } else {
            op->ncases = 1 + (int32_t)rnd(r, 3);
            op->has_default = rnd(r, 10) < 3;
            for (int i = 0; i < op->ncases; i++) {
                ScriptCase *c = &op->cases[i];
                c->slot = (int)rnd(r, (uint32_t)P->nch);
                c->nilchan = rnd(r, 10) == 0;
                c->is_send = rnd(r, 2) == 0;
                if (c->is_send) {
                    c->v = value_of(fn, pc, i);
                    if (!c->nilchan) P->sender[c->slot][fn] = true;
                }
            }
        }
    } else if (k < 96) {
        op->kind = SOP_GOSCHED;
    } else {
        op->kind = SOP_SLEEP;
        op->v = (int64_t)(1 + rnd(r, 3)) * 1000000;
    }
}

static void make_program(Program *P, uint64_t seed) {
    memset(P, 0, sizeof *P);
    Rng r = {seed * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL};
    for (int i = 0; i < 8; i++) rnd(&r, 2);
    P->nch = 1 + (int)rnd(&r, 4);
    P->ngo = 2 + (int)rnd(&r, 5);
    for (int c = 0; c < P->nch; c++) P->cap[c] = (int)rnd(&r, 4);
    for (int fn = 0; fn < P->ngo; fn++) {
        int n = 0;
        if (fn == 0) {
            for (int c = 0; c < P->nch; c++) P->ops[0][n++] = (ScriptOp){.kind = SOP_MAKE, .slot = c, .v = P->cap[c]};
            for (int g = 1; g < P->ngo; g++) P->ops[0][n++] = (ScriptOp){.kind = SOP_GO, .arg = g};
        }
        int body = 1 + (int)rnd(&r, 8);
        for (int i = 0; i < body; i++, n++) random_op(P, &r, fn, n, &P->ops[fn][n]);
        P->fns[fn] = (ScriptFn){P->ops[fn], n, fn_names[fn]};
    }
    P->sc = (Script){P->fns, P->ngo};
}

static bool decode(int64_t v, int *fn, int *pc, int *casei) {
    if (v < 10001) return false;
    *fn = (int)(v / 10000) - 1;
    *pc = (int)(v % 10000) / 10;
    *casei = (int)(v % 10) - 1;
    return *fn >= 0 && *fn < MAX_G && *pc < MAX_OPS && *casei >= 0 && *casei < SCRIPT_MAX_CASES;
}

/* ---- per-step checks ----------------------------------------------------------------- */

static bool live(const Sim *S, const Sudog *sg) { return !(sg->isSelect && S->gs.items[sg->g - 1].selectDone); }

/* Every goroutine is in exactly one place: running (curg), in one run queue
 * slot, parked on channels (one live sudog for a plain operation, one per
 * channel case for a select), or parked on something else or dead (no
 * live sudog). */
static void check_places(const Sim *S, uint64_t seed) {
    int nlive[MAX_G + 2] = {0}, inq[MAX_G + 2] = {0};
    CHECK(seed, S->gs.len <= MAX_G, "%d goroutines", S->gs.len);
    for (ChanId c = 1; c <= S->chans.len; c++) {
        const Chan *ch = &S->chans.items[c - 1];
        const WaitQ *qs[2] = {&ch->recvq, &ch->sendq};
        for (int q = 0; q < 2; q++)
            for (SudogId s = qs[q]->first; s; s = S->sudogs.items[s - 1].next) {
                const Sudog *sg = &S->sudogs.items[s - 1];
                if (live(S, sg)) nlive[sg->g]++;
            }
    }
    GoId rq[64];
    int32_t n = sim_runnable(S, rq, 64);
    for (int32_t i = 0; i < n; i++) inq[rq[i]]++;
    for (GoId g = 1; g <= S->gs.len; g++) {
        const Goroutine *gp = &S->gs.items[g - 1];
        int places = inq[g] + (S->curg == g) + (nlive[g] > 0);
        /* When the program is over nothing runs: the goroutine that ended
         * it keeps its status but is curg no more. */
        if (gp->status == GS_RUNNING && S->state != SIM_RUNNING && S->curg == 0) places++;
        switch (gp->status) {
        case GS_RUNNING:
        case GS_RUNNABLE:
            CHECK(seed, places == 1 && nlive[g] == 0, "step %llu: G%d %s but in %d places (%d live sudogs)",
                  (unsigned long long)S->steps, g, gstatus_string(gp->status), places, nlive[g]);
            break;
        case GS_WAITING:
            CHECK(seed, inq[g] == 0 && S->curg != g, "step %llu: waiting G%d queued to run", (unsigned long long)S->steps, g);
            if (gp->parkop == PARK_CHANSEND || gp->parkop == PARK_CHANRECV)
                CHECK(seed, nlive[g] == 1, "step %llu: G%d parked on a channel with %d live sudogs",
                      (unsigned long long)S->steps, g, nlive[g]);
            else if (gp->parkop == PARK_SELECT) {
                int chain = 0;
                for (SudogId s = gp->waiting; s; s = S->sudogs.items[s - 1].waitlink) chain++;
                CHECK(seed, nlive[g] == chain && chain > 0, "step %llu: G%d in select: %d live sudogs, chain of %d",
                      (unsigned long long)S->steps, g, nlive[g], chain);
            } else
                CHECK(seed, nlive[g] == 0, "step %llu: G%d parked elsewhere with live sudogs", (unsigned long long)S->steps, g);
            break;
        case GS_DEAD:
            /* After exit a goroutine that was parked is dead where it stood: its sudogs stay queued. */
            CHECK(seed, inq[g] == 0 && S->curg != g && (nlive[g] == 0 || S->state == SIM_EXITED),
                  "step %llu: dead G%d still somewhere", (unsigned long long)S->steps, g);
            break;
        }
    }
}

/* ---- one program ----------------------------------------------------------------------- */

typedef struct Receipt { ChanId c; int64_t v; } Receipt;

typedef struct Run {
    Receipt rcv[MAX_VALUES];
    int nrcv;
    uint64_t digests[4096];
    int ndig;
} Run;

static uint64_t step_digest(const Sim *S) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        int64_t f[] = {e->kind, e->g, e->c, e->a, e->b, e->d, e->v.kind, e->v.ref, e->v.i};
        const unsigned char *b = (const unsigned char *)f;
        for (size_t k = 0; k < sizeof f; k++) h = (h ^ b[k]) * 0x100000001b3ULL;
    }
    return h;
}

/* D follows S by its events alone (delta.h): after every step it must hold S's state. */
static void check_delta(Sim *D, const Sim *S, uint64_t seed) {
    for (int32_t i = 0; i < S->log.len; i++) delta_apply(D, &S->log.items[i], S);
    StateDiff d;
    char why[160];
    if (statediff(D, S, &d, 1)) {
        statediff_str(&d, why, sizeof why);
        CHECK(seed, false, "events miss a change at step %llu: derived vs real: %s", (unsigned long long)S->steps, why);
    }
}

static int run_program(Sim *S, uint64_t seed, Run *R) {
    R->nrcv = 0;
    R->ndig = 0;
    char why[256];
    Snapshot *snap = snapshot_take(S);
    Sim *D = sim_new(0);
    snapshot_restore(D, snap);
    snapshot_free(snap);
    while (S->state == SIM_RUNNING) {
        CHECK(seed, S->steps < 4000, "no end after 4000 steps");
        sim_step(S);
        CHECK(seed, sim_check(S, why, sizeof why), "invariant broken after step %llu: %s",
              (unsigned long long)S->steps, why);
        check_delta(D, S, seed);
        check_places(S, seed);
        for (int32_t i = 0; i < S->log.len; i++) {
            const Event *e = &S->log.items[i];
            if (e->kind != EV_COPY_SLOT_TO_STACK && e->kind != EV_COPY_STACK_TO_STACK) continue;
            CHECK(seed, R->nrcv < MAX_VALUES, "too many receipts");
            R->rcv[R->nrcv++] = (Receipt){e->c, e->v.i};
        }
        if (R->ndig < 4096) R->digests[R->ndig++] = step_digest(S);
    }
    sim_free(D);
    return S->state;
}

static void check_end(const Program *P, Sim *S, const ScriptState *st, uint64_t seed, const Run *R) {
    /* How it ended. */
    switch (S->state) {
    case SIM_EXITED: break;
    case SIM_PANICKED:
        CHECK(seed,
              S->panic_kind == PANIC_SEND_CLOSED || S->panic_kind == PANIC_CLOSE_CLOSED,
              "unexpected panic %d: %s", S->panic_kind, S->message);
        CHECK(seed, strcmp(S->message, panic_message(S->panic_kind)) == 0, "panic message %s", S->message);
        break;
    case SIM_FATAL:
        CHECK(seed, strcmp(S->message, "all goroutines are asleep - deadlock!") == 0, "fatal: %s", S->message);
        for (GoId g = 1; g <= S->gs.len; g++) {
            const Goroutine *gp = &S->gs.items[g - 1];
            CHECK(seed, gp->status == GS_WAITING || gp->status == GS_DEAD, "deadlock with G%d %s", g,
                  gstatus_string(gp->status));
        }
        CHECK(seed, S->timers.len == 0, "deadlock with a timer pending");
        break;
    default: CHECK(seed, false, "ended in state %d (%s)", S->state, S->message);
    }

    /* Sent: completed send ops and send cases, plus parked senders whose value was taken. */
    static bool sent[MAX_G][MAX_OPS][SCRIPT_MAX_CASES], got[MAX_G][MAX_OPS][SCRIPT_MAX_CASES];
    memset(sent, 0, sizeof sent);
    memset(got, 0, sizeof got);
    for (int32_t i = 0; i < st->results.len; i++) {
        const ScriptResult *r = &st->results.items[i];
        if (r->status != OP_DONE) continue;
        const ScriptOp *op = &P->ops[r->fn][r->pc];
        if (op->kind == SOP_SEND) sent[r->fn][r->pc][0] = true;
        if (op->kind == SOP_SELECT && r->casei >= 0 && op->cases[r->casei].is_send) sent[r->fn][r->pc][r->casei] = true;
        if (op->kind == SOP_RECV && r->ok) {
            int fn = 0, pc = 0, ci = 0;
            CHECK(seed, decode(r->val.i, &fn, &pc, &ci), "G%d received %lld, never sent", r->g, (long long)r->val.i);
        }
    }
    for (GoId g = 1; g <= S->gs.len; g++) {
        const Goroutine *gp = &S->gs.items[g - 1];
        /* Readied and not yet run (at exit, sim_exit has marked it dead where it stood). */
        bool readied = gp->status == GS_RUNNABLE || (S->state == SIM_EXITED && gp->status == GS_DEAD);
        if (!readied || !gp->param) continue;
        const Sudog *sg = &S->sudogs.items[gp->param - 1];
        if (!sg->is_send || !sg->success) continue;
        int casei = gp->parkop == PARK_SELECT ? sg->casei : 0;
        sent[gp->runner][gp->pc][casei] = true;
    }
    /* Received: every receipt once, of a sent value; FIFO for a single sender. */
    int64_t last[4] = {0};
    for (int i = 0; i < R->nrcv; i++) {
        int fn = 0, pc = 0, ci = 0;
        int64_t v = R->rcv[i].v;
        CHECK(seed, decode(v, &fn, &pc, &ci), "receipt of %lld on chan %d: no such send", (long long)v, R->rcv[i].c);
        CHECK(seed, sent[fn][pc][ci], "value %lld received but its send never completed", (long long)v);
        CHECK(seed, !got[fn][pc][ci], "value %lld received twice", (long long)v);
        got[fn][pc][ci] = true;
        ChanId c = R->rcv[i].c;
        CHECK(seed, c >= 1 && c <= P->nch, "receipt on chan %d", c);
        int nsenders = 0;
        for (int f = 0; f < P->ngo; f++) nsenders += P->sender[c - 1][f];
        if (nsenders == 1) {
            CHECK(seed, v > last[c - 1], "chan %d with one sender: %lld arrived after %lld", c, (long long)v,
                  (long long)last[c - 1]);
            last[c - 1] = v;
        }
    }
    /* Buffered values were sent and not received. */
    for (ChanId c = 1; c <= S->chans.len; c++) {
        const Chan *ch = &S->chans.items[c - 1];
        for (uint32_t k = 0; k < ch->qcount; k++) {
            int64_t v = S->slots.items[ch->buf + (int32_t)((ch->recvx + k) % ch->dataqsiz)].i;
            int fn = 0, pc = 0, ci = 0;
            CHECK(seed, decode(v, &fn, &pc, &ci), "chan %d buffers %lld, never sent", c, (long long)v);
            CHECK(seed, sent[fn][pc][ci] && !got[fn][pc][ci], "chan %d buffers %lld: sent %d received %d", c,
                  (long long)v, sent[fn][pc][ci], got[fn][pc][ci]);
            got[fn][pc][ci] = true;
        }
    }
    /* Nothing sent went missing. */
    for (int fn = 0; fn < MAX_G; fn++)
        for (int pc = 0; pc < MAX_OPS; pc++)
            for (int ci = 0; ci < SCRIPT_MAX_CASES; ci++)
                CHECK(seed, !sent[fn][pc][ci] || got[fn][pc][ci], "value %lld sent but neither received nor buffered",
                      (long long)value_of(fn, pc, ci));
}

static void test_random_programs(void **state) {
    (void)state;
    signal(SIGABRT, on_abort);
    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(say_seed);
    static Program P;
    static Run A, B;
    int ends[8] = {0}, replayed = 0;
    for (uint64_t seed = 1; seed <= NPROGRAMS; seed++) {
        seed_line_len = (size_t)snprintf(seed_line, sizeof seed_line, "test_property: failing program seed %llu\n",
                                         (unsigned long long)seed);
        make_program(&P, seed);
        Sim *S = sim_new(seed);
        ScriptState *st = script_start(S, &P.sc);
        S->policy = SCHED_RANDOM;
        int end = run_program(S, seed, &A);
        ends[end]++;
        check_end(&P, S, st, seed, &A);
        if (seed % 8 == 0) {
            Sim *T = sim_new(seed ^ 0xdeadbeefULL);
            script_start(T, &P.sc);
            T->policy = SCHED_REPLAY;
            VEC_COPY(T->replay, S->choices);
            run_program(T, seed, &B);
            CHECK(seed, T->state == S->state && T->steps == S->steps, "replay ended in state %d after %llu steps",
                  T->state, (unsigned long long)T->steps);
            CHECK(seed, A.ndig == B.ndig && memcmp(A.digests, B.digests, (size_t)A.ndig * sizeof A.digests[0]) == 0,
                  "replay took other steps");
            CHECK(seed, strcmp(S->message, T->message) == 0, "replay message %s", T->message);
            replayed++;
            sim_free(T);
        }
        sim_free(S);
    }
    seed_line_len = 0;
    /* The generator reaches every ending. */
    assert_true(ends[SIM_EXITED] > 0);
    assert_true(ends[SIM_PANICKED] > 0);
    assert_true(ends[SIM_FATAL] > 0);
    print_message("%d programs: %d exited, %d panicked, %d deadlocked; %d replayed\n", NPROGRAMS, ends[SIM_EXITED],
                  ends[SIM_PANICKED], ends[SIM_FATAL], replayed);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_programs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
