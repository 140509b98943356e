/* timer.h: time.Sleep and time.After on a virtual clock.  The clock moves only
 * when nothing is runnable and a timer is pending; it then jumps to the
 * earliest timer, as if the program did no work between. */
#ifndef HCHANVIZ_TIMER_H
#define HCHANVIZ_TIMER_H

#include "chan.h"

/* time.Sleep(ns): parks g ("sleep") until now+ns; ns <= 0 returns at once (OP_DONE). */
OpResult timer_sleep(Sim *S, GoId g, int64_t ns);
/* time.After(ns): a new channel (capacity 1, element elemtype) that receives
 * the time when the timer fires.  *out = the channel. */
OpResult timer_after(Sim *S, GoId g, int64_t ns, TypeId elemtype, ChanId *out);
/* checkTimers: fires every timer due at S->now, in (when, creation) order. */
void timer_run_due(Sim *S);
/* When the earliest timer is due, or -1 with none pending. */
int64_t timer_next(const Sim *S);

#endif
