/* sync.WaitGroup and sync.Mutex (Go 1.19 sync/waitgroup.go, sync/mutex.go)
 * on the runtime semaphores of runtime/sema.go, and time.Sleep / time.After
 * on the virtual clock.  Expected values are worked out by hand from the
 * source; the reasoning is above each test, and the orders that depend on
 * runnext were also checked against real Go 1.19 with GOMAXPROCS=1.
 *
 * script_start makes mutexes[i] and waitgroups[i] in turn, so mutex 0 waits
 * on sema 1 and waitgroup 0 on sema 2.  Wait reasons: semacquire=7,
 * sleep=8.  RunSource: runnext=0, local=1, global=2. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "sched.h"
#include "sync.h"

#define WG_ADD(w, d) {.kind = SOP_WG_ADD, .slot = (w), .v = (d)}
#define WG_WAIT(w) {.kind = SOP_WG_WAIT, .slot = (w)}

enum { MS = 1000000 };

static char evbuf[8192];

static const char *evs(const Sim *S) {
    evbuf[0] = '\0';
    size_t n = 0;
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        n += (size_t)snprintf(evbuf + n, sizeof evbuf - n, "%s%s(%d,%d,%d,%d)", n ? " " : "", event_name(e->kind), e->g,
                              e->c, e->a, e->b);
        assert_true(n < sizeof evbuf);
    }
    return evbuf;
}

static char sbuf[4][256];
static int snext;

/* "count=1 nwait=2 q=[G3 G2]" */
static const char *sema_str(const Sim *S, int32_t id) {
    char *b = sbuf[snext++ % 4];
    const Sema *sm = &S->semas.items[id - 1];
    int n = snprintf(b, 256, "count=%u nwait=%d q=[", sm->count, sm->nwait);
    for (GoId g = sm->head; g; g = S->gs.items[g - 1].semanext) n += snprintf(b + n, 256 - (size_t)n, "%sG%d", g == sm->head ? "" : " ", g);
    snprintf(b + n, 256 - (size_t)n, "]");
    return b;
}

/* "locked=1 woken=0 waiters=1 | count=0 nwait=1 q=[G2]" */
static const char *mutex_str(const Sim *S, int32_t id) {
    char *b = sbuf[snext++ % 4];
    const Mutex *m = &S->mutexes.items[id - 1];
    const char *s = sema_str(S, m->sema);
    snprintf(b, 256, "locked=%d woken=%d waiters=%d | %s", m->locked, m->woken, m->waiters, s);
    return b;
}

/* ---- WaitGroup ---------------------------------------------------------------------
 *
 *   main: wg.Add(2); go f(); go f(); wg.Wait(); print(9)      f: print(1); wg.Done()
 * Wait with the counter at 2: waiters 1, runtime_Semacquire(sema 2): count
 * 0, so it queues and parks "semacquire".  G3 (runnext) then G2 (local) run;
 * the second Done makes the counter 0 with one waiter: statep = 0 and one
 * semrelease: count 1, G1 dequeued and readied into runnext.  G1 then
 * retries (cansemacquire takes the unit) and returns from Wait. */
static void test_waitgroup_basic(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(WG_ADD(0, 2), GO(1), GO(1), WG_WAIT(0), PRINT(9)), "main.main"},
        {OPS(PRINT(1), WG_ADD(0, -1)), "main.f"},
    };
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 3);
    assert_int_equal(S->waitgroups.items[0].counter, 2);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "semacquire.park(1,0,2,0) gopark(1,0,7,0)");
    assert_string_equal(simtest_gs(S), "G1:waiting(semacquire) G2:runnable G3:runnable");
    assert_string_equal(sema_str(S, 2), "count=0 nwait=1 q=[G1]");
    assert_int_equal(S->waitgroups.items[0].waiters, 1);
    simtest_steps(S, 2); /* G3: print, Done */
    assert_int_equal(S->waitgroups.items[0].counter, 1);
    assert_string_equal(simtest_gs(S), "G1:waiting(semacquire) G2:runnable G3:running");
    simtest_steps(S, 3); /* G3 exits; G2: print, Done */
    assert_string_equal(evs(S), "semrelease(2,0,2,1) goready(1,0,0,0)");
    assert_int_equal(S->waitgroups.items[0].counter, 0);
    assert_int_equal(S->waitgroups.items[0].waiters, 0);
    assert_string_equal(sema_str(S, 2), "count=1 nwait=0 q=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:running G3:dead");
    assert_string_equal(simtest_runq(S), "next=G1 local=[] global=[]");
    simtest_steps(S, 2); /* G2 exits; G1 returns from Wait */
    assert_string_equal(evs(S), "schedule(1,0,0,0) semacquire(1,0,2,0)");
    assert_string_equal(sema_str(S, 2), "count=0 nwait=0 q=[]");
    simtest_steps(S, 1);
    assert_string_equal(S->output.items, "9\n");
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* Add with a result below zero: panic("sync: negative WaitGroup counter"). */
static void test_waitgroup_negative_panics(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(WG_ADD(0, 1), WG_ADD(0, -1), WG_ADD(0, -1)), "main.main"}};
    Script sc = {fns, 1};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 2);
    assert_int_equal(S->waitgroups.items[0].counter, 0);
    assert_int_equal(simtest_step(S), SIM_PANICKED);
    assert_int_equal(S->panic_kind, PANIC_NEGATIVE_WAITGROUP);
    assert_string_equal(S->message, "sync: negative WaitGroup counter");
    assert_int_equal(S->crashed_g, 1);
    sim_free(S);
}

/* Several waiters: Add's `for ; w != 0; w-- { runtime_Semrelease(semap) }`
 * dequeues them in queue order and readies each into runnext, kicking the
 * previous one to the local tail.
 *   main: wg.Add(1); go f(); go f(); go f(); Gosched(); wg.Done(); Gosched()...
 *   f: wg.Wait(); print
 * After the go's: next=G4 local=[G2 G3]; they run in that order and queue
 * on sema 2 as [G4 G2 G3].  Done releases G4 (next=G4), G2 (next=G2,
 * local=[G4]), G3 (next=G3, local=[G4 G2]): they run G3, G4, G2.  (Real Go:
 * the same program with go func(i) for i = 1, 2, 3 prints 2 3 1.) */
static void test_waitgroup_several_waiters(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(WG_ADD(0, 1), GO(1), GO(1), GO(1), GOSCHED(), WG_ADD(0, -1), GOSCHED(), PRINT(9)), "main.main"},
        {OPS(WG_WAIT(0), PRINT(1)), "main.f"},
    };
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 5);
    assert_string_equal(simtest_runq(S), "next=G4 local=[G2 G3] global=[G1]");
    simtest_steps(S, 3);
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(semacquire) G3:waiting(semacquire) G4:waiting(semacquire)");
    assert_string_equal(sema_str(S, 2), "count=0 nwait=3 q=[G4 G2 G3]");
    assert_int_equal(S->waitgroups.items[0].waiters, 3);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,2,0) semrelease(1,0,2,4) goready(4,0,0,0) semrelease(1,0,2,2) "
                                "goready(2,0,4,0) semrelease(1,0,2,3) goready(3,0,2,0)");
    assert_string_equal(simtest_runq(S), "next=G3 local=[G4 G2] global=[]");
    assert_string_equal(sema_str(S, 2), "count=3 nwait=0 q=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable G3:runnable G4:runnable");
    simtest_steps(S, 1); /* Gosched */
    assert_string_equal(simtest_runq(S), "next=G3 local=[G4 G2] global=[G1]");
    GoId order[3];
    for (int i = 0; i < 3; i++) {
        simtest_steps(S, 1);
        int32_t k = 0;
        while (S->log.items[k].kind != EV_SCHED_PICK) k++;
        order[i] = S->log.items[k].g;
        assert_int_equal(S->log.items[k + 1].kind, EV_SEMACQUIRE);
        simtest_steps(S, 2); /* print, exit */
    }
    assert_int_equal(order[0], 3);
    assert_int_equal(order[1], 4);
    assert_int_equal(order[2], 2);
    assert_string_equal(sema_str(S, 2), "count=0 nwait=0 q=[]");
    sim_free(S);
}

/* ---- Mutex -----------------------------------------------------------------------------
 *
 *   main: mu.Lock(); go f(); Gosched(); mu.Unlock(); Gosched(); print(9)
 *   f: mu.Lock(); print(1); mu.Unlock()
 * f's Lock: the CAS 0 -> locked fails; lockSlow cannot spin with
 * GOMAXPROCS=1, adds a waiter and SemacquireMutex(lifo=false) parks it on
 * the sema, "semacquire".  Unlock: state - locked leaves 1 waiter, no woken
 * flag: unlockSlow sets woken, takes the waiter off and semreleases: count
 * 1, G2 readied into runnext.  G2 runs: cansemacquire takes the unit,
 * awoke: the mutex is free, so it locks it, clearing woken. */
static void test_mutex_waiter_readied_into_runnext(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(LOCK(0), GO(1), GOSCHED(), UNLOCK(0), GOSCHED(), PRINT(9)), "main.main"},
        {OPS(LOCK(0), PRINT(1), UNLOCK(0)), "main.f"},
    };
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 1);
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=0 | count=0 nwait=0 q=[]");
    simtest_steps(S, 3);
    assert_string_equal(evs(S), "schedule(2,0,0,0) semacquire.park(2,0,1,0) gopark(2,0,7,0)");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(semacquire)");
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=1 | count=0 nwait=1 q=[G2]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,2,0) semrelease(1,0,1,2) goready(2,0,0,0)");
    assert_string_equal(mutex_str(S, 1), "locked=0 woken=1 waiters=0 | count=1 nwait=0 q=[]");
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable");
    simtest_steps(S, 1); /* Gosched */
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,0,0)");
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=0 | count=0 nwait=0 q=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:running");
    simtest_steps(S, 2); /* print, Unlock: no waiters */
    assert_string_equal(evs(S), "");
    assert_string_equal(mutex_str(S, 1), "locked=0 woken=0 waiters=0 | count=0 nwait=0 q=[]");
    sim_free(S);
}

/* An unlocker that locks again before the woken waiter runs wins; the
 * waiter, having waited before (waitStartTime != 0), queues LIFO: at the
 * head of the semaphore queue.
 *   main: mu.Lock(); go a(); go b(); Gosched(); mu.Unlock(); mu.Lock();
 *         Gosched(); mu.Unlock(); Gosched(); ...
 *   a, b: mu.Lock(); print; mu.Unlock()
 * b (G3, runnext) then a (G2) park: q=[G3 G2], waiters 2.  Unlock: woken,
 * waiters 1, G3 readied.  main's Lock: lockSlow sees woken|1 waiter, not
 * locked: takes it (woken stays set).  G3 runs: cansemacquire takes the
 * unit, awoke; the mutex is locked: waiters 2, woken cleared,
 * SemacquireMutex(lifo=true): q=[G3 G2].  main's Unlock wakes the head, G3
 * again; G3 gets the lock this time; its Unlock wakes G2.  Real Go prints
 * "b a" for this program; FIFO re-queueing would give "a b". */
static void test_mutex_relock_wins_waiter_requeues_at_head(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(LOCK(0), GO(1), GO(2), GOSCHED(), UNLOCK(0), LOCK(0), GOSCHED(), UNLOCK(0), RECV(0)), "main.main"},
        {OPS(LOCK(0), PRINT(1), UNLOCK(0)), "main.a"},
        {OPS(LOCK(0), PRINT(2), UNLOCK(0)), "main.b"},
    };
    Script sc = {fns, 3};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 6);
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=2 | count=0 nwait=2 q=[G3 G2]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(semacquire) G3:waiting(semacquire)");
    simtest_steps(S, 1); /* main: Unlock */
    assert_string_equal(evs(S), "schedule(1,0,2,0) semrelease(1,0,1,3) goready(3,0,0,0)");
    assert_string_equal(mutex_str(S, 1), "locked=0 woken=1 waiters=1 | count=1 nwait=1 q=[G2]");
    simtest_steps(S, 1); /* main: Lock again, wins */
    assert_string_equal(evs(S), "");
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=1 waiters=1 | count=1 nwait=1 q=[G2]");
    assert_string_equal(simtest_gs(S), "G1:running G2:waiting(semacquire) G3:runnable");
    simtest_steps(S, 1); /* Gosched */
    simtest_steps(S, 1); /* G3 loses and re-queues at the head */
    assert_string_equal(evs(S), "schedule(3,0,0,0) semacquire.park(3,0,1,1) gopark(3,0,7,0)");
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=2 | count=0 nwait=2 q=[G3 G2]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(semacquire) G3:waiting(semacquire)");
    simtest_steps(S, 1); /* main: Unlock wakes the head */
    assert_string_equal(evs(S), "schedule(1,0,2,0) semrelease(1,0,1,3) goready(3,0,0,0)");
    assert_string_equal(mutex_str(S, 1), "locked=0 woken=1 waiters=1 | count=1 nwait=1 q=[G2]");
    simtest_steps(S, 1); /* main parks on <-c (c is nil: slot 0 was never made) */
    simtest_steps(S, 1); /* G3 gets the lock */
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=1 | count=0 nwait=1 q=[G2]");
    simtest_steps(S, 1);
    assert_string_equal(S->output.items, "2\n");
    simtest_steps(S, 1); /* G3's Unlock wakes G2 */
    assert_string_equal(evs(S), "semrelease(3,0,1,2) goready(2,0,0,0)");
    simtest_steps(S, 3); /* G3 exits; G2 locks; prints */
    assert_string_equal(S->output.items, "1\n");
    sim_free(S);
}

/* A third goroutine can take the semaphore unit meant for a woken waiter.
 *   main: mu.Lock(); go a(); Gosched(); mu.Unlock(); mu.Lock(); go b();
 *         Gosched(); mu.Unlock(); ...
 *   a, b: mu.Lock(); print; mu.Unlock()
 * a (G2) parks; main's Unlock readies it (sema count 1, woken); main locks
 * again; go b puts G3 in runnext and kicks G2 to the local queue.  G3's
 * Lock: lockSlow adds a waiter and calls SemacquireMutex, whose easy case
 * cansemacquire succeeds (the unit G2 was readied for): it returns at once,
 * awoke = true; the mutex is still locked: another waiter, woken cleared,
 * SemacquireMutex(lifo=true) parks G3 at the head.  Then G2 runs inside
 * semacquire1: s.ticket == 0 and cansemacquire fails, so it queues again
 * with its original lifo = false: at the tail, q=[G3 G2], without touching
 * the mutex state.  main's Unlock wakes G3, which prints first.  Real Go
 * 1.19, GOMAXPROCS=1, prints "b a" (G3 then G2). */
static void test_mutex_sema_unit_taken_by_third(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(LOCK(0), GO(1), GOSCHED(), UNLOCK(0), LOCK(0), GO(2), GOSCHED(), UNLOCK(0), RECV(0)), "main.main"},
        {OPS(LOCK(0), PRINT(1), UNLOCK(0)), "main.a"},
        {OPS(LOCK(0), PRINT(2), UNLOCK(0)), "main.b"},
    };
    Script sc = {fns, 3};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 7);
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=1 waiters=0 | count=1 nwait=0 q=[]");
    assert_string_equal(simtest_runq(S), "next=G3 local=[G2] global=[]");
    simtest_steps(S, 1); /* Gosched */
    simtest_steps(S, 1); /* G3: Lock */
    assert_string_equal(evs(S), "schedule(3,0,0,0) semacquire(3,0,1,0) semacquire.park(3,0,1,1) gopark(3,0,7,0)");
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=2 | count=0 nwait=1 q=[G3]");
    simtest_steps(S, 1); /* G2: the unit is gone; back to the tail */
    assert_string_equal(evs(S), "schedule(2,0,1,0) semacquire.park(2,0,1,0) gopark(2,0,7,0)");
    assert_string_equal(mutex_str(S, 1), "locked=1 woken=0 waiters=2 | count=0 nwait=2 q=[G3 G2]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(semacquire) G3:waiting(semacquire)");
    simtest_steps(S, 1); /* main: Unlock */
    assert_string_equal(evs(S), "schedule(1,0,2,0) semrelease(1,0,1,3) goready(3,0,0,0)");
    simtest_steps(S, 3); /* main parks; G3 locks; prints */
    assert_string_equal(S->output.items, "2\n");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "semrelease(3,0,1,2) goready(2,0,0,0)");
    simtest_steps(S, 3);
    assert_string_equal(S->output.items, "1\n");
    sim_free(S);
}

/* Unlock of an unlocked mutex: unlockSlow's fatal("sync: unlock of unlocked
 * mutex"), a fatal error, not a panic. */
static void test_mutex_unlock_unlocked_is_fatal(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(LOCK(0), UNLOCK(0), UNLOCK(0)), "main.main"}};
    Script sc = {fns, 1};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 2);
    assert_int_equal(simtest_step(S), SIM_FATAL);
    assert_string_equal(evs(S), "fatal(1,0,0,0)");
    assert_string_equal(S->message, "sync: unlock of unlocked mutex");
    assert_int_equal(S->crashed_g, 1);
    sim_free(S);
}

/* ---- time.Sleep and time.After -----------------------------------------------------------
 *
 *   main: go f(); go g(); Gosched(); print(9); time.Sleep(30ms)
 *   f: time.Sleep(10ms); print(1)       g: time.Sleep(20ms); print(2)
 * G3 (g) sleeps first (20 ms, created first), then G2 (f, 10 ms); main
 * prints with the clock still at 0: it moves only when nothing can run.
 * Then main sleeps: nothing runnable, timers pending: the clock jumps to
 * the earliest, 10 ms, whose timer (goroutineReady) readies G2 into
 * runnext; later 20 ms (G3), 30 ms (main): `when` order, not creation order. */
static void test_sleep_virtual_clock(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(GO(1), GO(2), GOSCHED(), PRINT(9), SLEEP(30 * MS)), "main.main"},
        {OPS(SLEEP(10 * MS), PRINT(1)), "main.f"},
        {OPS(SLEEP(20 * MS), PRINT(2)), "main.g"},
    };
    Script sc = {fns, 3};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 4);
    assert_string_equal(evs(S), "schedule(3,0,0,0) timeSleep(3,0,20,0) gopark(3,0,8,0)");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,1,0) timeSleep(2,0,10,0) gopark(2,0,8,0)");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(sleep) G3:waiting(sleep)");
    assert_int_equal(S->timers.len, 2);
    simtest_steps(S, 1);
    assert_string_equal(S->output.items, "9\n");
    assert_int_equal(S->now, 0);
    simtest_steps(S, 1);
    assert_string_equal(simtest_gs(S), "G1:waiting(sleep) G2:waiting(sleep) G3:waiting(sleep)");
    assert_int_equal(S->now, 0);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "clock.advance(0,0,10,0) timer.fire(2,0,10,0) goready(2,0,0,0) schedule(2,0,0,0)");
    assert_int_equal(S->now, 10 * MS);
    assert_string_equal(simtest_gs(S), "G1:waiting(sleep) G2:running G3:waiting(sleep)");
    simtest_steps(S, 2);
    assert_string_equal(simtest_gs(S), "G1:waiting(sleep) G2:dead G3:waiting(sleep)");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "clock.advance(0,0,20,0) timer.fire(3,0,20,0) goready(3,0,0,0) schedule(3,0,0,0)");
    assert_int_equal(S->now, 20 * MS);
    simtest_steps(S, 2);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "clock.advance(0,0,30,0) timer.fire(1,0,30,0) goready(1,0,0,0) schedule(1,0,0,0)");
    assert_int_equal(S->now, 30 * MS);
    assert_int_equal(S->timers.len, 0);
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* Timers due at the same instant fire in the same checkTimers, in
 * (when, creation) order (the virtual clock does not move while goroutines
 * run, so three 10 ms sleeps started at 0 are all due at exactly 10 ms); each goready takes runnext, so the one readied
 * second runs first.  main sleeps 10ms too: G2, G3 and main are all due at
 * 10 ms: G2 readied (next=G2), G3 (next=G3, local=[G2]), main (next=G1,
 * local=[G2 G3]). */
static void test_sleepers_due_together(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(GO(1), GO(1), GOSCHED(), SLEEP(10 * MS)), "main.main"},
        {OPS(SLEEP(10 * MS), PRINT(1)), "main.f"},
    };
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 6); /* G3 sleeps, G2 sleeps, main sleeps */
    assert_string_equal(simtest_gs(S), "G1:waiting(sleep) G2:waiting(sleep) G3:waiting(sleep)");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "clock.advance(0,0,10,0) timer.fire(3,0,10,0) goready(3,0,0,0) timer.fire(2,0,10,0) "
                                "goready(2,0,3,0) timer.fire(1,0,10,0) goready(1,0,2,0) schedule(1,0,0,0)");
    assert_string_equal(simtest_runq(S), "next= local=[G3 G2] global=[]");
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* time.Sleep(0) (and negative): timeSleep returns at once, no timer, no park. */
static void test_sleep_zero(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(SLEEP(0), SLEEP(-5), PRINT(1)), "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,0,0) timeSleep(1,0,0,0)");
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    assert_string_equal(simtest_gs(S), "G1:running");
    assert_int_equal(S->timers.len, 0);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    assert_int_equal(S->timers.len, 0);
    simtest_steps(S, 1);
    assert_string_equal(S->output.items, "1\n");
    assert_int_equal(S->now, 0);
    sim_free(S);
}

/* time.After(d): NewTimer(d).C, a make(chan Time, 1) whose timer runs
 * sendTime: a non-blocking send of the current time.
 * (1) main receives first: it parks on the empty channel; nothing else can
 *     run, the clock jumps to 5 ms, sendTime finds main in recvq and hands
 *     it the time directly; main is readied and gets 5 ms.
 * (2) main sleeps 10 ms first: at 5 ms the timer fires with no receiver and
 *     the time goes into the buffer (q=1/1); at 10 ms main wakes and
 *     receives it from the buffer. */
static void test_time_after(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(AFTER(0, 5 * MS), RECV(0)), "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,0,0) makechan(1,1,1,1)");
    assert_string_equal(simtest_chan(S, 1), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
    simtest_steps(S, 1);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive)");
    assert_string_equal(simtest_chan(S, 1), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[G1] sendq=[]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "clock.advance(0,0,5,0) timer.fire(0,1,5,1) lock(0,1,0,0) dequeue(1,1,1,0) "
                                "chansend.direct(0,1,1,0) copy.stack->stack(0,1,1,0) unlock(0,1,0,0) "
                                "goready(1,0,0,0) schedule(1,0,0,0) chanrecv.wakeup(1,1,1,0)");
    assert_int_equal(simtest_last_result(st, 1).val.i, 5 * MS);
    assert_true(simtest_last_result(st, 1).ok);
    assert_string_equal(simtest_chan(S, 1), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
    sim_free(S);

    ScriptFn fns2[] = {{OPS(AFTER(0, 5 * MS), SLEEP(10 * MS), RECV(0)), "main.main"}};
    Script sc2 = {fns2, 1};
    S = simtest_start(&sc2, &st);
    simtest_steps(S, 2);
    assert_string_equal(simtest_gs(S), "G1:waiting(sleep)");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "clock.advance(0,0,5,0) timer.fire(0,1,5,1) lock(0,1,0,0) chansend.buffer(0,1,0,0) copy.stack->buf(0,1,0,0) chan.advance(0,1,0,0) unlock(0,1,0,0) clock.advance(0,0,10,0) timer.fire(1,0,10,0) goready(1,0,0,0) schedule(1,0,0,0)");
    assert_string_equal(simtest_chan(S, 1), "q=1/1 sendx=0 recvx=0 buf=[5000000] closed=0 recvq=[] sendq=[]");
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 5 * MS);
    assert_string_equal(simtest_chan(S, 1), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
    assert_int_equal(S->now, 10 * MS);
    sim_free(S);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waitgroup_basic),
        cmocka_unit_test(test_waitgroup_negative_panics),
        cmocka_unit_test(test_waitgroup_several_waiters),
        cmocka_unit_test(test_mutex_waiter_readied_into_runnext),
        cmocka_unit_test(test_mutex_relock_wins_waiter_requeues_at_head),
        cmocka_unit_test(test_mutex_sema_unit_taken_by_third),
        cmocka_unit_test(test_mutex_unlock_unlocked_is_fatal),
        cmocka_unit_test(test_sleep_virtual_clock),
        cmocka_unit_test(test_sleepers_due_together),
        cmocka_unit_test(test_sleep_zero),
        cmocka_unit_test(test_time_after),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
