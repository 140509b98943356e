/* waitq.h: sudogs and the channel wait queues (recvq, sendq) they sit on. */
#ifndef HCHANVIZ_WAITQ_H
#define HCHANVIZ_WAITQ_H

#include "sim.h"

/* acquireSudog: a cleared sudog for g. */
SudogId sudog_acquire(Sim *S, GoId g);
/* releaseSudog: back to the free list; it must not be on a queue. */
void sudog_release(Sim *S, SudogId s);
/* Appends s at the tail of q. */
void waitq_enqueue(Sim *S, WaitQ *q, SudogId s);
/* Removes and returns the head of q, skipping (and removing) select sudogs
 * whose select another operation already won; marks the winner's selectDone.
 * 0 if q is empty.  c is for the log only. */
SudogId waitq_dequeue(Sim *S, WaitQ *q, ChanId c);
/* dequeueSudoG: removes s from q if it is still there. */
void waitq_remove(Sim *S, WaitQ *q, SudogId s);
int32_t waitq_len(const Sim *S, const WaitQ *q);

#endif
