/* Every branch of chansend, chanrecv and closechan, driven through op
 * scripts.  Expected states are worked out by hand from runtime/chan.go:
 * each step runs exactly one op (or one resumption after a park). */
#include "testutil.h"

#include "chan.h"
#include "sched.h"


/* make(chan int, 3): sends fill from sendx, receives take from recvx and
 * clear the slot, both indexes wrap around. */
static void test_buffer_ring_wraps(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 3), SEND(0, 1), SEND(0, 2), RECV(0), SEND(0, 3), SEND(0, 4), RECV(0)), "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 1);
    assert_string_equal(simtest_chan(S, 1), "q=0/3 sendx=0 recvx=0 buf=[_ _ _] closed=0 recvq=[] sendq=[]");
    simtest_steps(S, 2);
    assert_string_equal(simtest_chan(S, 1), "q=2/3 sendx=2 recvx=0 buf=[1 2 _] closed=0 recvq=[] sendq=[]");
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 1);
    assert_string_equal(simtest_chan(S, 1), "q=1/3 sendx=2 recvx=1 buf=[_ 2 _] closed=0 recvq=[] sendq=[]");
    assert_int_equal(S->slots.items[0].i, 0); /* received slot cleared to the zero value */
    simtest_steps(S, 2);
    assert_string_equal(simtest_chan(S, 1), "q=3/3 sendx=1 recvx=1 buf=[4 2 3] closed=0 recvq=[] sendq=[]");
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 2);
    assert_string_equal(simtest_chan(S, 1), "q=2/3 sendx=1 recvx=2 buf=[4 _ 3] closed=0 recvq=[] sendq=[]");
    sim_free(S);
}

/* The fourth send on a full make(chan int, 3) parks its goroutine in sendq
 * with the value in its sudog; a receive then rotates: buf[recvx] to the
 * receiver, the parked value into that same slot, recvx advances, sendx =
 * recvx, qcount stays 3, and the sender becomes runnext. */
static void test_full_buffer_park_and_rotate(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 3), SEND(0, 1), SEND(0, 2), SEND(0, 3), GO(1), SEND(0, 4), PRINT(9)), "main.main"},
        {OPS(RECV(0), RECV(0)), "main.consumer"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 5);
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    simtest_steps(S, 1); /* send 4: parks */
    assert_string_equal(simtest_chan(S, 1), "q=3/3 sendx=0 recvx=0 buf=[1 2 3] closed=0 recvq=[] sendq=[G1:4]");
    assert_string_equal(simtest_gs(S), "G1:waiting(chan send) G2:runnable");
    assert_int_equal(S->curg, 0);
    simtest_steps(S, 1); /* G2 runs: the rotate */
    assert_int_equal(simtest_last_result(st, 2).val.i, 1);
    assert_string_equal(simtest_chan(S, 1), "q=3/3 sendx=1 recvx=1 buf=[4 2 3] closed=0 recvq=[] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:running");
    assert_string_equal(simtest_runq(S), "next=G1 local=[] global=[]");
    simtest_steps(S, 1); /* plain buffered receive of 2; the receiver keeps running */
    assert_int_equal(simtest_last_result(st, 2).val.i, 2);
    assert_string_equal(simtest_chan(S, 1), "q=2/3 sendx=1 recvx=2 buf=[4 _ 3] closed=0 recvq=[] sendq=[]");
    assert_int_equal(S->curg, 2);
    simtest_steps(S, 1); /* G2 returns */
    assert_string_equal(simtest_gs(S), "G1:runnable G2:dead");
    simtest_steps(S, 1); /* G1 resumes: its send completed */
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    simtest_steps(S, 1);
    assert_string_equal(S->output.items, "9\n");
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* An unbuffered send to a parked receiver copies straight onto the
 * receiver's stack, leaves the (empty) buffer alone, makes the receiver
 * runnext and keeps the sender running. */
static void test_direct_send_to_parked_receiver(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), GOSCHED(), SEND(0, 42), PRINT(1)), "main.main"},
        {OPS(RECV(0), PRINT(2)), "main.receiver"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 3); /* make, go (G2 -> runnext), Gosched (G1 -> global) */
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[G1]");
    simtest_steps(S, 1); /* G2 from runnext: parks in recvq */
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G2] sendq=[]");
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(chan receive)");
    simtest_steps(S, 1); /* G1 from global: sends 42 */
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[] sendq=[]");
    assert_int_equal(sim_g(S, 2)->stackslot.i, 42);
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    assert_int_equal(S->curg, 1);
    bool saw_direct = false;
    for (int32_t i = 0; i < S->log.len; i++) saw_direct |= S->log.items[i].kind == EV_CHANSEND_DIRECT;
    assert_true(saw_direct);
    simtest_steps(S, 1); /* G1 keeps running: prints 1 */
    assert_string_equal(S->output.items, "1\n");
    /* main returns: the program exits although G2 was runnable with its value (it never ran). */
    assert_int_equal(simtest_step(S), SIM_EXITED);
    assert_int_equal(sim_g(S, 2)->status, GS_DEAD);
    assert_int_equal(sim_g(S, 2)->stackslot.i, 42);
    sim_free(S);
}

/* A receive on an unbuffered channel with a parked sender takes the value
 * from the sender's sudog directly and readies the sender into runnext. */
static void test_direct_recv_from_parked_sender(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), GO(2), RECV(0)), "main.main"},
        {OPS(SEND(0, 5)), "main.a"},
        {OPS(SEND(0, 6)), "main.b"},
    };
    Script sc = {fns, 3};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 3); /* go a: runnext=G2; go b: runnext=G3, G2 to local */
    assert_string_equal(simtest_runq(S), "next=G3 local=[G2] global=[]");
    simtest_steps(S, 1); /* main parks in recvq */
    simtest_steps(S, 1); /* G3 (runnext) sends 6 directly to main */
    assert_int_equal(sim_g(S, 1)->stackslot.i, 6);
    assert_string_equal(simtest_runq(S), "next=G1 local=[G2] global=[]");
    simtest_steps(S, 1); /* G3 exits */
    simtest_steps(S, 1); /* main resumes: got 6 */
    assert_int_equal(simtest_last_result(st, 1).val.i, 6);
    assert_true(simtest_last_result(st, 1).ok);
    assert_int_equal(simtest_step(S), SIM_EXITED);
    sim_free(S);
}

/* After close, buffered values still drain; then the zero value with ok=false. */
static void test_closed_buffer_drains_then_zero(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 2), SEND(0, 7), SEND(0, 8), CLOSE(0), RECV(0), RECV(0), RECV(0)), "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 5);
    assert_int_equal(simtest_last_result(st, 1).val.i, 7);
    assert_true(simtest_last_result(st, 1).ok);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 8);
    assert_true(simtest_last_result(st, 1).ok);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 0);
    assert_false(simtest_last_result(st, 1).ok);
    assert_int_equal(S->log.items[2].kind, EV_CHANRECV_CLOSED); /* lock, unlock, then the branch */
    assert_string_equal(simtest_chan(S, 1), "q=0/2 sendx=0 recvx=0 buf=[_ _] closed=1 recvq=[] sendq=[]");
    sim_free(S);
}

/* Send on a closed channel panics; close of closed and close of nil panic. */
static void expect_panic(const ScriptFn *fns, int nfns, int steps, int kind, const char *msg) {
    Script sc = {fns, nfns};
    Sim *S = simtest_start(&sc, NULL);
    for (int i = 0; i < steps - 1; i++) assert_int_equal(simtest_step(S), SIM_RUNNING);
    assert_int_equal(simtest_step(S), SIM_PANICKED);
    assert_int_equal(S->panic_kind, kind);
    assert_string_equal(S->message, msg);
    sim_free(S);
}

static void test_panics(void **state) {
    (void)state;
    ScriptFn send_closed[] = {{OPS(MAKE(0, 1), CLOSE(0), SEND(0, 1)), "main.main"}};
    expect_panic(send_closed, 1, 3, PANIC_SEND_CLOSED, "send on closed channel");
    ScriptFn close_closed[] = {{OPS(MAKE(0, 0), CLOSE(0), CLOSE(0)), "main.main"}};
    expect_panic(close_closed, 1, 3, PANIC_CLOSE_CLOSED, "close of closed channel");
    ScriptFn close_nil[] = {{OPS({.kind = SOP_CLOSE, .nilchan = true}), "main.main"}};
    expect_panic(close_nil, 1, 1, PANIC_CLOSE_NIL, "close of nil channel");
    ScriptFn neg_make[] = {{OPS(MAKE(0, -1)), "main.main"}};
    expect_panic(neg_make, 1, 1, PANIC_MAKECHAN_SIZE, "makechan: size out of range");
}

/* A nil channel blocks forever with its own wait reasons; non-blocking fails. */
static void test_nil_channel(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS({.kind = SOP_RECV, .nilchan = true, .nonblock = true}, {.kind = SOP_SEND, .nilchan = true, .nonblock = true},
             GO(1), {.kind = SOP_RECV, .nilchan = true}),
         "main.main"},
        {OPS({.kind = SOP_SEND, .nilchan = true, .v = 1}), "main.f"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).status, OP_FAIL);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).status, OP_FAIL);
    simtest_steps(S, 3);
    assert_string_equal(simtest_gs(S), "G1:waiting(chan receive (nil chan)) G2:waiting(chan send (nil chan))");
    assert_int_equal(simtest_step(S), SIM_FATAL);
    assert_string_equal(S->message, "all goroutines are asleep - deadlock!");
    sim_free(S);
}

/* Non-blocking operations: the lock-free fast paths and the locked ones. */
static void test_nonblocking(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS({.kind = SOP_MAKE, .slot = 0, .v = 1}, {.kind = SOP_RECV, .slot = 0, .nonblock = true},
                           {.kind = SOP_SEND, .slot = 0, .v = 3, .nonblock = true},
                           {.kind = SOP_SEND, .slot = 0, .v = 4, .nonblock = true},
                           {.kind = SOP_RECV, .slot = 0, .nonblock = true}, CLOSE(0),
                           {.kind = SOP_RECV, .slot = 0, .nonblock = true}),
                       "main.main"}};
    Script sc = {fns, 1};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 2);
    assert_int_equal(simtest_last_result(st, 1).status, OP_FAIL);
    assert_int_equal(S->log.items[0].kind, EV_CHANRECV_FASTFAIL);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).status, OP_FAIL);
    assert_int_equal(S->log.items[0].kind, EV_CHANSEND_FASTFAIL);
    simtest_steps(S, 1);
    assert_int_equal(simtest_last_result(st, 1).val.i, 3);
    simtest_steps(S, 2);
    assert_int_equal(simtest_last_result(st, 1).status, OP_DONE);
    assert_false(simtest_last_result(st, 1).ok);
    assert_int_equal(S->log.items[0].kind, EV_CHANRECV_FASTCLOSED);
    sim_free(S);
}

/* closechan readies every parked receiver, then every sender, popping its
 * gList LIFO; each goready takes runnext and pushes the previous one to the
 * local tail.  Receivers R1 R2 R3 (parked in that order) are pushed
 * R1,R2,R3, popped R3,R2,R1: runnext=R1, local=[R3 R2]. */
static void test_close_wakes_lifo(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), GO(1), GO(1), GOSCHED(), CLOSE(0)), "main.main"},
        {OPS(RECV(0)), "main.r"},
    };
    Script sc = {fns, 2};
    ScriptState *st;
    Sim *S = simtest_start(&sc, &st);
    simtest_steps(S, 4);
    /* go G2, go G3, go G4: runnext=G4, local=[G2 G3] */
    assert_string_equal(simtest_runq(S), "next=G4 local=[G2 G3] global=[]");
    simtest_steps(S, 1); /* Gosched */
    simtest_steps(S, 3); /* G4, G2, G3 park in that order */
    assert_string_equal(simtest_chan(S, 1), "q=0/0 sendx=0 recvx=0 buf=[] closed=0 recvq=[G4 G2 G3] sendq=[]");
    simtest_steps(S, 1); /* main: close */
    assert_string_equal(simtest_runq(S), "next=G4 local=[G3 G2] global=[]");
    assert_string_equal(simtest_gs(S), "G1:running G2:runnable G3:runnable G4:runnable");
    for (GoId g = 2; g <= 4; g++) assert_int_equal(sim_g(S, g)->stackslot.i, 0);
    sim_free(S);
}

/* A sender parked when close comes is readied and panics when it runs. */
static void test_close_wakes_sender_which_panics(void **state) {
    (void)state;
    ScriptFn fns[] = {
        {OPS(MAKE(0, 0), GO(1), GOSCHED(), CLOSE(0), GOSCHED()), "main.main"},
        {OPS(SEND(0, 1)), "main.s"},
    };
    Script sc = {fns, 2};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 4); /* make, go, gosched, G2 parks */
    assert_string_equal(simtest_gs(S), "G1:runnable G2:waiting(chan send)");
    simtest_steps(S, 1); /* close */
    assert_string_equal(simtest_runq(S), "next=G2 local=[] global=[]");
    simtest_steps(S, 1); /* main yields */
    assert_int_equal(simtest_step(S), SIM_PANICKED);
    assert_int_equal(S->crashed_g, 2);
    assert_string_equal(S->message, "send on closed channel");
    sim_free(S);
}

/* A receive whose value is discarded (`<-c`) copies nothing. */
static void test_discarded_receive_copies_nothing(void **state) {
    (void)state;
    ScriptFn fns[] = {{OPS(MAKE(0, 1), SEND(0, 5), {.kind = SOP_RECV, .slot = 0, .discard = true}), "main.main"}};
    Script sc = {fns, 1};
    Sim *S = simtest_start(&sc, NULL);
    simtest_steps(S, 3);
    for (int32_t i = 0; i < S->log.len; i++) assert_int_not_equal(S->log.items[i].kind, EV_COPY_SLOT_TO_STACK);
    assert_int_equal(S->chans.items[0].qcount, 0);
    sim_free(S);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buffer_ring_wraps),
        cmocka_unit_test(test_full_buffer_park_and_rotate),
        cmocka_unit_test(test_direct_send_to_parked_receiver),
        cmocka_unit_test(test_direct_recv_from_parked_sender),
        cmocka_unit_test(test_closed_buffer_drains_then_zero),
        cmocka_unit_test(test_panics),
        cmocka_unit_test(test_nil_channel),
        cmocka_unit_test(test_nonblocking),
        cmocka_unit_test(test_close_wakes_lifo),
        cmocka_unit_test(test_close_wakes_sender_which_panics),
        cmocka_unit_test(test_discarded_receive_copies_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
