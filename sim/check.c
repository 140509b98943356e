/* check.c: invariants of chan.go, select.go and proc.go, written out.
 *
 * Channels:  qcount <= dataqsiz; sendx == (recvx + qcount) mod dataqsiz
 *            (both 0 when unbuffered); qcount > 0 implies no live receiver
 *            parked; qcount < dataqsiz implies no live sender parked; a closed
 *            channel has no sudog queued; slots not holding a value hold the
 *            zero value; c.lock is free between steps; queue links agree.
 * Sudogs:    a queued sudog belongs to its queue's channel and direction; its
 *            goroutine is parked on it, or it is a select sudog already won
 *            (g.selectDone set, waiting to be removed by pass 3).
 * Goroutines: a waiting g parked on a channel has its sudog chain on the
 *            queues; every runnable g is in exactly one run queue slot
 *            (runnext, local, global) and nothing else is; the running g is
 *            curg; ngoroutines counts the live ones. */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>

#include "chan.h"
#include "sched.h"
#include "types.h"

static bool fail(char *why, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return false;
}

/* A sudog counts as live unless it is a select sudog whose select was won. */
static bool live(const Sim *S, const Sudog *sg) {
    return !(sg->isSelect && S->gs.items[sg->g - 1].selectDone);
}

static bool check_queue(const Sim *S, ChanId c, const WaitQ *q, bool sendq, int32_t *nlive, char *why, size_t cap) {
    *nlive = 0;
    SudogId prev = 0;
    int32_t n = 0;
    for (SudogId s = q->first; s; s = S->sudogs.items[s - 1].next) {
        if (s < 1 || s > S->sudogs.len || ++n > S->sudogs.len)
            return fail(why, cap, "chan %d %s: broken links", c, sendq ? "sendq" : "recvq");
        const Sudog *sg = &S->sudogs.items[s - 1];
        if (sg->prev != prev) return fail(why, cap, "chan %d: sudog %d prev link wrong", c, s);
        if (!sg->queued || sg->g == 0) return fail(why, cap, "chan %d: sudog %d queued but marked free", c, s);
        if (sg->c != c || sg->is_send != sendq)
            return fail(why, cap, "chan %d: sudog %d belongs to chan %d %s", c, s, sg->c, sg->is_send ? "send" : "recv");
        const Goroutine *gp = &S->gs.items[sg->g - 1];
        if (live(S, sg)) {
            (*nlive)++;
            int want = sg->isSelect ? PARK_SELECT : sendq ? PARK_CHANSEND : PARK_CHANRECV;
            /* After exit every goroutine is dead where it stood (sim_exit). */
            if ((gp->status != GS_WAITING && S->state != SIM_EXITED) || gp->parkop != want)
                return fail(why, cap, "chan %d: sudog %d of G%d queued but G%d is not parked on it", c, s, sg->g, sg->g);
        }
        prev = s;
    }
    if (q->last != prev) return fail(why, cap, "chan %d: queue last is %d, walk ends at %d", c, q->last, prev);
    return true;
}

static bool check_chan(const Sim *S, ChanId c, char *why, size_t cap) {
    const Chan *ch = &S->chans.items[c - 1];
    if (ch->qcount > ch->dataqsiz) return fail(why, cap, "chan %d: qcount %u > dataqsiz %u", c, ch->qcount, ch->dataqsiz);
    if (ch->dataqsiz == 0) {
        if (ch->sendx || ch->recvx) return fail(why, cap, "chan %d: unbuffered with sendx/recvx set", c);
    } else if (ch->sendx != (ch->recvx + ch->qcount) % ch->dataqsiz) {
        return fail(why, cap, "chan %d: sendx %u != (recvx %u + qcount %u) mod %u", c, ch->sendx, ch->recvx,
                    ch->qcount, ch->dataqsiz);
    }
    if (ch->lock) return fail(why, cap, "chan %d: lock held by G%d between steps", c, ch->lock);
    int32_t nrecv, nsend;
    if (!check_queue(S, c, &ch->recvq, false, &nrecv, why, cap)) return false;
    if (!check_queue(S, c, &ch->sendq, true, &nsend, why, cap)) return false;
    if (ch->qcount > 0 && nrecv) return fail(why, cap, "chan %d: qcount %u but receivers parked", c, ch->qcount);
    if (ch->dataqsiz > 0 && ch->qcount < ch->dataqsiz && nsend)
        return fail(why, cap, "chan %d: buffer not full but senders parked", c);
    if (ch->closed && (ch->recvq.first || ch->sendq.first)) return fail(why, cap, "chan %d: closed with sudogs queued", c);
    Value zero = value_zero(S, ch->elemtype);
    for (uint32_t i = 0; i < ch->dataqsiz; i++) {
        if (chan_slot_full(ch, i)) continue;
        Value v = S->slots.items[ch->buf + (int32_t)i];
        if (v.kind != zero.kind || v.ref != zero.ref || v.i != zero.i)
            return fail(why, cap, "chan %d: empty slot %u is not the zero value", c, i);
    }
    return true;
}

bool sim_check(const Sim *S, char *why, size_t cap) {
    for (ChanId c = 1; c <= S->chans.len; c++)
        if (!check_chan(S, c, why, cap)) return false;

    /* Run queues: count where each goroutine appears. */
    int32_t n = S->gs.len;
    uint8_t *seen = calloc((size_t)n + 1, 1);
    if (!seen) return fail(why, cap, "out of memory");
    bool ok = true;
#define MARK(g)                                                                                   \
    do {                                                                                          \
        GoId g_ = (g);                                                                            \
        if (g_ < 1 || g_ > n) { ok = fail(why, cap, "run queue holds bad id %d", g_); goto out; } \
        if (seen[g_]++) { ok = fail(why, cap, "G%d is in the run queues twice", g_); goto out; }  \
    } while (0)
    if (S->p.runnext) MARK(S->p.runnext);
    if (sched_local_len(S) < 0 || sched_local_len(S) > RUNQ_SIZE) {
        ok = fail(why, cap, "local run queue length %d", sched_local_len(S));
        goto out;
    }
    for (int32_t i = 0; i < sched_local_len(S); i++) MARK(sched_local_at(S, i));
    for (int32_t i = 0; i < sched_global_len(S); i++) MARK(sched_global_at(S, i));
#undef MARK
    int32_t alive = 0;
    for (GoId g = 1; g <= n; g++) {
        const Goroutine *gp = &S->gs.items[g - 1];
        if (gp->status != GS_DEAD) alive++;
        bool queued = seen[g] != 0;
        if ((gp->status == GS_RUNNABLE) != queued) {
            ok = fail(why, cap, "G%d is %s but %s a run queue", g, gstatus_string(gp->status), queued ? "in" : "not in");
            goto out;
        }
        if (gp->status == GS_RUNNING && S->curg != g && S->state == SIM_RUNNING) {
            ok = fail(why, cap, "G%d running but curg is G%d", g, S->curg);
            goto out;
        }
        if (gp->status == GS_WAITING && (gp->parkop == PARK_CHANSEND || gp->parkop == PARK_CHANRECV ||
                                         (gp->parkop == PARK_SELECT && !gp->selectDone))) {
            for (SudogId s = gp->waiting; s; s = S->sudogs.items[s - 1].waitlink) {
                const Sudog *sg = &S->sudogs.items[s - 1];
                if (sg->g != g || !sg->queued) {
                    ok = fail(why, cap, "G%d parked on chan %d but its sudog %d is not queued", g, sg->c, s);
                    goto out;
                }
            }
            if (!gp->waiting) {
                ok = fail(why, cap, "G%d parked on a channel without a sudog", g);
                goto out;
            }
        }
    }
    if (S->curg && S->gs.items[S->curg - 1].status != GS_RUNNING) {
        ok = fail(why, cap, "curg G%d is not running", S->curg);
        goto out;
    }
    if (alive != S->ngoroutines) ok = fail(why, cap, "ngoroutines %d but %d alive", S->ngoroutines, alive);
out:
    free(seen);
    return ok;
}
