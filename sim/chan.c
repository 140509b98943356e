/* chan.c: makechan, chansend, chanrecv and closechan.
 *
 * Each function follows the order of checks in runtime/chan.go, and logs the
 * branch it takes (EV_CHANSEND_*, EV_CHANRECV_*, EV_CLOSECHAN*) and every
 * micro-step in between: the lock, each copy between a goroutine's stack and
 * a buffer slot, sudog queueing, gopark, goready, unlock.
 *
 * Where a value goes: a send copies from the sender's stack (v) to a slot, or
 * straight into a parked receiver's stack (its Goroutine.stackslot).  A parked
 * sender's value waits in its sudog's elem until a receiver takes it.
 *
 * Each also tells an attached observer (observe.h) what Go 1.19's chan.go
 * tells its race detector, at the same points. */
#include "chan.h"

#include "observe.h"
#include "sched.h"
#include "types.h"
#include "waitq.h"

static OpResult done(Value v, bool ok) { return (OpResult){OP_DONE, PANIC_NONE, 0, ok, v}; }
static OpResult fail(void) { return (OpResult){OP_FAIL, PANIC_NONE, -1, false, {0}}; }
static OpResult parked(void) { return (OpResult){OP_PARKED, PANIC_NONE, 0, false, {0}}; }
static OpResult panics(int kind) { return (OpResult){OP_PANIC, kind, 0, false, {0}}; }

static inline void lock(Sim *S, GoId g, ChanId c) {
    sim_chan(S, c)->lock = g;
    sim_log0(S, EV_LOCK, g, c, 0, 0);
}

/* The indexes after a move (complete deltas, event.h). */
static inline void log_index(Sim *S, GoId g, ChanId c, const Chan *ch) {
    sim_logd(S, EV_CHAN_INDEX, g, c, (int32_t)ch->sendx, (int32_t)ch->recvx, (int32_t)ch->qcount, value_nil());
}

static inline void unlock(Sim *S, GoId g, ChanId c) {
    sim_chan(S, c)->lock = 0;
    sim_log0(S, EV_UNLOCK, g, c, 0, 0);
}

bool chan_slot_full(const Chan *ch, uint32_t i) {
    if (ch->dataqsiz == 0 || i >= ch->dataqsiz) return false;
    return (i + ch->dataqsiz - ch->recvx) % ch->dataqsiz < ch->qcount;
}

OpResult chan_make(Sim *S, GoId g, TypeId elemtype, int64_t size, StrId name, int32_t line, ChanId *out) {
    *out = 0;
    if (size < 0 || size > CHAN_MAX_BUFFER) return panics(PANIC_MAKECHAN_SIZE);
    Chan ch = {0};
    ch.dataqsiz = (uint32_t)size;
    ch.elemtype = elemtype;
    ch.elemsize = (uint16_t)sim_type(S, elemtype)->size;
    ch.zero = value_zero(S, elemtype);
    ch.name = name;
    ch.line = line;
    ch.buf = S->slots.len;
    VEC_RESERVE(S->slots, S->slots.len + (int32_t)size);
    for (int64_t i = 0; i < size; i++) S->slots.items[S->slots.len++] = ch.zero;
    VEC_PUSH(S->chans, ch);
    *out = S->chans.len;
    sim_log0(S, EV_MAKECHAN, g, *out, (int32_t)size, elemtype);
    return done(value_chan(*out), true);
}

GoId chan_send_to_receiver(Sim *S, GoId g, ChanId c, SudogId s, Value v) {
    Sudog *sg = sim_sudog(S, s);
    GoId rg = sg->g;
    /* send(): racesync for an unbuffered channel; a buffered one (empty,
     * with a parked receiver) is treated as if the value went through slot recvx. */
    if (sim_chan(S, c)->dataqsiz == 0) sim_observe_handoff(S, g, rg, c);
    else sim_observe_via_slot(S, g, rg, c, sim_chan(S, c)->recvx);
    if (sg->has_elem) {
        sim_g(S, rg)->stackslot = v;
        sim_log(S, EV_COPY_STACK_TO_STACK, g, c, rg, 0, v);
    }
    sg->has_elem = 0;
    sg->success = 1;
    sim_g(S, rg)->param = s;
    return rg;
}

GoId chan_recv_from_sender(Sim *S, GoId g, ChanId c, SudogId s, bool want, Value *out) {
    Chan *ch = sim_chan(S, c);
    Sudog *sg = sim_sudog(S, s);
    GoId sgid = sg->g;
    if (ch->dataqsiz == 0) sim_observe_handoff(S, g, sgid, c);
    else sim_observe_via_slot(S, g, sgid, c, ch->recvx);
    if (ch->dataqsiz == 0) {
        *out = sg->elem;
        if (want) sim_log(S, EV_COPY_STACK_TO_STACK, sgid, c, g, 0, *out);
    } else {
        /* Full buffer: the oldest value goes to the receiver and the sender's
         * value takes its slot, so the queue order is kept. */
        uint32_t slot = ch->recvx;
        *out = S->slots.items[ch->buf + (int32_t)slot];
        if (want) sim_log(S, EV_COPY_SLOT_TO_STACK, g, c, (int32_t)slot, 0, *out);
        S->slots.items[ch->buf + (int32_t)slot] = sg->elem;
        sim_log(S, EV_COPY_STACK_TO_SLOT, sgid, c, (int32_t)slot, 0, sg->elem);
        if (++ch->recvx == ch->dataqsiz) ch->recvx = 0;
        ch->sendx = ch->recvx;
        log_index(S, g, c, ch);
    }
    sg->elem = value_nil();
    sg->has_elem = 0;
    sg->success = 1;
    sim_g(S, sgid)->param = s;
    return sgid;
}

static inline void buf_put(Sim *S, GoId g, ChanId c, Value v) {
    Chan *ch = sim_chan(S, c);
    uint32_t slot = ch->sendx;
    sim_observe_slot(S, OBS_RELEASE_ACQUIRE, g, c, slot);
    S->slots.items[ch->buf + (int32_t)slot] = v;
    sim_log(S, EV_COPY_STACK_TO_SLOT, g, c, (int32_t)slot, 0, v);
    if (++ch->sendx == ch->dataqsiz) ch->sendx = 0;
    ch->qcount++;
    log_index(S, g, c, ch);
}

static inline Value buf_take(Sim *S, GoId g, ChanId c, bool want) {
    Chan *ch = sim_chan(S, c);
    uint32_t slot = ch->recvx;
    sim_observe_slot(S, OBS_RELEASE_ACQUIRE, g, c, slot);
    Value v = S->slots.items[ch->buf + (int32_t)slot];
    if (want) sim_log(S, EV_COPY_SLOT_TO_STACK, g, c, (int32_t)slot, 0, v);
    S->slots.items[ch->buf + (int32_t)slot] = ch->zero;
    sim_log(S, EV_CLEAR_SLOT, g, c, (int32_t)slot, 0, ch->zero);
    if (++ch->recvx == ch->dataqsiz) ch->recvx = 0;
    ch->qcount--;
    log_index(S, g, c, ch);
    return v;
}

void chan_buf_put(Sim *S, GoId g, ChanId c, Value v) { buf_put(S, g, c, v); }
Value chan_buf_take(Sim *S, GoId g, ChanId c, bool want) { return buf_take(S, g, c, want); }

void chan_lock(Sim *S, GoId g, ChanId c) { lock(S, g, c); }
void chan_unlock(Sim *S, GoId g, ChanId c) { unlock(S, g, c); }

OpResult chan_send(Sim *S, GoId g, ChanId c, Value v, bool block) {
    if (c == 0) {
        sim_log(S, EV_CHANSEND_NIL, g, 0, block, 0, v);
        if (!block) return fail();
        sched_gopark(S, g, WR_CHAN_SEND_NIL, PARK_FOREVER);
        return parked();
    }
    sim_observe(S, OBS_TOUCH, OBJ_CHAN, g, c, 0, 0, NULL);
    sim_observe(S, OBS_CHAN_READ, OBJ_CHAN, g, c, 0, 0, "runtime.chansend");
    Chan *ch = sim_chan(S, c);
    bool full = ch->dataqsiz == 0 ? ch->recvq.first == 0 : ch->qcount == ch->dataqsiz;
    if (!block && !ch->closed && full) {
        sim_log(S, EV_CHANSEND_FASTFAIL, g, c, 0, 0, v);
        return fail();
    }
    lock(S, g, c);
    if (ch->closed) {
        unlock(S, g, c);
        sim_log(S, EV_CHANSEND_CLOSED, g, c, 0, 0, v);
        return panics(PANIC_SEND_CLOSED);
    }
    SudogId s = ch->recvq.first ? waitq_dequeue(S, &ch->recvq, c) : 0;
    if (s) {
        sim_log(S, EV_CHANSEND_DIRECT, g, c, sim_sudog(S, s)->g, 0, v);
        GoId rg = chan_send_to_receiver(S, g, c, s, v);
        unlock(S, g, c);
        sched_goready(S, rg);
        return done(v, true);
    }
    if (ch->qcount < ch->dataqsiz) {
        sim_log(S, EV_CHANSEND_BUFFER, g, c, (int32_t)ch->sendx, 0, v);
        buf_put(S, g, c, v);
        unlock(S, g, c);
        return done(v, true);
    }
    if (!block) {
        unlock(S, g, c);
        sim_log(S, EV_CHANSEND_WOULDBLOCK, g, c, 0, 0, v);
        return fail();
    }
    s = sudog_acquire(S, g);
    Sudog *sg = sim_sudog(S, s);
    sg->elem = v;
    sg->has_elem = 1;
    sg->c = c;
    sg->is_send = 1;
    Goroutine *gp = sim_g(S, g);
    gp->waiting = s;
    gp->param = 0;
    sim_log(S, EV_CHANSEND_PARK, g, c, s, 0, v);
    waitq_enqueue(S, &ch->sendq, s);
    sim_log(S, EV_ENQUEUE, g, c, s, 1, v);
    sched_gopark(S, g, WR_CHAN_SEND, PARK_CHANSEND);
    unlock(S, g, c);
    return parked();
}

OpResult chan_send_wakeup(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    SudogId s = gp->waiting;
    Sudog *sg = sim_sudog(S, s);
    bool closed = !sg->success;
    ChanId c = sg->c;
    gp->param = 0;
    gp->waiting = 0;
    sudog_release(S, s);
    sim_log0(S, EV_CHANSEND_WAKEUP, g, c, !closed, 0);
    if (closed) return panics(PANIC_SEND_CLOSED);
    return done(value_nil(), true);
}

OpResult chan_recv(Sim *S, GoId g, ChanId c, bool want, bool block) {
    if (c == 0) {
        sim_log0(S, EV_CHANRECV_NIL, g, 0, block, 0);
        if (!block) return fail();
        sched_gopark(S, g, WR_CHAN_RECEIVE_NIL, PARK_FOREVER);
        return parked();
    }
    sim_observe(S, OBS_TOUCH, OBJ_CHAN, g, c, 0, 0, NULL);
    Chan *ch = sim_chan(S, c);
    bool empty = ch->dataqsiz == 0 ? ch->sendq.first == 0 : ch->qcount == 0;
    if (!block && empty) {
        if (!ch->closed) {
            sim_log0(S, EV_CHANRECV_FASTFAIL, g, c, 0, 0);
            return fail();
        }
        sim_observe(S, OBS_ACQUIRE, OBJ_CHAN, g, c, 0, 0, NULL);
        sim_log(S, EV_CHANRECV_FASTCLOSED, g, c, 0, 0, ch->zero);
        return done(ch->zero, false);
    }
    lock(S, g, c);
    if (ch->closed && ch->qcount == 0) {
        sim_observe(S, OBS_ACQUIRE, OBJ_CHAN, g, c, 0, 0, NULL);
        unlock(S, g, c);
        sim_log(S, EV_CHANRECV_CLOSED, g, c, 0, 0, ch->zero);
        return done(ch->zero, false);
    }
    SudogId s = ch->sendq.first ? waitq_dequeue(S, &ch->sendq, c) : 0;
    if (s) {
        GoId sgid = sim_sudog(S, s)->g;
        sim_log0(S, ch->dataqsiz == 0 ? EV_CHANRECV_DIRECT : EV_CHANRECV_ROTATE, g, c, sgid, (int32_t)ch->recvx);
        Value v;
        chan_recv_from_sender(S, g, c, s, want, &v);
        unlock(S, g, c);
        sched_goready(S, sgid);
        return done(v, true);
    }
    if (ch->qcount > 0) {
        sim_log0(S, EV_CHANRECV_BUFFER, g, c, (int32_t)ch->recvx, 0);
        Value v = buf_take(S, g, c, want);
        unlock(S, g, c);
        return done(v, true);
    }
    if (!block) {
        unlock(S, g, c);
        sim_log0(S, EV_CHANRECV_WOULDBLOCK, g, c, 0, 0);
        return fail();
    }
    s = sudog_acquire(S, g);
    Sudog *sg = sim_sudog(S, s);
    sg->has_elem = want;
    sg->c = c;
    Goroutine *gp = sim_g(S, g);
    gp->waiting = s;
    gp->param = 0;
    gp->stackslot = ch->zero;
    sim_log0(S, EV_CHANRECV_PARK, g, c, s, 0);
    waitq_enqueue(S, &ch->recvq, s);
    sim_log0(S, EV_ENQUEUE, g, c, s, 0);
    sched_gopark(S, g, WR_CHAN_RECEIVE, PARK_CHANRECV);
    unlock(S, g, c);
    return parked();
}

OpResult chan_recv_wakeup(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    SudogId s = gp->waiting;
    Sudog *sg = sim_sudog(S, s);
    bool ok = sg->success;
    ChanId c = sg->c;
    gp->param = 0;
    gp->waiting = 0;
    sudog_release(S, s);
    sim_log(S, EV_CHANRECV_WAKEUP, g, c, ok, 0, gp->stackslot);
    return done(gp->stackslot, ok);
}

/* Takes every waiter off q onto closechan's gList (S->closelist), marking it failed. */
static void collect(Sim *S, GoId g, ChanId c, WaitQ *q, bool senders) {
    SudogId s;
    while ((s = waitq_dequeue(S, q, c)) != 0) {
        Sudog *sg = sim_sudog(S, s);
        Goroutine *wg = sim_g(S, sg->g);
        if (!senders && sg->has_elem) wg->stackslot = sim_chan(S, c)->zero;
        sg->elem = value_nil();
        sg->has_elem = 0;
        sg->success = 0;
        wg->param = s;
        sim_observe(S, OBS_ACQUIRE, OBJ_CHAN, sg->g, c, 0, 0, NULL); /* raceacquireg(gp, c.raceaddr()) */
        VEC_PUSH(S->closelist, sg->g);
        sim_log0(S, EV_CLOSECHAN_COLLECT, sg->g, c, g, senders);
    }
}

OpResult chan_close(Sim *S, GoId g, ChanId c) {
    if (c == 0) {
        sim_log0(S, EV_CLOSECHAN_NIL, g, 0, 0, 0);
        return panics(PANIC_CLOSE_NIL);
    }
    sim_observe(S, OBS_TOUCH, OBJ_CHAN, g, c, 0, 0, NULL);
    Chan *ch = sim_chan(S, c);
    lock(S, g, c);
    if (ch->closed) {
        unlock(S, g, c);
        sim_log0(S, EV_CLOSECHAN_CLOSED, g, c, 0, 0);
        return panics(PANIC_CLOSE_CLOSED);
    }
    sim_observe(S, OBS_CHAN_WRITE, OBJ_CHAN, g, c, 0, 0, "runtime.closechan");
    sim_observe(S, OBS_RELEASE, OBJ_CHAN, g, c, 0, 0, NULL);
    ch->closed = 1;
    sim_log0(S, EV_CLOSECHAN, g, c, 0, 0);
    collect(S, g, c, &ch->recvq, false);
    collect(S, g, c, &ch->sendq, true);
    unlock(S, g, c);
    /* gList.pop takes the most recently pushed first: LIFO. */
    while (S->closelist.len > 0) {
        GoId w = S->closelist.items[--S->closelist.len];
        sim_log0(S, EV_CLOSECHAN_WAKE, w, c, g, 0);
        sched_goready(S, w);
    }
    return done(value_nil(), true);
}
