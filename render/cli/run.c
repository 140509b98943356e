/* run.c: `hchanviz run` and `hchanviz steps`: a program to its end, headless. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "event.h"
#include "program.h"
#include "trace_cli.h"

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
    if (o->sched_set || S->policy == SCHED_GO) S->policy = o->policy; /* else the lesson pinned it */
    S->max_steps = o->max_steps;
    S->logging = steps;
    S->batch = !steps; /* nobody looks at single statements: run to the next scheduling point */
    CliTrace trace;
    if (!cli_trace_begin(&trace, o, &l)) {
        program_unload(&l);
        return 1;
    }
    int state;
    do {
        GoId before = S->curg;
        cli_trace_before(&trace, S);
        state = sim_step(S);
        if (steps) print_step(S, actor(S, before), stdout);
        else if (S->output.len) fwrite(S->output.items, 1, (size_t)S->output.len, stdout);
        if (!cli_trace_after(&trace, &l)) break;
    } while (state == SIM_RUNNING);
    fflush(stdout);
    int code = cli_finish(&l, cli_trace_stderr(&trace));
    code = cli_trace_end(&trace, &l, code);
    program_unload(&l);
    return code;
}

int cli_finish(const Loaded *l, FILE *err) {
    const Sim *S = l->S;
    int code = 0;
    switch (S->state) {
    case SIM_EXITED: code = 0; break;
    case SIM_PANICKED:
    case SIM_FATAL:
        program_crash_report(l, err);
        code = 2;
        break;
    case SIM_STEP_LIMIT:
        fprintf(err, "hchanviz: stopped after %llu steps, the step limit (raise it with --max-steps N)\n",
                (unsigned long long)S->steps);
        code = 3;
        break;
    default:
        fprintf(err, "hchanviz: %s\n", S->message);
        code = 1;
        break;
    }
    return code;
}
