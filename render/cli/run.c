/* run.c: `hchanviz run` and `hchanviz steps`: a program to its end, headless. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "event.h"
#include "program.h"

/* The goroutine that acted in the step just taken. */
static GoId actor(const Sim *S, GoId before) {
    if (S->log.len && S->log.items[0].kind == EV_SCHED_PICK) return S->log.items[0].g;
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].kind == EV_SCHED_PICK) return S->log.items[i].g;
    return before;
}

/* One line per step: number, goroutine, line, then the runtime events. */
static void print_step(const Sim *S, GoId g, FILE *out) {
    fprintf(out, "step %-6llu G%-3d line %-4d", (unsigned long long)S->steps, g, g ? sim_gc(S, g)->line : 0);
    int shown = 0;
    for (int32_t i = 0; i < S->log.len; i++) {
        int k = S->log.items[i].kind;
        if (k == EV_LOCK || k == EV_UNLOCK || k == EV_SCHED_PICK || k == EV_OUTPUT) continue;
        fprintf(out, "%s%s", shown++ ? ", " : " ", event_name(k));
    }
    fputc('\n', out);
    if (S->output.len) {
        const char *p = S->output.items, *end = p + S->output.len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            fprintf(out, "             | %.*s\n", (int)n, p);
            p += n + (nl ? 1 : 0);
        }
    }
}

int cli_run(const Options *o, bool steps) {
    Loaded l;
    if (!program_load(&l, o->file, o->seed, stderr)) {
        program_unload(&l);
        return 1;
    }
    Sim *S = l.S;
    S->policy = o->policy;
    S->max_steps = o->max_steps;
    S->logging = steps;
    int state;
    do {
        GoId before = S->curg;
        state = sim_step(S);
        if (steps) print_step(S, actor(S, before), stdout);
        else if (S->output.len) fwrite(S->output.items, 1, (size_t)S->output.len, stdout);
    } while (state == SIM_RUNNING);
    fflush(stdout);
    int code = 0;
    switch (state) {
    case SIM_EXITED: code = 0; break;
    case SIM_PANICKED:
    case SIM_FATAL:
        program_crash_report(&l, stderr);
        code = 2;
        break;
    case SIM_STEP_LIMIT:
        fprintf(stderr, "hchanviz: stopped after %llu steps, the step limit (raise it with --max-steps N)\n",
                (unsigned long long)S->steps);
        code = 3;
        break;
    default:
        fprintf(stderr, "hchanviz: %s\n", S->message);
        code = 1;
        break;
    }
    program_unload(&l);
    return code;
}
