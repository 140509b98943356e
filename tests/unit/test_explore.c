/* test_explore.c: the schedule explorer (sim/explore.h) against outcome
 * sets worked out by hand, witnesses that replay, and a naive enumeration.
 *
 * The hand-worked sets: two goroutines each doing count++ once can end
 * with 1 or 2 (a lost update needs exactly one preemption: between one
 * goroutine's load and its store); under a mutex only 2; a goroutine that
 * prints while main returns prints or not; a select with two ready cases
 * takes either; a send racing a close on a buffered channel panics or
 * not; a non-blocking send to a receiver that may not be parked yet can
 * leave main deadlocked; a goroutine blocked when main returns leaks.
 * Every witness, replayed with sim_set_replay, ends exactly as its outcome
 * says.  And on hundreds of random small programs the reduced search
 * (sleep sets, state hashing) finds exactly the outcomes of a naive
 * enumeration of every interleaving; PCT and random runs find only outcomes
 * the search finds; and the search that re-runs every schedule from the
 * start (the benchmarks' reference) explores exactly what the one
 * restoring snapshots does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "explore.h"
#include "go/compile.h"
#include "go/diag.h"
#include "vm.h"

typedef struct Prog {
    Sim *S;
    Program p;
} Prog;

static bool load_seeded(Prog *g, const char *src, uint64_t seed) {
    g->S = sim_new(seed);
    program_init(&g->p);
    Diag d;
    diag_init(&d);
    bool ok = compile_source(g->S, "t.go", src, strlen(src), &g->p, &d, NULL);
    if (!ok) fprintf(stderr, "# does not compile: %d:%d: %s\n%s", d.line, d.col, d.msg ? d.msg : "?", src);
    diag_free(&d);
    if (ok) vm_start(g->S, &g->p);
    return ok;
}

static bool load(Prog *g, const char *src) { return load_seeded(g, src, 1); }

static void unload(Prog *g) {
    sim_free(g->S);
    program_free(&g->p);
}

static void explore_src(const char *src, const ExploreOptions *o, ExploreResult *r) {
    Prog g;
    assert_true(load(&g, src));
    assert_true(explore_run(g.S, o, r));
    unload(&g);
}

static const ExploreOutcome *find(const ExploreResult *r, const char *out, int exit) {
    for (int32_t i = 0; i < r->n; i++)
        if (strcmp(r->outcomes[i].out, out) == 0 && r->outcomes[i].exit == exit) return &r->outcomes[i];
    return NULL;
}

/* Replays each witness on a fresh Sim: the same stdout, first stderr line and exit. */
static void check_witnesses(const char *src, const ExploreResult *r) {
    for (int32_t i = 0; i < r->n; i++) {
        const ExploreOutcome *oc = &r->outcomes[i];
        Prog g;
        assert_true(load(&g, src));
        sim_set_replay(g.S, oc->witness, oc->nwitness);
        g.S->max_steps = 100000;
        char out[4096];
        size_t n = 0;
        int st;
        do {
            st = sim_step(g.S);
            size_t k = (size_t)g.S->output.len;
            if (k && n + k < sizeof out) memcpy(out + n, g.S->output.items, k), n += k;
        } while (st == SIM_RUNNING);
        out[n] = '\0';
        char err[300];
        explore_stderr_line(g.S, err, sizeof err);
        int exit = g.S->state == SIM_EXITED ? 0 : g.S->state == SIM_STEP_LIMIT ? 3 : 2;
        if (strcmp(out, oc->out) != 0 || strcmp(err, oc->err) != 0 || exit != oc->exit)
            fail_msg("witness %d replays to \"%s\" \"%s\" exit %d, not \"%s\" \"%s\" exit %d", i + 1, out, err, exit,
                     oc->out, oc->err, oc->exit);
        unload(&g);
    }
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

static void test_lost_update(void **state) {
    (void)state;
    ExploreOptions o = {.preemptions = -1};
    ExploreResult r;
    explore_src(counter, &o, &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 2);
    const ExploreOutcome *two = find(&r, "2\n", 0), *one = find(&r, "1\n", 0);
    assert_non_null(two);
    assert_non_null(one);
    assert_int_equal(two->preemptions, 0); /* Go's own schedule */
    assert_int_equal(two->departures, 0);
    assert_int_equal(one->preemptions, 1); /* between a load and its store */
    check_witnesses(counter, &r);
    explore_result_free(&r);
    /* Under bound 0 only Go's own order and the other orders of whole goroutines: no lost update. */
    o.preemptions = 0;
    explore_src(counter, &o, &r);
    assert_false(r.exhaustive);
    assert_int_equal(r.n, 1);
    assert_non_null(find(&r, "2\n", 0));
    explore_result_free(&r);
}

static void test_mutex_keeps_updates(void **state) {
    (void)state;
    const char src[] = "package main\n"
                       "import (\n\t\"fmt\"\n\t\"sync\"\n)\n"
                       "var count int\n"
                       "var mu sync.Mutex\n"
                       "func main() {\n"
                       "\tvar wg sync.WaitGroup\n"
                       "\twg.Add(2)\n"
                       "\tfor i := 0; i < 2; i++ {\n"
                       "\t\tgo func() {\n"
                       "\t\t\tmu.Lock()\n"
                       "\t\t\tcount++\n"
                       "\t\t\tmu.Unlock()\n"
                       "\t\t\twg.Done()\n"
                       "\t\t}()\n"
                       "\t}\n"
                       "\twg.Wait()\n"
                       "\tfmt.Println(count)\n"
                       "}\n";
    ExploreOptions o = {.preemptions = -1};
    ExploreResult r;
    explore_src(src, &o, &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 1);
    assert_non_null(find(&r, "2\n", 0));
    explore_result_free(&r);
}

static void test_main_returns_first(void **state) {
    (void)state;
    const char src[] = "package main\n"
                       "import \"fmt\"\n"
                       "func main() {\n"
                       "\tgo func() { fmt.Println(\"hi\") }()\n"
                       "}\n";
    ExploreOptions o = {.preemptions = -1};
    ExploreResult r;
    explore_src(src, &o, &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 2);
    assert_non_null(find(&r, "", 0));
    assert_non_null(find(&r, "hi\n", 0));
    assert_int_equal(find(&r, "", 0)->preemptions, 0);
    check_witnesses(src, &r);
    explore_result_free(&r);
}

static void test_select_either(void **state) {
    (void)state;
    const char src[] = "package main\n"
                       "import \"fmt\"\n"
                       "func main() {\n"
                       "\ta := make(chan int, 1)\n"
                       "\tb := make(chan int, 1)\n"
                       "\ta <- 1\n"
                       "\tb <- 2\n"
                       "\tselect {\n"
                       "\tcase v := <-a:\n"
                       "\t\tfmt.Println(\"a\", v)\n"
                       "\tcase v := <-b:\n"
                       "\t\tfmt.Println(\"b\", v)\n"
                       "\t}\n"
                       "}\n";
    ExploreOptions o = {.preemptions = -1};
    ExploreResult r;
    explore_src(src, &o, &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 2);
    assert_non_null(find(&r, "a 1\n", 0));
    assert_non_null(find(&r, "b 2\n", 0));
    check_witnesses(src, &r);
    explore_result_free(&r);
    /* Twice in a row, from several seeds: where Go's own first draw for
     * the poll order is the highest value, a count that only went up from
     * the first value drawn would never try the other order. */
    const char twice[] = "package main\n"
                         "import \"fmt\"\n"
                         "func main() {\n"
                         "\ta := make(chan string, 1)\n"
                         "\tb := make(chan string, 1)\n"
                         "\ta <- \"a\"\n"
                         "\tb <- \"b\"\n"
                         "\tfor i := 0; i < 2; i++ {\n"
                         "\t\tselect {\n"
                         "\t\tcase v := <-a:\n"
                         "\t\t\tfmt.Println(v)\n"
                         "\t\tcase v := <-b:\n"
                         "\t\t\tfmt.Println(v)\n"
                         "\t\t}\n"
                         "\t}\n"
                         "}\n";
    for (uint64_t seed = 0; seed < 8; seed++) {
        Prog g;
        assert_true(load_seeded(&g, twice, seed));
        assert_true(explore_run(g.S, &o, &r));
        unload(&g);
        assert_true(r.exhaustive);
        if (r.n != 2) fail_msg("seed %llu: %d outcomes, want 2", (unsigned long long)seed, r.n);
        assert_non_null(find(&r, "a\nb\n", 0));
        assert_non_null(find(&r, "b\na\n", 0));
        explore_result_free(&r);
    }
}

static void test_send_races_close(void **state) {
    (void)state;
    const char src[] = "package main\n"
                       "import (\n\t\"fmt\"\n\t\"sync\"\n)\n"
                       "func main() {\n"
                       "\tc := make(chan int, 1)\n"
                       "\tvar wg sync.WaitGroup\n"
                       "\twg.Add(1)\n"
                       "\tgo func() {\n"
                       "\t\tdefer wg.Done()\n"
                       "\t\tc <- 1\n"
                       "\t}()\n"
                       "\tclose(c)\n"
                       "\twg.Wait()\n"
                       "\tfmt.Println(\"ok\")\n"
                       "}\n";
    ExploreOptions o = {.preemptions = -1};
    ExploreResult r;
    explore_src(src, &o, &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 2);
    assert_non_null(find(&r, "ok\n", 0));
    const ExploreOutcome *p = find(&r, "", 2);
    assert_non_null(p);
    assert_string_equal(p->err, "panic: send on closed channel");
    assert_int_equal(p->kind, OUTCOME_PANIC);
    /* Go's own order closes first (main runs on after go): the panic is that schedule. */
    assert_int_equal(p->preemptions, 0);
    assert_int_equal(find(&r, "ok\n", 0)->preemptions, 1);
    check_witnesses(src, &r);
    explore_result_free(&r);
}

static void test_deadlock_in_some_schedules(void **state) {
    (void)state;
    const char src[] = "package main\n"
                       "import \"fmt\"\n"
                       "func main() {\n"
                       "\tc := make(chan int)\n"
                       "\tgo func() {\n"
                       "\t\tselect {\n"
                       "\t\tcase c <- 1:\n"
                       "\t\tdefault:\n"
                       "\t\t}\n"
                       "\t}()\n"
                       "\t<-c\n"
                       "\tfmt.Println(\"got\")\n"
                       "}\n";
    ExploreOptions o = {.preemptions = -1};
    ExploreResult r;
    explore_src(src, &o, &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 2);
    assert_non_null(find(&r, "got\n", 0));
    const ExploreOutcome *d = find(&r, "", 2);
    assert_non_null(d);
    assert_true(d->deadlock);
    assert_string_equal(d->err, "fatal error: all goroutines are asleep - deadlock!");
    check_witnesses(src, &r);
    explore_result_free(&r);
}

static void test_leak(void **state) {
    (void)state;
    const char src[] = "package main\n"
                       "import \"fmt\"\n"
                       "func main() {\n"
                       "\tc := make(chan int)\n"
                       "\tgo func() { c <- 1 }()\n"
                       "\tfmt.Println(\"bye\")\n"
                       "}\n";
    ExploreOptions o = {.preemptions = -1};
    ExploreResult r;
    explore_src(src, &o, &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 1);
    const ExploreOutcome *b = find(&r, "bye\n", 0);
    assert_non_null(b);
    assert_true(b->leak);
    assert_string_equal(b->leaks, "G2 chan send");
    explore_result_free(&r);
}

/* The lesson of the question: it can panic, and its pinned run is one of the outcomes. */
static void test_lesson_19(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%slessons/19-session-race.go", testutil_root());
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    ExploreOptions o = {.preemptions = 1};
    ExploreResult r;
    explore_src(src, &o, &r);
    bool panics = false;
    for (int32_t i = 0; i < r.n; i++)
        if (strcmp(r.outcomes[i].err, "panic: send on closed channel") == 0) panics = true;
    assert_true(panics);
    assert_non_null(find(&r, "", 0) ? find(&r, "", 0) : &r.outcomes[0]);
    check_witnesses(src, &r);
    explore_result_free(&r);
    free(src);
}

/* Lessons 31-33 (001 §1): what their narration says explore finds.  Two
 * goroutines each adding 1 three times end with any count from 2 to 6 (the
 * least: each loses all but one of its updates to the other's stale store);
 * under a mutex, or with one owner of the counter, only 6. */
static void explore_lesson(const char *name, ExploreResult *r) {
    char path[1200];
    snprintf(path, sizeof path, "%slessons/%s", testutil_root(), name);
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    ExploreOptions o = {.preemptions = -1, .seconds = 60};
    explore_src(src, &o, r);
    free(src);
}

/* Lesson 34: main's read of ready is ordered after setup's write by the
 * send, so every schedule prints "config loaded" first; its read of late is
 * ordered by nothing, so a schedule where main runs between setup's send
 * and its write prints an empty line. */
static void test_happens_before_lesson(void **state) {
    (void)state;
    ExploreResult r;
    explore_lesson("34-happens-before.go", &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 2);
    const ExploreOutcome *seen = find(&r, "config loaded\nwritten after the send\n", 0);
    const ExploreOutcome *missed = find(&r, "config loaded\n\n", 0);
    assert_non_null(seen);
    assert_non_null(missed);
    assert_int_equal(seen->preemptions, 0); /* Go's own schedule sees it */
    assert_true(missed->preemptions >= 1);
    explore_result_free(&r);
}

static void test_lost_update_lessons(void **state) {
    (void)state;
    ExploreResult r;
    explore_lesson("31-lost-update.go", &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 5);
    char want[32];
    for (int c = 2; c <= 6; c++) {
        snprintf(want, sizeof want, "count: %d\n", c);
        assert_non_null(find(&r, want, 0));
    }
    assert_int_equal(find(&r, "count: 6\n", 0)->preemptions, 0);
    explore_result_free(&r);
    explore_lesson("32-lost-update-mutex.go", &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 1);
    assert_non_null(find(&r, "count: 6\n", 0));
    explore_result_free(&r);
    explore_lesson("33-lost-update-owner.go", &r);
    assert_true(r.exhaustive);
    assert_int_equal(r.n, 1);
    assert_non_null(find(&r, "total: 6\n", 0));
    explore_result_free(&r);
}

/* ---- reduced search == naive enumeration, on random programs --------------- */

static uint64_t rng = 88172645463325252ULL;
static uint32_t rnd(uint32_t n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* One random statement for a goroutine. */
static void random_stmt(char *b, size_t cap, size_t *n) {
    static const char *const stmts[] = {
        "x++", "y = x", "x = y + 1", "fmt.Print(\"a\")", "fmt.Print(\"b\")", "mu.Lock()\n\t\tx++\n\t\tmu.Unlock()",
        "select {\n\t\tcase c <- 1:\n\t\tdefault:\n\t\t}", "select {\n\t\tcase v := <-c:\n\t\t\ty = v\n\t\tdefault:\n\t\t}",
        "d <- 1", "y += <-d",
    };
    *n += (size_t)snprintf(b + *n, cap - *n, "\t\t%s\n", stmts[rnd(sizeof stmts / sizeof *stmts)]);
}

static void random_program(char *b, size_t cap) {
    size_t n = 0;
    n += (size_t)snprintf(b + n, cap - n,
                          "package main\n"
                          "import (\n\t\"fmt\"\n\t\"sync\"\n)\n"
                          "var x, y int\n"
                          "var mu sync.Mutex\n"
                          "func main() {\n"
                          "\tc := make(chan int, %u)\n"
                          "\td := make(chan int, %u)\n"
                          "\tvar wg sync.WaitGroup\n",
                          rnd(2), 1 + rnd(2));
    int gs = 2;
    n += (size_t)snprintf(b + n, cap - n, "\twg.Add(%d)\n", gs);
    for (int g = 0; g < gs; g++) {
        n += (size_t)snprintf(b + n, cap - n, "\tgo func() {\n");
        int k = 1 + (int)rnd(2);
        for (int i = 0; i < k; i++) random_stmt(b, cap, &n);
        n += (size_t)snprintf(b + n, cap - n, "\t\twg.Done()\n\t}()\n");
    }
    n += (size_t)snprintf(b + n, cap - n,
                          "\twg.Wait()\n"
                          "\tfmt.Println(x, y, len(c), len(d))\n"
                          "\t_ = c\n\t_ = d\n"
                          "}\n");
}

/* Every outcome of a is one of b's. */
static bool outcomes_within(const ExploreResult *a, const ExploreResult *b) {
    for (int32_t i = 0; i < a->n; i++) {
        bool found = false;
        for (int32_t j = 0; j < b->n && !found; j++)
            found = a->outcomes[i].exit == b->outcomes[j].exit && strcmp(a->outcomes[i].out, b->outcomes[j].out) == 0 &&
                    strcmp(a->outcomes[i].err, b->outcomes[j].err) == 0;
        if (!found) return false;
    }
    return true;
}

static bool same_outcomes(const ExploreResult *a, const ExploreResult *b) { return a->n == b->n && outcomes_within(a, b); }

/* Hundreds in the release build; fewer under the sanitizers (the naive
 * enumeration is millions of runs, each step checked there). */
#ifdef SIM_CHECK_EVERY_STEP
enum { RANDOM_PROGRAMS = 40 };
#else
enum { RANDOM_PROGRAMS = 300 };
#endif

static void test_reduced_equals_naive(void **state) {
    (void)state;
    int programs = 0, compared = 0;
    long reduced_runs = 0, naive_runs = 0;
    char src[4096];
    for (int k = 0; k < RANDOM_PROGRAMS; k++) {
        random_program(src, sizeof src);
        ExploreOptions fast = {.preemptions = -1, .seconds = 20};
        ExploreOptions naive = {.preemptions = -1, .seconds = 20, .no_sleep_sets = true};
        ExploreResult a, b;
        Prog g;
        if (!load(&g, src)) fail_msg("the generator made a program that does not compile");
        assert_true(explore_run(g.S, &fast, &a));
        unload(&g);
        assert_true(load(&g, src));
        assert_true(explore_run(g.S, &naive, &b));
        unload(&g);
        programs++;
        if (a.exhaustive && b.exhaustive) {
            compared++;
            reduced_runs += a.executions;
            naive_runs += b.executions;
            if (!same_outcomes(&a, &b)) fail_msg("reduced and naive searches differ (%d vs %d outcomes) on:\n%s", a.n, b.n, src);
            if (k % 10 == 0) check_witnesses(src, &a);
            if (k % 10 == 5) { /* sampling finds nothing the search does not */
                ExploreOptions pct = {.pct = 200}, rnd = {.random = 200};
                ExploreResult c, e;
                assert_true(load(&g, src));
                assert_true(explore_run(g.S, &pct, &c));
                unload(&g);
                assert_true(load(&g, src));
                assert_true(explore_run(g.S, &rnd, &e));
                unload(&g);
                if (!outcomes_within(&c, &a) || !outcomes_within(&e, &a))
                    fail_msg("PCT or random runs found an outcome the search did not, on:\n%s", src);
                check_witnesses(src, &c);
                explore_result_free(&c);
                explore_result_free(&e);
            }
        }
        explore_result_free(&a);
        explore_result_free(&b);
    }
    printf("# %d random programs, %d searched to the end both ways: %ld reduced runs vs %ld naive runs\n", programs,
           compared, reduced_runs, naive_runs);
    assert_true(compared >= RANDOM_PROGRAMS * 5 / 6);
    assert_true(reduced_runs < naive_runs);
}

static char *lesson_source(const char *name) {
    char path[1200];
    snprintf(path, sizeof path, "%slessons/%s", testutil_root(), name);
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    return src;
}

/* PCT on lesson 31 (exhaustive: counts 2 to 6) and lesson 19: a subset of
 * what the search finds, every witness replays, the runs are as many as
 * asked; lesson 19's panic needs one priority change, so depth 3 finds it
 * in 300 runs (its bound: at least 1/(n k^2) per run for a depth-3 bug). */
static void test_pct(void **state) {
    (void)state;
    char *src = lesson_source("31-lost-update.go");
    ExploreOptions all = {.preemptions = -1, .seconds = 60}, pct = {.pct = 500};
    ExploreResult a, p;
    explore_src(src, &all, &a);
    explore_src(src, &pct, &p);
    assert_true(a.exhaustive);
    assert_int_equal(p.executions, 500);
    assert_false(p.exhaustive);
    assert_int_equal(p.bound, -1);
    assert_true(outcomes_within(&p, &a));
    assert_true(p.n >= 3); /* 6, and lost updates */
    assert_non_null(find(&p, "count: 6\n", 0));
    check_witnesses(src, &p);
    explore_result_free(&a);
    explore_result_free(&p);
    free(src);
    src = lesson_source("19-session-race.go");
    ExploreOptions p19 = {.pct = 300};
    explore_src(src, &p19, &p);
    bool panics = false;
    for (int32_t i = 0; i < p.n; i++)
        if (strcmp(p.outcomes[i].err, "panic: send on closed channel") == 0) panics = true;
    assert_true(panics);
    check_witnesses(src, &p);
    explore_result_free(&p);
    free(src);
}

/* Re-running each schedule from the start reaches the same choice points
 * as restoring their snapshots: the same executions, transitions and
 * outcomes with the same counts. */
static void test_rerun_is_the_same_search(void **state) {
    (void)state;
    const char *names[] = {"19-session-race.go", "31-lost-update.go"};
    for (int k = 0; k < 2; k++) {
        char *src = lesson_source(names[k]);
        ExploreOptions snap = {.preemptions = 1, .seconds = 60}, rerun = {.preemptions = 1, .seconds = 60, .rerun = true};
        ExploreResult a, b;
        explore_src(src, &snap, &a);
        explore_src(src, &rerun, &b);
        assert_int_equal(a.executions, b.executions);
        assert_int_equal(a.transitions, b.transitions);
        assert_true(same_outcomes(&a, &b));
        for (int32_t i = 0; i < a.n; i++) {
            const ExploreOutcome *o = find(&b, a.outcomes[i].out, a.outcomes[i].exit);
            assert_non_null(o);
            assert_int_equal(o->count, a.outcomes[i].count);
        }
        explore_result_free(&a);
        explore_result_free(&b);
        free(src);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pct),
        cmocka_unit_test(test_rerun_is_the_same_search),
        cmocka_unit_test(test_lost_update),
        cmocka_unit_test(test_mutex_keeps_updates),
        cmocka_unit_test(test_main_returns_first),
        cmocka_unit_test(test_select_either),
        cmocka_unit_test(test_send_races_close),
        cmocka_unit_test(test_deadlock_in_some_schedules),
        cmocka_unit_test(test_leak),
        cmocka_unit_test(test_lesson_19),
        cmocka_unit_test(test_lost_update_lessons),
        cmocka_unit_test(test_happens_before_lesson),
        cmocka_unit_test(test_reduced_equals_naive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
