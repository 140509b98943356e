/* run.c: `hchanviz run` and `hchanviz steps`: a program to its end, headless. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "event.h"
#include "lang.h"
#include "delta.h"
#include "lesson.h"
#include "lessontext.h"
#include "narrate.h"
#include "snapshot.h"
#include "statediff.h"
#include "program.h"
#include "race.h"
#include "source.h"
#include "trace.h"
#include "trace_cli.h"

/* The states just before and just after each micro-step, derived from the
 * events alone (delta.h) as the window derives them: what each micro-step
 * changed is printed under it. */
typedef struct Derived { Sim *before, *after; } Derived;

static void derived_start(Derived *d, const Sim *S) {
    Snapshot *snap = snapshot_take(S);
    d->before = sim_new(0);
    d->after = sim_new(0);
    snapshot_restore(d->before, snap);
    snapshot_restore(d->after, snap);
    snapshot_free(snap);
}

static void derived_free(Derived *d) {
    sim_free(d->before);
    sim_free(d->after);
}

/* Applies e to both states, printing what it changed. */
static void print_changes(Derived *d, const Sim *S, const Event *e, FILE *out) {
    if (e == &S->log.items[0]) { /* the step's values, as it leaves them */
        delta_take_values(d->before, S);
        delta_take_values(d->after, S);
    }
    delta_apply(d->after, e, S);
    StateDiff diffs[16];
    int32_t n = statediff(d->before, d->after, diffs, 16);
    char buf[1600], one[256];
    int k = 0;
    for (int32_t i = 0; i < n && i < 16; i++) {
        if (diffs[i].kind == DIFF_CURG || diffs[i].kind == DIFF_NGOROUTINES) continue; /* told by the sentence */
        view_diff_str(d->before, d->after, &diffs[i], one, sizeof one);
        k += snprintf(buf + k, sizeof buf - (size_t)k, "%s%s", k ? ", " : "", one);
        if (k >= (int)sizeof buf - 1) break;
    }
    if (k && out) fprintf(out, "                 = %s\n", buf);
    delta_apply(d->before, e, S);
}

/* A step as text, for a terminal without the window: the goroutine and the
 * source line it ran, the lesson's words for what it did (lessontext.h),
 * each runtime micro-step told in words (in the user's language) with what
 * it changed, and what it printed. */
static void print_step(const Sim *S, GoId g, const Lesson *L, const SourceInfo *si, const char *src, int lang,
                       Derived *d, FILE *out) {
    int32_t line = S->step_line ? S->step_line : g ? sim_gc(S, g)->line : 0;
    const char *text = "";
    int32_t tlen = 0;
    if (line > 0 && line <= si->lines.len) {
        text = src + si->lines.items[line - 1].off;
        tlen = si->lines.items[line - 1].len;
        while (tlen > 0 && (*text == '\t' || *text == ' ')) text++, tlen--;
    }
    fprintf(out, "step %-5llu G%-3d %4d | %.*s\n", (unsigned long long)S->steps, g, line, (int)tlen, text);
    LessonText words[4];
    int nw = lesson_text_at(L, si, line, &S->log, -1, lang, words, 4);
    for (int i = 0; i < nw; i++) fprintf(out, "               > %.*s\n", (int)words[i].len, words[i].text);
    char buf[512];
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        if (e->kind == EV_LOCK || e->kind == EV_UNLOCK || e->kind == EV_OUTPUT) {
            print_changes(d, S, e, NULL);
            continue;
        }
        if (narrate_event(S, e, lang, buf, sizeof buf) > 0) fprintf(out, "               - %s\n", buf);
        else fprintf(out, "               - %s\n", event_name(e->kind));
        if (narrate_event_extra(S, e, lang, buf, sizeof buf) > 0) fprintf(out, "                 %s\n", buf);
        print_changes(d, S, e, out);
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

/* Where an output path really lands: the file a symbolic link names, or,
 * for a file not there yet, its directory resolved plus its name.  False
 * if even the directory cannot be resolved. */
static bool resolve_output(const char *path, char *out, size_t cap) {
    char *real = realpath(path, NULL);
    if (real) {
        snprintf(out, cap, "%s", real);
        free(real);
        return true;
    }
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    real = realpath(dir, NULL);
    if (!real) return false;
    snprintf(out, cap, "%s/%s", real, slash ? slash + 1 : path);
    free(real);
    return true;
}

/* Whether two output paths name one file by any spelling (t.json, ./t.json,
 * a link to it, a hard link): the same device and inode, or, for files not
 * yet there, the same resolved path.  Each output is written to a temporary
 * file beside it and renamed, so two of them on one file would share it. */
static bool same_output(const char *a, const char *b) {
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char ra[PATH_MAX + NAME_MAX + 2], rb[PATH_MAX + NAME_MAX + 2];
    return resolve_output(a, ra, sizeof ra) && resolve_output(b, rb, sizeof rb) && strcmp(ra, rb) == 0;
}

int cli_run(const Options *o, bool steps) {
    /* Before anything is read or written (the same spelling twice is
     * cli_trace_begin's to report). */
    if (o->trace && o->perfetto && strcmp(o->trace, o->perfetto) != 0 && same_output(o->trace, o->perfetto)) {
        fprintf(stderr, "hchanviz: --trace and --perfetto need two different files (%s and %s are one file)\n",
                o->trace, o->perfetto);
        return 1;
    }
    Loaded l;
    if (!program_load(&l, o->file, o->seed, o->lang, stderr)) {
        program_unload(&l);
        return 1;
    }
    Sim *S = l.S;
    if (o->sched_set || S->policy == SCHED_GO) S->policy = o->policy; /* else the lesson pinned it */
    S->max_steps = o->max_steps;
    if (o->preempt) S->preemptive = true;
    if (o->max_memory) vm_set_max_memory(S, o->max_memory);
    S->logging = steps;
    S->batch = !steps; /* nobody looks at single statements: run to the next scheduling point */
    CliTrace trace;
    if (!cli_trace_begin(&trace, o, &l)) {
        program_unload(&l);
        return 1;
    }
    Race *race = o->race ? race_new(S, NULL, l.abspath) : NULL;
    SourceInfo si = {0};
    int lang = lang_from_env();
    Lesson lesson;
    bool is_lesson = false;
    if (steps) {
        source_scan(&si, l.src, l.len);
        is_lesson = lesson_parse(&lesson, o->file, l.src, l.len, 0, NULL);
        if (is_lesson) source_use_lesson(&si, &lesson);
    }
    Derived derived = {0};
    if (steps) derived_start(&derived, S);
    int state;
    do {
        GoId before = S->curg;
        cli_trace_before(&trace, S);
        state = sim_step(S);
        if (steps) print_step(S, trace_actor(S, before), is_lesson ? &lesson : NULL, &si, l.src, lang, &derived, stdout);
        else if (S->output.len) fwrite(S->output.items, 1, (size_t)S->output.len, stdout);
        size_t rn;
        const char *rt = race ? race_take_text(race, &rn) : NULL;
        if (rt) {
            fflush(stdout);
            fwrite(rt, 1, rn, stderr);
        }
        if (!cli_trace_after(&trace, &l)) break;
    } while (state == SIM_RUNNING);
    fflush(stdout);
    if (steps) derived_free(&derived);
    source_free(&si);
    if (is_lesson) lesson_free(&lesson);
    int code = cli_finish(&l, cli_trace_stderr(&trace));
    if (race && race_count(race) > 0 && S->state == SIM_EXITED) {
        /* As a -race binary exits: the count, and 66 for a program that would exit 0. */
        fprintf(stderr, "Found %d data race(s)\n", race_count(race));
        if (code == 0) code = 66;
    }
    race_free(race);
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
