/* test_choicepoints.c: a run's choice points (sim/choicepoints.h), worked
 * out by hand for small programs, and the alternatives of every explored
 * witness replaying.
 *
 *  - Two goroutines that print "a" and "b" while main waits on a
 *    WaitGroup: with GOMAXPROCS=1 Go runs the newer first (runnext), so
 *    the run prints b then a; main's Wait is the one point where two can
 *    run (G3 taken, G2 the alternative), and G2 first prints a then b:
 *    the same exit, other output.  The rest has one goroutine to run.
 *  - A select with both cases ready: its poll order is the one draw with
 *    two values (selectgo's shuffle draws below 1, then below 2); the
 *    other order takes the other case.
 *  - Lesson 31 explored: at each witness's preemption points the
 *    alternatives all replay, and at the witness of a lost update some
 *    alternative ends with another count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "choicepoints.h"
#include "explore.h"
#include "go/compile.h"
#include "go/diag.h"
#include "vm.h"

typedef struct Prog {
    Sim *S;
    Program p;
} Prog;

static void load(Prog *g, const char *src) {
    g->S = sim_new(1);
    program_init(&g->p);
    Diag d;
    diag_init(&d);
    if (!compile_source(g->S, "t.go", src, strlen(src), &g->p, &d, NULL))
        fail_msg("does not compile: %d:%d: %s\n%s", d.line, d.col, d.msg ? d.msg : "?", src);
    diag_free(&d);
    vm_start(g->S, &g->p);
}

static void unload(Prog *g) {
    sim_free(g->S);
    program_free(&g->p);
}

static void test_waitgroup_pick(void **state) {
    (void)state;
    Prog g;
    load(&g, "package main\n"
             "import (\n\t\"fmt\"\n\t\"sync\"\n)\n"
             "func main() {\n"
             "\tvar wg sync.WaitGroup\n"
             "\twg.Add(2)\n"
             "\tgo func() { fmt.Println(\"a\"); wg.Done() }()\n"
             "\tgo func() { fmt.Println(\"b\"); wg.Done() }()\n"
             "\twg.Wait()\n"
             "}\n");
    ChoicePoints cp;
    assert_true(choicepoints_find(g.S, NULL, 0, 100, 100, &cp));
    assert_string_equal(cp.end, "exit 0");
    assert_int_equal(cp.n, 1);
    assert_int_equal(cp.evaluated, 1);
    const ChoicePoint *p = &cp.items[0];
    assert_int_equal(p->kind, CHOICE_RUN);
    assert_int_equal(p->taken, 3);
    assert_int_equal(p->nalts, 1);
    assert_int_equal(p->alts[0].value, 2);
    assert_true(p->alts[0].known);
    assert_string_equal(p->alts[0].end, "exit 0");
    assert_false(p->alts[0].same_output);
    assert_false(p->alts[0].same);
    choicepoints_free(&cp);
    unload(&g);
}

static void test_select_order(void **state) {
    (void)state;
    Prog g;
    load(&g, "package main\n"
             "import \"fmt\"\n"
             "func main() {\n"
             "\ta := make(chan int, 1)\n"
             "\tb := make(chan int, 1)\n"
             "\ta <- 1\n"
             "\tb <- 2\n"
             "\tselect {\n"
             "\tcase v := <-a:\n\t\tfmt.Println(\"a\", v)\n"
             "\tcase v := <-b:\n\t\tfmt.Println(\"b\", v)\n"
             "\t}\n"
             "}\n");
    ChoicePoints cp;
    assert_true(choicepoints_find(g.S, NULL, 0, 100, 100, &cp));
    assert_int_equal(cp.n, 1);
    const ChoicePoint *p = &cp.items[0];
    assert_int_equal(p->kind, CHOICE_RAND);
    assert_int_equal(p->bound, 2);
    assert_int_equal(p->nalts, 1);
    assert_int_equal(p->alts[0].value, 1 - p->taken);
    assert_true(p->alts[0].known);
    assert_false(p->alts[0].same_output);
    choicepoints_free(&cp);
    unload(&g);
}

static void test_lesson_31_witnesses(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%slessons/31-lost-update.go", testutil_root());
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    Prog g;
    load(&g, src);
    ExploreOptions o = {.preemptions = -1, .seconds = 60};
    ExploreResult r;
    assert_true(explore_run(g.S, &o, &r));
    unload(&g);
    assert_true(r.exhaustive);
    int preempt_points = 0, elsewhere = 0;
    for (int32_t i = 0; i < r.n; i++) {
        load(&g, src);
        g.S->preemptive = true;
        ChoicePoints cp;
        assert_true(choicepoints_find(g.S, r.outcomes[i].witness, r.outcomes[i].nwitness, 1000, 1000, &cp));
        assert_false(cp.truncated);
        char want[160];
        snprintf(want, sizeof want, "exit %d", r.outcomes[i].exit);
        assert_string_equal(cp.end, want);
        for (int32_t k = 0; k < cp.n; k++) {
            const ChoicePoint *p = &cp.items[k];
            if (p->kind == CHOICE_PREEMPT) preempt_points++;
            for (int32_t j = 0; j < p->nalts; j++) {
                if (!p->alts[j].known) fail_msg("outcome %d, point %d: alternative G%d does not replay", i + 1, k, p->alts[j].value);
                if (!p->alts[j].same_output) elsewhere++;
            }
        }
        choicepoints_free(&cp);
        unload(&g);
    }
    assert_true(preempt_points > 0);
    assert_true(elsewhere > 0);
    explore_result_free(&r);
    free(src);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waitgroup_pick),
        cmocka_unit_test(test_select_order),
        cmocka_unit_test(test_lesson_31_witnesses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
