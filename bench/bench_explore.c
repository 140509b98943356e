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
 *
 * Output: "name value" lines for scripts/bench; '#' lines are commentary.
 * Usage: bench_explore [--quick] ROOT (the source tree, for the lessons) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore.h"
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
