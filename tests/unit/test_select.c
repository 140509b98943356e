/* selectgo (runtime/select.go) and the compiler's rewrites of small selects
 * (cmd/compile/internal/walk/select.go), driven through op scripts.
 *
 * Every expected value below is worked out by hand from the Go 1.19 source;
 * the reasoning is in the comment above each test.  Conventions used in the
 * expectations:
 *   - script slot k is channel id k+1 when the MAKEs run in slot order, so
 *     "chan 1" is slot 0;
 *   - sudog ids are handed out by acquireSudog from a free list (LIFO) and
 *     grow from 1 when the list is empty;
 *   - evs() prints the step's events as name(g,c,a,b), skipping the
 *     selectgo.pollorder events, which depend on the seed and are checked
 *     separately against the recorded fastrandn draws.
 * Enum values in the event strings: RunSource RUN_RUNNEXT=0, RUN_LOCAL=1,
 * RUN_GLOBAL=2; WaitReason chan receive=1, chan send=2, select=3,
 * select (no cases)=4; PanicKind send on closed channel=1. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "sched.h"
#include "select.h"

/* select over n cases (source order), with or without default. */

static char evbuf[8192];

/* The step's events as "name(g,c,a,b) ...", without the poll order. */
static const char *evs(const Sim *S) {
    evbuf[0] = '\0';
    size_t n = 0;
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        if (e->kind == EV_SELECT_POLLORDER) continue;
        n += (size_t)snprintf(evbuf + n, sizeof evbuf - n, "%s%s(%d,%d,%d,%d)", n ? " " : "", event_name(e->kind), e->g,
                              e->c, e->a, e->b);
        assert_true(n < sizeof evbuf);
    }
    return evbuf;
}

/* The poll order the step logged (case index at each position); returns how many. */
static int32_t logged_pollorder(const Sim *S, int32_t *poll) {
    int32_t n = 0;
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        if (e->kind != EV_SELECT_POLLORDER) continue;
        assert_int_equal(e->a, n); /* positions logged in order */
        poll[n++] = e->b;
    }
    return n;
}

/* selectgo's "generate permuted order" loop, replayed from the fastrandn
 * draws the Sim recorded: the last m CHOICE_RAND choices, whose bounds must
 * be 1, 2, ..., m (fastrandn(norder+1) per case with a channel).  chan_cases
 * lists the case indexes that have a channel, in source order. */
static void expected_pollorder(const Sim *S, const int32_t *chan_cases, int32_t m, int32_t *poll) {
    int32_t draws[16], bounds[16], k = m;
    assert_true(m <= 16);
    for (int32_t i = S->choices.len - 1; i >= 0 && k > 0; i--) {
        if (S->choices.items[i].kind != CHOICE_RAND) continue;
        k--;
        draws[k] = S->choices.items[i].value;
        bounds[k] = S->choices.items[i].bound;
    }
    assert_int_equal(k, 0);
    for (int32_t norder = 0; norder < m; norder++) {
        int32_t j = draws[norder];
        assert_int_equal(bounds[norder], norder + 1);
        assert_true(j >= 0 && j <= norder);
        poll[norder] = poll[j];
        poll[j] = chan_cases[norder];
    }
}

static void check_pollorder(const Sim *S, const int32_t *chan_cases, int32_t m, int32_t *poll) {
    int32_t want[16] = {0};
    assert_int_equal(logged_pollorder(S, poll), m);
    expected_pollorder(S, chan_cases, m, want);
    for (int32_t i = 0; i < m; i++) assert_int_equal(poll[i], want[i]);
}

static Sim *start_seed(const Script *sc, uint64_t seed, ScriptState **st) {
    Sim *S = sim_new(seed);
    ScriptState *s = script_start(S, sc);
    if (st) *st = s;
    return S;
}

/* ---- pass 1: the first ready case in poll order ------------------------------
 *
 * selectgo permutes the cases with a channel (pollorder[norder] =
 * pollorder[j]; pollorder[j] = i with j = fastrandn(norder+1)), locks every
 * channel, and walks pollorder: the first case that can proceed wins.
 *
 * main: c0 = make(chan int, 1) <- 10   (chan 1: case 0 can bufrecv)
 *       c1 = make(chan int, 1)         (chan 2: case 2 can bufsend)
 *       c2 = make(chan int)            (chan 3: case 1 cannot proceed: no sender, not closed)
 *       c3 = make(chan int, 1) <- 13   (chan 4: case 3 can bufrecv)
 *       select { case <-c0: case <-c2: case c1 <- 7: case <-c3: }
 * Whatever the seed, the case taken is the first of {0, 2, 3} in the logged
 * poll order, and the logged poll order is exactly what the loop makes from
 * the recorded draws (bounds 1, 2, 3, 4).  The winner's channel changes as
 * bufrecv/bufsend change it; the others are untouched. */
static void test_pass1_first_ready_in_poll_order(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 1), MAKE(1, 1), MAKE(2, 0), MAKE(3, 1), SEND(0, 10), SEND(3, 13),
                           SEL(4, false, CR(0), CR(2), CS(1, 7), CR(3))),
                       "main.main"}};
    Script sc = {fns, 1};
    int taken[4] = {0}, unready_first = 0;
    for (uint64_t seed = 1; seed <= 200; seed++) {
        ScriptState *st;
        Sim *S = start_seed(&sc, seed, &st);
        simtest_steps(S, 7);
        int32_t poll[4];
        const int32_t chan_cases[] = {0, 1, 2, 3};
        check_pollorder(S, chan_cases, 4, poll);
        int32_t want = poll[0] == 1 ? poll[1] : poll[0];
        unready_first += poll[0] == 1;
        taken[want]++;
        ScriptResult r = simtest_last_result(st, 1);
        assert_int_equal(r.status, OP_DONE);
        assert_int_equal(r.casei, want);
        switch (want) {
        case 0:
            assert_int_equal(r.val.i, 10);
            assert_true(r.ok);
            assert_string_equal(evs(S), "selectgo(1,0,4,0) lock(1,1,0,0) lock(1,2,0,0) lock(1,3,0,0) lock(1,4,0,0) selectgo.bufrecv(1,1,0,0) copy.buf->stack(1,1,0,0) typedmemclr(1,1,0,0) chan.advance(1,1,0,0) unlock(1,4,0,0) unlock(1,3,0,0) unlock(1,2,0,0) unlock(1,1,0,0)");
            assert_string_equal(simtest_chan(S, 1), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
            assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
            assert_string_equal(simtest_chan(S, 4), "q=1/1 sendx=0 recvx=0 buf=[13] closed=0 recvq=[] sendq=[]");
            break;
        case 2:
            assert_true(r.ok);
            assert_string_equal(evs(S), "selectgo(1,0,4,0) lock(1,1,0,0) lock(1,2,0,0) lock(1,3,0,0) lock(1,4,0,0) selectgo.bufsend(1,2,2,0) copy.stack->buf(1,2,0,0) chan.advance(1,2,0,0) unlock(1,4,0,0) unlock(1,3,0,0) unlock(1,2,0,0) unlock(1,1,0,0)");
            assert_string_equal(simtest_chan(S, 1), "q=1/1 sendx=0 recvx=0 buf=[10] closed=0 recvq=[] sendq=[]");
            assert_string_equal(simtest_chan(S, 2), "q=1/1 sendx=0 recvx=0 buf=[7] closed=0 recvq=[] sendq=[]");
            assert_string_equal(simtest_chan(S, 4), "q=1/1 sendx=0 recvx=0 buf=[13] closed=0 recvq=[] sendq=[]");
            break;
        case 3:
            assert_int_equal(r.val.i, 13);
            assert_true(r.ok);
            assert_string_equal(evs(S), "selectgo(1,0,4,0) lock(1,1,0,0) lock(1,2,0,0) lock(1,3,0,0) lock(1,4,0,0) selectgo.bufrecv(1,4,3,0) copy.buf->stack(1,4,0,0) typedmemclr(1,4,0,0) chan.advance(1,4,0,0) unlock(1,4,0,0) unlock(1,3,0,0) unlock(1,2,0,0) unlock(1,1,0,0)");
            assert_string_equal(simtest_chan(S, 1), "q=1/1 sendx=0 recvx=0 buf=[10] closed=0 recvq=[] sendq=[]");
            assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
            assert_string_equal(simtest_chan(S, 4), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
            break;
        default: fail_msg("case %d cannot proceed", want);
        }
        assert_string_equal(simtest_chan(S, 3), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
        assert_string_equal(simtest_gs(S), "G1:running");
        assert_string_equal(simtest_runq(S), "next= local=[] global=[]");
        sim_free(S);
    }
    /* Each ready case wins for some seed, and the unready one is sometimes polled first. */
    assert_true(taken[0] > 0 && taken[2] > 0 && taken[3] > 0);
    assert_int_equal(taken[1], 0);
    assert_true(unready_first > 0);
}

/* The same seed gives the same poll order: fastrandn is the Sim's
 * generator seeded by sim_new, and every draw is recorded as a choice. */
static void test_pollorder_reproducible(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 1), MAKE(1, 1), MAKE(2, 1), SEL(3, true, CR(0), CR(1), CR(2))), "main.main"}};
    Script sc = {fns, 1};
    for (uint64_t seed = 1; seed <= 20; seed++) {
        int32_t p1[3], p2[3];
        Sim *A = start_seed(&sc, seed, NULL);
        simtest_steps(A, 4);
        assert_int_equal(logged_pollorder(A, p1), 3);
        Sim *B = start_seed(&sc, seed, NULL);
        simtest_steps(B, 4);
        assert_int_equal(logged_pollorder(B, p2), 3);
        assert_memory_equal(p1, p2, sizeof p1);
        assert_int_equal(A->choices.len, B->choices.len);
        assert_memory_equal(A->choices.items, B->choices.items, (size_t)A->choices.len * sizeof(Choice));
        sim_free(A);
        sim_free(B);
    }
}

/* A send case on a closed channel panics only if pass 1 reaches it before
 * a ready case: select { case c0 <- 1: (c0 closed)  case <-c1: (c1 holds 5) }.
 * Poll order [0 1]: sclose, selunlock, panic "send on closed channel".
 * Poll order [1 0]: bufrecv of 5 from c1; no panic. */
static void test_sclose_depends_on_poll_order(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 0), MAKE(1, 1), CLOSE(0), SEND(1, 5), SEL(2, false, CS(0, 1), CR(1))), "main.main"}};
    Script sc = {fns, 1};
    int panicked = 0, received = 0;
    for (uint64_t seed = 1; seed <= 64; seed++) {
        ScriptState *st;
        Sim *S = start_seed(&sc, seed, &st);
        simtest_steps(S, 4);
        int r = simtest_step(S);
        int32_t poll[2];
        const int32_t chan_cases[] = {0, 1};
        check_pollorder(S, chan_cases, 2, poll);
        if (poll[0] == 0) {
            panicked++;
            assert_int_equal(r, SIM_PANICKED);
            assert_string_equal(S->message, "send on closed channel");
            assert_int_equal(S->crashed_g, 1);
            assert_string_equal(evs(S), "selectgo(1,0,2,0) lock(1,1,0,0) lock(1,2,0,0) selectgo.sclose(1,1,0,0) "
                                        "unlock(1,2,0,0) unlock(1,1,0,0) panic(1,0,1,0)");
            assert_string_equal(simtest_chan(S, 2), "q=1/1 sendx=0 recvx=0 buf=[5] closed=0 recvq=[] sendq=[]");
        } else {
            received++;
            assert_int_equal(r, SIM_RUNNING);
            assert_int_equal(simtest_last_result(st, 1).casei, 1);
            assert_int_equal(simtest_last_result(st, 1).val.i, 5);
            assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
        }
        sim_free(S);
    }
    assert_true(panicked > 0 && received > 0);
}

/* ---- pass 1, one branch at a time -------------------------------------------
 *
 * recv from a parked sender (unbuffered):
 *   main: c0 = make(chan int); c1 = make(chan int); go sender(); Gosched();
 *         select { case <-c1: case v := <-c0: }
 *   sender: c0 <- 5
 * Steps 1-4: make, make, go (G2 into runnext), Gosched (G1 to the global tail).
 * Step 5: schedule takes runnext G2; chansend finds no receiver and parks G2
 *   with sudog 1 on chan 1's sendq ("chan send").
 * Step 6: schedule: runnext and local empty, global [G1]: RUN_GLOBAL.  The
 *   select: lockorder by channel = chan 1 (case 1), chan 2 (case 0).  Case 0
 *   (chan 2) has nothing whatever its place in the poll order; case 1 finds
 *   sudog 1 with sendq.dequeue() and goes to recv: unbuffered, so the
 *   sender's value is copied straight to the receiver (copy.stack->stack,
 *   logged with g = sender, a = receiver), selunlock in reverse lock order
 *   (chan 2, chan 1), then goready(G2): runnext.  */
static void test_recv_from_parked_sender(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), MAKE(1, 0), GO(1), GOSCHED(), SEL(2, false, CR(1), CR(0)), PRINT(1)), "main.main"},
        {OPS(SEND(0, 5)), "main.sender"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[G1]");
    simtest_steps(S, 1);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[G2:5]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(chan send)");
    assert_string_equal(simtest_runq(S), "next= local=[] global=[G1]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,2,0) selectgo(1,0,2,0) lock(1,1,0,0) lock(1,2,0,0) dequeue(2,1,1,1) "
                                "selectgo.recv(1,1,1,2) copy.stack->stack(2,1,1,0) unlock(1,2,0,0) unlock(1,1,0,0) "
                                "goready(2,0,0,0)");
    ScriptResult r = simtest_last_result(st, 1);
    assert_int_equal(r.status, OP_DONE);
    assert_int_equal(r.casei, 1);
    assert_int_equal(r.val.i, 5);
    assert_true(r.ok);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable");
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    assert_int_equal(sim_g(S, 2)->param, 1); /* the waker's sudog, for chansend's wakeup */
    simtest_steps(S, 1);                     /* main keeps running: print */
    assert_string_equal(S->output.items, "1\n");
    assert_int_equal(simtest_step(S), SIM_EXITED); /* main returns with G2 runnable */
    sim_free(S);
}

/* recv from a parked sender on a full buffered channel: selectgo's recv()
 * with dataqsiz > 0 rotates like chanrecv: buf[recvx] to the receiver, the
 * sender's value into that slot, recvx++ and sendx = recvx.
 *   main: c0 = make(chan int, 1); c1 = make(chan int); c0 <- 1; go sender(); Gosched();
 *         select { case v := <-c0: case <-c1: }
 *   sender: c0 <- 2   (parks: buffer full)
 * Step 7 (the select): case 0 dequeues the sender (sudog 1) before looking
 * at qcount, so the recv path: copy.buf->stack slot 0 (value 1),
 * copy.stack->buf slot 0 (value 2), recvx = sendx = 0 (wraps), qcount 1. */
static void test_recv_rotate_from_full_buffer(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 1), MAKE(1, 0), SEND(0, 1), GO(1), GOSCHED(), SEL(2, false, CR(0), CR(1))), "main.main"},
        {OPS(SEND(0, 2)), "main.sender"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 6);
    assert_string_equal(simtest_chan(S, 1), "q=1/1 sendx=0 recvx=0 buf=[1] closed=0 recvq=[] sendq=[G2:2]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,2,0) selectgo(1,0,2,0) lock(1,1,0,0) lock(1,2,0,0) dequeue(2,1,1,1) selectgo.recv(1,1,0,2) copy.buf->stack(1,1,0,0) copy.stack->buf(2,1,0,0) chan.advance(1,1,0,0) unlock(1,2,0,0) unlock(1,1,0,0) goready(2,0,0,0)");
    assert_int_equal(simtest_last_result(st, 1).casei, 0);
    assert_int_equal(simtest_last_result(st, 1).val.i, 1);
    assert_string_equal(simtest_chan(S, 1), "q=1/1 sendx=0 recvx=0 buf=[2] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable");
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    sim_free(S);
}

/* rclose, and a closed channel that still holds a value.
 *   main: c0 = make(chan int, 1); c1 = make(chan int); c0 <- 7; close(c0);
 *         select { case <-c1: case v, ok := <-c0: }   (twice)
 * Pass 1 on a recv case checks sendq, then qcount > 0, then closed: the
 * first select takes 7 from the buffer with ok = true although c0 is
 * closed (bufrecv); the second finds it closed and empty: rclose, the zero
 * value and ok = false, after selunlock. */
static void test_rclose_after_buffer_drains(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 1), MAKE(1, 0), SEND(0, 7), CLOSE(0), SEL(2, false, CR(1), CR(0)),
                           SEL(2, false, CR(1), CR(0))),
                       "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_chan(S, 1), "q=1/1 sendx=0 recvx=0 buf=[7] closed=1 recvq=[] sendq=[]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "selectgo(1,0,2,0) lock(1,1,0,0) lock(1,2,0,0) selectgo.bufrecv(1,1,1,0) copy.buf->stack(1,1,0,0) typedmemclr(1,1,0,0) chan.advance(1,1,0,0) unlock(1,2,0,0) unlock(1,1,0,0)");
    ScriptResult r = simtest_last_result(st, 1);
    assert_int_equal(r.casei, 1);
    assert_int_equal(r.val.i, 7);
    assert_true(r.ok);
    assert_string_equal(simtest_chan(S, 1), "q=0/1 sendx=0 recvx=0 buf=[_] closed=1 recvq=[] sendq=[]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "selectgo(1,0,2,0) lock(1,1,0,0) lock(1,2,0,0) selectgo.rclose(1,1,1,0) "
                                "unlock(1,2,0,0) unlock(1,1,0,0)");
    r = simtest_last_result(st, 1);
    assert_int_equal(r.status, OP_DONE);
    assert_int_equal(r.casei, 1);
    assert_int_equal(r.val.kind, VK_INT);
    assert_int_equal(r.val.i, 0);
    assert_false(r.ok);
    assert_string_equal(simtest_chan(S, 1), "q=0/1 sendx=0 recvx=0 buf=[_] closed=1 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running");
    sim_free(S);
}

/* send to a parked receiver.
 *   main: c0 = make(chan int); c1 = make(chan int); go receiver(); Gosched();
 *         select { case <-c1: case c0 <- 7: }
 *   receiver: v := <-c0
 * Step 5: G2 parks with sudog 1 in chan 1's recvq.  Step 6: the select's
 * case 1 finds it (recvq.dequeue), send(): the value goes straight to G2's
 * stack, selunlock (chan 2, chan 1), goready(G2) into runnext.  Step 7: main
 * parks on its receive from c1 (chan receive, sudog 2), so step 8 runs G2
 * from runnext, which finishes its receive with 7, ok. */
static void test_send_to_parked_receiver(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), MAKE(1, 0), GO(1), GOSCHED(), SEL(2, false, CR(1), CS(0, 7)), RECV(1)), "main.main"},
        {OPS(RECV(0)), "main.receiver"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 5);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G2] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(chan receive)");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,2,0) selectgo(1,0,2,0) lock(1,1,0,0) lock(1,2,0,0) dequeue(2,1,1,0) "
                                "selectgo.send(1,1,1,2) copy.stack->stack(1,1,2,0) unlock(1,2,0,0) unlock(1,1,0,0) "
                                "goready(2,0,0,0)");
    assert_int_equal(simtest_last_result(st, 1).casei, 1);
    assert_int_equal(sim_g(S, 2)->stackslot.i, 7);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable");
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    simtest_steps(S, 1);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:runnable");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,0,0) chanrecv.wakeup(2,1,1,0)");
    assert_int_equal(simtest_last_result(st, 2).val.i, 7);
    assert_true(simtest_last_result(st, 2).ok);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:running");
    sim_free(S);
}

/* bufsend: select { case c0 <- 7: case <-c1: } with c0 = make(chan int, 2)
 * empty and c1 unbuffered with nobody: case 0 copies into buf[sendx = 0],
 * sendx 1, qcount 1. */
static void test_bufsend(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 2), MAKE(1, 0), SEL(2, false, CS(0, 7), CR(1))), "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 3);
    assert_string_equal(evs(S), "selectgo(1,0,2,0) lock(1,1,0,0) lock(1,2,0,0) selectgo.bufsend(1,1,0,0) copy.stack->buf(1,1,0,0) chan.advance(1,1,1,0) unlock(1,2,0,0) unlock(1,1,0,0)");
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    assert_int_equal(simtest_last_result(st, 1).casei, 0);
    assert_string_equal(simtest_chan(S, 1), "q=1/2 sendx=1 recvx=0 buf=[7 _] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running");
    sim_free(S);
}

/* default: nothing can proceed (c0 unbuffered, nobody; c1 buffered, empty):
 * pass 1 falls through, `if !block { selunlock; casi = -1 }`. */
static void test_default_when_nothing_ready(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 0), MAKE(1, 1), SEL(2, true, CR(0), CR(1)), SEND(1, 4), SEL(2, true, CR(0), CR(1))),
                       "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 3);
    assert_string_equal(evs(S), "selectgo(1,0,2,1) lock(1,1,0,0) lock(1,2,0,0) unlock(1,2,0,0) unlock(1,1,0,0) "
                                "selectgo.default(1,0,0,0)");
    assert_int_equal(simtest_last_result(st, 1).status, OP_FAIL);
    assert_int_equal(simtest_last_result(st, 1).casei, -1);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running");
    /* With a value in c1, case 1 proceeds and default is not taken. */
    simtest_steps(S, 2);
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    assert_int_equal(simtest_last_result(st, 1).casei, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 4);
    assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
    sim_free(S);
}

/* ---- pass 2, the waker, the stale sudog, pass 3 -------------------------------
 *
 *   main:  c0 = make(chan int); c1 = make(chan int); c2 = make(chan int, 1); go waker()
 *          select { case v := <-c1: case c0 <- 9: case <-c2: }
 *          c0 <- 4
 *   waker: c1 <- 5; <-c0
 * Step 5, the select: nothing ready.  Pass 2 walks lockorder (chan 1 = case
 * 1, chan 2 = case 0, chan 3 = case 2): sudogs 1, 2, 3, chained
 * g.waiting = 1 -> 2 -> 3 by waitlink, 1 on chan 1's sendq holding 9, 2 on
 * chan 2's recvq, 3 on chan 3's recvq; gopark "select"; selparkcommit then
 * unlocks along g.waiting: chan 1, 2, 3.
 * Step 6: G2 (runnext) sends 5 on c1: recvq.dequeue() finds sudog 2,
 * isSelect, and wins the CAS of G1's selectDone 0 -> 1; send() copies 5 onto
 * G1's stack and sets G1.param = sudog 2; goready(G1) into runnext.  Sudogs 1
 * and 3 stay on their queues, stale.
 * Step 7: G2 receives from c0: sendq.dequeue() unlinks sudog 1 but
 * selectDone is already 1, so it skips it (dequeue.skip) and finds nothing;
 * unbuffered, so G2 parks with a new sudog 4 (1-3 still belong to G1) on
 * chan 1's recvq.
 * Step 8: G1 from runnext, pass 3: sellock (chan 1, 2, 3), selectDone = 0,
 * walk lockorder: sudog 1 was already unlinked by G2's dequeue (its
 * dequeueSudoG finds it in no queue), sudog 2 is gp.param: case 0 won with
 * success; sudog 3 is dequeueSudoG'd from chan 3's recvq; selunlock in
 * reverse (3, 2, 1).  Result: case 0, 5, ok.
 * Step 9: main sends 4 on c0: G2's sudog 4 is on recvq: direct to G2. */
static void test_pass2_enqueue_stale_and_pass3(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), MAKE(1, 0), MAKE(2, 1), GO(1), SEL(3, false, CR(1), CS(0, 9), CR(2)), SEND(0, 4)),
         "main.main"},
        {OPS(SEND(1, 5), RECV(0)), "main.waker"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "selectgo(1,0,3,0) lock(1,1,0,0) lock(1,2,0,0) lock(1,3,0,0) selectgo.park(1,0,3,0) "
                                "enqueue(1,1,1,1) enqueue(1,2,2,0) enqueue(1,3,3,0) gopark(1,0,3,0) "
                                "unlock(1,1,0,0) unlock(1,2,0,0) unlock(1,3,0,0)");
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[G1:9]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[]");
    assert_string_equal(simtest_chan(S, 3), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[G1] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:waiting(select) G2:runnable");
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    const Goroutine *g1 = sim_g(S, 1);
    assert_int_equal(g1->waiting, 1);
    assert_int_equal(sim_sudog(S, 1)->waitlink, 2);
    assert_int_equal(sim_sudog(S, 2)->waitlink, 3);
    assert_int_equal(sim_sudog(S, 3)->waitlink, 0);
    assert_int_equal(sim_sudog(S, 1)->casei, 1);
    assert_int_equal(sim_sudog(S, 2)->casei, 0);
    assert_int_equal(sim_sudog(S, 3)->casei, 2);
    for (SudogId s = 1; s <= 3; s++) assert_true(sim_sudog(S, s)->isSelect);
    assert_int_equal(g1->selectDone, 0);

    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,0,0) lock(2,2,0,0) dequeue(1,2,2,0) chansend.direct(2,2,1,0) "
                                "copy.stack->stack(2,2,1,0) unlock(2,2,0,0) goready(1,0,0,0)");
    assert_int_equal(sim_g(S, 1)->selectDone, 1);
    assert_int_equal(sim_g(S, 1)->param, 2);
    assert_int_equal(sim_g(S, 1)->stackslot.i, 5);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[G1:9]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 3), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[G1] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:running");
    assert_string_equal(simtest_runq(S), "next=G1 local=[] global=[]");

    simtest_steps(S, 1);
    assert_string_equal(evs(S), "lock(2,1,0,0) dequeue.skip(1,1,1,1) chanrecv.park(2,1,4,0) enqueue(2,1,4,0) "
                                "gopark(2,0,1,0) unlock(2,1,0,0)");
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G2] sendq=[]");
    assert_string_equal(simtest_chan(S, 3), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[G1] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(chan receive)");
    assert_string_equal(simtest_runq(S), "next=G1 local=[] global=[]");

    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,0,0) lock(1,1,0,0) lock(1,2,0,0) lock(1,3,0,0) dequeueSudoG(1,3,3,0) "
                                "unlock(1,3,0,0) unlock(1,2,0,0) unlock(1,1,0,0) selectgo.wakeup(1,2,0,1)");
    ScriptResult r = simtest_last_result(st, 1);
    assert_int_equal(r.status, OP_DONE);
    assert_int_equal(r.casei, 0);
    assert_int_equal(r.val.i, 5);
    assert_true(r.ok);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G2] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 3), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:waiting(chan receive)");
    assert_int_equal(sim_g(S, 1)->waiting, 0);
    assert_int_equal(sim_g(S, 1)->selectDone, 0);
    assert_int_equal(sim_g(S, 1)->param, 0);
    for (SudogId s = 1; s <= 3; s++) assert_int_equal(sim_sudog(S, s)->g, 0); /* released */

    simtest_steps(S, 1);
    assert_int_equal(sim_g(S, 2)->stackslot.i, 4);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable");
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    sim_free(S);
}

/* A stale sudog on a buffered channel: the second operation skips it and
 * buffers instead of handing the value to the finished select.
 *   main:  c0 = make(chan int); c1 = make(chan int, 1); go waker()
 *          select { case v := <-c0: case w := <-c1: }; <-c1
 *   waker: c0 <- 5; c1 <- 6
 * Step 4: sudog 1 (case 0) on chan 1's recvq, sudog 2 (case 1) on chan 2's.
 * Step 5: the waker hands 5 to sudog 1, selectDone = 1, G1 into runnext.
 * Step 6: c1 <- 6: recvq.dequeue() skips sudog 2 (stale); qcount 0 < 1:
 * buffered into slot 0, sendx wraps to 0.
 * Step 7: the waker returns.  Step 8: G1's pass 3 finds sudog 2 already off
 * the queue, case 0 won.  Step 9: main's <-c1 takes 6 from the buffer. */
static void test_stale_sudog_then_buffer(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), MAKE(1, 1), GO(1), SEL(2, false, CR(0), CR(1)), RECV(1)), "main.main"},
        {OPS(SEND(0, 5), SEND(1, 6)), "main.waker"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[G1] sendq=[]");
    simtest_steps(S, 1);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[G1] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:running");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "lock(2,2,0,0) dequeue.skip(1,2,2,0) chansend.buffer(2,2,0,0) copy.stack->buf(2,2,0,0) chan.advance(2,2,0,0) unlock(2,2,0,0)");
    assert_string_equal(simtest_chan(S, 2), "q=1/1 sendx=0 recvx=0 buf=[6] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:running");
    assert_string_equal(simtest_runq(S), "next=G1 local=[] global=[]");
    simtest_steps(S, 1);
    assert_string_equal(simtest_gs(S), "G1:runnable G2:dead");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,0,0) lock(1,1,0,0) lock(1,2,0,0) unlock(1,2,0,0) unlock(1,1,0,0) "
                                "selectgo.wakeup(1,1,0,1)");
    assert_int_equal(simtest_last_result(st, 1).casei, 0);
    assert_int_equal(simtest_last_result(st, 1).val.i, 5);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 6);
    assert_string_equal(simtest_chan(S, 2), "q=0/1 sendx=0 recvx=0 buf=[_] closed=0 recvq=[] sendq=[]");
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* Woken by close on a receive case: closechan's recvq.dequeue() wins the
 * select (selectDone), clears the receiver's elem, sets success = false.
 *   main:   c0 = make(chan int); c1 = make(chan int); go closer()
 *           select { case <-c0: case v, ok := <-c1: }
 *   closer: close(c1)
 * Step 4: sudog 1 on chan 1 (case 0), sudog 2 on chan 2 (case 1).
 * Step 5: close: collect sudog 2 (closechan.collect g=1 c=2 a=closer b=0),
 * unlock, pop the gList and goready G1.
 * Step 6: closer returns.  Step 7: pass 3 removes sudog 1 from chan 1 and
 * reports case 1, zero value, ok = false. */
static void test_close_wakes_recv_case(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), MAKE(1, 0), GO(1), SEL(2, false, CR(0), CR(1))), "main.main"},
        {OPS(CLOSE(1)), "main.closer"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_gs(S), "G1:waiting(select) G2:runnable");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,0,0) lock(2,2,0,0) closechan.close(2,2,0,0) dequeue(1,2,2,0) "
                                "closechan.collect(1,2,2,0) unlock(2,2,0,0) closechan.wake(1,2,2,0) goready(1,0,0,0)");
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=1 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:running");
    simtest_steps(S, 2);
    assert_string_equal(evs(S), "schedule(1,0,0,0) lock(1,1,0,0) lock(1,2,0,0) dequeueSudoG(1,1,1,0) "
                                "unlock(1,2,0,0) unlock(1,1,0,0) selectgo.wakeup(1,2,1,0)");
    ScriptResult r = simtest_last_result(st, 1);
    assert_int_equal(r.status, OP_DONE);
    assert_int_equal(r.casei, 1);
    assert_int_equal(r.val.kind, VK_INT);
    assert_int_equal(r.val.i, 0);
    assert_false(r.ok);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:dead");
    sim_free(S);
}

/* Woken by close on a send case: closechan collects the sender sudog with
 * success = false; pass 3 sees casi < nsends && !caseSuccess: goto sclose:
 * selunlock, panic("send on closed channel") in the selecting goroutine. */
static void test_close_wakes_send_case_panics(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), MAKE(1, 0), GO(1), SEL(2, false, CS(0, 3), CR(1)), PRINT(1)), "main.main"},
        {OPS(CLOSE(0)), "main.closer"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[G1:3]");
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,0,0) lock(2,1,0,0) closechan.close(2,1,0,0) dequeue(1,1,1,1) "
                                "closechan.collect(1,1,2,1) unlock(2,1,0,0) closechan.wake(1,1,2,0) goready(1,0,0,0)");
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=1 recvq=[] sendq=[]");
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[]");
    simtest_steps(S, 1); /* closer returns */
    assert_int_equal(simtest_step(S), SIM_PANICKED);
    assert_string_equal(evs(S), "schedule(1,0,0,0) lock(1,1,0,0) lock(1,2,0,0) dequeueSudoG(1,2,2,0) "
                                "unlock(1,2,0,0) unlock(1,1,0,0) selectgo.wakeup(1,1,0,0) panic(1,0,1,0)");
    assert_int_equal(S->crashed_g, 1);
    assert_int_equal(S->panic_kind, PANIC_SEND_CLOSED);
    assert_string_equal(S->message, "send on closed channel");
    assert_int_equal(simtest_last_result(st, 1).casei, 0);
    assert_string_equal(simtest_chan(S, 2), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    sim_free(S);
}

/* ---- the compiler's rewrites -----------------------------------------------------
 *
 * walkSelectCases: ncas == 0 -> block(): gopark "select (no cases)" forever;
 * with nothing else to run, checkdead reports the deadlock. */
static void test_empty_select_blocks_forever(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(SEL(0, false)), "main.main"}};
    Script sc = {fns, 1};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,0,0) selectgo.block(1,0,0,0) gopark(1,0,4,0)");
    assert_string_equal(simtest_gs(S), "G1:waiting(select (no cases))");
    assert_string_equal(simtest_runq(S), "next= local=[] global=[]");
    assert_int_equal(simtest_step(S), SIM_FATAL);
    assert_string_equal(S->message, "all goroutines are asleep - deadlock!");
    sim_free(S);
}

/* ncas == 1 without default: the case becomes the plain operation (chanrecv1
 * / chansend1), so the wait reason is "chan receive" / "chan send" and the
 * sudog is not a select sudog; on a nil channel, "chan receive (nil chan)". */
static void test_one_case_is_plain_op(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), GO(2), SEL(1, false, CR(0))), "main.main"},
        {OPS(SEL(1, false, CS(0, 3))), "main.s"},
        {OPS(SEL(1, false, CNILR)), "main.n"},
    };
    Script sc = {fns, 3};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 3);
    assert_string_equal(simtest_runq(S), "next=G3 local=[G2] global=[]");
    /* Step 4: main's receive parks: chanrecv's path, no selectgo event. */
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "lock(1,1,0,0) chanrecv.park(1,1,1,0) enqueue(1,1,1,0) gopark(1,0,1,0) unlock(1,1,0,0)");
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:runnable G3:runnable");
    assert_false(sim_sudog(S, 1)->isSelect);
    /* Step 5: G3 (runnext): receive from a nil channel parks forever. */
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(3,0,0,0) chanrecv.nil(3,0,1,0) gopark(3,0,5,0)");
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive) G2:runnable G3:waiting(chan receive (nil chan))");
    /* Step 6: G2 (local): its one-case send finds G1 in recvq: chansend.direct. */
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(2,0,1,0) lock(2,1,0,0) dequeue(1,1,1,0) chansend.direct(2,1,1,0) "
                                "copy.stack->stack(2,1,1,0) unlock(2,1,0,0) goready(1,0,0,0)");
    assert_int_equal(simtest_last_result(st, 2).casei, 0);
    simtest_steps(S, 2); /* G2 returns; G1 resumes its receive */
    assert_int_equal(simtest_last_result(st, 1).casei, 0);
    assert_int_equal(simtest_last_result(st, 1).val.i, 3);
    assert_true(simtest_last_result(st, 1).ok);

    /* A one-case send with nobody receiving parks "chan send". */
    ScriptFn fns2[] = {{OPS(MAKE(0, 0), SEL(1, false, CS(0, 3))), "main.main"}};
    Script sc2 = {fns2, 1};
    Sim *T = simtest_start(&sc2, NULL);
    simtest_steps(T, 2);
    assert_string_equal(evs(T), "lock(1,1,0,0) chansend.park(1,1,1,0) enqueue(1,1,1,1) gopark(1,0,2,0) unlock(1,1,0,0)");
    assert_string_equal(simtest_gs(T), "G1:waiting(chan send)");
    assert_string_equal(simtest_chan(T, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[G1:3]");
    sim_free(T);
    sim_free(S);
}

/* ncas == 2 with a default: selectnbsend / selectnbrecv, i.e. chansend /
 * chanrecv with block = false.  An empty unbuffered channel fails on the
 * lock-free fast path (chanrecv.fastfail, default taken); a buffered channel
 * with room takes the send under the lock (case 0); a nil channel with
 * block = false returns at once (default). */
static void test_one_case_with_default_is_nonblocking(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 0), MAKE(1, 1), SEL(1, true, CR(0)), SEL(1, true, CS(1, 8)), SEL(1, true, CS(1, 9)),
                           SEL(1, true, CNILS(1))),
                       "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 3);
    assert_string_equal(evs(S), "chanrecv.fastfail(1,1,0,0)");
    assert_int_equal(simtest_last_result(st, 1).status, OP_FAIL);
    assert_int_equal(simtest_last_result(st, 1).casei, -1);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "lock(1,2,0,0) chansend.buffer(1,2,0,0) copy.stack->buf(1,2,0,0) chan.advance(1,2,0,0) unlock(1,2,0,0)");
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    assert_int_equal(simtest_last_result(st, 1).casei, 0);
    assert_string_equal(simtest_chan(S, 2), "q=1/1 sendx=0 recvx=0 buf=[8] closed=0 recvq=[] sendq=[]");
    simtest_steps(S, 1); /* full: chansend.fastfail */
    assert_string_equal(evs(S), "chansend.fastfail(1,2,0,0)");
    assert_int_equal(simtest_last_result(st, 1).casei, -1);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "chansend.nil(1,0,0,0)");
    assert_int_equal(simtest_last_result(st, 1).status, OP_FAIL);
    assert_int_equal(simtest_last_result(st, 1).casei, -1);
    assert_string_equal(simtest_gs(S), "G1:running");
    sim_free(S);
}

/* A select whose cases all have nil channels: selectgo omits them from the
 * poll and lock orders (norder = 0), pass 1 finds nothing, pass 2 enqueues
 * nothing, and the goroutine parks "select" forever.  With a default, the
 * default is taken.  A nil case beside a real one is simply never polled. */
static void test_all_nil_select(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(SEL(2, true, CNILR, CNILS(1)), SEL(2, false, CNILR, CNILS(1))), "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "schedule(1,0,0,0) selectgo(1,0,2,1) selectgo.default(1,0,0,0)");
    int32_t poll[4];
    assert_int_equal(logged_pollorder(S, poll), 0);
    assert_int_equal(simtest_last_result(st, 1).casei, -1);
    simtest_steps(S, 1);
    assert_string_equal(evs(S), "selectgo(1,0,2,0) selectgo.park(1,0,0,0) gopark(1,0,3,0)");
    assert_string_equal(simtest_gs(S), "G1:waiting(select)");
    assert_int_equal(sim_g(S, 1)->waiting, 0);
    assert_int_equal(S->sudogs.len, 0);
    assert_int_equal(simtest_step(S), SIM_FATAL);
    assert_string_equal(S->message, "all goroutines are asleep - deadlock!");
    sim_free(S);

    /* select { case <-nil: case <-c0 (holds 2): case nil <- 1: }: only case 1 is polled. */
    ScriptFn fns2[] = {{OPS(MAKE(0, 1), SEND(0, 2), SEL(3, false, CNILR, CR(0), CNILS(1))), "main.main"}};
    Script sc2 = {fns2, 1};
    S = simtest_start(&sc2, &st);
    simtest_steps(S, 3);
    assert_int_equal(logged_pollorder(S, poll), 1);
    assert_int_equal(poll[0], 1);
    assert_string_equal(evs(S), "selectgo(1,0,3,0) lock(1,1,0,0) selectgo.bufrecv(1,1,1,0) copy.buf->stack(1,1,0,0) typedmemclr(1,1,0,0) chan.advance(1,1,0,0) unlock(1,1,0,0)");
    assert_int_equal(simtest_last_result(st, 1).casei, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 2);
    sim_free(S);
}

/* ---- the same channel twice -------------------------------------------------------
 *
 * lockorder is built by heap sort over pollorder (select.go: "Start with the
 * pollorder to permute cases on the same channel").  For two cases on one
 * channel, p = pollorder: the heap build leaves lockorder = [p0 p1] (equal
 * keys never move up), and the extraction loop swaps them: lockorder =
 * [p1 p0].  So pass 2 enqueues case p1's sudog (1) before case p0's (2),
 * and sellock/selunlock lock the channel once.
 *
 * recv and send on the same unbuffered channel:
 *   main: c = make(chan int); go r(); select { case <-c: case c <- 8: }
 *   r:    v := <-c
 * The select cannot match itself (pass 1 runs before anything is queued):
 * it parks with a sudog in c's recvq and one in c's sendq.  G2's receive
 * dequeues the send sudog (case 1) and gets 8; the recv sudog stays, stale,
 * until pass 3 removes it. */
static void test_same_channel_send_and_recv(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), SEL(2, false, CR(0), CS(0, 8))), "main.main"},
        {OPS(RECV(0)), "main.r"},
    };
    Script sc = {fns, 2};
    int seen[2] = {0};
    for (uint64_t seed = 1; seed <= 16; seed++) {
        ScriptState *st;
        Sim *S = start_seed(&sc, seed, &st);
        simtest_steps(S, 3);
        int32_t poll[2];
        const int32_t chan_cases[] = {0, 1};
        check_pollorder(S, chan_cases, 2, poll);
        seen[poll[0]]++;
        /* lockorder = [poll[1], poll[0]]: sudog 1 is case poll[1]. */
        SudogId send_sg = poll[1] == 1 ? 1 : 2, recv_sg = 3 - send_sg;
        char expect[512];
        snprintf(expect, sizeof expect,
                 "selectgo(1,0,2,0) lock(1,1,0,0) selectgo.park(1,0,2,0) enqueue(1,1,1,%d) enqueue(1,1,2,%d) "
                 "gopark(1,0,3,0) unlock(1,1,0,0)",
                 poll[1], poll[0]);
        assert_string_equal(evs(S), expect);
        assert_int_equal(sim_sudog(S, 1)->casei, poll[1]);
        assert_int_equal(sim_sudog(S, 2)->casei, poll[0]);
        assert_int_equal(sim_g(S, 1)->waiting, 1);
        assert_int_equal(sim_sudog(S, 1)->waitlink, 2);
        assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[G1:8]");
        assert_string_equal(simtest_gs(S), "G1:waiting(select) G2:runnable");
        simtest_steps(S, 1); /* G2: <-c takes the send sudog */
        snprintf(expect, sizeof expect,
                 "schedule(2,0,0,0) lock(2,1,0,0) dequeue(1,1,%d,1) chanrecv.direct(2,1,1,0) "
                 "copy.stack->stack(1,1,2,0) unlock(2,1,0,0) goready(1,0,0,0)",
                 send_sg);
        assert_string_equal(evs(S), expect);
        assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[]");
        simtest_steps(S, 2); /* G2 returns; G1's pass 3 */
        snprintf(expect, sizeof expect,
                 "schedule(1,0,0,0) lock(1,1,0,0) dequeueSudoG(1,1,%d,0) unlock(1,1,0,0) selectgo.wakeup(1,1,1,1)",
                 recv_sg);
        assert_string_equal(evs(S), expect);
        assert_int_equal(simtest_last_result(st, 1).casei, 1);
        assert_int_equal(simtest_last_result(st, 2).val.i, 8);
        assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
        sim_free(S);
    }
    assert_true(seen[0] > 0 && seen[1] > 0);
}

/* Two receive cases on the same channel: both sudogs on c's recvq in
 * lockorder [p1 p0]; a sender dequeues the first, so case p1 (the one
 * polled second) wins.  Real Go, GOMAXPROCS=1, 2000 runs of
 * `select { case <-c: case <-c: }` woken by `c <- 1`: both cases win about
 * half the time, as they do here across seeds. */
static void test_same_channel_two_receives(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), SEL(2, false, CR(0), CR(0))), "main.main"},
        {OPS(SEND(0, 5)), "main.s"},
    };
    Script sc = {fns, 2};
    int won[2] = {0};
    for (uint64_t seed = 1; seed <= 32; seed++) {
        ScriptState *st;
        Sim *S = start_seed(&sc, seed, &st);
        simtest_steps(S, 3);
        int32_t poll[2];
        const int32_t chan_cases[] = {0, 1};
        check_pollorder(S, chan_cases, 2, poll);
        assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1 G1] sendq=[]");
        assert_int_equal(sim_sudog(S, 1)->casei, poll[1]);
        simtest_steps(S, 1); /* G2 sends: dequeues sudog 1; sudog 2 is stale */
        assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G1] sendq=[]");
        simtest_steps(S, 2);
        char expect[256];
        snprintf(expect, sizeof expect,
                 "schedule(1,0,0,0) lock(1,1,0,0) dequeueSudoG(1,1,2,0) unlock(1,1,0,0) selectgo.wakeup(1,1,%d,1)",
                 poll[1]);
        assert_string_equal(evs(S), expect);
        assert_int_equal(simtest_last_result(st, 1).casei, poll[1]);
        assert_int_equal(simtest_last_result(st, 1).val.i, 5);
        assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
        won[poll[1]]++;
        sim_free(S);
    }
    assert_true(won[0] > 0 && won[1] > 0);
}

/* close of a channel a select both sends and receives on: closechan
 * releases readers first, so recvq.dequeue() wins the select through its
 * receive sudog; the send sudog is then skipped as stale on sendq (no
 * panic).  The select gets the zero value with ok = false. */
static void test_same_channel_close_takes_recv_case(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), SEL(2, false, CS(0, 8), CR(0))), "main.main"},
        {OPS(CLOSE(0)), "main.closer"},
    };
    Script sc = {fns, 2};
    for (uint64_t seed = 1; seed <= 8; seed++) {
        ScriptState *st;
        Sim *S = start_seed(&sc, seed, &st);
        simtest_steps(S, 3);
        int32_t poll[2];
        const int32_t chan_cases[] = {0, 1};
        check_pollorder(S, chan_cases, 2, poll);
        SudogId recv_sg = poll[1] == 1 ? 1 : 2, send_sg = 3 - recv_sg;
        simtest_steps(S, 1);
        char expect[512];
        snprintf(expect, sizeof expect,
                 "schedule(2,0,0,0) lock(2,1,0,0) closechan.close(2,1,0,0) dequeue(1,1,%d,0) "
                 "closechan.collect(1,1,2,0) dequeue.skip(1,1,%d,1) unlock(2,1,0,0) closechan.wake(1,1,2,0) "
                 "goready(1,0,0,0)",
                 recv_sg, send_sg);
        assert_string_equal(evs(S), expect);
        assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=1 recvq=[] sendq=[]");
        simtest_steps(S, 2);
        assert_int_equal(S->state, SIM_RUNNING);
        ScriptResult r = simtest_last_result(st, 1);
        assert_int_equal(r.casei, 1);
        assert_false(r.ok);
        assert_int_equal(r.val.i, 0);
        sim_free(S);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pass1_first_ready_in_poll_order),
        cmocka_unit_test(test_pollorder_reproducible),
        cmocka_unit_test(test_sclose_depends_on_poll_order),
        cmocka_unit_test(test_recv_from_parked_sender),
        cmocka_unit_test(test_recv_rotate_from_full_buffer),
        cmocka_unit_test(test_rclose_after_buffer_drains),
        cmocka_unit_test(test_send_to_parked_receiver),
        cmocka_unit_test(test_bufsend),
        cmocka_unit_test(test_default_when_nothing_ready),
        cmocka_unit_test(test_pass2_enqueue_stale_and_pass3),
        cmocka_unit_test(test_stale_sudog_then_buffer),
        cmocka_unit_test(test_close_wakes_recv_case),
        cmocka_unit_test(test_close_wakes_send_case_panics),
        cmocka_unit_test(test_empty_select_blocks_forever),
        cmocka_unit_test(test_one_case_is_plain_op),
        cmocka_unit_test(test_one_case_with_default_is_nonblocking),
        cmocka_unit_test(test_all_nil_select),
        cmocka_unit_test(test_same_channel_send_and_recv),
        cmocka_unit_test(test_same_channel_two_receives),
        cmocka_unit_test(test_same_channel_close_takes_recv_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
