/* waitq.c: sudog allocation and the doubly linked wait queues of chan.go. */
#include "waitq.h"

SudogId sudog_acquire(Sim *S, GoId g) {
    SudogId s = S->sudog_free;
    if (s) {
        S->sudog_free = sim_sudog(S, s)->next;
    } else {
        Sudog blank = {0};
        VEC_PUSH(S->sudogs, blank);
        s = S->sudogs.len;
    }
    Sudog *sg = sim_sudog(S, s);
    *sg = (Sudog){0};
    sg->g = g;
    return s;
}

void sudog_release(Sim *S, SudogId s) {
    Sudog *sg = sim_sudog(S, s);
    *sg = (Sudog){0};
    sg->next = S->sudog_free;
    S->sudog_free = s;
}

void waitq_enqueue(Sim *S, WaitQ *q, SudogId s) {
    Sudog *sg = sim_sudog(S, s);
    sg->next = 0;
    sg->prev = q->last;
    if (q->last) sim_sudog(S, q->last)->next = s;
    else q->first = s;
    q->last = s;
    sg->queued = 1;
}

static void unlink(Sim *S, WaitQ *q, SudogId s) {
    Sudog *sg = sim_sudog(S, s);
    if (sg->prev) sim_sudog(S, sg->prev)->next = sg->next;
    else q->first = sg->next;
    if (sg->next) sim_sudog(S, sg->next)->prev = sg->prev;
    else q->last = sg->prev;
    sg->next = sg->prev = 0;
    sg->queued = 0;
}

SudogId waitq_dequeue(Sim *S, WaitQ *q, ChanId c) {
    for (;;) {
        SudogId s = q->first;
        if (!s) return 0;
        unlink(S, q, s);
        Sudog *sg = sim_sudog(S, s);
        if (sg->isSelect) {
            Goroutine *gp = sim_g(S, sg->g);
            if (gp->selectDone) { /* another case already won this select */
                sim_log0(S, EV_DEQUEUE_STALE, sg->g, c, s, sg->is_send);
                continue;
            }
            gp->selectDone = 1;
        }
        sim_log0(S, EV_DEQUEUE, sg->g, c, s, sg->is_send);
        return s;
    }
}

void waitq_remove(Sim *S, WaitQ *q, SudogId s) {
    if (sim_sudog(S, s)->queued) unlink(S, q, s);
}

int32_t waitq_len(const Sim *S, const WaitQ *q) {
    int32_t n = 0;
    for (SudogId s = q->first; s; s = S->sudogs.items[s - 1].next) n++;
    return n;
}
