/* run.c: `hchanviz run` and `hchanviz steps`: a program to its end, headless. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "event.h"
#include "lang.h"
#include "lesson.h"
#include "narrate.h"
#include "program.h"
#include "source.h"
#include "trace.h"
#include "trace_cli.h"

/* A step as text, for a terminal without the window: the goroutine and the
 * source line it ran, the lesson's narration for that line, each runtime
 * micro-step told in words (in the user's language), and what it printed. */
static void print_step(const Sim *S, GoId g, const SourceInfo *si, const char *src, int lang, FILE *out) {
    int32_t line = S->step_line ? S->step_line : g ? sim_gc(S, g)->line : 0;
    const char *text = "";
    int32_t tlen = 0;
    if (line > 0 && line <= si->lines.len) {
        text = src + si->lines.items[line - 1].off;
        tlen = si->lines.items[line - 1].len;
        while (tlen > 0 && (*text == '\t' || *text == ' ')) text++, tlen--;
    }
    fprintf(out, "step %-5llu G%-3d %4d | %.*s\n", (unsigned long long)S->steps, g, line, (int)tlen, text);
    int32_t nlen;
    const char *narr = source_narration(si, line, lang, &nlen);
    if (narr && nlen) fprintf(out, "               > %.*s\n", (int)nlen, narr);
    char buf[512];
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        if (e->kind == EV_LOCK || e->kind == EV_UNLOCK || e->kind == EV_OUTPUT) continue;
        if (narrate_event(S, e, lang, buf, sizeof buf) > 0) fprintf(out, "               - %s\n", buf);
        else fprintf(out, "               - %s\n", event_name(e->kind));
        if (narrate_event_extra(S, e, lang, buf, sizeof buf) > 0) fprintf(out, "                 %s\n", buf);
    }
    if (S->output.len) {
        const char *p = S->output.items, *end = p + S->output.len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            fprintf(out, "               | %.*s\n", (int)n, p);
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
    SourceInfo si = {0};
    int lang = lang_from_env();
    Lesson lesson;
    bool is_lesson = false;
    if (steps) {
        source_scan(&si, l.src, l.len);
        is_lesson = lesson_parse(&lesson, o->file, l.src, l.len, 0, NULL);
        if (is_lesson) source_use_lesson(&si, &lesson);
    }
    int state;
    do {
        GoId before = S->curg;
        cli_trace_before(&trace, S);
        state = sim_step(S);
        if (steps) print_step(S, trace_actor(S, before), &si, l.src, lang, stdout);
        else if (S->output.len) fwrite(S->output.items, 1, (size_t)S->output.len, stdout);
        if (!cli_trace_after(&trace, &l)) break;
    } while (state == SIM_RUNNING);
    fflush(stdout);
    source_free(&si);
    if (is_lesson) lesson_free(&lesson);
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
