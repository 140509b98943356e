/* sync.h: runtime semaphores (sema.go) and sync.Mutex, sync.WaitGroup and
 * sync.Once built on them as package sync builds them. */
#ifndef HCHANVIZ_SYNC_H
#define HCHANVIZ_SYNC_H

#include "chan.h"

/* New objects; each returns a 1-based id. */
int32_t sema_new(Sim *S, uint32_t count);
int32_t mutex_new(Sim *S);
int32_t waitgroup_new(Sim *S);
int32_t once_new(Sim *S);

/* semacquire: take one unit, or park ("semacquire") in the queue (at its
 * head when lifo).  semrelease: add a unit and ready the first waiter, which
 * retries when it runs (sema_wakeup) and may park again if it lost the race. */
OpResult sema_acquire(Sim *S, GoId g, int32_t sema, bool lifo);
void sema_release(Sim *S, GoId g, int32_t sema);
OpResult sema_wakeup(Sim *S, GoId g);

/* sync.Mutex in normal mode (GOMAXPROCS=1 never spins; starvation mode needs
 * a waiter to wait 1 ms of real time, which a lesson does not).  Unlock of an
 * unlocked mutex is the fatal error "sync: unlock of unlocked mutex". */
OpResult mutex_lock(Sim *S, GoId g, int32_t m);
OpResult mutex_wakeup(Sim *S, GoId g);
/* Returns false on unlock of an unlocked mutex (the program is then dead). */
bool mutex_unlock(Sim *S, GoId g, int32_t m);

/* sync.WaitGroup: Add panics on a negative counter; reaching zero readies every
 * waiter in queue order; Wait parks ("semacquire") while the counter is above zero. */
OpResult waitgroup_add(Sim *S, GoId g, int32_t wg, int64_t delta);
OpResult waitgroup_wait(Sim *S, GoId g, int32_t wg);

/* sync.Once: the flag and the mutex Do takes on its slow path (Do itself is
 * Go code the runner executes: if !done { lock; if !done { f(); done = 1 }; unlock }). */
static inline Once *sim_once(Sim *S, int32_t o) { return &S->onces.items[o - 1]; }

#endif
