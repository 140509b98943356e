/* bench_explore.c: how fast the schedule explorer searches, beside the
 * naive enumeration it must agree with.
 *
 *  1. Lesson 19 (the Session race) under preemption bounds 1 and 2, with
 *     the reduction (sleep sets, state hashing) and without (every
 *     interleaving): executions per second, transitions per second, and
 *     the ratio of executions naive / reduced -- what the reduction saves.
 *  2. The time until the search first finds lesson 19's panic ("panic:
 *     send on closed channel"), from the start of the search.
 *  3. Lesson 31 (two goroutines doing count++ three times), searched to the
 *     end: executions and seconds, reduced and naive.
 *  4. The same search of lesson 19 (bound 2) reaching each choice point by
 *     re-running from the start instead of restoring its snapshot: the
 *     speed-up the snapshots buy.
 *  5. PCT: runs per second on lesson 19, and how many of 1000 runs panic.
 *  6. run --race beside a plain run of bench/race/counters.go (80,000
 *     checked accesses): the detector's overhead (Go's own -race: 2-20x).
 *
 * Output: "name value" lines for scripts/bench; '#' lines are commentary.
 * Usage: bench_explore [--quick] ROOT (the source tree, for the lessons) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "explore.h"
#include "race.h"
#include "go/compile.h"
#include "go/diag.h"
#include "vm.h"

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(s);
        return NULL;
    }
    fclose(f);
    s[n] = 0;
    *len = (size_t)n;
    return s;
}

static bool run(const char *path, const ExploreOptions *o, ExploreResult *r) {
    size_t len;
    char *src = read_all(path, &len);
    if (!src) return false;
    Sim *S = sim_new(1);
    Program p;
    program_init(&p);
    Diag d;
    diag_init(&d);
    bool ok = compile_source(S, path, src, len, &p, &d, NULL);
    diag_free(&d);
    if (ok) {
        vm_start(S, &p);
        ok = explore_run(S, o, r);
    }
    program_free(&p);
    sim_free(S);
    free(src);
    return ok;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* One plain run of path (with the race detector when race), best of reps: seconds. */
static double timed_run(const char *path, bool race, int reps) {
    size_t len;
    char *src = read_all(path, &len);
    if (!src) return -1;
    double best = 1e9;
    for (int k = 0; k < reps; k++) {
        Sim *S = sim_new(1);
        Program p;
        program_init(&p);
        Diag d;
        diag_init(&d);
        if (!compile_source(S, path, src, len, &p, &d, NULL)) return -1;
        diag_free(&d);
        vm_start(S, &p);
        S->logging = false;
        Race *R = race ? race_new(S, NULL, path) : NULL;
        double t0 = now_s();
        while (sim_step(S) == SIM_RUNNING) {
        }
        double t = now_s() - t0;
        if (t < best) best = t;
        if (R && race_count(R) != 0) fprintf(stderr, "bench_explore: %s races\n", path);
        race_free(R);
        program_free(&p);
        sim_free(S);
    }
    free(src);
    return best;
}

int main(int argc, char **argv) {
    bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    const char *root = argc > 1 + quick ? argv[1 + quick] : ".";
    char l19[2048], l31[2048];
    snprintf(l19, sizeof l19, "%s/lessons/19-session-race.go", root);
    snprintf(l31, sizeof l31, "%s/lessons/31-lost-update.go", root);
    int maxb = quick ? 1 : 2;
    for (int b = 1; b <= maxb; b++) {
        double eps[2] = {0, 0};
        long long ex[2] = {0, 0};
        for (int naive = 0; naive < 2; naive++) {
            ExploreOptions o = {.preemptions = b, .seconds = naive ? 10 : 60, .no_sleep_sets = naive};
            ExploreResult r;
            if (!run(l19, &o, &r)) {
                fprintf(stderr, "bench_explore: cannot explore %s\n", l19);
                return 1;
            }
            double secs = r.seconds > 1e-6 ? r.seconds : 1e-6;
            ex[naive] = r.executions;
            eps[naive] = (double)r.executions / secs;
            printf("# lesson 19, bound %d, %s: %lld executions, %lld transitions, %d outcomes, %.3f s%s\n", b,
                   naive ? "naive" : "reduced", (long long)r.executions, (long long)r.transitions, r.n, r.seconds,
                   r.timed_out ? " (budget ran out)" : "");
            printf("explore_l19_b%d_%s_exec_per_sec %.0f\n", b, naive ? "naive" : "reduced", eps[naive]);
            printf("explore_l19_b%d_%s_transitions_per_sec %.0f\n", b, naive ? "naive" : "reduced",
                   (double)r.transitions / secs);
            if (!naive) {
                double first = -1;
                for (int32_t i = 0; i < r.n; i++)
                    if (strcmp(r.outcomes[i].err, "panic: send on closed channel") == 0 &&
                        (first < 0 || r.outcomes[i].found_at < first))
                        first = r.outcomes[i].found_at;
                if (b == 1) printf("explore_l19_first_panic_ms %.2f\n", first * 1000);
            }
            explore_result_free(&r);
        }
        printf("explore_l19_b%d_reduction %.1f\n", b, ex[0] ? (double)ex[1] / (double)ex[0] : 0);
    }
    {
        double secs[2] = {0, 0};
        for (int rerun = 0; rerun < 2; rerun++) {
            ExploreOptions o = {.preemptions = quick ? 1 : 2, .seconds = 60, .rerun = rerun};
            ExploreResult r;
            if (!run(l19, &o, &r)) return 1;
            secs[rerun] = r.seconds > 1e-6 ? r.seconds : 1e-6;
            printf("# lesson 19, bound %d, %s: %lld executions, %.3f s\n", o.preemptions,
                   rerun ? "re-running from the start" : "restoring snapshots", (long long)r.executions, r.seconds);
            printf("explore_l19_%s_exec_per_sec %.0f\n", rerun ? "rerun" : "snapshots", (double)r.executions / secs[rerun]);
            explore_result_free(&r);
        }
        printf("explore_l19_snapshot_speedup %.1f\n", secs[1] / secs[0]);
    }
    {
        ExploreOptions o = {.pct = quick ? 200 : 1000};
        ExploreResult r;
        if (!run(l19, &o, &r)) return 1;
        int64_t panics = 0;
        for (int32_t i = 0; i < r.n; i++)
            if (r.outcomes[i].kind == OUTCOME_PANIC) panics += r.outcomes[i].count;
        printf("# lesson 19, %lld PCT runs (depth 3): %d outcomes, %lld runs panic, %.3f s\n", (long long)r.executions,
               r.n, (long long)panics, r.seconds);
        printf("explore_l19_pct_runs_per_sec %.0f\n", (double)r.executions / (r.seconds > 1e-6 ? r.seconds : 1e-6));
        printf("explore_l19_pct_panic_percent %.1f\n", 100.0 * (double)panics / (double)r.executions);
        explore_result_free(&r);
    }
    {
        char cp[2048];
        snprintf(cp, sizeof cp, "%s/bench/race/counters.go", root);
        double plain = timed_run(cp, false, quick ? 1 : 5), race = timed_run(cp, true, quick ? 1 : 5);
        if (plain <= 0 || race <= 0) {
            fprintf(stderr, "bench_explore: cannot run %s\n", cp);
            return 1;
        }
        printf("# bench/race/counters.go: plain %.1f ms, --race %.1f ms\n", plain * 1000, race * 1000);
        printf("race_plain_ms %.2f\n", plain * 1000);
        printf("race_checked_ms %.2f\n", race * 1000);
        printf("race_overhead %.2f\n", race / plain);
    }
    for (int naive = 0; naive < 2; naive++) {
        ExploreOptions o = {.preemptions = -1, .seconds = quick ? 5 : 60, .no_sleep_sets = naive};
        ExploreResult r;
        if (!run(l31, &o, &r)) return 1;
        printf("# lesson 31 to the end, %s: %lld executions, %d outcomes, exhaustive %d, %.3f s\n",
               naive ? "naive" : "reduced", (long long)r.executions, r.n, r.exhaustive, r.seconds);
        printf("explore_l31_%s_seconds %.3f\n", naive ? "naive" : "reduced", r.seconds);
        printf("explore_l31_%s_executions %lld\n", naive ? "naive" : "reduced", (long long)r.executions);
        explore_result_free(&r);
    }
    return 0;
}
