/* sync.c: semaphores with FIFO wait queues, and the sync types on top of them.
 * The sync types tell an attached observer (observe.h) what package sync
 * tells Go's race detector: Lock acquires, Unlock releases, Done/Add(-n)
 * release-merge, a Wait that returns acquires. */
#include "sync.h"

#include "observe.h"
#include "sched.h"

static OpResult ok_result(void) { return (OpResult){OP_DONE, PANIC_NONE, 0, true, {0}}; }
static OpResult parked_result(void) { return (OpResult){OP_PARKED, PANIC_NONE, 0, false, {0}}; }

static Sema *sema_get(Sim *S, int32_t id) { return &S->semas.items[id - 1]; }
static Mutex *mutex_get(Sim *S, int32_t id) { return &S->mutexes.items[id - 1]; }
static WaitGroup *wg_get(Sim *S, int32_t id) { return &S->waitgroups.items[id - 1]; }

int32_t sema_new(Sim *S, uint32_t count) {
    Sema s = {count, 0, 0, 0};
    VEC_PUSH(S->semas, s);
    return S->semas.len;
}

int32_t mutex_new(Sim *S) {
    Mutex m = {0, 0, 0, sema_new(S, 0)};
    VEC_PUSH(S->mutexes, m);
    return S->mutexes.len;
}

int32_t waitgroup_new(Sim *S) {
    WaitGroup w = {0, 0, sema_new(S, 0)};
    VEC_PUSH(S->waitgroups, w);
    return S->waitgroups.len;
}

int32_t once_new(Sim *S) {
    Once o = {0, mutex_new(S)};
    VEC_PUSH(S->onces, o);
    return S->onces.len;
}

static void sema_park(Sim *S, GoId g, int32_t id, bool lifo, int parkop, int32_t waitobj) {
    Sema *sm = sema_get(S, id);
    Goroutine *gp = sim_g(S, g);
    gp->semanext = 0;
    gp->sema = waitobj;
    gp->semalifo = lifo;
    if (lifo) {
        gp->semanext = sm->head;
        sm->head = g;
        if (!sm->tail) sm->tail = g;
    } else {
        if (sm->tail) sim_g(S, sm->tail)->semanext = g;
        else sm->head = g;
        sm->tail = g;
    }
    sm->nwait++;
    sim_log0(S, EV_SEMACQUIRE_PARK, g, 0, id, lifo);
    sched_gopark(S, g, WR_SEMACQUIRE, parkop);
}

OpResult sema_acquire(Sim *S, GoId g, int32_t id, bool lifo) {
    Sema *sm = sema_get(S, id);
    if (sm->count > 0) {
        sm->count--;
        sim_log0(S, EV_SEMACQUIRE, g, 0, id, 0);
        return ok_result();
    }
    sema_park(S, g, id, lifo, PARK_SEMA, id);
    return parked_result();
}

void sema_release(Sim *S, GoId g, int32_t id) {
    Sema *sm = sema_get(S, id);
    sm->count++;
    GoId w = sm->head;
    if (w) {
        sm->head = sim_g(S, w)->semanext;
        if (!sm->head) sm->tail = 0;
        sim_g(S, w)->semanext = 0;
        sm->nwait--;
    }
    sim_log0(S, EV_SEMRELEASE, g, 0, id, w);
    if (w) sched_goready(S, w);
}

OpResult sema_wakeup(Sim *S, GoId g) {
    int32_t id = sim_g(S, g)->sema;
    return sema_acquire(S, g, id, sim_g(S, g)->semalifo);
}

/* lockSlow (no spinning with GOMAXPROCS=1): take the mutex if free, else
 * add a waiter and SemacquireMutex.  semacquire's easy case takes a unit a
 * semrelease left for a woken waiter that has not run yet; the caller then
 * goes round lockSlow again as a woken waiter (awoke: clears woken, and from
 * now on queues LIFO, waitStartTime being set). */
static OpResult mutex_try(Sim *S, GoId g, int32_t id, bool requeue) {
    for (;;) {
        Mutex *m = mutex_get(S, id);
        if (!m->locked) {
            m->locked = 1;
            sim_observe(S, OBS_ACQUIRE, OBJ_MUTEX, g, id, 0, 0, NULL);
            return ok_result();
        }
        m->waiters++;
        Sema *sm = sema_get(S, m->sema);
        if (sm->count > 0) {
            sm->count--;
            sim_log0(S, EV_SEMACQUIRE, g, 0, m->sema, 0);
            m->woken = 0;
            requeue = true;
            continue;
        }
        /* sema_park under PARK_MUTEX: wakeup must retry the mutex, not just the sema. */
        sema_park(S, g, m->sema, requeue, PARK_MUTEX, id);
        return parked_result();
    }
}

OpResult mutex_lock(Sim *S, GoId g, int32_t id) {
    sim_observe(S, OBS_TOUCH, OBJ_MUTEX, g, id, 0, 0, NULL);
    return mutex_try(S, g, id, false);
}

OpResult mutex_wakeup(Sim *S, GoId g) {
    Goroutine *gp = sim_g(S, g);
    int32_t id = gp->sema;
    Mutex *m = mutex_get(S, id);
    Sema *sm = sema_get(S, m->sema);
    if (sm->count == 0) {
        /* semacquire1's loop: another goroutine took the unit semrelease
         * added for us; queue again as this semacquire was asked to (same
         * lifo), leaving the mutex state alone. */
        sema_park(S, g, m->sema, gp->semalifo, PARK_MUTEX, id);
        return parked_result();
    }
    sm->count--; /* the unit semrelease added for us */
    m->woken = 0;
    /* awoke: a waiter that loses the race again goes back to the head of the queue. */
    return mutex_try(S, g, id, true);
}

bool mutex_unlock(Sim *S, GoId g, int32_t id) {
    Mutex *m = mutex_get(S, id);
    sim_observe(S, OBS_TOUCH, OBJ_MUTEX, g, id, 0, 0, NULL);
    if (!m->locked) {
        sim_crash_fatal(S, g, "sync: unlock of unlocked mutex");
        return false;
    }
    sim_observe(S, OBS_RELEASE, OBJ_MUTEX, g, id, 0, 0, NULL);
    m->locked = 0;
    if (m->waiters > 0 && !m->woken) {
        m->woken = 1;
        m->waiters--;
        sema_release(S, g, m->sema);
    }
    return true;
}

OpResult waitgroup_add(Sim *S, GoId g, int32_t id, int64_t delta) {
    WaitGroup *w = wg_get(S, id);
    sim_observe(S, OBS_TOUCH, OBJ_WAITGROUP, g, id, 0, 0, NULL);
    if (delta < 0) sim_observe(S, OBS_RELEASE_MERGE, OBJ_WAITGROUP, g, id, 0, 0, NULL);
    w->counter += delta;
    if (w->counter < 0) return (OpResult){OP_PANIC, PANIC_NEGATIVE_WAITGROUP, 0, false, {0}};
    if (w->counter > 0 || w->waiters == 0) return ok_result();
    int32_t n = w->waiters;
    w->waiters = 0;
    /* Each waiter's Wait returns with race.Acquire(wg): done here, on its behalf. */
    for (GoId q = sema_get(S, w->sema)->head; q && S->observer; q = sim_g(S, q)->semanext)
        sim_observe(S, OBS_ACQUIRE, OBJ_WAITGROUP, q, id, 0, 0, NULL);
    for (int32_t i = 0; i < n; i++) sema_release(S, g, wg_get(S, id)->sema);
    return ok_result();
}

OpResult waitgroup_wait(Sim *S, GoId g, int32_t id) {
    WaitGroup *w = wg_get(S, id);
    sim_observe(S, OBS_TOUCH, OBJ_WAITGROUP, g, id, 0, 0, NULL);
    if (w->counter == 0) {
        sim_observe(S, OBS_ACQUIRE, OBJ_WAITGROUP, g, id, 0, 0, NULL);
        return ok_result();
    }
    w->waiters++;
    return sema_acquire(S, g, w->sema, false);
}
