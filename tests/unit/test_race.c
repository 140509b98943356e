/* test_race.c: the race detector (sim/race.h) on programs whose races, or
 * their absence, follow from the Go memory model as Go 1.19's runtime
 * annotates it (worked out by hand, each checked once beside `go run
 * -race` on this machine while writing them):
 *   races: count++ from two goroutines; a write in a goroutine and a read
 *   in main ordered only by time.Sleep; a close and a send on a buffered
 *   channel (runtime.closechan against runtime.chansend, the report of
 *   seed 000), also when the send completes into the buffer first;
 *   none: ordered by an unbuffered send/receive, by a buffered channel's
 *   send before its receive, by the k-th receive before the (k+C)-th send,
 *   by close before a receive that sees it, by a Mutex, a WaitGroup, a
 *   Once, the go statement, and by stdout (os.Stdout's fd lock). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "go/compile.h"
#include "go/diag.h"
#include "race.h"
#include "snapshot.h"
#include "vm.h"

typedef struct Outcome {
    int races;
    RaceInfo first;
    char text[8192];
    int state;
} Outcome;

static void run_race(const char *body, Outcome *out) {
    char src[4096];
    snprintf(src, sizeof src,
             "package main\n"
             "import (\n\t\"fmt\"\n\t\"sync\"\n\t\"time\"\n)\n"
             "var x, y int\n"
             "var mu sync.Mutex\n"
             "var once sync.Once\n"
             "var _ = fmt.Sprint(\"\")\n"
             "var _ = time.Millisecond\n"
             "func main() {\n%s}\n",
             body);
    Sim *S = sim_new(1);
    Program p;
    program_init(&p);
    Diag d;
    diag_init(&d);
    if (!compile_source(S, "/t/race.go", src, strlen(src), &p, &d, NULL))
        fail_msg("does not compile: %d:%d: %s\n%s", d.line, d.col, d.msg ? d.msg : "?", src);
    diag_free(&d);
    vm_start(S, &p);
    S->max_steps = 100000;
    Race *R = race_new(S, NULL, "/t/race.go");
    memset(out, 0, sizeof *out);
    size_t n = 0;
    int st;
    do {
        st = sim_step(S);
        size_t k;
        const char *t = race_take_text(R, &k);
        if (t && n + k < sizeof out->text) memcpy(out->text + n, t, k), n += k;
    } while (st == SIM_RUNNING);
    out->text[n] = '\0';
    out->state = st;
    out->races = race_count(R);
    if (out->races) out->first = *race_info(R, 0);
    race_free(R);
    program_free(&p);
    sim_free(S);
}

/* Lines of the program: the body starts at line 13. */
enum { BODY = 13 };

static void test_counter_race(void **state) {
    (void)state;
    Outcome o;
    run_race("\tvar wg sync.WaitGroup\n"
             "\twg.Add(2)\n"
             "\tfor i := 0; i < 2; i++ {\n"
             "\t\tgo func() {\n"
             "\t\t\tx++\n"
             "\t\t\twg.Done()\n"
             "\t\t}()\n"
             "\t}\n"
             "\twg.Wait()\n",
             &o);
    assert_int_equal(o.state, SIM_EXITED);
    assert_int_equal(o.races, 1); /* the read and the write of one x++: one address, one report */
    assert_int_equal(o.first.line, BODY + 4);
    assert_int_equal(o.first.prev_line, BODY + 4);
    assert_true(o.first.prev_write);
    assert_int_not_equal(o.first.g, o.first.prev_g);
    /* Go's shape, line by line (addresses and offsets aside). */
    assert_non_null(strstr(o.text, "==================\nWARNING: DATA RACE\nRead at 0x"));
    assert_non_null(strstr(o.text, "  main.main.func1()\n      /t/race.go:17 +0x"));
    assert_non_null(strstr(o.text, "\n\nPrevious write at 0x"));
    assert_non_null(strstr(o.text, " (running) created at:\n  main.main()\n      /t/race.go:16 +0x"));
    assert_non_null(strstr(o.text, " (finished) created at:\n  main.main()\n      /t/race.go:16 +0x"));
}

static void test_sleep_does_not_order(void **state) {
    (void)state;
    Outcome o;
    run_race("\tgo func() {\n"
             "\t\tx = 1\n"
             "\t}()\n"
             "\ttime.Sleep(10 * time.Millisecond)\n"
             "\ty = x\n",
             &o);
    assert_int_equal(o.races, 1);
    assert_false(o.first.write);
    assert_true(o.first.prev_write);
    assert_int_equal(o.first.g, 1);
    assert_non_null(strstr(o.text, "Read at 0x"));
    assert_non_null(strstr(o.text, " by main goroutine:\n  main.main()\n      /t/race.go:17 +0x"));
}

static void test_close_races_send(void **state) {
    (void)state;
    Outcome o;
    /* The send completes into the buffer, then the close: still a race on the channel. */
    run_race("\tc := make(chan int, 4)\n"
             "\tdone := make(chan bool)\n"
             "\tgo func() {\n"
             "\t\tc <- 1\n"
             "\t\tdone <- true\n"
             "\t}()\n"
             "\ttime.Sleep(time.Millisecond)\n"
             "\tclose(c)\n"
             "\t<-done\n",
             &o);
    assert_int_equal(o.races, 1);
    assert_string_equal(o.first.fn, "runtime.closechan");
    assert_string_equal(o.first.prev_fn, "runtime.chansend");
    assert_int_equal(o.first.okind, OBJ_CHAN);
    assert_non_null(strstr(o.text, "Write at 0x"));
    assert_non_null(strstr(o.text, "  runtime.closechan()\n      /usr/lib/go-1.19/src/runtime/chan.go:357 +0x0\n"));
    assert_non_null(strstr(o.text, "Previous read at 0x"));
    assert_non_null(strstr(o.text, "  runtime.chansend()\n      /usr/lib/go-1.19/src/runtime/chan.go:160 +0x0\n"));
}

static void expect_none(const char *body) {
    Outcome o;
    run_race(body, &o);
    if (o.races) fail_msg("unexpected race:\n%s\nin:\n%s", o.text, body);
    assert_int_equal(o.state, SIM_EXITED);
}

static void test_synchronised(void **state) {
    (void)state;
    /* an unbuffered handoff, both ways */
    expect_none("\tc := make(chan int)\n\tgo func() {\n\t\tx = 1\n\t\tc <- 0\n\t}()\n\t<-c\n\ty = x\n");
    expect_none("\tc := make(chan int)\n\tgo func() {\n\t\t<-c\n\t\ty = x\n\t}()\n\tx = 1\n\tc <- 0\n"
                "\ttime.Sleep(time.Millisecond)\n");
    /* a buffered send before its receive */
    expect_none("\tc := make(chan int, 1)\n\tgo func() {\n\t\tx = 1\n\t\tc <- 0\n\t}()\n\t<-c\n\ty = x\n");
    /* the k-th receive before the (k+C)-th send completes (C = 1): a semaphore */
    expect_none("\tc := make(chan int, 1)\n\tc <- 0\n\tgo func() {\n\t\tx = 1\n\t\t<-c\n\t}()\n\tc <- 0\n\ty = x\n");
    /* close before a receive that returns because of it */
    expect_none("\tc := make(chan int)\n\tgo func() {\n\t\tx = 1\n\t\tclose(c)\n\t}()\n\t<-c\n\ty = x\n");
    /* a mutex */
    expect_none("\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tfor i := 0; i < 2; i++ {\n\t\tgo func() {\n\t\t\tmu.Lock()\n"
                "\t\t\tx++\n\t\t\tmu.Unlock()\n\t\t\twg.Done()\n\t\t}()\n\t}\n\twg.Wait()\n\ty = x\n");
    /* a wait group */
    expect_none("\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tgo func() {\n\t\tx = 1\n\t\twg.Done()\n\t}()\n\twg.Wait()\n\ty = x\n");
    /* once: f's writes happen before every Do returns */
    expect_none("\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tfor i := 0; i < 2; i++ {\n\t\tgo func() {\n"
                "\t\t\tonce.Do(func() { x = 1 })\n\t\t\t_ = x\n\t\t\twg.Done()\n\t\t}()\n\t}\n\twg.Wait()\n");
    /* the go statement */
    expect_none("\tx = 1\n\tdone := make(chan bool)\n\tgo func() {\n\t\ty = x\n\t\tdone <- true\n\t}()\n\t<-done\n");
    /* stdout: both print, so the fd lock orders them (go run -race agrees) */
    expect_none("\tgo func() {\n\t\tx = 1\n\t\tfmt.Println(\"a\")\n\t}()\n\ttime.Sleep(time.Millisecond)\n"
                "\tfmt.Println(\"b\")\n\ty = x\n");
}

/* Lessons 31-33: the lost update races even in Go's own schedule (which
 * prints 6); the mutex and the owner do not. */
static int lesson_races(const char *name) {
    char path[1200];
    snprintf(path, sizeof path, "%slessons/%s", testutil_root(), name);
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    Sim *S = sim_new(1);
    Program p;
    program_init(&p);
    Diag d;
    diag_init(&d);
    assert_true(compile_source(S, path, src, len, &p, &d, NULL));
    diag_free(&d);
    vm_start(S, &p);
    Race *R = race_new(S, NULL, path);
    while (sim_step(S) == SIM_RUNNING) {
    }
    assert_int_equal(S->state, SIM_EXITED);
    int n = race_count(R);
    race_free(R);
    program_free(&p);
    sim_free(S);
    free(src);
    return n;
}

static void test_lessons(void **state) {
    (void)state;
    assert_int_equal(lesson_races("31-lost-update.go"), 1);
    assert_int_equal(lesson_races("32-lost-update-mutex.go"), 0);
    assert_int_equal(lesson_races("33-lost-update-owner.go"), 0);
    assert_int_equal(lesson_races("34-happens-before.go"), 1); /* late, not ready */
}

/* race_save and race_restore go back exactly: at every 7th step of lesson
 * 19 (Go's schedule) save the detector with a snapshot of the Sim, run to
 * the end, restore both, and run to the end again: the detector's state
 * hash is the saved one after the restore and the first run's at the end. */
static void test_save_restore(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%slessons/19-session-race.go", testutil_root());
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    Sim *S = sim_new(1);
    Program p;
    program_init(&p);
    Diag d;
    diag_init(&d);
    assert_true(compile_source(S, path, src, len, &p, &d, NULL));
    diag_free(&d);
    vm_start(S, &p);
    Race *R = race_new(S, NULL, path);
    int checked = 0;
    for (int step = 0; sim_step(S) == SIM_RUNNING; step++) {
        if (step % 7) continue;
        Snapshot *snap = snapshot_take(S);
        RaceState *st = race_save(R);
        uint64_t h0 = race_state_hash(R);
        while (sim_step(S) == SIM_RUNNING) {
        }
        uint64_t end = race_state_hash(R);
        snapshot_restore(S, snap);
        race_restore(R, st);
        assert_true(race_state_hash(R) == h0);
        while (sim_step(S) == SIM_RUNNING) {
        }
        assert_true(race_state_hash(R) == end);
        snapshot_restore(S, snap);
        race_restore(R, st);
        snapshot_free(snap);
        race_state_free(st);
        checked++;
    }
    assert_true(checked > 5);
    assert_int_equal(race_count(R), 0); /* Go's own schedule sends before the close: no report */
    race_free(R);
    program_free(&p);
    sim_free(S);
    free(src);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_save_restore),
        cmocka_unit_test(test_counter_race),
        cmocka_unit_test(test_sleep_does_not_order),
        cmocka_unit_test(test_close_races_send),
        cmocka_unit_test(test_synchronised),
        cmocka_unit_test(test_lessons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
