/* trace_cli.c: the trace on the command line: writing it during a run
 * (--trace, --perfetto), replaying its choices (--sched replay:FILE) and
 * checking it (`hchanviz verify`).  See docs/trace.md. */
#define _XOPEN_SOURCE 700 /* open_memstream */
#include "trace_cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "go/compile.h"
#include "go/diag.h"
#include "session.h"
#include "source.h"

/* ---- writing during a run ------------------------------------------------------ */

static const char *sched_name(const Options *o, const Sim *S, char *buf, size_t cap) {
    if (o->replay) return "replay";
    switch (S->policy) {
    case SCHED_GO: return "go";
    case SCHED_RANDOM: snprintf(buf, cap, "random:%llu", (unsigned long long)S->rng); return buf;
    case SCHED_REPLAY: return "lesson"; /* a lesson's //hchanviz:schedule picks */
    case SCHED_MANUAL: return "manual";
    }
    return "go";
}

/* The program the trace at path recorded, for a warning when it differs. */
static void check_same_program(const char *path, const Loaded *l) {
    TraceReader r;
    if (!trace_reader_open(&r, path)) {
        trace_reader_close(&r);
        return;
    }
    cJSON *p = trace_reader_member(&r, "program");
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(p, "source");
    if (cJSON_IsString(src) && (strlen(src->valuestring) != l->len || memcmp(src->valuestring, l->src, l->len) != 0))
        fprintf(stderr, "hchanviz: warning: %s is not the program %s recorded; the replay may not fit\n", l->path,
                path);
    cJSON_Delete(p);
    trace_reader_close(&r);
}

static bool load_replay(const Options *o, Loaded *l) {
    Sim *S = l->S;
    ChoiceVec ch = {0};
    uint64_t seed = 0, max_steps = 0;
    char err[700];
    if (!trace_load_choices(o->replay, &ch, &seed, &max_steps, err, sizeof err)) {
        /* Not a trace: a schedule saved in the window (S), or a bad file. */
        VEC_FREE(ch);
        Choice *cs;
        int32_t n;
        char why[700];
        if (!schedule_read(o->replay, &cs, &n, why, sizeof why)) {
            fprintf(stderr, "hchanviz: --sched replay: %s\n", why);
            return false;
        }
        for (int32_t i = 0; i < n; i++) VEC_PUSH(ch, cs[i]);
        free(cs);
        seed = S->rng;
        max_steps = S->max_steps;
    } else {
        check_same_program(o->replay, l);
    }
    sim_set_replay(S, ch.items, ch.len);
    VEC_FREE(ch);
    S->rng = seed;
    if (!o->max_steps_set) S->max_steps = max_steps;
    return true;
}

bool cli_trace_begin(CliTrace *t, const Options *o, Loaded *l) {
    memset(t, 0, sizeof *t);
    Sim *S = l->S;
    if (o->replay && !load_replay(o, l)) return false;
    if (!o->trace && !o->perfetto) return true;
    if (o->trace && o->perfetto && strcmp(o->trace, o->perfetto) == 0) {
        fprintf(stderr, "hchanviz: --trace and --perfetto need two different files (both are %s)\n", o->trace);
        return false;
    }
    tfile_cleanup_on_signals();
    /* Every statement is a step, and every step is logged. */
    S->logging = true;
    S->batch = false;
    if (o->trace) {
        char sched[40];
        TraceHeader h = {o->file, l->abspath, l->src, l->len, sched_name(o, S, sched, sizeof sched), S->rng,
                         S->max_steps, o->max_memory, S->preemptive, l->prog.lang};
        if (!trace_writer_open(&t->tw, o->trace, &h, &l->prog)) {
            fprintf(stderr, "hchanviz: %s\n", t->tw.out.err);
            trace_writer_abort(&t->tw);
            return false;
        }
        t->trace_on = true;
    }
    if (o->perfetto) {
        if (!perfetto_open(&t->pw, o->perfetto, o->file)) {
            fprintf(stderr, "hchanviz: %s\n", t->pw.out.err);
            perfetto_abort(&t->pw);
            if (t->trace_on) trace_writer_abort(&t->tw);
            t->trace_on = false;
            return false;
        }
        t->perfetto_on = true;
    }
    t->err = open_memstream(&t->errtext, &t->errlen);
    return true;
}

void cli_trace_before(CliTrace *t, Sim *S) {
    if (!t->trace_on && !t->perfetto_on) return;
    t->before = S->curg;
    t->steps_before = S->steps;
    /* Only this step's choices are kept: memory stays flat (the trace has them all). */
    S->choices.len = 0;
}

bool cli_trace_after(CliTrace *t, Loaded *l) {
    if (!t->trace_on && !t->perfetto_on) return true;
    const Sim *S = l->S;
    if (!trace_step_happened(S, t->steps_before)) return true;
    GoId actor = trace_actor(S, t->before);
    if (t->trace_on && !trace_writer_step(&t->tw, S, actor, 0)) t->failed = true;
    if (t->perfetto_on && !perfetto_step(&t->pw, S, actor)) t->failed = true;
    return !t->failed;
}

FILE *cli_trace_stderr(CliTrace *t) { return t->err ? t->err : stderr; }

int cli_trace_end(CliTrace *t, Loaded *l, int code) {
    if (!t->trace_on && !t->perfetto_on) return code;
    if (t->err) fclose(t->err);
    t->err = NULL;
    if (!t->failed && t->errtext) fwrite(t->errtext, 1, t->errlen, stderr);
    bool ok = !t->failed;
    const char *why = NULL;
    if (t->trace_on) {
        if (ok) {
            ok = trace_writer_close(&t->tw, code, t->errtext, t->errlen);
            if (!ok) why = t->tw.out.err;
        } else {
            if (t->tw.out.failed) why = t->tw.out.err;
            trace_writer_abort(&t->tw);
        }
    }
    if (t->perfetto_on) {
        if (ok) {
            ok = perfetto_close(&t->pw, l->S);
            if (!ok) why = t->pw.out.err;
        } else {
            if (t->pw.out.failed && !why) why = t->pw.out.err;
            perfetto_abort(&t->pw);
        }
    }
    free(t->errtext);
    t->errtext = NULL;
    if (!ok) {
        /* Neither file is left half-written: the one already renamed stays (it is complete). */
        fprintf(stderr, "hchanviz: %s\n", why ? why : "cannot write the trace");
        return 1;
    }
    return code;
}

/* ---- checking a trace: hchanviz verify, and opening one (view, export) ---------------- */

/* Notes the first failure: its message (tc->why) and whether the trace can
 * still be shown (TRACE_CHECK_DIFFERS: the program and all the choices were
 * read) or not (TRACE_CHECK_UNREADABLE).  Returns 1 (verify's exit status). */
static int check_fail(TraceCheck *tc, int status, uint64_t step, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int check_fail(TraceCheck *tc, int status, uint64_t step, const char *fmt, ...) {
    if (tc->status != TRACE_CHECK_OK) return 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tc->why, sizeof tc->why, fmt, ap);
    va_end(ap);
    tc->status = status;
    tc->differs_at = step;
    return 1;
}

static const char *str_member(const cJSON *o, const char *name) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (!d) abort();
    return memcpy(d, s, n);
}

/* The program the trace recorded, compiled and started as `run` starts it. */
static bool load_from_trace(Loaded *l, const cJSON *program, uint64_t seed, const char *path, TraceCheck *tc) {
    memset(l, 0, sizeof *l);
    const char *file = str_member(program, "file");
    const char *abspath = str_member(program, "path");
    const char *src = str_member(program, "source");
    if (!cJSON_IsObject(program) || !file || !abspath || !src) {
        check_fail(tc, TRACE_CHECK_UNREADABLE, 0,
                   "%s: not a valid trace: \"program\" must have the strings \"file\", \"path\" and \"source\"", path);
        return false;
    }
    size_t len = strlen(src);
    if (len > SOURCE_MAX_BYTES) {
        check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s: the program in the trace is too large", path);
        return false;
    }
    l->src = malloc(len + 1);
    if (!l->src) abort();
    memcpy(l->src, src, len + 1);
    l->len = len;
    l->path = file;
    snprintf(l->abspath, sizeof l->abspath, "%s", abspath);
    l->S = sim_new(seed);
    program_init(&l->prog);
    l->prog.lang = tc->lang; /* the version it was recorded under, whatever surrounds the file here */
    l->prog.lang_fixed = tc->lang > 0;
    Diag d;
    diag_init(&d);
    if (!compile_source(l->S, file, l->src, l->len, &l->prog, &d, NULL)) {
        char *msg = diag_format(&d);
        size_t n = msg ? strlen(msg) : 0;
        while (n && msg[n - 1] == '\n') msg[--n] = '\0';
        check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s: the program in the trace does not compile:\n%s", path,
                   msg ? msg : "?");
        free(msg);
        diag_free(&d);
        return false;
    }
    diag_free(&d);
    vm_start(l->S, &l->prog);
    tc->file = dup_str(file);
    tc->path = dup_str(abspath);
    tc->source = dup_str(src);
    tc->len = len;
    return true;
}

/* The first occurrence of needle in text[0..len). */
static const char *find(const char *text, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (const char *p = text; p + n <= text + len; p++) {
        p = memchr(p, needle[0], (size_t)(text + len - p));
        if (!p || p + n > text + len) return NULL;
        if (memcmp(p, needle, n) == 0) return p;
    }
    return NULL;
}

/* Runs S until it takes a step worth a trace entry; false if the run ended first. */
static bool next_step(Sim *S, GoId *actor) {
    for (int tries = 0; tries < 4 && S->state == SIM_RUNNING; tries++) {
        GoId before = S->curg;
        uint64_t steps_before = S->steps;
        S->choices.len = 0;
        sim_step(S);
        if (trace_step_happened(S, steps_before)) {
            *actor = trace_actor(S, before);
            return true;
        }
    }
    return false;
}

static const char *state_text(const Sim *S) {
    switch (S->state) {
    case SIM_EXITED: return "main returned";
    case SIM_PANICKED: return "it panicked";
    case SIM_FATAL: return "a fatal error";
    case SIM_STEP_LIMIT: return "the step limit";
    case SIM_REPLAY_ERROR: return "the recorded choices do not fit it";
    }
    return "it stopped";
}

/* After a difference: the choices of the steps not yet read, so that the
 * run can still be shown (trace_check with choices). */
static void rest_choices(TraceReader *r, TraceCheck *tc, const char *path) {
    for (;;) {
        cJSON *step;
        if (!trace_reader_next(r, &step)) {
            tc->status = TRACE_CHECK_UNREADABLE;
            snprintf(tc->why + strlen(tc->why), sizeof tc->why - strlen(tc->why), "; and then: %s", r->err);
            return;
        }
        if (!step) return;
        char why[300];
        if (!trace_step_choices(step, &tc->choices, why, sizeof why)) {
            tc->status = TRACE_CHECK_UNREADABLE;
            snprintf(tc->why + strlen(tc->why), sizeof tc->why - strlen(tc->why), "; and then: %s: step %llu: %s",
                     path, (unsigned long long)r->nsteps, why);
            cJSON_Delete(step);
            return;
        }
        cJSON_Delete(step);
    }
}

static int verify_steps(TraceReader *r, Loaded *l, const char *path, TraceCheck *tc, bool keep) {
    Sim *S = l->S;
    TraceGen gen = {0};
    gen.prog = &l->prog;
    FmtBuf fresh = {0};
    char why[700];
    int rc = 0;
    uint64_t n = 0;
    for (;;) {
        const char *text;
        size_t len;
        if (!trace_reader_next_text(r, &text, &len)) {
            rc = check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s", r->err);
            break;
        }
        if (!text) break;
        n = r->nsteps;
        tc->steps = n;
        char what[64];
        snprintf(what, sizeof what, "step %llu", (unsigned long long)n);
        cJSON *step = NULL;
        /* Its choices are the ones the run must make in this step.  Fast: read
         * them straight from the text (a step as hchanviz writes it has one
         * "choices" member, and a raw quote never occurs inside a string);
         * whatever they are, the step then passes only if it is what the run
         * makes of them. */
        if (S->replay_pos >= S->replay.len) S->replay.len = S->replay_pos = 0;
        int32_t first = S->replay.len;
        bool got = false;
        const char *cp = len > 0 && text[0] == '{' ? find(text, len, "\"choices\":[") : NULL;
        if (cp) {
            const char *arr_at = cp + 10, *end = NULL;
            cJSON *arr = cJSON_ParseWithLengthOpts(arr_at, len - (size_t)(arr_at - text), &end, false);
            got = arr && trace_choices(arr, &S->replay, why, sizeof why);
            if (!got) S->replay.len = first;
            cJSON_Delete(arr);
        }
        if (!got) {
            step = trace_reader_parse(r, what);
            if (!step) {
                rc = check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s", r->err);
                break;
            }
            if (!cJSON_IsObject(step)) {
                cJSON_Delete(step);
                rc = check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s: step %llu (byte %llu): expected an object", path,
                                (unsigned long long)n, (unsigned long long)r->step_offset);
                break;
            }
            if (!trace_step_choices(step, &S->replay, why, sizeof why)) {
                cJSON_Delete(step);
                rc = check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s: step %llu: %s", path, (unsigned long long)n, why);
                break;
            }
        }
        if (keep)
            for (int32_t i = first; i < S->replay.len; i++) VEC_PUSH(tc->choices, S->replay.items[i]);
        GoId actor = 0;
        if (!next_step(S, &actor)) {
            cJSON_Delete(step);
            if (S->state == SIM_REPLAY_ERROR)
                rc = check_fail(tc, TRACE_CHECK_DIFFERS, n, "%s: step %llu: the recorded choices do not fit the run: %s",
                                path, (unsigned long long)n, S->message);
            else
                rc = check_fail(tc, TRACE_CHECK_DIFFERS, n,
                                "%s: step %llu: the run ended after %llu steps (%s), but the trace goes on", path,
                                (unsigned long long)n, (unsigned long long)(n - 1), state_text(S));
            break;
        }
        fresh.len = 0;
        trace_step_json(&gen, S, n, actor, 0, &fresh);
        if (fresh.len == len && memcmp(fresh.data, text, len) == 0) {
            /* Byte for byte what the run makes (the usual case). */
            cJSON_Delete(step);
            continue;
        }
        /* Different text: the same JSON written otherwise, or a real difference. */
        if (!step && !(step = trace_reader_parse(r, what))) {
            rc = check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s", r->err);
            break;
        }
        cJSON *want = cJSON_ParseWithLength(fresh.data, fresh.len);
        bool same = want && trace_json_diff(step, want, why, sizeof why);
        if (!want) snprintf(why, sizeof why, "internal error: the fresh step is not JSON");
        if (!cJSON_IsObject(step)) snprintf(why, sizeof why, "(byte %llu): expected an object", (unsigned long long)r->step_offset);
        cJSON_Delete(want);
        cJSON_Delete(step);
        if (same) {
            /* Equal as cJSON reads them, yet other bytes: spacing, member order or
             * escapes -- or a string that differs after a NUL, which cJSON cannot
             * see.  A trace is verified byte for byte. */
            snprintf(why, sizeof why,
                     "not written as hchanviz writes it (the values read the same; spacing, member order, escapes "
                     "or characters after a NUL differ): verify checks traces byte for byte");
            same = false;
        }
        if (!same) {
            if (S->state == SIM_REPLAY_ERROR)
                rc = check_fail(tc, TRACE_CHECK_DIFFERS, n, "%s: step %llu: the recorded choices do not fit the run: %s",
                                path, (unsigned long long)n, S->message);
            else
                rc = check_fail(tc, TRACE_CHECK_DIFFERS, n, "%s: step %llu%s%s", path, (unsigned long long)n,
                                why[0] == '(' ? " " : ": ", why);
            break;
        }
    }
    if (rc && keep && tc->status == TRACE_CHECK_DIFFERS) rest_choices(r, tc, path);
    if (rc == 0 && S->state == SIM_RUNNING) {
        GoId actor;
        if (next_step(S, &actor))
            rc = check_fail(tc, TRACE_CHECK_DIFFERS, n + 1,
                            "%s: the trace ends after %llu steps, but the run goes on (step %llu is missing)", path,
                            (unsigned long long)n, (unsigned long long)n + 1);
        else if (S->state == SIM_REPLAY_ERROR)
            rc = check_fail(tc, TRACE_CHECK_DIFFERS, n + 1,
                            "%s: after step %llu: the recorded choices do not fit the run: %s", path,
                            (unsigned long long)n, S->message);
    }
    fmt_buf_free(&fresh);
    trace_gen_free(&gen);
    if (rc == 0) {
        /* Every choice is read: what is left to differ is the result (the run can be shown). */
        cJSON *result = trace_reader_member(r, "result");
        if (!result) return check_fail(tc, TRACE_CHECK_DIFFERS, 0, "%s", r->err);
        char *text = NULL;
        size_t len = 0;
        FILE *err = open_memstream(&text, &len);
        int code = cli_finish(l, err ? err : stderr);
        if (err) fclose(err);
        /* The result as the writer writes it. */
        FmtBuf b = {0};
        jb_raw(&b, "{\"exit\":");
        jb_int(&b, code);
        jb_raw(&b, ",\"stderr\":");
        jb_str(&b, text ? text : "", len);
        jb_char(&b, '}');
        free(text);
        if (b.len != r->capture.len || memcmp(b.data, r->capture.data, b.len) != 0) {
            cJSON *want = cJSON_ParseWithLength(b.data, b.len);
            if (want && !trace_json_diff(result, want, why, sizeof why)) {
                /* "the step" is the default subject of a difference: name the result instead. */
                rc = check_fail(tc, TRACE_CHECK_DIFFERS, 0, "%s: result: %s", path,
                                strncmp(why, "the step", 8) == 0 ? why + 10 : why);
            } else {
                rc = check_fail(tc, TRACE_CHECK_DIFFERS, 0,
                                "%s: result: not written as hchanviz writes it (verify checks traces byte for byte)",
                                path);
            }
            cJSON_Delete(want);
        }
        fmt_buf_free(&b);
        cJSON_Delete(result);
    }
    return rc;
}

bool trace_check(const char *path, TraceCheck *tc, bool keep_choices) {
    memset(tc, 0, sizeof *tc);
    TraceReader r;
    if (!trace_reader_open(&r, path)) {
        check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s", r.err);
        trace_reader_close(&r);
        return false;
    }
    char err[700];
    int64_t max_memory = 0;
    if (!trace_read_header(&r, &tc->seed, &tc->max_steps, err, sizeof err) ||
        !trace_read_max_memory(&r, &max_memory, err, sizeof err)) {
        trace_reader_close(&r);
        check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s", err);
        return false;
    }
    tc->lang = trace_read_lang(&r);
    cJSON *program = trace_reader_member(&r, "program");
    if (!program) {
        check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s", r.err);
        trace_reader_close(&r);
        return false;
    }
    if (r.off_result < 0) {
        cJSON_Delete(program);
        trace_reader_close(&r);
        check_fail(tc, TRACE_CHECK_UNREADABLE, 0, "%s: not a valid trace: no \"result\" member", path);
        return false;
    }
    Loaded l;
    if (load_from_trace(&l, program, tc->seed, path, tc)) {
        Sim *S = l.S;
        S->policy = SCHED_REPLAY;
        S->preemptive = trace_read_preemptive(&r);
        S->max_steps = tc->max_steps;
        if (max_memory) vm_set_max_memory(S, max_memory); /* the budget the run had */
        S->logging = true;
        S->batch = false;
        VEC_FREE(S->replay);
        S->replay_pos = 0;
        verify_steps(&r, &l, path, tc, keep_choices);
    }
    cJSON_Delete(program);
    program_unload(&l);
    trace_reader_close(&r);
    return tc->status == TRACE_CHECK_OK;
}

void trace_check_free(TraceCheck *tc) {
    free(tc->file);
    free(tc->path);
    free(tc->source);
    VEC_FREE(tc->choices);
    memset(tc, 0, sizeof *tc);
}

bool trace_cli_is_trace(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    int c;
    while ((c = fgetc(f)) == ' ' || c == '\t' || c == '\n' || c == '\r') {}
    fclose(f);
    return c == '{'; /* Go source never starts with a brace */
}

bool trace_cli_open(Session *s, const char *path, TraceCheck *tc, FILE *err) {
    memset(s, 0, sizeof *s);
    if (!trace_check(path, tc, true) && tc->status == TRACE_CHECK_UNREADABLE) {
        fprintf(err, "hchanviz: %s\n", tc->why);
        return false;
    }
    /* The program as the trace names it: diagnostics and the panels say program.file. */
    return session_load_source(s, tc->file, tc->source, tc->len, tc->lang, SCHED_REPLAY, tc->seed, tc->choices.items,
                               tc->choices.len, tc->max_steps, err);
}

int cli_verify(const char *path) {
    TraceCheck tc;
    bool ok = trace_check(path, &tc, false);
    if (ok) printf("trace verified: %llu steps\n", (unsigned long long)tc.steps);
    else fprintf(stderr, "hchanviz: verify: %s\n", tc.why);
    trace_check_free(&tc);
    return ok ? 0 : 1;
}
