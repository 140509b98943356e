/* select.c: selectgo from runtime/select.go.
 *
 * Pass 0: a random poll order over the cases with a channel (fastrandn, a
 *         recorded choice point), and a lock order sorted by channel with
 *         the runtime's heap sort over the poll order (the runtime sorts by
 *         hchan address; our channel ids grow with allocation, as addresses
 *         of a fresh heap usually do); cases on the same channel keep the
 *         order the heap sort leaves them in, which follows the poll order.
 * Pass 1: in poll order, the first case that can proceed wins: a receive
 *         from a parked sender, from the buffer, or from a closed channel; a
 *         send to a parked receiver or into the buffer; a send on a closed
 *         channel panics.  Nothing ready and a default: take it.
 * Pass 2: one sudog per case, chained through waitlink in lock order, on each
 *         channel's sendq or recvq; park with "select" (forever if every
 *         channel is nil); selparkcommit unlocks in lock order.
 * Pass 3: woken by one case (its sudog in g.param; that waker also set
 *         g.selectDone so others skip this select's stale sudogs), take every
 *         other sudog off its queue.
 * sellock locks each distinct channel once in lock order; selunlock unlocks
 * them in reverse. */
#include "select.h"

#include <stdlib.h>

#include "observe.h"
#include "sched.h"
#include "types.h"
#include "waitq.h"

static OpResult result(int status, int casei, bool ok, Value v) { return (OpResult){status, PANIC_NONE, casei, ok, v}; }

/* Lock order: the cases with a channel sorted by channel, by select.go's
 * heap sort, which starts from the poll order ("to permute cases on the same
 * channel"): cases sharing a channel come out in an order that depends on
 * the poll order, as in the runtime. */
static void lock_order(const SelectCase *cases, const int32_t *poll, int32_t m, int32_t *order) {
    for (int32_t i = 0; i < m; i++) {
        int32_t j = i;
        ChanId c = cases[poll[i]].c;
        while (j > 0 && cases[order[(j - 1) / 2]].c < c) {
            int32_t k = (j - 1) / 2;
            order[j] = order[k];
            j = k;
        }
        order[j] = poll[i];
    }
    for (int32_t i = m - 1; i >= 0; i--) {
        int32_t o = order[i];
        ChanId c = cases[o].c;
        order[i] = order[0];
        int32_t j = 0;
        for (;;) {
            int32_t k = j * 2 + 1;
            if (k >= i) break;
            if (k + 1 < i && cases[order[k]].c < cases[order[k + 1]].c) k++;
            if (c < cases[order[k]].c) {
                order[j] = order[k];
                j = k;
                continue;
            }
            break;
        }
        order[j] = o;
    }
}

/* sellock: each distinct channel once, in lock order.  selunlock: the same
 * channels in reverse lock order.  (selparkcommit, after pass 2, unlocks in
 * lock order: park_unlock.) */
static void sel_lock(Sim *S, GoId g, const SelectCase *cases, const int32_t *order, int32_t m, bool take) {
    if (take) {
        for (int32_t i = 0; i < m; i++) {
            ChanId c = cases[order[i]].c;
            if (i > 0 && c == cases[order[i - 1]].c) continue;
            sim_observe(S, OBS_TOUCH, OBJ_CHAN, g, c, 0, 0, NULL);
            chan_lock(S, g, c);
        }
        return;
    }
    for (int32_t i = m - 1; i >= 0; i--) {
        ChanId c = cases[order[i]].c;
        if (i > 0 && c == cases[order[i - 1]].c) continue;
        chan_unlock(S, g, c);
    }
}

static void park_unlock(Sim *S, GoId g, const SelectCase *cases, const int32_t *order, int32_t m) {
    for (int32_t i = 0; i < m; i++) {
        ChanId c = cases[order[i]].c;
        if (i > 0 && c == cases[order[i - 1]].c) continue;
        chan_unlock(S, g, c);
    }
}

OpResult select_go(Sim *S, GoId g, const SelectCase *cases, int32_t n, bool block) {
    int32_t poll[SELECT_MAX_CASES], order[SELECT_MAX_CASES] = {0};
    if (n > SELECT_MAX_CASES) abort(); /* the front end rejects bigger selects */
    sim_log0(S, EV_SELECT_BEGIN, g, 0, n, !block);
    int32_t m = 0;
    for (int32_t i = 0; i < n; i++) {
        if (!cases[i].c) continue;
        int32_t j = (int32_t)sim_randn(S, (uint32_t)m + 1);
        poll[m] = poll[j];
        poll[j] = i;
        m++;
    }
    for (int32_t i = 0; i < m; i++) sim_log0(S, EV_SELECT_POLLORDER, g, cases[poll[i]].c, i, poll[i]);
    lock_order(cases, poll, m, order);
    sel_lock(S, g, cases, order, m, true);

    for (int32_t k = 0; k < m; k++) {
        int32_t i = poll[k];
        const SelectCase *cs = &cases[i];
        Chan *ch = sim_chan(S, cs->c);
        if (!cs->is_send) {
            SudogId s = waitq_dequeue(S, &ch->sendq, cs->c);
            if (s) {
                Value v;
                sim_log0(S, EV_SELECT_RECV, g, cs->c, i, sim_sudog(S, s)->g);
                GoId sg = chan_recv_from_sender(S, g, cs->c, s, cs->want, &v);
                sel_lock(S, g, cases, order, m, false);
                sched_goready(S, sg);
                return result(OP_DONE, i, true, v);
            }
            if (ch->qcount > 0) {
                sim_log0(S, EV_SELECT_BUFRECV, g, cs->c, i, (int32_t)ch->recvx);
                Value v = chan_buf_take(S, g, cs->c, cs->want);
                sel_lock(S, g, cases, order, m, false);
                return result(OP_DONE, i, true, v);
            }
            if (ch->closed) {
                sim_observe(S, OBS_ACQUIRE, OBJ_CHAN, g, cs->c, 0, 0, NULL);
                Value zero = value_zero(S, ch->elemtype);
                sim_log(S, EV_SELECT_RCLOSE, g, cs->c, i, 0, zero);
                sel_lock(S, g, cases, order, m, false);
                return result(OP_DONE, i, false, zero);
            }
        } else {
            sim_observe(S, OBS_CHAN_READ, OBJ_CHAN, g, cs->c, 0, 0, "runtime.chansend");
            if (ch->closed) {
                sim_log0(S, EV_SELECT_SCLOSE, g, cs->c, i, 0);
                sel_lock(S, g, cases, order, m, false);
                OpResult r = result(OP_PANIC, i, false, value_nil());
                r.panic = PANIC_SEND_CLOSED;
                return r;
            }
            SudogId s = waitq_dequeue(S, &ch->recvq, cs->c);
            if (s) {
                sim_log(S, EV_SELECT_SEND, g, cs->c, i, sim_sudog(S, s)->g, cs->val);
                GoId rg = chan_send_to_receiver(S, g, cs->c, s, cs->val);
                sel_lock(S, g, cases, order, m, false);
                sched_goready(S, rg);
                return result(OP_DONE, i, true, value_nil());
            }
            if (ch->qcount < ch->dataqsiz) {
                sim_log(S, EV_SELECT_BUFSEND, g, cs->c, i, (int32_t)ch->sendx, cs->val);
                chan_buf_put(S, g, cs->c, cs->val);
                sel_lock(S, g, cases, order, m, false);
                return result(OP_DONE, i, true, value_nil());
            }
        }
    }

    if (!block) {
        sel_lock(S, g, cases, order, m, false);
        sim_log0(S, EV_SELECT_DEFAULT, g, 0, 0, 0);
        return result(OP_FAIL, -1, false, value_nil());
    }

    /* Pass 2: enqueue on every channel, in lock order. */
    Goroutine *gp;
    SudogId last = 0;
    sim_log0(S, EV_SELECT_PARK, g, 0, m, 0);
    for (int32_t k = 0; k < m; k++) {
        int32_t i = order[k];
        SudogId s = sudog_acquire(S, g);
        Sudog *sg = sim_sudog(S, s);
        gp = sim_g(S, g);
        sg->isSelect = 1;
        sg->c = cases[i].c;
        sg->casei = (int16_t)i;
        sg->is_send = cases[i].is_send;
        if (cases[i].is_send) {
            sg->elem = cases[i].val;
            sg->has_elem = 1;
        } else {
            sg->has_elem = cases[i].want;
        }
        if (last) sim_sudog(S, last)->waitlink = s;
        else gp->waiting = s;
        last = s;
        Chan *ch = sim_chan(S, cases[i].c);
        waitq_enqueue(S, cases[i].is_send ? &ch->sendq : &ch->recvq, s);
        sim_log(S, EV_ENQUEUE, g, cases[i].c, s, cases[i].is_send, sg->elem);
    }
    gp = sim_g(S, g);
    gp->param = 0;
    gp->stackslot = value_nil();
    /* With every channel nil nothing can wake it: parked "select" forever. */
    sched_gopark(S, g, WR_SELECT, m ? PARK_SELECT : PARK_FOREVER);
    park_unlock(S, g, cases, order, m);
    return result(OP_PARKED, -1, false, value_nil());
}

OpResult select_wakeup(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    /* sellock again: the chain is in lock order, so a channel's sudogs are
     * next to each other; each distinct channel is locked once. */
    ChanId locked[SELECT_MAX_CASES];
    int32_t nlocked = 0;
    for (SudogId s = gp->waiting; s; s = sim_sudog(S, s)->waitlink) {
        ChanId c = sim_sudog(S, s)->c;
        if (nlocked > 0 && locked[nlocked - 1] == c) continue;
        if (nlocked == SELECT_MAX_CASES) abort();
        locked[nlocked++] = c;
        chan_lock(S, g, c);
    }
    gp->selectDone = 0;
    SudogId won = gp->param;
    gp->param = 0;
    int32_t casei = -1;
    bool success = false, is_send = false;
    ChanId wonc = 0;
    SudogId s = gp->waiting;
    gp->waiting = 0;
    while (s) {
        Sudog *sg = sim_sudog(S, s);
        SudogId next = sg->waitlink;
        if (s == won) {
            casei = sg->casei;
            success = sg->success;
            is_send = sg->is_send;
            wonc = sg->c;
        } else if (sg->queued) {
            Chan *ch = sim_chan(S, sg->c);
            sim_log0(S, EV_DEQUEUE_SUDOG, g, sg->c, s, sg->is_send);
            waitq_remove(S, sg->is_send ? &ch->sendq : &ch->recvq, s);
        }
        sudog_release(S, s);
        s = next;
    }
    /* selunlock: reverse lock order. */
    for (int32_t i = nlocked - 1; i >= 0; i--) chan_unlock(S, g, locked[i]);
    gp = sim_g(S, g);
    sim_log(S, EV_SELECT_WAKEUP, g, wonc, casei, success, gp->stackslot);
    if (is_send && !success) {
        OpResult r = result(OP_PANIC, casei, false, value_nil());
        r.panic = PANIC_SEND_CLOSED;
        return r;
    }
    if (is_send) return result(OP_DONE, casei, true, value_nil());
    Value v = success ? gp->stackslot : value_zero(S, sim_chan(S, wonc)->elemtype);
    return result(OP_DONE, casei, success, v);
}

OpResult select_stmt(Sim *S, GoId g, const SelectCase *cases, int32_t n, bool has_default) {
    if (n == 0) {
        if (has_default) {
            sim_log0(S, EV_SELECT_DEFAULT, g, 0, 0, 0);
            return result(OP_FAIL, -1, false, value_nil());
        }
        sim_log0(S, EV_SELECT_NOCASES, g, 0, 0, 0);
        sched_gopark(S, g, WR_SELECT_NO_CASES, PARK_FOREVER);
        return result(OP_PARKED, -1, false, value_nil());
    }
    if (n == 1) {
        /* The compiler turns these into chansend/chanrecv (selectnbsend/selectnbrecv with default). */
        OpResult r = cases[0].is_send ? chan_send(S, g, cases[0].c, cases[0].val, !has_default)
                                      : chan_recv(S, g, cases[0].c, cases[0].want, !has_default);
        r.casei = r.status == OP_FAIL ? -1 : 0;
        return r;
    }
    return select_go(S, g, cases, n, !has_default);
}
