/* The scheduler of proc.go with GOMAXPROCS=1 (runqput, runqget,
 * globrunqget, findRunnable's order, execute's schedtick, runqputslow,
 * checkdead) and the model's scheduling policies.
 *
 * Expected values are worked out by hand from the Go 1.19 source; the
 * reasoning is above each test.  The model starts main.main in runnext with
 * schedtick = 5 (sim_start_main), and main's first schedule is a runnext
 * pick, which execute() does not count, so the first pick from the local or
 * global queue sees schedtick 5.  RunSource values in event strings:
 * RUN_RUNNEXT=0, RUN_LOCAL=1, RUN_GLOBAL=2, RUN_GLOBAL_FAIR=3. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "sched.h"

#define RECV_NIL() {.kind = SOP_RECV, .nilchan = true}
/* The ops from `to` up to this one run n times in all. */

static char evbuf[8192];

/* The step's events as "name(g,c,a,b) ...". */
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

/* The step's SCHED_PICK, or -1 (and *src untouched) if it did not schedule. */
static GoId step_pick(const Sim *S, int *src) {
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].kind == EV_SCHED_PICK) {
            if (src) *src = S->log.items[i].a;
            return S->log.items[i].g;
        }
    return -1;
}

typedef struct Pick { GoId g; int src; uint32_t tick_after; } Pick;

/* Steps to the end, recording every schedule. */
static int32_t run_picks(Sim *S, Pick *out, int32_t max) {
    int32_t n = 0;
    int r;
    do {
        r = simtest_step(S);
        int src;
        GoId g = step_pick(S, &src);
        if (g > 0) {
            assert_true(n < max);
            out[n++] = (Pick){g, src, S->p.schedtick};
        }
    } while (r == SIM_RUNNING);
    return n;
}

static void assert_local(const Sim *S, GoId first, GoId last) {
    assert_int_equal(sched_local_len(S), last - first + 1);
    for (int32_t i = 0; i < sched_local_len(S); i++) assert_int_equal(sched_local_at(S, i), first + i);
}

/* ---- runnext, local FIFO, global ----------------------------------------------
 *
 * main: go f(); go f(); go f(); Gosched()      f: print(7)
 * newproc -> runqput(pp, newg, next=true): the new G takes runnext and the
 * old runnext is kicked to the local tail: next=G2; next=G3 local=[G2];
 * next=G4 local=[G2 G3].  Gosched: globrunqput, global tail: global=[G1].
 * findRunnable: (schedtick 5, not a multiple of 61) runqget returns runnext
 * G4 with inheritTime (schedtick stays 5), then local G2 (6), G3 (7), then
 * the global queue: globrunqget(pp, 0) takes G1 (8). */
static void test_runnext_local_global_order(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(GO(1), GO(1), GO(1), GOSCHED()), "main.main"}, {OPS(PRINT(7)), "main.f"}};
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    assert_string_equal(simtest_runq(S), "next=G1 local=[] global=[]");
    assert_int_equal(S->p.schedtick, 5);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,0,0) newproc(2,0,1,0)");
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    assert_int_equal(S->p.schedtick, 5);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "newproc(3,0,1,2)");
    assert_string_equal(simtest_runq(S), "next=G3 local=[G2] global=[]");
    simtest_steps(S, 1);
    assert_string_equal(simtest_runq(S), "next=G4 local=[G2 G3] global=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable G3:runnable G4:runnable");
    assert_int_equal(sim_g(S, 4)->creator, 1);
    assert_int_equal(sim_g(S, 4)->creator_line, 3);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "gosched(1,0,0,0)");
    assert_string_equal(simtest_runq(S), "next=G4 local=[G2 G3] global=[G1]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:runnable G3:runnable G4:runnable");
    assert_int_equal(S->curg, 0);

    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(4,0,0,0) print(4,0,2,0)");
    assert_string_equal(simtest_runq(S), "next= local=[G2 G3] global=[G1]");
    assert_int_equal(S->p.schedtick, 5);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "goexit(4,0,0,0)");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:runnable G3:runnable G4:dead");
    assert_int_equal(S->ngoroutines, 3);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,1,0) print(2,0,2,0)");
    assert_string_equal(simtest_runq(S), "next= local=[G3] global=[G1]");
    assert_int_equal(S->p.schedtick, 6);
    simtest_steps(S, 2);
    assert_string_equal(evs(S), "schedule(3,0,1,0) print(3,0,2,0)");
    assert_string_equal(simtest_runq(S), "next= local=[] global=[G1]");
    assert_int_equal(S->p.schedtick, 7);
    simtest_steps(S, 1);
    assert_string_equal(simtest_gs(S), "G1:runnable G2:dead G3:dead G4:dead");
    assert_int_equal(simtest_step(S), SIM_EXITED);
    assert_string_equal(evs(S), "schedule(1,0,2,0) exit(1,0,0,0)");
    assert_string_equal(simtest_runq(S), "next= local=[] global=[]");
    assert_int_equal(S->p.schedtick, 8);
    sim_free(S);
}

/* goready = ready(gp, next=true): a woken goroutine takes runnext and kicks
 * the previous runnext to the local tail; the waker keeps running.
 *   main: c = make(chan int); go r(); Gosched(); go p(); c <- 1; Gosched()
 *   r: <-c      p: print(3)
 * Step 4: G2 parks in recvq.  Step 5: G1 from global; go p: next=G3.
 * Step 6: the send readies G2: next=G2, G3 kicked: local=[G3]
 * (goready event a = 3, the kicked one).  Step 7: Gosched: global=[G1].
 * Then G2 (runnext) finishes its receive, G3 (local), G1 (global). */
static void test_goready_into_runnext(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), GOSCHED(), GO(2), SEND(0, 1), GOSCHED()), "main.main"},
        {OPS(RECV(0)), "main.r"},
        {OPS(PRINT(3)), "main.p"},
    };
    Script sc = {fns, 3};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(chan receive)");
    assert_string_equal(simtest_runq(S), "next= local=[] global=[G1]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,2,0) newproc(3,0,1,0)");
    assert_string_equal(simtest_runq(S), "next=G3 local=[] global=[]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "lock(1,1,0,0) dequeue(2,1,1,0) chansend.direct(1,1,2,0) copy.stack->stack(1,1,2,0) "
                                "unlock(1,1,0,0) goready(2,0,3,0)");
    assert_string_equal(simtest_runq(S), "next=G2 local=[G3] global=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable G3:runnable");
    simtest_steps(S, 1);
    assert_string_equal(simtest_runq(S), "next=G2 local=[G3] global=[G1]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,0,0) chanrecv.wakeup(2,1,1,0)");
    assert_int_equal(simtest_last_result(st, 2).val.i, 1);
    simtest_steps(S, 2);
    assert_string_equal(evs(S), "schedule(3,0,1,0) print(3,0,2,0)");
    simtest_steps(S, 1);
    assert_int_equal(simtest_step(S), SIM_EXITED);
    assert_string_equal(evs(S), "schedule(1,0,2,0) exit(1,0,0,0)");
    sim_free(S);
}

/* Gosched goes to the global tail, FIFO; when runnext and the local queue
 * are empty, globrunqget(pp, 0) with gomaxprocs = 1 takes
 * n = min(runqsize/1 + 1, runqsize, 128) = all of them: runs the first and
 * runqputs the rest, in order, onto the local queue.
 *   main: go f(); go f(); Gosched(); Gosched(); print(9)
 *   f: Gosched(); print(1)
 * After step 3: next=G3 local=[G2] global=[G1].  G3 and G2 run and yield:
 * global=[G1 G3 G2].  Step 6: the batch: G1 runs, local=[G3 G2], schedtick
 * 5 -> 6 (G2 from local) -> 7 (G1 from global).  G1 yields again
 * (global=[G1]); G3 (8), G2 (9) from local, G1 from global (10). */
static void test_gosched_global_fifo_and_batch(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(GO(1), GO(1), GOSCHED(), GOSCHED(), PRINT(9)), "main.main"},
        {OPS(GOSCHED(), PRINT(1)), "main.f"},
    };
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 3);
    assert_string_equal(simtest_runq(S), "next=G3 local=[G2] global=[G1]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(3,0,0,0) gosched(3,0,0,0)");
    assert_string_equal(simtest_runq(S), "next= local=[G2] global=[G1 G3]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,1,0) gosched(2,0,0,0)");
    assert_string_equal(simtest_runq(S), "next= local=[] global=[G1 G3 G2]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:runnable G3:runnable");
    assert_int_equal(S->p.schedtick, 6);
    simtest_steps(S, 1);
    /* G1 from the global queue; the batch moves G3 and G2 to the local queue (b = 2). */
    assert_string_equal(evs(S), "schedule(1,0,2,2) gosched(1,0,0,0)");
    assert_string_equal(simtest_runq(S), "next= local=[G3 G2] global=[G1]");
    assert_int_equal(S->p.schedtick, 7);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(3,0,1,0) print(3,0,2,0)");
    assert_int_equal(S->p.schedtick, 8);
    simtest_steps(S, 2);
    assert_string_equal(evs(S), "schedule(2,0,1,0) print(2,0,2,0)");
    assert_int_equal(S->p.schedtick, 9);
    simtest_steps(S, 2);
    assert_string_equal(evs(S), "schedule(1,0,2,0) print(1,0,2,0)");
    assert_string_equal(S->output.items, "9\n");
    assert_int_equal(S->p.schedtick, 10);
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* ---- schedtick and the 61st-tick fairness check ------------------------------------
 *
 *   main: for i := 0; i < 70; i++ { go f(i); runtime.Gosched() }
 *   f: print
 * Iteration i: go -> runnext = G(i+2); Gosched -> global = [G1]; then
 * findRunnable with schedtick = 5 + i (only the pick of G1 from the global
 * queue counts; the pick of G(i+2) is from runnext).  At i = 56 schedtick is
 * 61: `schedtick%61 == 0 && sched.runqsize > 0` takes G1 from the global
 * queue first (RUN_GLOBAL_FAIR, counted: 62) while G58 waits in runnext.
 * G1 loops: go f(57) takes runnext and kicks G58 to the local queue;
 * Gosched; then G59 (runnext), G58 (local, 63), G1 (global, 64).  So f(57)
 * runs before f(56): real Go 1.19 with GOMAXPROCS=1 prints
 * "... 54 55 57 56 58 ..." for this program. */
static void test_fairness_61st_tick(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(GO(1), GOSCHED(), LOOP(0, 70)), "main.main"}, {OPS(PRINT(1)), "main.f"}};
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    /* Iterations 0..55: 5 steps each (go, Gosched, f prints, f exits, main's LOOP). */
    for (int i = 0; i < 56; i++) {
        simtest_steps(S, 2);
        char want[64];
        snprintf(want, sizeof want, "next=G%d local=[] global=[G1]", i + 2);
        assert_string_equal(simtest_runq(S), want);
        assert_int_equal(S->p.schedtick, 5 + i);
        simtest_steps(S, 1);
        int src = -1;
        assert_int_equal(step_pick(S, &src), i + 2);
        assert_int_equal(src, RUN_RUNNEXT);
        simtest_steps(S, 2);
        assert_int_equal(step_pick(S, &src), 1);
        assert_int_equal(src, RUN_GLOBAL);
    }
    simtest_steps(S, 2);
    assert_string_equal(simtest_runq(S), "next=G58 local=[] global=[G1]");
    assert_int_equal(S->p.schedtick, 61);
    simtest_steps(S, 1); /* the fairness pick; G1 runs its LOOP op */
    assert_string_equal(evs(S), "schedule(1,0,3,0)");
    assert_string_equal(simtest_runq(S), "next=G58 local=[] global=[]");
    assert_int_equal(S->p.schedtick, 62);
    simtest_steps(S, 1); /* go f(57) */
    assert_string_equal(evs(S), "newproc(59,0,1,58)");
    assert_string_equal(simtest_runq(S), "next=G59 local=[G58] global=[]");
    simtest_steps(S, 1); /* Gosched */
    assert_string_equal(simtest_runq(S), "next=G59 local=[G58] global=[G1]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(59,0,0,0) print(59,0,2,0)");
    simtest_steps(S, 2);
    assert_string_equal(evs(S), "schedule(58,0,1,0) print(58,0,2,0)");
    assert_int_equal(S->p.schedtick, 63);
    simtest_steps(S, 2);
    assert_string_equal(evs(S), "schedule(1,0,2,0)");
    assert_int_equal(S->p.schedtick, 64);
    /* The order of first runs of the 70 f's: 0..55, 57, 56, 58..69. */
    Pick picks[512];
    int32_t n = run_picks(S, picks, 512);
    assert_int_equal(S->state, SIM_EXITED);
    GoId expect = 60;
    for (int32_t i = 0; i < n; i++) {
        if (picks[i].g == 1) continue;
        assert_int_equal(picks[i].g, expect++);
        assert_true(picks[i].src == RUN_RUNNEXT);
    }
    assert_int_equal(expect, 72);
    sim_free(S);
}

/* Global batch (the 128 cap) and repeated fairness picks.
 *   main: for i := 0; i < 140; i++ { go child(i) }; <-nilchan (parks forever)
 *   child i (G(i+2)): Gosched(); print
 * After the loop: runnext = G141 (child 139), local = [G2..G140] (139).
 * G141 runs first and yields: global = [G141].  Local picks with
 * schedtick 5, 6, ...: the 57th (tick 61) is the fairness pick: by then
 * children 0..55 have yielded too, global = [G141 G2..G57], and G141 gets
 * its second run (tick 62).  Local resumes with G58; 60 picks later (tick
 * 122) another fairness pick takes G2 (123).  Local G118..G140 (23 picks,
 * tick 146).  Runnext and local empty: globrunqget(pp, 0) with
 * runqsize = 138 takes min(139, 138, len(runq)/2 = 128) = 128: G3 runs
 * (tick 147), G4..G130 go to the local queue, G131..G140 stay global.  Then
 * fairness at 183 takes G131, at 244 G132, and when local is empty again
 * the last batch G133..G140.
 * Order of the second runs: 139, 0, 1, 2..37, 129, 38..97, 130, 98..128,
 * 131..138 (child numbers): exactly what real Go 1.19 prints for this
 * program with GOMAXPROCS=1 (each child appending i after its Gosched).
 * At the end only main is left, parked on a nil channel: deadlock. */
static void test_global_batch_cap_and_fairness(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(GO(1), LOOP(0, 140), RECV_NIL()), "main.main"}, {OPS(GOSCHED(), PRINT(1)), "main.child"}};
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 281); /* 140 go, 140 LOOP, the receive */
    assert_int_equal(sim_g(S, 1)->status, GS_WAITING);
    assert_int_equal(S->p.runnext, 141);
    assert_local(S, 2, 140);
    assert_int_equal(sched_global_len(S), 0);

    static Pick picks[2048];
    int32_t n = 0;
    bool batch_checked = false;
    while (simtest_step(S) == SIM_RUNNING) {
        int src;
        GoId g = step_pick(S, &src);
        if (g < 0) continue;
        picks[n++] = (Pick){g, src, S->p.schedtick};
        if (g == 3 && src == RUN_GLOBAL) {
            /* The first batch: 128 taken, G3 runs, 127 moved to local, 10 stay. */
            assert_int_equal(S->p.schedtick, 147);
            assert_int_equal(S->p.runnext, 0);
            assert_local(S, 4, 130);
            assert_int_equal(sched_global_len(S), 10);
            for (int32_t i = 0; i < 10; i++) assert_int_equal(sched_global_at(S, i), 131 + i);
            batch_checked = true;
        }
    }
    assert_true(batch_checked);
    assert_int_equal(S->state, SIM_FATAL);
    assert_string_equal(S->message, "all goroutines are asleep - deadlock!");

    /* Second runs, in child numbers. */
    int32_t want[140], k = 0;
    want[k++] = 139;
    want[k++] = 0;
    want[k++] = 1;
    for (int c = 2; c <= 37; c++) want[k++] = c;
    want[k++] = 129;
    for (int c = 38; c <= 97; c++) want[k++] = c;
    want[k++] = 130;
    for (int c = 98; c <= 128; c++) want[k++] = c;
    for (int c = 131; c <= 138; c++) want[k++] = c;
    assert_int_equal(k, 140);
    bool seen[160] = {false};
    int32_t m = 0, fair = 0;
    for (int32_t i = 0; i < n; i++) {
        GoId g = picks[i].g;
        if (picks[i].src == RUN_GLOBAL_FAIR) {
            /* schedtick was a multiple of 61 when it was checked. */
            assert_int_equal((picks[i].tick_after - 1) % 61, 0);
            fair++;
        }
        if (!seen[g]) {
            seen[g] = true;
            continue;
        }
        assert_true(m < 140);
        assert_int_equal(g - 2, want[m]);
        m++;
    }
    assert_int_equal(m, 140);
    assert_int_equal(fair, 4); /* ticks 61, 122, 183, 244 */
    sim_free(S);
}

/* runqputslow: the local queue holds 256.
 *   main: for i := 0; i < 258; i++ { go child(i) }; <-nilchan     child: print
 * After 257 go's: runnext = G258, local = [G2..G257], full.  The 258th go:
 * runqput(G259, next) kicks G258 to a full local queue: runqputslow moves
 * the first half, G2..G129, then G258 to the global queue (129 = n + 1 with
 * n = (t-h)/2 = 128), leaving local = [G130..G257].
 * Then: G259 (runnext), local G130..G185 (ticks 5..60), fairness at 61
 * takes G2, local G186..G245, fairness at 122 takes G3, local G246..G257,
 * then the global batch: 127 left (G4..G129, G258), all taken: G4 runs, the
 * rest go local.
 * (Real Go 1.19 with GOMAXPROCS=1 shows this layout for a program that does
 * not import os: 257, 128.., 0, .., 1, .., 2..127, 256 in child numbers, with
 * fairness one child later because schedtick is 4 there; a program that
 * imports fmt has the runfinq goroutine in runnext when main starts, which
 * the first go kicks into the local queue, so its overflow comes one go
 * earlier.  The model has neither: its queues start empty with schedtick 5.) */
static void test_runqputslow_overflow(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(GO(1), LOOP(0, 258), RECV_NIL()), "main.main"}, {OPS(PRINT(1)), "main.child"}};
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 2 * 257 - 1);
    assert_int_equal(S->p.runnext, 258);
    assert_local(S, 2, 257);
    assert_int_equal(sched_global_len(S), 0);
    simtest_steps(S, 1); /* LOOP */
    simtest_steps(S, 1); /* the 258th go */
    /* newproc, then the runqput it makes overflows (the order they happen in). */
    assert_string_equal(evs(S), "newproc(259,0,1,258) runqputslow(258,0,129,0)");
    assert_int_equal(S->p.runnext, 259);
    assert_local(S, 130, 257);
    assert_int_equal(sched_global_len(S), 129);
    for (int32_t i = 0; i < 128; i++) assert_int_equal(sched_global_at(S, i), 2 + i);
    assert_int_equal(sched_global_at(S, 128), 258);
    for (GoId g = 2; g <= 259; g++) assert_int_equal(sim_g(S, g)->status, GS_RUNNABLE);

    static Pick picks[1024];
    simtest_steps(S, 2); /* LOOP falls through; main parks */
    assert_int_equal(sim_g(S, 1)->status, GS_WAITING);
    int32_t n = run_picks(S, picks, 1024);
    assert_int_equal(S->state, SIM_FATAL);
    int32_t want[258], k = 0;
    want[k++] = 259;
    for (GoId g = 130; g <= 185; g++) want[k++] = g;
    want[k++] = 2;
    for (GoId g = 186; g <= 245; g++) want[k++] = g;
    want[k++] = 3;
    for (GoId g = 246; g <= 257; g++) want[k++] = g;
    for (GoId g = 4; g <= 129; g++) want[k++] = g;
    want[k++] = 258;
    assert_int_equal(k, 258);
    assert_int_equal(n, 258);
    for (int32_t i = 0; i < n; i++) assert_int_equal(picks[i].g, want[i]);
    assert_int_equal(picks[57].src, RUN_GLOBAL_FAIR);
    assert_int_equal(picks[118].src, RUN_GLOBAL_FAIR);
    assert_int_equal(picks[131].src, RUN_GLOBAL);
    sim_free(S);
}

/* main returning ends the program at once (runtime.main calls exit(0)),
 * whatever else is runnable: the process is gone, so every goroutine is
 * dead and nothing waits to run. */
static void test_main_return_ends_program(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(GO(1), GO(1)), "main.main"}, {OPS(PRINT(1)), "main.f"}};
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 2);
    assert_int_equal(simtest_step(S), SIM_EXITED);
    assert_string_equal(evs(S), "exit(1,0,0,0)");
    assert_string_equal(simtest_runq(S), "next= local=[] global=[]");
    assert_string_equal(simtest_gs(S), "G1:dead G2:dead G3:dead");
    uint64_t steps = S->steps;
    assert_int_equal(sim_step(S), SIM_EXITED); /* nothing more happens */
    assert_int_equal(S->steps, steps);
    sim_free(S);
}

/* checkdead: no goroutine can run and no timer is pending ->
 * fatal("all goroutines are asleep - deadlock!"). */
static void test_deadlock(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 0), GO(1), RECV(0)), "main.main"}, {OPS(RECV(0)), "main.f"}};
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 4);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:waiting(chan receive)");
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1 G2] sendq=[]");
    assert_int_equal(simtest_step(S), SIM_FATAL);
    assert_string_equal(evs(S), "fatal(0,0,0,0)");
    assert_string_equal(S->message, "all goroutines are asleep - deadlock!");
    assert_int_equal(S->crashed_g, 0);
    sim_free(S);
}

/* checkdead returns while a P has timers: a sleeping goroutine is not a
 * deadlock.  The model moves its clock to the timer instead.
 *   main: c := make(chan int); go f(); <-c; <-c       f: time.Sleep(5ms); c <- 1
 * Step 3: main parks.  Step 4: G2 sleeps (timer at 5 ms).  Step 5: nothing
 * runnable, a timer pending: the clock jumps to 5 ms, the timer fires
 * (goroutineReady -> goready: runnext), G2 runs and returns from Sleep.
 * Step 6: G2 sends to main.  Step 7: G2 exits.  Step 8: main receives.
 * Step 9: main parks again; step 10: nothing runnable, no timers: deadlock. */
static void test_no_deadlock_while_timer_pending(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 0), GO(1), RECV(0), RECV(0)), "main.main"}, {OPS(SLEEP(5000000), SEND(0, 1)), "main.f"}};
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:waiting(sleep)");
    assert_int_equal(S->now, 0);
    simtest_steps(S, 1);
    assert_int_equal(S->state, SIM_RUNNING);
    assert_string_equal(evs(S), "clock.advance(0,0,5,0) timer.fire(2,0,5,0) goready(2,0,0,0) schedule(2,0,0,0)");
    assert_int_equal(S->now, 5000000);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:running");
    simtest_steps(S, 3);
    assert_int_equal(simtest_last_result(st, 1).val.i, 1);
    simtest_steps(S, 1);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:dead");
    assert_int_equal(simtest_step(S), SIM_FATAL);
    assert_string_equal(S->message, "all goroutines are asleep - deadlock!");
    sim_free(S);
}

/* ---- the policies ----------------------------------------------------------------- */

/* A program with several goroutines, selects (random poll order) and yields;
 * it always finishes: six values are sent and main receives six. */
static const ScriptFn policy_fns[] = {
    {OPS(MAKE(0, 0), MAKE(1, 2), GO(1), GO(2), GO(1), SEL(2, false, CR(0), CR(1)), SEL(2, false, CR(0), CR(1)),
         SEL(2, false, CR(0), CR(1)), SEL(2, false, CR(0), CR(1)), SEL(2, false, CR(0), CR(1)),
         SEL(2, false, CR(0), CR(1)), PRINT(1)),
     "main.main"},
    {OPS(SEND(0, 1), GOSCHED(), SEND(1, 2)), "main.a"},
    {OPS(SEND(1, 3), GOSCHED(), SEND(0, 4)), "main.b"},
};

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

/* Runs S to the end; per-step digests of the log and output into out. */
static int32_t run_digests(Sim *S, uint64_t *out, int32_t max) {
    int32_t n = 0;
    while (S->state == SIM_RUNNING) {
        simtest_step(S);
        uint64_t h = 0xcbf29ce484222325ULL;
        for (int32_t i = 0; i < S->log.len; i++) {
            const Event *e = &S->log.items[i];
            int32_t f[5] = {e->kind, e->g, e->c, e->a, e->b};
            h = fnv(h, f, sizeof f);
            h = fnv(h, &e->v, sizeof e->v);
        }
        if (S->output.len) h = fnv(h, S->output.items, (size_t)S->output.len);
        assert_true(n < max);
        out[n++] = h;
    }
    return n;
}

static Sim *policy_sim(uint64_t seed, int policy) {
    static const Script sc = {policy_fns, 3};
    Sim *S = sim_new(seed);
    script_start(S, &sc);
    S->policy = policy;
    return S;
}

/* SCHED_RANDOM draws from the Sim's generator: the same seed gives the same
 * run, event for event; different seeds give different runs. */
static void test_random_policy_reproducible(void **state) {
    (void)state;
    static uint64_t a[4096], b[4096];
    int distinct = 0;
    uint64_t first_digest = 0;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        Sim *A = policy_sim(seed, SCHED_RANDOM);
        Sim *B = policy_sim(seed, SCHED_RANDOM);
        int32_t na = run_digests(A, a, 4096), nb = run_digests(B, b, 4096);
        assert_int_equal(A->state, SIM_EXITED);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, (size_t)na * sizeof a[0]);
        assert_int_equal(A->choices.len, B->choices.len);
        assert_memory_equal(A->choices.items, B->choices.items, (size_t)A->choices.len * sizeof(Choice));
        uint64_t d = fnv(0xcbf29ce484222325ULL, a, (size_t)na * sizeof a[0]);
        if (seed == 1) first_digest = d;
        else distinct += d != first_digest;
        sim_free(A);
        sim_free(B);
    }
    assert_true(distinct > 0);
}

/* SCHED_RANDOM picks among all runnable goroutines, however many: with 100
 * of them runnable at once (the picker once copied them into a 64-entry
 * buffer and indexed past its end), every pick is one of them, taken out of
 * its queue (sim_check after each step), and the run is reproducible from
 * the seed. */
static void test_random_policy_many_runnable(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(GO(1), LOOP(0, 100), GOSCHED(), PRINT(1)), "main.main"}, {OPS(GOSCHED(), PRINT(2)), "main.f"}};
    Script sc = {fns, 2};
    static uint64_t a[4096], b[4096];
    Sim *A = sim_new(5), *B = sim_new(5);
    script_start(A, &sc);
    script_start(B, &sc);
    A->policy = B->policy = SCHED_RANDOM;
    int32_t na = run_digests(A, a, 4096), nb = run_digests(B, b, 4096);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, (size_t)na * sizeof a[0]);
    assert_int_equal(A->state, SIM_EXITED);
    /* Random picks record how many goroutines they chose among. */
    int32_t most = 0;
    for (int32_t i = 0; i < A->choices.len; i++)
        if (A->choices.items[i].kind == CHOICE_RUN && A->choices.items[i].bound > most) most = A->choices.items[i].bound;
    assert_true(most > 64);
    sim_free(A);
    sim_free(B);
}

/* SCHED_MANUAL: a schedule without a choice stops with SIM_NEED_CHOICE (and
 * takes no step) until sim_choose names a runnable goroutine, which is then
 * taken from wherever it waits.
 *   main: go f(); go f(); Gosched(); print(5)     f: print(1) */
static void test_manual_policy(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(GO(1), GO(1), GOSCHED(), PRINT(5)), "main.main"}, {OPS(PRINT(1)), "main.f"}};
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    S->policy = SCHED_MANUAL;
    assert_int_equal(simtest_step(S), SIM_NEED_CHOICE);
    assert_int_equal(simtest_step(S), SIM_NEED_CHOICE);
    assert_int_equal(S->steps, 0);
    assert_int_equal(S->curg, 0);
    GoId r[8];
    assert_int_equal(sim_runnable(S, r, 8), 1);
    assert_int_equal(r[0], 1);
    assert_false(sim_choose(S, 2)); /* no such goroutine */
    assert_false(sim_choose(S, 0));
    assert_int_equal(S->state, SIM_NEED_CHOICE);
    assert_true(sim_choose(S, 1));
    assert_int_equal(S->state, SIM_RUNNING);
    simtest_steps(S, 3); /* go, go, Gosched: main never reschedules in between */
    assert_string_equal(simtest_runq(S), "next=G3 local=[G2] global=[G1]");
    assert_int_equal(simtest_step(S), SIM_NEED_CHOICE);
    assert_int_equal(S->steps, 3);
    assert_int_equal(sim_runnable(S, r, 8), 3);
    assert_int_equal(r[0], 3);
    assert_int_equal(r[1], 2);
    assert_int_equal(r[2], 1);
    assert_true(sim_choose(S, 2)); /* from the local queue, past runnext */
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,1,0) print(2,0,2,0)");
    assert_string_equal(simtest_runq(S), "next=G3 local=[] global=[G1]");
    assert_int_equal(S->p.schedtick, 6);
    simtest_steps(S, 1); /* G2 exits */
    assert_false(sim_choose(S, 2)); /* dead */
    assert_int_equal(simtest_step(S), SIM_NEED_CHOICE);
    assert_true(sim_choose(S, 1)); /* from the global queue, alone: no batch */
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,2,0) print(1,0,2,0)");
    assert_string_equal(simtest_runq(S), "next=G3 local=[] global=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:dead G3:runnable");
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* SCHED_REPLAY of the choices a random run recorded (which goroutine each
 * schedule ran, and every fastrandn draw) reproduces it exactly, whatever
 * the replaying Sim's own seed. */
static void test_replay_reproduces_random_run(void **state) {
    (void)state;
    static uint64_t a[4096], b[4096];
    for (uint64_t seed = 1; seed <= 8; seed++) {
        Sim *A = policy_sim(seed, SCHED_RANDOM);
        int32_t na = run_digests(A, a, 4096);
        assert_int_equal(A->state, SIM_EXITED);
        Sim *B = policy_sim(seed * 7919 + 3, SCHED_REPLAY);
        VEC_COPY(B->replay, A->choices);
        int32_t nb = run_digests(B, b, 4096);
        assert_int_equal(B->state, SIM_EXITED);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, (size_t)na * sizeof a[0]);
        assert_int_equal(B->replay_pos, A->choices.len);
        assert_int_equal(B->choices.len, A->choices.len);
        assert_memory_equal(A->choices.items, B->choices.items, (size_t)A->choices.len * sizeof(Choice));
        sim_free(A);
        sim_free(B);
    }
}

/* Replaying the choices of a run under the real scheduler reproduces its
 * queues too, not only who runs: a recorded pick that is the one
 * findRunnable makes is taken the way it made it, so a global batch still
 * moves the rest of the batch to the local queue (the program of
 * test_gosched_global_fifo_and_batch: step 6 takes G1 from global=[G1 G3 G2]
 * and leaves local=[G3 G2]). */
static void test_replay_of_go_run_keeps_queues(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(GO(1), GO(1), GOSCHED(), GOSCHED(), PRINT(9)), "main.main"},
        {OPS(GOSCHED(), PRINT(1)), "main.f"},
    };
    Script sc = {fns, 2};
    Sim *A = simtest_start(&sc, NULL);
    char views[64][256];
    int n = 0;
    while (simtest_step(A) == SIM_RUNNING) {
        assert_true(n < 64);
        snprintf(views[n++], sizeof views[0], "%s | %s | tick %u", simtest_runq(A), simtest_gs(A), A->p.schedtick);
    }
    assert_string_equal(views[5], "next= local=[G3 G2] global=[G1] | G1:runnable G2:runnable G3:runnable | tick 7");
    Sim *B = simtest_start(&sc, NULL);
    B->policy = SCHED_REPLAY;
    VEC_COPY(B->replay, A->choices);
    for (int i = 0; i < n; i++) {
        assert_int_equal(simtest_step(B), SIM_RUNNING);
        char v[256];
        snprintf(v, sizeof v, "%s | %s | tick %u", simtest_runq(B), simtest_gs(B), B->p.schedtick);
        assert_string_equal(v, views[i]);
    }
    assert_int_equal(simtest_step(B), SIM_EXITED);
    assert_int_equal(B->choices.len, A->choices.len);
    assert_memory_equal(B->choices.items, A->choices.items, (size_t)A->choices.len * sizeof(Choice));
    assert_memory_equal(&B->p, &A->p, sizeof A->p);
    sim_free(A);
    sim_free(B);
}

/* A replayed choice naming a goroutine that is not runnable stops the run.
 *   main: c := make(chan int); go f(); <-c; print(1)     f: c <- 5
 * The real scheduler's choices: run G1 (step 1), run G2 (step 4, after main
 * parks at step 3), run G1 (step 6).  Replaying with choice 1 changed to G1,
 * which is then waiting on c: SIM_REPLAY_ERROR at step 3. */
static void test_replay_error(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 0), GO(1), RECV(0), PRINT(1)), "main.main"}, {OPS(SEND(0, 5)), "main.f"}};
    Script sc = {fns, 2};
    Sim *A = simtest_start(&sc, NULL);
    while (simtest_step(A) == SIM_RUNNING) {
    }
    assert_int_equal(A->state, SIM_EXITED);
    assert_int_equal(A->choices.len, 3);
    const int32_t want[3] = {1, 2, 1};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(A->choices.items[i].kind, CHOICE_RUN);
        assert_int_equal(A->choices.items[i].value, want[i]);
    }
    Sim *B = simtest_start(&sc, NULL);
    B->policy = SCHED_REPLAY;
    VEC_COPY(B->replay, A->choices);
    B->replay.items[1].value = 1;
    simtest_steps(B, 3);
    assert_string_equal(simtest_gs(B), "G1:waiting(chan receive) G2:runnable");
    assert_int_equal(simtest_step(B), SIM_REPLAY_ERROR);
    assert_string_equal(B->message, "replay: choice 1 names goroutine 1, which is not runnable at step 3");
    assert_int_equal(B->steps, 3);
    assert_int_equal(B->curg, 0);
    assert_string_equal(simtest_runq(B), "next=G2 local=[] global=[]");
    assert_int_equal(sim_step(B), SIM_REPLAY_ERROR);
    assert_int_equal(B->steps, 3);
    sim_free(A);
    sim_free(B);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runnext_local_global_order),
        cmocka_unit_test(test_goready_into_runnext),
        cmocka_unit_test(test_gosched_global_fifo_and_batch),
        cmocka_unit_test(test_fairness_61st_tick),
        cmocka_unit_test(test_global_batch_cap_and_fairness),
        cmocka_unit_test(test_runqputslow_overflow),
        cmocka_unit_test(test_main_return_ends_program),
        cmocka_unit_test(test_deadlock),
        cmocka_unit_test(test_no_deadlock_while_timer_pending),
        cmocka_unit_test(test_random_policy_reproducible),
        cmocka_unit_test(test_random_policy_many_runnable),
        cmocka_unit_test(test_manual_policy),
        cmocka_unit_test(test_replay_reproduces_random_run),
        cmocka_unit_test(test_replay_of_go_run_keeps_queues),
        cmocka_unit_test(test_replay_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
