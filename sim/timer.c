/* timer.c: a binary min-heap of timers ordered by (when, seq). */
#include "timer.h"

#include "sched.h"

static bool before(const Timer *a, const Timer *b) {
    return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void heap_push(Sim *S, Timer t) {
    VEC_PUSH(S->timers, t);
    Timer *h = S->timers.items;
    int32_t i = S->timers.len - 1;
    while (i > 0) {
        int32_t p = (i - 1) / 2;
        if (!before(&h[i], &h[p])) break;
        Timer tmp = h[i];
        h[i] = h[p];
        h[p] = tmp;
        i = p;
    }
}

static Timer heap_pop(Sim *S) {
    Timer *h = S->timers.items;
    Timer top = h[0];
    h[0] = h[--S->timers.len];
    int32_t n = S->timers.len, i = 0;
    for (;;) {
        int32_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && before(&h[l], &h[m])) m = l;
        if (r < n && before(&h[r], &h[m])) m = r;
        if (m == i) break;
        Timer tmp = h[i];
        h[i] = h[m];
        h[m] = tmp;
        i = m;
    }
    return top;
}

int64_t timer_next(const Sim *S) { return S->timers.len ? S->timers.items[0].when : -1; }

OpResult timer_sleep(Sim *S, GoId g, int64_t ns) {
    sim_log0(S, EV_SLEEP, g, 0, (int32_t)(ns / 1000000), 0);
    if (ns <= 0) return (OpResult){OP_DONE, PANIC_NONE, 0, true, {0}};
    Timer t = {S->now + ns, S->timerseq++, TIMER_SLEEP, g, 0, 0};
    heap_push(S, t);
    sched_gopark(S, g, WR_SLEEP, PARK_SLEEP);
    return (OpResult){OP_PARKED, PANIC_NONE, 0, false, {0}};
}

OpResult timer_after(Sim *S, GoId g, int64_t ns, TypeId elemtype, ChanId *out) {
    OpResult r = chan_make(S, g, elemtype, 1, 0, 0, out);
    if (r.status != OP_DONE) return r;
    Timer t = {S->now + (ns > 0 ? ns : 0), S->timerseq++, TIMER_AFTER, 0, *out, 0};
    heap_push(S, t);
    return r;
}

void timer_run_due(Sim *S) {
    while (S->timers.len && S->timers.items[0].when <= S->now) {
        Timer t = heap_pop(S);
        sim_log0(S, EV_TIMER_FIRE, t.g, t.c, (int32_t)(t.when / 1000000), t.kind);
        if (t.kind == TIMER_SLEEP) {
            sched_goready(S, t.g);
        } else {
            /* sendTime: a non-blocking send of the current time. */
            chan_send(S, 0, t.c, value_int(S->now), false);
        }
    }
}
