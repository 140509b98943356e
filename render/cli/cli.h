/* cli.h: options shared by the command-line subcommands. */
#ifndef HCHANVIZ_CLI_H
#define HCHANVIZ_CLI_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Options {
    const char *cmd;
    const char *file;
    int policy;         /* SchedPolicy */
    bool sched_set;     /* --sched was given: it overrides a lesson's //hchanviz:schedule */
    uint64_t seed;
    uint64_t max_steps;
    bool max_steps_set; /* --max-steps was given (a replay otherwise takes the trace's) */
    int64_t max_memory; /* --max-memory, in bytes; 0: the VM's default budget */
    const char *trace;    /* --trace OUT.json (docs/trace.md) */
    const char *perfetto; /* --perfetto OUT.json */
    const char *replay;   /* --sched replay:TRACE.json: the trace whose choices to replay */
    int lang;             /* --lang go1.N: the language version's minor number (0: the program's own, go/langver.h) */
    bool race;            /* --race: report data races as go run -race does (sim/race.h) */
    bool preempt;         /* --preempt: any goroutine may run at every visible operation (Sim.preemptive) */
} Options;

/* `hchanviz run` (steps == false) and `hchanviz steps`: runs o->file and
 * returns the exit status (0, 1 bad program, 2 panic/fatal, 3 step limit). */
int cli_run(const Options *o, bool steps);

/* `hchanviz explore P.go [...]` (explore_cli.c): flags from argv[first..). */
int cli_explore(int argc, char **argv, int first);

/* `hchanviz diff` (diff_cli.c): two traces, or one program under two
 * --sched, compared step by step; 0 the same, 1 they differ, 2 trouble.
 * Flags from argv[first..); defaults carries --lang/--max-steps given before. */
int cli_diff(int argc, char **argv, int first, const Options *defaults);

/* `hchanviz verify TRACE.json` (trace_cli.c): re-runs the trace's program
 * with its recorded choices and compares every step; 0 if it matches. */
int cli_verify(const char *path);

#endif
