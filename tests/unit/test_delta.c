/* test_delta.c: events are complete deltas (DESIGN.md, core idea 5).
 *
 * For every step of every program in tests/go/ and every lesson (with its
 * pinned schedule), a second Sim that only ever receives the events --
 * never runs the model -- must hold, after each step's events, exactly
 * the state the model holds after the step: every hchan field, slot and
 * wait queue, every goroutine's status, the P, the global queue, the
 * clock, closechan's gList and how the run ended (sim/statediff.h).  The
 * derived Sim starts as a copy of the state before the first step, so the
 * whole run is rebuilt from events alone, as the window rebuilds each
 * micro-step and a delta trace rebuilds each step.  Also under preemption
 * (random preemptive schedules: EV_PREEMPT and the picks it causes).
 *
 * Also: statediff finds a difference in each field it compares (a
 * comparison that cannot fail proves nothing). */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "delta.h"
#include "go/compile.h"
#include "go/diag.h"
#include "lesson.h"
#include "snapshot.h"
#include "statediff.h"
#include "vm.h"

static char root[1024];
static long preemptions; /* EV_PREEMPT events seen */

static void find_root(void) { snprintf(root, sizeof root, "%s", testutil_root()); }

enum { MAX_STEPS = 300000 };

/* Runs path (preempt_seed != 0: preemptive, a random goroutine at every
 * point, from that seed); returns the steps checked (0: it does not compile). */
static long check_program(const char *path, long *events, uint64_t preempt_seed) {
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    Sim *S = sim_new(0);
    Program prog;
    program_init(&prog);
    Diag d;
    diag_init(&d);
    long steps = 0;
    if (!compile_source(S, path, src, len, &prog, &d, NULL)) goto out;
    vm_start(S, &prog);
    S->logging = true;
    S->max_steps = MAX_STEPS;
    FILE *null = fopen("/dev/null", "w");
    bool prepared = lesson_prepare(S, path, src, len, null);
    if (null) fclose(null);
    if (!prepared) goto out;
    if (preempt_seed) {
        S->policy = SCHED_RANDOM;
        S->rng = preempt_seed;
        S->preemptive = true;
    }
    Snapshot *snap = snapshot_take(S);
    Sim *D = sim_new(0);
    snapshot_restore(D, snap);
    snapshot_free(snap);
    StateDiff diffs[4];
    char a[160], b[160];
    while (S->state == SIM_RUNNING && S->steps < MAX_STEPS) {
        sim_step(S);
        for (int32_t i = 0; i < S->log.len; i++) {
            delta_apply(D, &S->log.items[i], S);
            if (S->log.items[i].kind == EV_PREEMPT) preemptions++;
        }
        *events += S->log.len;
        steps++;
        int32_t n = statediff(D, S, diffs, 4);
        if (n) {
            statediff_str(&diffs[0], a, sizeof a);
            b[0] = 0;
            if (n > 1) statediff_str(&diffs[1], b, sizeof b);
            fail_msg("%s step %ld (%s): the events miss %d change(s): derived vs real: %s; %s", path, steps,
                     S->log.len ? event_name(S->log.items[0].kind) : "no events", n, a, b);
        }
    }
    sim_free(D);
out:
    diag_free(&d);
    program_free(&prog);
    sim_free(S);
    free(src);
    return steps;
}

static void test_every_step_of_every_program(void **state) {
    (void)state;
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%stests/go/*.go", root);
    glob(pat, 0, NULL, &g);
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, GLOB_APPEND, NULL, &g);
    assert_true(g.gl_pathc > 20);
    long steps = 0, events = 0, programs = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        long n = check_program(g.gl_pathv[i], &events, 0);
        if (n) programs++;
        steps += n;
    }
    printf("# %ld programs, %ld steps, %ld events: every step's events reach its state\n", programs, steps, events);
    assert_true(programs > 20);
    globfree(&g);
}

static void test_every_step_preempted(void **state) {
    (void)state;
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%stests/go/*.go", root);
    glob(pat, 0, NULL, &g);
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, GLOB_APPEND, NULL, &g);
    long steps = 0, events = 0, programs = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        for (uint64_t seed = 1; seed <= 3; seed++) {
            long n = check_program(g.gl_pathv[i], &events, seed);
            if (n && seed == 1) programs++;
            steps += n;
        }
    }
    printf("# preempted: %ld programs x 3 seeds, %ld steps, %ld events (%ld preemptions): every step's events "
           "reach its state\n",
           programs, steps, events, preemptions);
    assert_true(programs > 20);
    assert_true(preemptions > 100);
    globfree(&g);
}

/* The comparison sees each thing it compares. */
static void test_statediff_sees_each_field(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%stests/go/chanrecv_rotate.go", root);
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    Sim *S = sim_new(0);
    Program prog;
    program_init(&prog);
    Diag d;
    diag_init(&d);
    assert_true(compile_source(S, path, src, len, &prog, &d, NULL));
    vm_start(S, &prog);
    while (S->chans.len == 0 && S->state == SIM_RUNNING) sim_step(S);
    assert_true(S->chans.len > 0);
    Snapshot *snap = snapshot_take(S);
    Sim *D = sim_new(0);
    snapshot_restore(D, snap);
    snapshot_free(snap);
    assert_int_equal(statediff(D, S, NULL, 0), 0);
    StateDiff one;
    Chan *ch = &D->chans.items[0];
#define EXPECT(kind_, mutate, undo)                               \
    do {                                                          \
        mutate;                                                   \
        assert_int_equal(statediff(D, S, &one, 1), 1);            \
        assert_int_equal(one.kind, kind_);                        \
        undo;                                                     \
        assert_int_equal(statediff(D, S, NULL, 0), 0);            \
    } while (0)
    EXPECT(DIFF_CHAN_FIELD, ch->qcount++, ch->qcount--);
    EXPECT(DIFF_CHAN_FIELD, ch->sendx++, ch->sendx--);
    EXPECT(DIFF_CHAN_FIELD, ch->recvx++, ch->recvx--);
    EXPECT(DIFF_CHAN_FIELD, ch->closed ^= 1, ch->closed ^= 1);
    EXPECT(DIFF_CHAN_FIELD, ch->lock = 99, ch->lock = 0);
    if (ch->dataqsiz) EXPECT(DIFF_SLOT, D->slots.items[ch->buf].i += 7, D->slots.items[ch->buf].i -= 7);
    EXPECT(DIFF_G_STATUS, D->gs.items[0].status ^= 1, D->gs.items[0].status ^= 1);
    EXPECT(DIFF_G_WAITREASON, D->gs.items[0].waitreason += 3, D->gs.items[0].waitreason -= 3);
    EXPECT(DIFF_RUNNEXT, D->p.runnext += 5, D->p.runnext -= 5);
    EXPECT(DIFF_SCHEDTICK, D->p.schedtick++, D->p.schedtick--);
    EXPECT(DIFF_CLOCK, D->now++, D->now--);
    EXPECT(DIFF_STATE, D->state = SIM_FATAL, D->state = SIM_RUNNING);
    EXPECT(DIFF_CURG, D->curg += 9, D->curg -= 9);
    EXPECT(DIFF_CLOSELIST, VEC_PUSH(D->closelist, 1), D->closelist.len = 0);
    EXPECT(DIFF_GLOBRUNQ, VEC_PUSH(D->globrunq, 1), D->globrunq.len--);
    EXPECT(DIFF_RUNQ, D->p.runq[D->p.runqtail++ % RUNQ_SIZE] = 1, D->p.runqtail--);
#undef EXPECT
    sim_free(D);
    diag_free(&d);
    program_free(&prog);
    sim_free(S);
    free(src);
}

int main(void) {
    find_root();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statediff_sees_each_field),
        cmocka_unit_test(test_every_step_of_every_program),
        cmocka_unit_test(test_every_step_preempted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
