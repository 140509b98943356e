/* fuzz_trace.c: libFuzzer harness for the trace reader (sim/trace_read.c)
 * and `hchanviz verify`, the input being the trace file.
 *
 * First the reader's whole API is walked as its callers walk it: the
 * syntax pass of trace_reader_open, the header, each top-level member, every
 * step parsed with its choices, and consecutive steps compared with
 * trace_json_diff (hostile JSON on both sides).  Then trace_load_choices,
 * what `--sched replay:T.json` uses, and last cli_verify itself, which also
 * compiles and re-runs the program the trace embeds.  verify takes one
 * scheduling step per step the file holds, so its time is bounded by the
 * input's size. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz_util.h"
#include "trace.h"

enum { FUZZ_MAX_TRACE = 1 << 20 };

static void fuzz_reader_walk(const char *path) {
    TraceReader r;
    if (trace_reader_open(&r, path)) {
        uint64_t seed = 0, max_steps = 0;
        char err[700];
        (void)trace_read_header(&r, &seed, &max_steps, err, sizeof err);
        static const char *const members[] = {"format", "version", "program", "options", "result"};
        for (size_t i = 0; i < sizeof members / sizeof *members; i++) cJSON_Delete(trace_reader_member(&r, members[i]));
        ChoiceVec choices = {0};
        cJSON *prev = NULL;
        for (;;) {
            cJSON *step = NULL;
            if (!trace_reader_next(&r, &step) || !step) break;
            (void)trace_step_choices(step, &choices, err, sizeof err);
            if (prev) (void)trace_json_diff(prev, step, err, sizeof err);
            cJSON_Delete(prev);
            prev = step;
        }
        cJSON_Delete(prev);
        VEC_FREE(choices);
        /* A member after the steps: the reader seeks back. */
        cJSON_Delete(trace_reader_member(&r, "result"));
    }
    trace_reader_close(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > FUZZ_MAX_TRACE) return 0;
    char path[4096];
    fuzz_temp_write(data, size, ".json", path, sizeof path);
    fuzz_reader_walk(path);

    ChoiceVec choices = {0};
    uint64_t seed = 0, max_steps = 0;
    char err[700];
    (void)trace_load_choices(path, &choices, &seed, &max_steps, err, sizeof err);
    VEC_FREE(choices);

    (void)cli_verify(path);
    unlink(path);
    return 0;
}
