/* fuzz_program.c: libFuzzer harness for a Go program given as the input's
 * bytes, through every way hchanviz runs one.
 *
 *   1. `hchanviz run` (cli_run in batch mode) with a small step limit;
 *   2. `hchanviz steps --trace T.json` (each statement a step, narrated,
 *      each micro-step's change derived from the events, the trace written);
 *   3. `hchanviz verify T.json` on that trace: a trace hchanviz just wrote
 *      must verify (same program + same choices = same trace), so a failure
 *      here aborts as a finding even though nothing crashed;
 *   4. when the run is short, the window's view: the program loaded as a
 *      Session, a few steps laid out as display lists and checked.
 *
 * Bounds: FUZZ_RUN_STEPS and FUZZ_TRACE_STEPS keep a run short in time,
 * FUZZ_MAX_MEMORY (the program's memory budget, --max-memory) keeps it small
 * in memory; libFuzzer's -rss_limit_mb and -malloc_limit_mb (scripts/fuzz)
 * catch whatever escapes the budget as an out-of-memory finding.  The window
 * has no budget of its own to set, so only runs that end by themselves
 * (exit 0) inside both bounds are laid out: they run the same under the
 * window's larger default.  Built with SIM_CHECK_EVERY_STEP, so a broken
 * runtime invariant aborts too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz_util.h"
#include "session.h"
#include "view.h"

enum {
    FUZZ_MAX_SOURCE = 1 << 16, /* bigger inputs are not more interesting, only slower */
    FUZZ_RUN_STEPS = 5000,     /* `run`: statements before the step limit */
    FUZZ_TRACE_STEPS = 400,    /* `steps --trace` and verify: every step is logged and written */
};
#define FUZZ_MAX_MEMORY ((int64_t)16 << 20) /* bytes a program may hold (vm_set_max_memory) */

/* The window's view of the first, middle and last steps of a short run. */
static void fuzz_layout(const char *path, FILE *quiet) {
    Session *s = calloc(1, sizeof *s);
    if (!s) abort();
    if (session_load(s, path, SESSION_POLICY_DEFAULT, 0, NULL, 0, quiet)) {
        session_record_all(s);
        DisplayList dl;
        dl_init(&dl);
        int32_t n = session_nsteps(s);
        const int32_t picks[3] = {0, n / 2, n - 1};
        char why[512];
        for (int i = 0; i < 3; i++) {
            session_goto(s, picks[i]);
            ViewUi ui = {0};
            ui.w = i == 1 ? 1920 : 1280;
            ui.h = i == 1 ? 1080 : 720;
            ui.zoom = 1;
            ui.lang = i % 2;
            ui.present = i == 2;
            ui.micro = s->S->log.len > 0 ? (int)(s->S->log.len / 2) : -1;
            view_layout(&dl, s, &ui, &view_metrics_dejavu);
            (void)view_validate(&dl, &view_metrics_dejavu, why, sizeof why);
            AnimPlan plan;
            anim_plan(&plan, s, VIEW_BEFORE_STEP, -1, &ui, &view_metrics_dejavu);
            (void)session_needs_pick(s);
        }
        char outcome[300];
        session_outcome(s, outcome, sizeof outcome);
        dl_free(&dl);
    }
    session_free(s);
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > FUZZ_MAX_SOURCE) return 0;
    char path[4096], trace[4200];
    fuzz_temp_write(data, size, ".go", path, sizeof path);
    fuzz_temp_sibling(path, ".trace.json", trace, sizeof trace);
    FILE *quiet = fopen("/dev/null", "w");
    if (!quiet) abort();

    Options o = {0};
    o.cmd = "run";
    o.file = path;
    o.policy = SCHED_GO;
    o.max_steps = FUZZ_RUN_STEPS;
    o.max_steps_set = true;
    o.max_memory = FUZZ_MAX_MEMORY;
    int code = cli_run(&o, false);

    if (code != 1) { /* it compiled */
        o.cmd = "steps";
        o.max_steps = FUZZ_TRACE_STEPS;
        o.trace = trace;
        code = cli_run(&o, true);
        if (code != 1) {
            int v = cli_verify(trace);
            if (v != 0) {
                fprintf(stderr, "fuzz_program: hchanviz verify rejects the trace `steps --trace` just wrote "
                                "(exit %d); the reason is above\n", v);
                abort();
            }
        }
        unlink(trace);
        if (code == 0) fuzz_layout(path, quiet);
    }
    fclose(quiet);
    unlink(path);
    return 0;
}
