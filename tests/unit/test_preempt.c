/* test_preempt.c: preemption points and the observer (sim/observe.h), the
 * Sim API the explorer and the race detector stand on.
 *
 * Truths worked out by hand from the programs below and from Go 1.19's
 * chan.go: where a goroutine may be preempted (before each visible
 * operation, not between purely local instructions), that `count++` is a
 * load and a store with a point between them where the other goroutine's
 * whole increment can run (a lost update), that a preemptive schedule
 * replays to the same run, and which race annotations each channel path
 * makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "go/compile.h"
#include "go/diag.h"
#include "observe.h"
#include "session.h"
#include "vm.h"

typedef struct Run {
    Sim *S;
    Program prog;
    char out[4096];
    size_t outlen;
} Run;

static void start(Run *r, const char *src) {
    memset(r, 0, sizeof *r);
    r->S = sim_new(7);
    program_init(&r->prog);
    Diag d;
    diag_init(&d);
    if (!compile_source(r->S, "t.go", src, strlen(src), &r->prog, &d, NULL))
        fail_msg("does not compile: %d:%d: %s", d.line, d.col, d.msg ? d.msg : "?");
    diag_free(&d);
    vm_start(r->S, &r->prog);
    r->S->logging = true;
    r->S->max_steps = 100000;
}

static int step(Run *r) {
    int st = sim_step(r->S);
    size_t n = (size_t)r->S->output.len;
    if (n && r->outlen + n < sizeof r->out) {
        memcpy(r->out + r->outlen, r->S->output.items, n);
        r->outlen += n;
        r->out[r->outlen] = 0;
    }
    return st;
}

static void finish(Run *r) {
    sim_free(r->S);
    program_free(&r->prog);
}

static const char counter[] = "package main\n"
                              "import (\n\t\"fmt\"\n\t\"sync\"\n)\n"
                              "var count int\n"
                              "func main() {\n"
                              "\tvar wg sync.WaitGroup\n"
                              "\twg.Add(2)\n"
                              "\tfor i := 0; i < 2; i++ {\n"
                              "\t\tgo func() {\n"
                              "\t\t\tcount++\n"
                              "\t\t\twg.Done()\n"
                              "\t\t}()\n"
                              "\t}\n"
                              "\twg.Wait()\n"
                              "\tfmt.Println(count)\n"
                              "}\n";

/* Drives the counter by hand, taking the first candidate (Go's own order)
 * everywhere except, if interleave, at the first preemption point of G3:
 * G3 runs first (it is in runnext), loads count (0) and stops before its
 * store; switching to G2 there lets G2 do its whole increment (count = 1),
 * then G3 stores its stale 0 + 1: the program prints 1.  Running on at
 * every point prints 2.  Returns the number of preemption points. */
static int32_t run_counter(bool interleave, char *out, size_t cap) {
    Run r;
    start(&r, counter);
    r.S->preemptive = true;
    r.S->policy = SCHED_MANUAL;
    int32_t points = 0;
    bool switched = false;
    for (int guard = 0; guard < 10000; guard++) {
        int st = step(&r);
        if (st != SIM_NEED_CHOICE) {
            if (st != SIM_RUNNING) break;
            continue;
        }
        GoId en[16];
        int32_t n = sim_enabled(r.S, en, 16);
        assert_true(n >= 1);
        GoId pick = en[0];
        if (r.S->at_preempt) {
            points++;
            assert_int_equal(en[0], r.S->curg); /* the running one first */
            if (interleave && !switched && r.S->curg == 3) {
                assert_int_equal(n, 2);
                assert_int_equal(en[1], 2);
                pick = 2;
                switched = true;
            }
        }
        assert_true(sim_choose(r.S, pick));
    }
    assert_int_equal(r.S->state, SIM_EXITED);
    size_t n = strlen(r.out) < cap - 1 ? strlen(r.out) : cap - 1;
    memcpy(out, r.out, n);
    out[n] = 0;
    finish(&r);
    return points;
}

static void test_lost_update_by_hand(void **state) {
    (void)state;
    char out[64];
    int32_t points = run_counter(false, out, sizeof out);
    assert_string_equal(out, "2\n");
    /* G3: before its store, before Done; G2 runs alone after G3 exits (no choice).
     * Main's points come while nobody else is runnable (none) or before wg.Wait. */
    assert_true(points >= 2);
    run_counter(true, out, sizeof out);
    assert_string_equal(out, "1\n");
}

/* Without preemption nothing stops before a load or a store: the same
 * program under SCHED_MANUAL asks only at schedule points. */
static void test_no_points_without_preemption(void **state) {
    (void)state;
    Run r;
    start(&r, counter);
    r.S->policy = SCHED_MANUAL;
    for (int guard = 0; guard < 10000; guard++) {
        int st = step(&r);
        if (st == SIM_NEED_CHOICE) {
            assert_false(r.S->at_preempt);
            assert_int_equal(r.S->curg, 0);
            GoId en[8];
            assert_true(sim_enabled(r.S, en, 8) >= 1);
            assert_true(sim_choose(r.S, en[0]));
        } else if (st != SIM_RUNNING) {
            break;
        }
    }
    assert_string_equal(r.out, "2\n");
    for (int32_t i = 0; i < r.S->choices.len; i++) assert_int_not_equal(r.S->choices.items[i].kind, CHOICE_PREEMPT);
    finish(&r);
}

/* A random preemptive run, replayed from its choices (sim_set_replay turns
 * preemption on because they hold CHOICE_PREEMPTs), is the same run:
 * the same output and the same choices, for many seeds; and the seeds
 * between them reach both final counts. */
static void test_preemptive_replay(void **state) {
    (void)state;
    bool seen1 = false, seen2 = false;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        Run a;
        start(&a, counter);
        a.S->preemptive = true;
        a.S->policy = SCHED_RANDOM;
        a.S->rng = seed;
        while (step(&a) == SIM_RUNNING) {
        }
        assert_int_equal(a.S->state, SIM_EXITED);
        seen1 |= strcmp(a.out, "1\n") == 0;
        seen2 |= strcmp(a.out, "2\n") == 0;
        Run b;
        start(&b, counter);
        sim_set_replay(b.S, a.S->choices.items, a.S->choices.len);
        assert_int_equal(b.S->preemptive, a.S->choices.len > 0 && a.S->preemptive);
        while (step(&b) == SIM_RUNNING) {
        }
        assert_int_equal(b.S->state, SIM_EXITED);
        assert_string_equal(a.out, b.out);
        assert_int_equal(a.S->choices.len, b.S->choices.len);
        for (int32_t i = 0; i < a.S->choices.len; i++) {
            assert_int_equal(a.S->choices.items[i].kind, b.S->choices.items[i].kind);
            assert_int_equal(a.S->choices.items[i].value, b.S->choices.items[i].value);
        }
        finish(&a);
        finish(&b);
    }
    assert_true(seen1);
    assert_true(seen2);
}

/* ---- the observer ---------------------------------------------------------- */

typedef struct Seen {
    char text[4096];
    size_t len;
    bool cells; /* record heap-cell accesses too */
} Seen;

static const char *obj_name(int k) {
    static const char *const names[] = {"cell", "chan", "slot", "mutex", "wg", "once", "stdout"};
    return k >= 0 && k <= OBJ_STDOUT ? names[k] : "?";
}

static const char *kind_name(int k) {
    static const char *const names[] = {"read", "write", "touch", "chanread", "chanwrite", "acquire", "release",
                                        "releasemerge", "releaseacquire", "go"};
    return k >= 0 && k <= OBS_GO ? names[k] : "?";
}

/* "G1 releaseacquire slot 1.0" lines, one per event (touches left out). */
static void seen_event(void *ctx, Sim *S, const ObsEvent *e) {
    (void)S;
    Seen *s = ctx;
    if (e->kind == OBS_TOUCH) return;
    if ((e->kind == OBS_READ || e->kind == OBS_WRITE) && !s->cells) return;
    int n;
    if (e->kind == OBS_GO) n = snprintf(s->text + s->len, sizeof s->text - s->len, "G%d go G%d\n", e->g, e->obj);
    else if (e->okind == OBJ_SLOT)
        n = snprintf(s->text + s->len, sizeof s->text - s->len, "G%d %s slot %d.%d\n", e->g, kind_name(e->kind),
                     e->obj, e->aux);
    else
        n = snprintf(s->text + s->len, sizeof s->text - s->len, "G%d %s %s %d%s%s\n", e->g, kind_name(e->kind),
                     obj_name(e->okind), e->obj, e->fn ? " " : "", e->fn ? e->fn : "");
    if (n > 0 && s->len + (size_t)n < sizeof s->text) s->len += (size_t)n;
}

static void observe_program(const char *src, Seen *seen) {
    Run r;
    start(&r, src);
    Observer o = {seen_event, seen};
    sim_set_observer(r.S, &o);
    while (step(&r) == SIM_RUNNING) {
    }
    finish(&r);
}

/* chan.go: chansend's racereadpc, then racenotify on slot sendx (a store-
 * release after an acquire); chanrecv's racenotify on slot recvx; close's
 * racewritepc + racerelease; a receive from a closed, empty channel
 * acquires c.raceaddr(). */
static void test_buffered_annotations(void **state) {
    (void)state;
    Seen s = {0};
    observe_program("package main\n"
                    "func main() {\n"
                    "\tc := make(chan int, 2)\n"
                    "\tc <- 1\n"
                    "\tc <- 2\n"
                    "\t<-c\n"
                    "\tclose(c)\n"
                    "\t<-c\n"
                    "\t<-c\n"
                    "}\n",
                    &s);
    assert_string_equal(s.text, "G1 chanread chan 1 runtime.chansend\n"
                                "G1 releaseacquire slot 1.0\n"
                                "G1 chanread chan 1 runtime.chansend\n"
                                "G1 releaseacquire slot 1.1\n"
                                "G1 releaseacquire slot 1.0\n"
                                "G1 chanwrite chan 1 runtime.closechan\n"
                                "G1 release chan 1\n"
                                "G1 releaseacquire slot 1.1\n" /* the buffered value is still received */
                                "G1 acquire chan 1\n");       /* then closed and empty */
}

/* An unbuffered handoff is racesync: both goroutines release and acquire
 * c.raceaddr() (an unbuffered channel's chanbuf(c, 0) is c.raceaddr()). */
static void test_unbuffered_handoff(void **state) {
    (void)state;
    Seen s = {0};
    observe_program("package main\n"
                    "func main() {\n"
                    "\tc := make(chan int)\n"
                    "\tgo func() { c <- 1 }()\n"
                    "\t<-c\n"
                    "}\n",
                    &s);
    /* main parks in the receive; G2's send finds it and does racesync(c, sg) for both. */
    assert_string_equal(s.text, "G1 go G2\n"
                                "G2 chanread chan 1 runtime.chansend\n"
                                "G2 release chan 1\n"
                                "G1 acquire chan 1\n"
                                "G1 release chan 1\n"
                                "G2 acquire chan 1\n");
}

/* Through the buffer with a parked partner (chan.go's recv() and send()
 * on a buffered channel): racenotify on the slot for the goroutine acting,
 * then for the parked one (sg).  First a receive from a full buffer whose
 * sender parked (main yields so G2 can park), then a send to a receiver
 * parked on the empty buffer, which the runtime treats as if the value
 * went through slot recvx. */
static void test_through_slot_with_parked_partner(void **state) {
    (void)state;
    Seen s = {0};
    observe_program("package main\n"
                    "import \"runtime\"\n"
                    "func main() {\n"
                    "\tc := make(chan int, 1)\n"
                    "\tc <- 1\n"
                    "\tgo func() { c <- 2 }()\n"
                    "\truntime.Gosched()\n"
                    "\t<-c\n"
                    "\t<-c\n"
                    "\tgo func() { c <- 3 }()\n"
                    "\t<-c\n"
                    "}\n",
                    &s);
    assert_string_equal(s.text, "G1 chanread chan 1 runtime.chansend\n"
                                "G1 releaseacquire slot 1.0\n"
                                "G1 go G2\n"
                                "G2 chanread chan 1 runtime.chansend\n" /* full: G2 parks */
                                "G1 releaseacquire slot 1.0\n"          /* main takes 1 ... */
                                "G2 releaseacquire slot 1.0\n"          /* ... and G2's 2 takes its slot */
                                "G1 releaseacquire slot 1.0\n"          /* main takes 2 from the buffer */
                                "G1 go G3\n"                             /* main parks on the empty buffer */
                                "G3 chanread chan 1 runtime.chansend\n"
                                "G3 releaseacquire slot 1.0\n" /* send(): as if through slot recvx */
                                "G1 releaseacquire slot 1.0\n");
}

/* Heap cells: a global's write and read are seen, with the cell; a local
 * that nothing captures is not memory another goroutine can reach. */
static void test_cells(void **state) {
    (void)state;
    Seen s = {.cells = true};
    observe_program("package main\n"
                    "var x int\n"
                    "func main() {\n"
                    "\ty := 3\n"
                    "\tx = y\n"
                    "\ty = x + 1\n"
                    "\tx = y\n"
                    "}\n",
                    &s);
    /* The package's initialisation stores x's zero value first (before any
     * goroutine exists, so it happens before all of them). */
    assert_string_equal(s.text, "G1 write cell 0\nG1 write cell 0\nG1 read cell 0\nG1 write cell 0\n");
}

/* The window's session marks where a run leaves Go's own schedule: a
 * replayed preemptive run has a departure at every step where a goroutine
 * was switched in at a preemption point (the model logs EV_PREEMPT there),
 * numbered 1, 2, ... in order, naming the goroutine that could have run on. */
static void test_session_marks_departures(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "/tmp/hchanviz-test-preempt-%d.go", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(counter, f);
    fclose(f);
    int checked = 0;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        Run a;
        start(&a, counter);
        a.S->preemptive = true;
        a.S->policy = SCHED_RANDOM;
        a.S->rng = seed;
        while (step(&a) == SIM_RUNNING) {
        }
        Session s;
        FILE *null = fopen("/dev/null", "w");
        assert_true(session_load(&s, path, SCHED_REPLAY, 0, a.S->choices.items, a.S->choices.len, null));
        fclose(null);
        session_record_all(&s);
        int32_t expect_no = 0;
        for (int32_t k = 1; k < session_nsteps(&s); k++) {
            session_goto(&s, k);
            GoId preempted = 0;
            for (int32_t i = 0; i < s.S->log.len; i++)
                if (s.S->log.items[i].kind == EV_PREEMPT) preempted = s.S->log.items[i].g;
            const StepRec *st = session_step(&s, k);
            if (preempted) {
                assert_true(st->marks & MARK_DEPART);
                assert_int_equal(st->preemption, ++expect_no);
                assert_int_equal(st->go_pick, preempted);
                assert_int_not_equal(st->actor, preempted);
                checked++;
            } else {
                assert_int_equal(st->preemption, 0);
            }
        }
        assert_int_equal(s.preemptions, expect_no);
        session_free(&s);
        finish(&a);
    }
    assert_true(checked > 5);
    remove(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lost_update_by_hand),
        cmocka_unit_test(test_no_points_without_preemption),
        cmocka_unit_test(test_preemptive_replay),
        cmocka_unit_test(test_buffered_annotations),
        cmocka_unit_test(test_unbuffered_handoff),
        cmocka_unit_test(test_through_slot_with_parked_partner),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_session_marks_departures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
