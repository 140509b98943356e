/* event.h: the event log.  Every runtime micro-step is one Event.
 *
 * Event kinds are listed once, in EVENT_KINDS, named after the runtime's own
 * code paths (chan.go, select.go, proc.go, sema.go).  The trace, the narration
 * and the tests all use these names, so a path renamed here is renamed
 * everywhere.  Field use per kind is written beside it:
 *   g  goroutine that acts (or is acted on, for goready/gopark)
 *   c  channel, a/b/d kind-specific integers, v a value.
 *
 * Events are complete deltas: each one that changes the state a view shows
 * says exactly how, so the state after micro-step k is the state before the
 * step plus events 1..k (sim/delta.c applies them; tests/unit/test_delta.c
 * checks that all of a step's events reach the state after it). */
#ifndef HCHANVIZ_EVENT_H
#define HCHANVIZ_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "value.h"
#include "vec.h"

#define EVENT_KINDS(X)                                                                 \
    /* scheduling */                                                                   \
    X(SCHED_PICK, "schedule")           /* g picked; a = RunSource; b = goroutines then moved from the global queue's head to the local queue */ \
    X(NEWPROC, "newproc")               /* g created by a; goes to runnext; b = g kicked to local tail (0 none) */ \
    X(GOREADY, "goready")               /* g made runnable into runnext; a = g kicked to local tail (0 none) */ \
    X(GOPARK, "gopark")                 /* g parks; a = WaitReason */                  \
    X(GOSCHED, "gosched")               /* g to the global run queue tail */           \
    X(PREEMPT, "gopreempt")             /* running g preempted for goroutine a: to the global run queue tail */ \
    X(GOEXIT, "goexit")                 /* g finished */                               \
    X(RUNQ_OVERFLOW, "runqputslow")     /* local queue full: its first a-1 goroutines, then g, to the global tail */ \
    X(TIMER_FIRE, "timer.fire")         /* timer for g (sleep) or c (time.After) fired; a = when (ms) */ \
    X(CLOCK_ADVANCE, "clock.advance")   /* nothing runnable: virtual clock jumps to v.i ns (a = in ms) */ \
    /* channel micro-steps */                                                          \
    X(MAKECHAN, "makechan")             /* c made with dataqsiz a, elemtype b */        \
    X(LOCK, "lock")                     /* g takes c.lock */                           \
    X(UNLOCK, "unlock")                 /* g releases c.lock */                        \
    X(COPY_STACK_TO_SLOT, "copy.stack->buf")  /* v from g's stack to c.buf[a] */       \
    X(COPY_SLOT_TO_STACK, "copy.buf->stack")  /* v from c.buf[a] to g's stack */       \
    X(COPY_STACK_TO_STACK, "copy.stack->stack") /* v from g's stack to goroutine a's stack */ \
    X(CLEAR_SLOT, "typedmemclr")        /* c.buf[a] cleared to the zero value */       \
    X(CHAN_INDEX, "chan.advance")       /* c.sendx = a, c.recvx = b, c.qcount = d (after the move) */ \
    X(ENQUEUE, "enqueue")               /* sudog a of g onto c.sendq (b=1) / c.recvq (b=0) */ \
    X(DEQUEUE, "dequeue")               /* sudog a of g taken off c's queue b */       \
    X(DEQUEUE_STALE, "dequeue.skip")    /* stale select sudog a of g skipped */        \
    X(DEQUEUE_SUDOG, "dequeueSudoG")    /* select pass 3 removes sudog a of g from queue b */ \
    /* chansend paths */                                                               \
    X(CHANSEND_NIL, "chansend.nil")     /* send on nil channel: park forever / fail */ \
    X(CHANSEND_FASTFAIL, "chansend.fastfail") /* non-blocking, open and full: no lock */ \
    X(CHANSEND_CLOSED, "chansend.closed")     /* panic: send on closed channel */     \
    X(CHANSEND_DIRECT, "chansend.direct")     /* to parked receiver a */               \
    X(CHANSEND_BUFFER, "chansend.buffer")     /* into buf[a] */                        \
    X(CHANSEND_WOULDBLOCK, "chansend.wouldblock") /* non-blocking: would block */      \
    X(CHANSEND_PARK, "chansend.park")         /* sender parks in sendq */              \
    X(CHANSEND_WAKEUP, "chansend.wakeup")     /* parked sender resumes; a = success */ \
    /* chanrecv paths */                                                               \
    X(CHANRECV_NIL, "chanrecv.nil")                                                    \
    X(CHANRECV_FASTFAIL, "chanrecv.fastfail") /* non-blocking, open and empty */       \
    X(CHANRECV_FASTCLOSED, "chanrecv.fastclosed") /* non-blocking, closed and empty */ \
    X(CHANRECV_CLOSED, "chanrecv.closed")     /* closed and empty: zero value, ok=false */ \
    X(CHANRECV_DIRECT, "chanrecv.direct")     /* from parked sender a, unbuffered */   \
    X(CHANRECV_ROTATE, "chanrecv.rotate")     /* full buffer, parked sender a: slot b */ \
    X(CHANRECV_BUFFER, "chanrecv.buffer")     /* from buf[a] */                        \
    X(CHANRECV_WOULDBLOCK, "chanrecv.wouldblock")                                      \
    X(CHANRECV_PARK, "chanrecv.park")                                                  \
    X(CHANRECV_WAKEUP, "chanrecv.wakeup")     /* parked receiver resumes; a = ok */    \
    /* closechan */                                                                    \
    X(CLOSECHAN_NIL, "closechan.nil")         /* panic: close of nil channel */        \
    X(CLOSECHAN_CLOSED, "closechan.closed")   /* panic: close of closed channel */     \
    X(CLOSECHAN, "closechan.close")           /* c.closed = 1 */                       \
    X(CLOSECHAN_COLLECT, "closechan.collect") /* waiter g pushed on the gList (Sim.closelist) */ \
    X(CLOSECHAN_WAKE, "closechan.wake")       /* g popped from the gList's top (LIFO), then readied */ \
    /* select */                                                                       \
    X(SELECT_BEGIN, "selectgo")               /* a = number of cases, b = has default */ \
    X(SELECT_POLLORDER, "selectgo.pollorder") /* a = position, b = case index (one event per case) */ \
    X(SELECT_RECV, "selectgo.recv")           /* case a: from parked sender b */       \
    X(SELECT_BUFRECV, "selectgo.bufrecv")     /* case a: from buf[b] */                \
    X(SELECT_RCLOSE, "selectgo.rclose")       /* case a: closed channel, zero value */ \
    X(SELECT_SEND, "selectgo.send")           /* case a: to parked receiver b */       \
    X(SELECT_BUFSEND, "selectgo.bufsend")     /* case a: into buf[b] */                \
    X(SELECT_SCLOSE, "selectgo.sclose")       /* case a: send on closed channel: panic */ \
    X(SELECT_DEFAULT, "selectgo.default")                                              \
    X(SELECT_PARK, "selectgo.park")                                                    \
    X(SELECT_WAKEUP, "selectgo.wakeup")       /* pass 3: case a won; b = success */    \
    X(SELECT_NOCASES, "selectgo.block")       /* select {}: park forever */            \
    /* semaphores, sync, time */                                                       \
    X(SEMACQUIRE, "semacquire")               /* g took sema a */                      \
    X(SEMACQUIRE_PARK, "semacquire.park")     /* g waits on sema a */                  \
    X(SEMRELEASE, "semrelease")               /* g released sema a, waking b */        \
    X(SLEEP, "timeSleep")                     /* g sleeps a ms */                      \
    /* the program */                                                                  \
    X(OUTPUT, "print")                        /* g printed (see the step's output) */  \
    X(PANIC, "panic")                         /* g panics with PanicKind a */          \
    X(RECOVER, "recover")                                                              \
    X(FATAL, "fatal")                         /* fatal error, a = FatalKind */         \
    X(EXIT, "exit")                           /* main returned: program exits, every goroutine dead */

typedef enum EventKind {
#define X(name, str) EV_##name,
    EVENT_KINDS(X)
#undef X
    EV__COUNT
} EventKind;

typedef struct Event {
    uint16_t kind; /* EventKind */
    int32_t g;
    int32_t c;
    int32_t a, b;
    int32_t d;      /* fills what would be padding before v */
    Value v;
} Event;

typedef VEC(Event) EventVec;

/* The runtime's name of an event kind ("chansend.direct"), or "?" if out of range. */
const char *event_name(int kind);
/* The kind named `name`, or -1. */
int event_kind_from_name(const char *name);

#endif
