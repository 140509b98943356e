/* chan.h: hchan operations, branch for branch as runtime/chan.go takes them. */
#ifndef HCHANVIZ_CHAN_H
#define HCHANVIZ_CHAN_H

#include "sim.h"

typedef enum OpStatus {
    OP_DONE,   /* completed (see val/ok/casei) */
    OP_FAIL,   /* a non-blocking operation would have blocked; a select took default */
    OP_PARKED, /* the goroutine parked: call sim_resume when it runs again */
    OP_PANIC,  /* the runtime panics: panic holds the PanicKind */
} OpStatus;

typedef struct OpResult {
    int32_t status; /* OpStatus */
    int32_t panic;  /* PanicKind when status == OP_PANIC */
    int32_t casei;  /* select: the case taken, -1 for default */
    bool ok;        /* receive: a value was received (false: zero value of a closed channel) */
    Value val;      /* receive: the value */
} OpResult;

/* Largest buffer makechan accepts here; beyond it "makechan: size out of range". */
enum { CHAN_MAX_BUFFER = 1 << 20 };

/* makechan: a channel of elemtype with `size` buffer slots, named after the
 * variable its result is first assigned to (0: unnamed).  *out = the new id. */
OpResult chan_make(Sim *S, GoId g, TypeId elemtype, int64_t size, StrId name, int32_t line, ChanId *out);
/* chansend: g sends v on c (c == 0 is a nil channel); block == false is the
 * non-blocking form a select with default compiles to. */
OpResult chan_send(Sim *S, GoId g, ChanId c, Value v, bool block);
/* chanrecv: g receives from c; want == false when the value is discarded
 * (`<-ch` as a statement: the runtime's ep == nil, so nothing is copied). */
OpResult chan_recv(Sim *S, GoId g, ChanId c, bool want, bool block);
/* closechan: closes c and readies every parked receiver, then every sender, LIFO. */
OpResult chan_close(Sim *S, GoId g, ChanId c);
/* A parked goroutine runs again: finish the operation it parked in
 * (Goroutine.parkop) and return its result, as the code after gopark does. */
OpResult sim_resume(Sim *S, GoId g);
/* What a parked sender or receiver does when it runs again. */
OpResult chan_send_wakeup(Sim *S, GoId g);
OpResult chan_recv_wakeup(Sim *S, GoId g);

/* The shared steps of chansend/chanrecv that selectgo takes too.  The caller
 * holds c's lock, and after unlocking readies the goroutine returned. */
/* send(): hands v to the receiver parked in sudog s (already dequeued). */
GoId chan_send_to_receiver(Sim *S, GoId g, ChanId c, SudogId s, Value v);
/* recv(): takes the parked sender s's value: directly when unbuffered, else
 * buf[recvx] to g and the sender's value into that slot (the rotate). */
GoId chan_recv_from_sender(Sim *S, GoId g, ChanId c, SudogId s, bool want, Value *out);
/* Buffered send into buf[sendx] / buffered receive from buf[recvx] (slot cleared). */
void chan_buf_put(Sim *S, GoId g, ChanId c, Value v);
Value chan_buf_take(Sim *S, GoId g, ChanId c, bool want);
void chan_lock(Sim *S, GoId g, ChanId c);
void chan_unlock(Sim *S, GoId g, ChanId c);

/* Whether slot i, oldest first, and whether slot i holds one. */
bool chan_slot_full(const Chan *ch, uint32_t i);

#endif
