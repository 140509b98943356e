/* trace_cli.h: --trace, --perfetto and --sched replay: for `hchanviz run`
 * and `hchanviz steps`, and the `hchanviz verify` command (docs/trace.md). */
#ifndef HCHANVIZ_CLI_TRACE_CLI_H
#define HCHANVIZ_CLI_TRACE_CLI_H

#include <stdio.h>

#include "cli.h"
#include "perfetto.h"
#include "program.h"
#include "trace.h"

typedef struct CliTrace {
    bool trace_on, perfetto_on;
    bool failed;          /* a write failed: the run stopped, nothing is left under the names asked for */
    TraceWriter tw;
    PerfettoWriter pw;
    uint64_t steps_before;
    GoId before;
    FILE *err;            /* the run's stderr report, kept for the trace's result */
    char *errtext;
    size_t errlen;
} CliTrace;

/* After program_load and the scheduling options are set on l->S: loads the
 * choices of --sched replay:FILE, opens the output files, and switches the
 * Sim to one statement per step with events logged.  On error prints why
 * and returns false (exit status 1). */
bool cli_trace_begin(CliTrace *t, const Options *o, Loaded *l);
/* Call before each sim_step. */
void cli_trace_before(CliTrace *t, Sim *S);
/* Call after each sim_step: writes the step taken, if any.  False when a
 * write failed: stop the run (cli_trace_end reports it). */
bool cli_trace_after(CliTrace *t, Loaded *l);
/* Where the run's stderr report (crash report, step limit) must go: kept in
 * memory while tracing (it is the trace's result.stderr), else stderr. */
FILE *cli_trace_stderr(CliTrace *t);
/* Prints the kept report to stderr, writes the result and renames the files
 * into place.  Returns the exit status: code, or 1 if a write failed (the
 * message printed, no file left under the names asked for). */
int cli_trace_end(CliTrace *t, Loaded *l, int code);

/* How a run ended (run.c): its exit status, with what hchanviz prints on
 * stderr for it (Go's crash report, the step limit...) written to err. */
int cli_finish(const Loaded *l, FILE *err);

#endif
