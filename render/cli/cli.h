/* cli.h: options shared by the command-line subcommands. */
#ifndef HCHANVIZ_CLI_H
#define HCHANVIZ_CLI_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Options {
    const char *cmd;
    const char *file;
    int policy;         /* SchedPolicy */
    uint64_t seed;
    uint64_t max_steps;
} Options;

/* `hchanviz run` (steps == false) and `hchanviz steps`: runs o->file and
 * returns the exit status (0, 1 bad program, 2 panic/fatal, 3 step limit). */
int cli_run(const Options *o, bool steps);

#endif
