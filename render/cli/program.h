/* program.h: loading a lesson: read the file, compile it, start a Sim on it. */
#ifndef HCHANVIZ_CLI_PROGRAM_H
#define HCHANVIZ_CLI_PROGRAM_H

#include <stdio.h>

#include "sim.h"
#include "vm.h"

typedef struct Loaded {
    Sim *S;
    Program prog;
    char *src;          /* the source text (owned) */
    size_t len;
    const char *path;   /* as given on the command line */
    char abspath[4096]; /* for tracebacks, as Go prints them */
} Loaded;

/* Reads and compiles path, then starts a Sim on it with the given seed.
 * On failure prints the diagnostic ("FILE:LINE:COL: message", the line and
 * a caret) or the I/O error to err and returns false (exit status 1). */
/* lang: the user's --lang go1.N as a minor number, 0 for none (go/langver.h). */
bool program_load(Loaded *l, const char *path, uint64_t seed, int lang, FILE *err);
void program_unload(Loaded *l);

/* Writes Go's goroutine dump for a crashed run: the panic or fatal error
 * line, a blank line, then the panicking goroutine (panic) or every live
 * goroutine (fatal error), each with its frames. */
void program_crash_report(const Loaded *l, FILE *err);

#endif
