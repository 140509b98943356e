/* explore_cli.c: `hchanviz explore P.go`: every outcome the program could
 * have, each with the smallest schedule that leads to it (sim/explore.h).
 *
 *   hchanviz explore P.go [--json OUT.json] [--witness-dir DIR] [--preemptions K]
 *                         [--max-executions N] [--seconds S] [--random N | --pct N [--pct-depth D]]
 *                         [--max-steps N] [--lang go1.N] [--race]
 *
 * Prints each distinct outcome (stdout, first stderr line, exit status)
 * with how many runs ended so, PANIC / DEADLOCK / LEAK marks, and its
 * witness (its preemptions, and the schedule file when --witness-dir is
 * given: `hchanviz run P.go --sched replay:FILE` and the window replay it),
 * then whether the search was exhaustive and under which bound.  With
 * --race the race detector (sim/race.h) follows every explored run, its
 * state saved and restored with the search's snapshots, and every
 * distinct race found is reported once, in Go's shape, with the outcome
 * of the first run that showed it and (with --witness-dir) that run's
 * schedule, race-N.json.  Exit 0 when the search ran, whatever it found;
 * 1 on bad input. */
#define _XOPEN_SOURCE 700
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "explore.h"
#include "go/langver.h"
#include "program.h"
#include "race.h"
#include "session.h"

static int bad(const char *fmt, const char *arg) {
    fprintf(stderr, "hchanviz explore: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: hchanviz explore PROGRAM.go [--json OUT.json] [--witness-dir DIR] [--preemptions K]\n"
                    "         [--max-executions N] [--seconds S] [--random N | --pct N [--pct-depth D]]\n"
                    "         [--max-steps N] [--lang go1.N] [--race]\n");
    return 1;
}

static bool digits(const char *s, uint64_t *out) {
    if (!s || *s < '0' || *s > '9') return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) return false;
    *out = v;
    return true;
}

/* stdout as one quoted line: newlines as \n. */
static void print_quoted(FILE *f, const char *s, size_t n) {
    fputc('"', f);
    for (size_t i = 0; i < n && i < 400; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') fputs("\\n", f);
        else if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\x%02x", c);
        else fputc(c, f);
    }
    if (n > 400) fputs("...", f);
    fputc('"', f);
}

/* A race as the explorer reports it: its text (once), the first explored
 * run that showed it (the outcome it ended in, and its choices). */
typedef struct FoundRace {
    RaceInfo info;
    char *text;
    int32_t outcome;
    Choice *choices;
    int32_t nchoices;
    char witness[4200];
} FoundRace;

/* The race detector following every explored run (an ExploreWatcher). */
typedef struct RaceWatch {
    Race *R;
    int known;            /* races of R already taken */
    FoundRace *found;
    int n, cap;
    VEC(char) text;       /* report text not yet split into races */
} RaceWatch;

static void *rw_save(void *ctx) { return race_save(((RaceWatch *)ctx)->R); }
static void rw_restore(void *ctx, const void *st) { race_restore(((RaceWatch *)ctx)->R, st); }
static void rw_drop(void *st) { race_state_free(st); }
static uint64_t rw_hash(void *ctx) { return race_state_hash(((RaceWatch *)ctx)->R); }

/* A run ended: the races it found first are its own. */
static void rw_run_ended(void *ctx, const Sim *S, int32_t outcome) {
    RaceWatch *w = ctx;
    size_t k;
    const char *t = race_take_text(w->R, &k);
    for (size_t j = 0; t && j < k; j++) VEC_PUSH(w->text, t[j]);
    VEC_PUSH(w->text, '\0');
    const char *p = w->text.items;
    for (; w->known < race_count(w->R); w->known++) {
        /* Each report runs from one "==================" line to the next. */
        const char *end = strstr(p + 1, "==================\n==================");
        const char *stop = end ? end + 19 : p + strlen(p);
        if (w->n == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 4;
            w->found = realloc(w->found, sizeof *w->found * (size_t)w->cap);
            if (!w->found) abort();
        }
        FoundRace *f = &w->found[w->n++];
        memset(f, 0, sizeof *f);
        f->info = *race_info(w->R, w->known);
        size_t len = (size_t)(stop - p);
        f->text = malloc(len + 1);
        if (!f->text) abort();
        memcpy(f->text, p, len);
        f->text[len] = '\0';
        f->outcome = outcome;
        f->nchoices = S->choices.len;
        f->choices = malloc(sizeof(Choice) * (size_t)(f->nchoices ? f->nchoices : 1));
        if (!f->choices) abort();
        if (f->nchoices) memcpy(f->choices, S->choices.items, sizeof(Choice) * (size_t)f->nchoices);
        p = stop;
    }
    w->text.len = 0;
}

static bool write_json(const char *path, const char *file, const ExploreResult *r, const char *mode,
                       char witness[][4200], const FoundRace *races, int nraces) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "hchanviz-explore");
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(root, "program", file);
    cJSON_AddStringToObject(root, "mode", mode);
    cJSON_AddBoolToObject(root, "exhaustive", r->exhaustive);
    cJSON_AddNumberToObject(root, "bound", r->bound);
    cJSON_AddNumberToObject(root, "executions", (double)r->executions);
    cJSON_AddNumberToObject(root, "transitions", (double)r->transitions);
    cJSON_AddNumberToObject(root, "seconds", r->seconds);
    cJSON *arr = cJSON_AddArrayToObject(root, "outcomes");
    for (int32_t i = 0; i < r->n; i++) {
        const ExploreOutcome *oc = &r->outcomes[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "stdout", oc->out);
        cJSON_AddStringToObject(o, "stderr", oc->err);
        cJSON_AddNumberToObject(o, "exit", oc->exit);
        cJSON_AddNumberToObject(o, "count", (double)oc->count);
        if (witness[i][0]) cJSON_AddStringToObject(o, "witness", witness[i]);
        else cJSON_AddNullToObject(o, "witness");
        cJSON_AddNumberToObject(o, "preemptions", oc->preemptions);
        cJSON_AddNumberToObject(o, "departures", oc->departures);
        cJSON_AddBoolToObject(o, "panic", oc->kind == OUTCOME_PANIC);
        cJSON_AddBoolToObject(o, "deadlock", oc->deadlock);
        cJSON_AddBoolToObject(o, "leak", oc->leak);
        cJSON_AddStringToObject(o, "leaks", oc->leaks);
        cJSON *ch = cJSON_AddArrayToObject(o, "choices");
        for (int32_t k = 0; k < oc->nwitness; k++) {
            cJSON *c = cJSON_CreateObject();
            cJSON_AddStringToObject(c, "kind", choice_kind_name(oc->witness[k].kind));
            cJSON_AddNumberToObject(c, "value", oc->witness[k].value);
            cJSON_AddNumberToObject(c, "bound", oc->witness[k].bound);
            cJSON_AddItemToArray(ch, c);
        }
        cJSON_AddItemToArray(arr, o);
    }
    if (races) {
        cJSON *ra = cJSON_AddArrayToObject(root, "races");
        for (int i = 0; i < nraces; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "line", races[i].info.line);
            cJSON_AddNumberToObject(o, "previous_line", races[i].info.prev_line);
            cJSON_AddBoolToObject(o, "write", races[i].info.write);
            cJSON_AddBoolToObject(o, "previous_write", races[i].info.prev_write);
            if (races[i].info.fn) cJSON_AddStringToObject(o, "function", races[i].info.fn);
            if (races[i].info.prev_fn) cJSON_AddStringToObject(o, "previous_function", races[i].info.prev_fn);
            cJSON_AddNumberToObject(o, "outcome", races[i].outcome + 1);
            if (races[i].witness[0]) cJSON_AddStringToObject(o, "witness", races[i].witness);
            else cJSON_AddNullToObject(o, "witness");
            cJSON_AddStringToObject(o, "report", races[i].text);
            cJSON_AddItemToArray(ra, o);
        }
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    FILE *f = text ? fopen(path, "w") : NULL;
    bool ok = f && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    if (f && fclose(f) != 0) ok = false;
    if (!ok) fprintf(stderr, "hchanviz explore: cannot write %s: %s\n", path, strerror(errno));
    free(text);
    return ok;
}

int cli_explore(int argc, char **argv, int first) {
    ExploreOptions eo = {.preemptions = -1};
    bool race = false;
    const char *file = NULL, *json = NULL, *wdir = NULL;
    int lang = 0;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t n = 0;
        if (strcmp(a, "--json") == 0) {
            if (!v || !*v) return bad("%s needs an output file", a);
            json = v, i++;
        } else if (strcmp(a, "--witness-dir") == 0) {
            if (!v || !*v) return bad("%s needs a directory", a);
            wdir = v, i++;
        } else if (strcmp(a, "--preemptions") == 0) {
            if (!digits(v, &n) || n > 1000) return bad("--preemptions needs a number from 0 to 1000, got '%s'", v ? v : "");
            eo.preemptions = (int)n, i++;
        } else if (strcmp(a, "--max-executions") == 0) {
            if (!digits(v, &n) || n == 0) return bad("--max-executions needs a positive number, got '%s'", v ? v : "");
            eo.max_executions = (int64_t)n, i++;
        } else if (strcmp(a, "--seconds") == 0) {
            char *end = NULL;
            double s = v ? strtod(v, &end) : 0;
            if (!v || end == v || *end || !(s > 0) || s > 86400) return bad("--seconds needs a time in seconds, got '%s'", v ? v : "");
            eo.seconds = s, i++;
        } else if (strcmp(a, "--random") == 0) {
            if (!digits(v, &n) || n == 0 || n > 100000000) return bad("--random needs a number of runs, got '%s'", v ? v : "");
            eo.random = (int64_t)n, i++;
        } else if (strcmp(a, "--pct") == 0) {
            if (!digits(v, &n) || n == 0 || n > 100000000) return bad("--pct needs a number of runs, got '%s'", v ? v : "");
            eo.pct = (int64_t)n, i++;
        } else if (strcmp(a, "--pct-depth") == 0) {
            if (!digits(v, &n) || n == 0 || n > 64) return bad("--pct-depth needs a depth from 1 to 64, got '%s'", v ? v : "");
            eo.pct_depth = (int)n, i++;
        } else if (strcmp(a, "--max-steps") == 0) {
            if (!digits(v, &n) || n == 0) return bad("--max-steps needs a positive number, got '%s'", v ? v : "");
            eo.max_steps = n, i++;
        } else if (strcmp(a, "--race") == 0) {
            race = true;
        } else if (strcmp(a, "--lang") == 0) {
            int ver = v ? langver_parse(v, strlen(v)) : -1;
            if (ver <= 0) return bad("--lang needs a Go version such as go1.19, got '%s'", v ? v : "");
            lang = ver, i++;
        } else if (a[0] == '-' && a[1]) {
            return bad("unknown flag %s", a);
        } else if (!file) {
            file = a;
        } else {
            return bad("one program at a time (got a second: %s)", a);
        }
    }
    if (!file) return bad("%s", "needs a program file");
    if (eo.random && eo.pct) return bad("%s", "--random and --pct are two ways to sample: choose one");
    if (eo.pct_depth && !eo.pct) return bad("%s", "--pct-depth goes with --pct N");
    if (wdir && mkdir(wdir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "hchanviz explore: cannot make %s: %s\n", wdir, strerror(errno));
        return 1;
    }
    Loaded l;
    if (!program_load(&l, file, 0, lang, stderr)) {
        program_unload(&l);
        return 1;
    }
    /* With --race the detector follows every explored run. */
    RaceWatch rw = {0};
    ExploreWatcher watch = {0};
    if (race) {
        rw.R = race_new(NULL, NULL, l.abspath);
        watch = (ExploreWatcher){race_observer(rw.R), &rw, rw_save, rw_restore, rw_drop, rw_hash, rw_run_ended};
        eo.watch = &watch;
    }
    ExploreResult r;
    explore_run(l.S, &eo, &r);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    char (*witness)[4200] = calloc((size_t)(r.n ? r.n : 1), sizeof *witness);
    if (!witness) abort();
    int rc = 0;
    for (int32_t i = 0; i < r.n; i++) {
        const ExploreOutcome *oc = &r.outcomes[i];
        printf("outcome %d: %lld run%s, exit %d", i + 1, (long long)oc->count, oc->count == 1 ? "" : "s", oc->exit);
        if (oc->kind == OUTCOME_PANIC) printf("  PANIC");
        if (oc->deadlock) printf("  DEADLOCK");
        if (oc->leak) printf("  LEAK: %s", oc->leaks);
        printf("\n  stdout: ");
        print_quoted(stdout, oc->out, oc->outlen);
        printf("\n");
        if (oc->err[0]) printf("  stderr: %s\n", oc->err);
        printf("  witness: %d preemption%s, %d departure%s from Go's own schedule", oc->preemptions,
               oc->preemptions == 1 ? "" : "s", oc->departures, oc->departures == 1 ? "" : "s");
        if (wdir) {
            snprintf(witness[i], sizeof witness[i], "%s/outcome-%d.json", wdir, i + 1);
            char why[512];
            if (!schedule_write(witness[i], base, oc->witness, oc->nwitness, why, sizeof why)) {
                fprintf(stderr, "hchanviz explore: %s\n", why);
                witness[i][0] = '\0';
                rc = 1;
            } else {
                printf(": %s", witness[i]);
            }
        }
        printf("\n");
    }
    const char *mode = eo.random ? "random" : eo.pct ? "pct" : "search";
    if (eo.pct)
        printf("not exhaustive: %lld PCT runs of depth %d", (long long)r.executions, eo.pct_depth ? eo.pct_depth : 3);
    else if (r.bound < 0)
        printf("not exhaustive: %lld random preemptive runs", (long long)r.executions);
    else if (r.exhaustive)
        printf("exhaustive: every schedule explored (none needs more than %d preemption%s)", r.bound,
               r.bound == 1 ? "" : "s");
    else if (r.timed_out)
        printf("not exhaustive: the budget ran out while exploring schedules with up to %d preemption%s", r.bound,
               r.bound == 1 ? "" : "s");
    else
        printf("not exhaustive: every schedule with up to %d preemption%s explored (--preemptions)", r.bound,
               r.bound == 1 ? "" : "s");
    printf("; %lld executions, %lld transitions, %.2f s\n", (long long)r.executions, (long long)r.transitions, r.seconds);
    if (race) {
        for (int i = 0; i < rw.n; i++) {
            FoundRace *f = &rw.found[i];
            printf("%sfirst seen in a run that ends as outcome %d", f->text, f->outcome + 1);
            if (wdir) {
                snprintf(f->witness, sizeof f->witness, "%s/race-%d.json", wdir, i + 1);
                char why[512];
                if (!schedule_write(f->witness, base, f->choices, f->nchoices, why, sizeof why)) {
                    fprintf(stderr, "hchanviz explore: %s\n", why);
                    f->witness[0] = '\0';
                    rc = 1;
                } else {
                    printf("; its schedule: %s", f->witness);
                }
            }
            printf("\n");
        }
        printf("races: %d found in the %lld runs explored\n", rw.n, (long long)r.executions);
    }
    if (json && !write_json(json, file, &r, mode, witness, race ? rw.found : NULL, rw.n)) rc = 1;
    for (int i = 0; i < rw.n; i++) {
        free(rw.found[i].text);
        free(rw.found[i].choices);
    }
    free(rw.found);
    VEC_FREE(rw.text);
    race_free(rw.R);
    free(witness);
    explore_result_free(&r);
    program_unload(&l);
    return rc;
}
