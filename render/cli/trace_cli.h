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

/* A trace checked as `hchanviz verify` checks it (docs/trace.md), with what
 * view and export need to show it: its program and every step's choices. */
enum TraceCheckStatus {
    TRACE_CHECK_OK,         /* every step and the result are what the re-run makes */
    TRACE_CHECK_DIFFERS,    /* readable, but the re-run differs (why, differs_at): it can still be shown */
    TRACE_CHECK_UNREADABLE, /* not a trace, malformed, or its program does not compile: nothing to show */
};

typedef struct TraceCheck {
    int status;           /* TraceCheckStatus */
    char why[2048];       /* not OK: "T.json: step 5: channels[0].qcount: the trace has 9, the run has 2" */
    uint64_t differs_at;  /* DIFFERS: the first step (1-based) that differs; 0: the result */
    uint64_t steps;       /* steps read and checked */
    char *file, *path;    /* program.file and program.path (malloc'd; NULL if unreadable) */
    char *source;         /* program.source (malloc'd, NUL-terminated) */
    size_t len;
    uint64_t seed, max_steps; /* the trace's options */
    int lang;             /* options.lang as a minor number (0: not recorded) */
    ChoiceVec choices;    /* with keep_choices: every step's choices, in order (all of them unless UNREADABLE) */
} TraceCheck;

/* Checks the trace at path: re-runs its program with its recorded choices
 * and compares every step, then the result, stopping at the first
 * difference.  Reads the file as a stream (memory stays flat unless
 * keep_choices).  True if it verifies; otherwise tc->status and tc->why
 * say why.  Free with trace_check_free either way. */
bool trace_check(const char *path, TraceCheck *tc, bool keep_choices);
void trace_check_free(TraceCheck *tc);
/* Does the file at path look like a trace (JSON: its first non-blank byte is
 * '{'), not a Go program?  False if it cannot be read (the loader says why). */
bool trace_cli_is_trace(const char *path);

/* Opens the trace at path as the window and export show it: checks it
 * (trace_check, keeping the choices), then loads s from its embedded
 * program (named program.file) replaying every recorded choice, with the
 * trace's seed and step limit.  False, with the message on err and s safe
 * to session_free, if there is nothing to show.  True with tc->status
 * TRACE_CHECK_DIFFERS if the re-run differs from the trace: s shows the
 * re-run, and the caller must say so (tc->why).  Free tc either way. */
struct Session;
bool trace_cli_open(struct Session *s, const char *path, TraceCheck *tc, FILE *err);

/* How a run ended (run.c): its exit status, with what hchanviz prints on
 * stderr for it (Go's crash report, the step limit...) written to err. */
int cli_finish(const Loaded *l, FILE *err);

#endif
