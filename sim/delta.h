/* delta.h: events as deltas.  Applying a step's events, in order, to the
 * state before the step gives the state after it (DESIGN.md, core idea 5),
 * so the state at any micro-step is derived instead of stored:
 *
 *     before  +  events[0..k]  =  the state at micro-step k
 *
 * What is derived is what the view and the trace show: every hchan (its
 * counts and indexes, closed, the lock holder, each buffer slot, the sudogs
 * on recvq and sendq with their elems), every goroutine's status and wait
 * reason, the P (runnext, the local queue, schedtick), the global queue,
 * the running goroutine, the clock, closechan's gList and how the program
 * ended.  Things fixed when an entity is made (a goroutine's function and
 * creator, a channel's element type, name and line) are the entity's, not
 * the step's: they are read from the Sim the events came from.
 *
 * Not derived: the VM's frames and locals (a step changes them when its
 * statement completes), semaphores, mutexes, wait groups and timers. */
#ifndef HCHANVIZ_DELTA_H
#define HCHANVIZ_DELTA_H

#include "sim.h"

/* Applies e to D.  statics: the Sim that logged e (or any later state of
 * it), for the attributes of goroutines and channels e creates. */
void delta_apply(Sim *D, const Event *e, const Sim *statics);

/* Gives D the heap and strings of S (the state after the step), so that the
 * values D's slots and sudogs hold -- structs, strings made in the step --
 * read as they do in S.  Values are not part of the derived state: a step
 * only adds heap cells and strings, and shows them as it leaves them. */
void delta_take_values(Sim *D, const Sim *S);

#endif
