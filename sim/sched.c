/* sched.c: the scheduler of proc.go for one P.
 *
 * Facts it reproduces (Go 1.19, GOMAXPROCS=1):
 *  - newproc and ready (goready) call runqput(next=true): the goroutine takes
 *    runnext and the previous runnext moves to the tail of the local queue;
 *    the creating or waking goroutine keeps running.
 *  - Gosched puts the caller on the global queue's tail.
 *  - findRunnable: every 61st schedtick with a non-empty global queue, take
 *    one goroutine from it first; then runnext, then the local queue FIFO,
 *    then the global queue, moving a batch of it to the local queue.
 *  - execute() counts schedtick only when the goroutine did not come from
 *    runnext (runnext inherits the time slice).
 *  - runqputslow: a full local queue sends half of itself plus the new one
 *    to the global queue.
 *  - a preempted goroutine (gopreempt_m, the explorer's model of other Ps
 *    running) goes to the global queue's tail, as Gosched's caller does. */
#include <stdio.h>

#include "sched.h"

#include "observe.h"

static void global_put(Sim *S, GoId g) { VEC_PUSH(S->globrunq, g); }

static GoId global_pop(Sim *S) {
    if (S->globhead >= S->globrunq.len) return 0;
    GoId g = S->globrunq.items[S->globhead++];
    if (S->globhead == S->globrunq.len) S->globhead = S->globrunq.len = 0;
    return g;
}

int32_t sched_global_len(const Sim *S) { return S->globrunq.len - S->globhead; }
GoId sched_global_at(const Sim *S, int32_t i) { return S->globrunq.items[S->globhead + i]; }
int32_t sched_local_len(const Sim *S) { return (int32_t)(S->p.runqtail - S->p.runqhead); }
GoId sched_local_at(const Sim *S, int32_t i) { return S->p.runq[(S->p.runqhead + (uint32_t)i) % RUNQ_SIZE]; }

void sched_runqput(Sim *S, GoId g, bool next) {
    P *p = &S->p;
    if (next) {
        GoId old = p->runnext;
        p->runnext = g;
        if (old == 0) return;
        g = old;
    }
    if (p->runqtail - p->runqhead < RUNQ_SIZE) {
        p->runq[p->runqtail % RUNQ_SIZE] = g;
        p->runqtail++;
        return;
    }
    /* runqputslow: first half of the local queue, then g, to the global tail. */
    uint32_t n = RUNQ_SIZE / 2;
    for (uint32_t i = 0; i < n; i++) global_put(S, p->runq[(p->runqhead + i) % RUNQ_SIZE]);
    p->runqhead += n;
    global_put(S, g);
    sim_log0(S, EV_RUNQ_OVERFLOW, g, 0, (int32_t)n + 1, 0);
}

GoId sched_newproc(Sim *S, GoId creator, int32_t creator_line, StrId fn, int32_t runner, int32_t pc) {
    Goroutine ng = {0};
    ng.id = S->gs.len + 1;
    ng.status = GS_RUNNABLE;
    ng.fn = fn;
    ng.creator = creator;
    ng.creator_line = creator_line;
    ng.line = 0;
    ng.runner = runner;
    ng.pc = pc;
    VEC_PUSH(S->gs, ng);
    S->ngoroutines++;
    if (creator) sim_observe(S, OBS_GO, 0, creator, ng.id, 0, creator_line, NULL);
    GoId kicked = S->p.runnext;
    /* Logged before runqput: a runqputslow it causes comes after, as it happens. */
    sim_log0(S, EV_NEWPROC, ng.id, 0, creator, kicked);
    sched_runqput(S, ng.id, true);
    return ng.id;
}

void sched_goready(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    gp->status = GS_RUNNABLE;
    gp->waitreason = WR_NONE;
    GoId kicked = S->p.runnext;
    sim_log0(S, EV_GOREADY, g, 0, kicked, 0);
    sched_runqput(S, g, true);
}

void sched_gopark(Sim *S, GoId g, int reason, int parkop) {
    Goroutine *gp = sim_g(S, g);
    gp->status = GS_WAITING;
    gp->waitreason = reason;
    gp->parkop = parkop;
    if (S->curg == g) S->curg = 0;
    sim_log0(S, EV_GOPARK, g, 0, reason, 0);
}

void sched_gosched(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    gp->status = GS_RUNNABLE;
    global_put(S, g);
    if (S->curg == g) S->curg = 0;
    sim_log0(S, EV_GOSCHED, g, 0, 0, 0);
}

void sched_goexit(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    gp->status = GS_DEAD;
    gp->waitreason = WR_NONE;
    S->ngoroutines--;
    if (S->curg == g) S->curg = 0;
    sim_log0(S, EV_GOEXIT, g, 0, 0, 0);
}

/* runqget + globrunqget in findRunnable's order, under the real policy. */
static GoId pick_go(Sim *S, int *source) {
    P *p = &S->p;
    if (p->schedtick % 61 == 0 && sched_global_len(S) > 0) {
        *source = RUN_GLOBAL_FAIR;
        return global_pop(S);
    }
    if (p->runnext) {
        GoId g = p->runnext;
        p->runnext = 0;
        *source = RUN_RUNNEXT;
        return g;
    }
    if (p->runqtail != p->runqhead) {
        GoId g = p->runq[p->runqhead % RUNQ_SIZE];
        p->runqhead++;
        *source = RUN_LOCAL;
        return g;
    }
    int32_t n = sched_global_len(S);
    if (n == 0) return 0;
    /* globrunqget(p, 0) with gomaxprocs == 1: take all (at most half a local
     * queue), run the first, move the rest to the local queue. */
    if (n > RUNQ_SIZE / 2) n = RUNQ_SIZE / 2;
    GoId g = global_pop(S);
    for (int32_t i = 1; i < n; i++) sched_runqput(S, global_pop(S), false);
    *source = RUN_GLOBAL;
    return g;
}

/* The goroutine pick_go would take now, without taking it. */
static GoId peek_go(const Sim *S) {
    const P *p = &S->p;
    if (p->schedtick % 61 == 0 && sched_global_len(S) > 0) return sched_global_at(S, 0);
    if (p->runnext) return p->runnext;
    if (p->runqtail != p->runqhead) return sched_local_at(S, 0);
    if (sched_global_len(S) > 0) return sched_global_at(S, 0);
    return 0;
}

GoId sched_peek(const Sim *S) { return peek_go(S); }

/* Removes g from wherever it waits to run. */
static bool take_runnable(Sim *S, GoId g, int *source) {
    P *p = &S->p;
    if (p->runnext == g) {
        p->runnext = 0;
        *source = RUN_RUNNEXT;
        return true;
    }
    int32_t n = sched_local_len(S);
    for (int32_t i = 0; i < n; i++) {
        if (sched_local_at(S, i) != g) continue;
        for (int32_t j = i; j + 1 < n; j++)
            p->runq[(p->runqhead + (uint32_t)j) % RUNQ_SIZE] = p->runq[(p->runqhead + (uint32_t)j + 1) % RUNQ_SIZE];
        p->runqtail--;
        *source = RUN_LOCAL;
        return true;
    }
    n = sched_global_len(S);
    for (int32_t i = 0; i < n; i++) {
        if (sched_global_at(S, i) != g) continue;
        GoId *q = S->globrunq.items + S->globhead;
        for (int32_t j = i; j + 1 < n; j++) q[j] = q[j + 1];
        S->globrunq.len--;
        *source = RUN_GLOBAL;
        return true;
    }
    return false;
}

/* The i-th runnable goroutine in sim_runnable's order (runnext, local, global). */
static GoId runnable_at(const Sim *S, int32_t i) {
    if (S->p.runnext) {
        if (i == 0) return S->p.runnext;
        i--;
    }
    if (i < sched_local_len(S)) return sched_local_at(S, i);
    return sched_global_at(S, i - sched_local_len(S));
}

/* The random scheduler's draw: an LCG step on the Sim's generator.  A
 * replayed random pick (its Choice has bound > 0) takes the same step, so
 * the generator ends up where the recorded run left it. */
static uint64_t lcg_step(Sim *S) { return S->rng = S->rng * 6364136223846793005ULL + 1442695040888963407ULL; }

GoId sched_pick(Sim *S, int *source) {
    GoId g = 0;
    /* Recorded with the pick, so a replay takes it the same way: 0 = the
     * real scheduler's pick, n > 0 = a random pick among n (one generator
     * step), -1 = a pick named by sim_choose. */
    int32_t bound = 0;
    *source = RUN_CHOSEN;
    switch (S->policy) {
    case SCHED_GO: g = pick_go(S, source); break;
    case SCHED_RANDOM: {
        int32_t n = sim_runnable(S, NULL, 0);
        if (n == 0) return 0;
        uint32_t k = (uint32_t)lcg_step(S) >> 1;
        g = runnable_at(S, (int32_t)((k >> 7) % (uint32_t)n));
        take_runnable(S, g, source);
        bound = n;
        break;
    }
    case SCHED_MANUAL:
        if (sim_runnable(S, NULL, 0) == 0) return 0;
        if (S->chosen == 0 || !take_runnable(S, S->chosen, source)) {
            S->chosen = 0;
            S->state = SIM_NEED_CHOICE;
            return 0;
        }
        g = S->chosen;
        S->chosen = 0;
        bound = -1;
        break;
    case SCHED_REPLAY: {
        if (sim_runnable(S, NULL, 0) == 0) return 0;
        if (S->replay_pos >= S->replay.len) {
            /* Past the recorded choices: continue as the real scheduler would. */
            g = pick_go(S, source);
            break;
        }
        Choice c = S->replay.items[S->replay_pos];
        if (c.kind == CHOICE_RUN && c.bound == 0 && c.value > 0 && c.value == peek_go(S)) {
            /* The real scheduler's pick: take it the way it did (a global
             * batch moves the rest to the local queue, local picks advance
             * runqhead), so the queues end up exactly as recorded. */
            S->replay_pos++;
            g = pick_go(S, source);
            break;
        }
        if (c.kind != CHOICE_RUN || c.value <= 0 || c.value > S->gs.len || !take_runnable(S, c.value, source)) {
            snprintf(S->message, sizeof S->message,
                     "replay: choice %d names goroutine %d, which is not runnable at step %llu",
                     S->replay_pos, c.kind == CHOICE_RUN ? c.value : -1, (unsigned long long)S->steps);
            S->state = SIM_REPLAY_ERROR;
            return 0;
        }
        S->replay_pos++;
        g = c.value;
        bound = c.bound;
        if (bound > 0) lcg_step(S);
        break;
    }
    }
    if (g == 0) return 0;
    if (*source != RUN_RUNNEXT) S->p.schedtick++;
    Choice ch = {CHOICE_RUN, g, bound};
    VEC_PUSH(S->choices, ch);
    return g;
}

GoId sched_preempt(Sim *S) {
    GoId cur = S->curg;
    int32_t n = sim_runnable(S, NULL, 0);
    if (n == 0) return cur; /* no one else: not a choice */
    GoId g = cur;
    int32_t bound = 0;
    switch (S->policy) {
    case SCHED_GO: return cur; /* GOMAXPROCS=1 never preempts here */
    case SCHED_RANDOM: {
        uint32_t k = (uint32_t)lcg_step(S) >> 1;
        int32_t i = (int32_t)((k >> 7) % (uint32_t)(n + 1));
        g = i == 0 ? cur : runnable_at(S, i - 1);
        bound = n + 1;
        break;
    }
    case SCHED_MANUAL:
        g = S->chosen;
        S->chosen = 0;
        if (g == 0 || (g != cur && (g > S->gs.len || sim_gc(S, g)->status != GS_RUNNABLE))) {
            S->state = SIM_NEED_CHOICE;
            return 0;
        }
        bound = -1;
        break;
    case SCHED_REPLAY: {
        if (S->replay_pos >= S->replay.len) return cur; /* past the recorded choices: run on, as Go would */
        Choice c = S->replay.items[S->replay_pos];
        bool ok = c.kind == CHOICE_PREEMPT && c.value > 0 && c.value <= S->gs.len &&
                  (c.value == cur || sim_gc(S, c.value)->status == GS_RUNNABLE);
        if (!ok) {
            snprintf(S->message, sizeof S->message,
                     "replay: choice %d is not a preemption of goroutine %d at step %llu", S->replay_pos, cur,
                     (unsigned long long)S->steps);
            S->state = SIM_REPLAY_ERROR;
            return 0;
        }
        S->replay_pos++;
        g = c.value;
        bound = c.bound;
        if (bound > 0) lcg_step(S);
        break;
    }
    }
    if (g != cur) {
        int source;
        take_runnable(S, g, &source);
        sim_g(S, cur)->status = GS_RUNNABLE;
        global_put(S, cur);
        sim_log0(S, EV_PREEMPT, cur, 0, g, 0);
        if (source != RUN_RUNNEXT) S->p.schedtick++;
        S->curg = g;
        sim_g(S, g)->status = GS_RUNNING;
        sim_log0(S, EV_SCHED_PICK, g, 0, source, 0);
    }
    Choice ch = {CHOICE_PREEMPT, g, bound};
    VEC_PUSH(S->choices, ch);
    return g;
}
