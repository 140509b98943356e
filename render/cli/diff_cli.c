/* diff_cli.c: `hchanviz diff`: where two runs part.
 *
 *   hchanviz diff A.json B.json
 *   hchanviz diff P.go --sched X --sched Y [--preempt] [--lang go1.N] [--max-steps N]
 *
 * Two traces (docs/trace.md), or one program run twice under two schedules
 * (each run traced to a temporary file by a child process, its output
 * discarded), are read side by side as streams, step by step: the first step
 * where they differ is named with the first field that differs and what each
 * run did there ("G2 line 15 chansend.buffer" beside "G3 line 15
 * gopreempt"); runs that agree on every step are compared by their results.
 * Exit status as diff(1)'s: 0 the same, 1 they differ, 2 trouble (a file
 * that cannot be read, a bad flag). */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "trace.h"
#include "trace_cli.h"

static int usage_error(const char *msg, const char *arg) {
    fprintf(stderr, "hchanviz diff: ");
    fprintf(stderr, msg, arg);
    fprintf(stderr, "\nusage: hchanviz diff A.json B.json\n"
                    "       hchanviz diff PROGRAM.go --sched X --sched Y [--preempt] [--lang go1.N] [--max-steps N]\n");
    return 2;
}

/* "G2 line 15 chansend.buffer" for a step object. */
static void step_summary(const cJSON *step, char *out, size_t cap) {
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(step, "goroutine");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(step, "line");
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(step, "event");
    const char *e = cJSON_IsString(ev) && ev->valuestring[0] ? ev->valuestring : "(no runtime operation)";
    snprintf(out, cap, "G%d line %d %s", cJSON_IsNumber(g) ? g->valueint : 0, cJSON_IsNumber(line) ? line->valueint : 0,
             e);
}

/* A member of both files compared; true if equal (else the difference printed). */
static bool same_member(TraceReader *ra, TraceReader *rb, const char *name, const char *a, const char *b) {
    cJSON *ma = trace_reader_member(ra, name), *mb = trace_reader_member(rb, name);
    char why[700];
    bool same = (!ma && !mb) || (ma && mb && trace_json_diff_named(ma, mb, a, b, why, sizeof why));
    if (!same) {
        if (!ma || !mb) snprintf(why, sizeof why, "%s has no \"%s\"", ma ? b : a, name);
        printf("%s: %s\n", name, why);
    }
    cJSON_Delete(ma);
    cJSON_Delete(mb);
    return same;
}

/* Compares the traces at paths pa and pb, naming them a and b. */
static int diff_traces(const char *pa_path, const char *pb_path, const char *a, const char *b) {
    TraceReader ra, rb;
    if (!trace_reader_open(&ra, pa_path)) {
        fprintf(stderr, "hchanviz diff: %s\n", ra.err);
        trace_reader_close(&ra);
        return 2;
    }
    if (!trace_reader_open(&rb, pb_path)) {
        fprintf(stderr, "hchanviz diff: %s\n", rb.err);
        trace_reader_close(&ra);
        trace_reader_close(&rb);
        return 2;
    }
    int rc = 0;
    uint64_t sa, ma, sb, mb;
    char err[700];
    if (!trace_read_header(&ra, &sa, &ma, err, sizeof err) || !trace_read_header(&rb, &sb, &mb, err, sizeof err)) {
        fprintf(stderr, "hchanviz diff: %s\n", err);
        rc = 2;
        goto out;
    }
    cJSON *pa = trace_reader_member(&ra, "program"), *pb = trace_reader_member(&rb, "program");
    const cJSON *srca = cJSON_GetObjectItemCaseSensitive(pa, "source"), *srcb = cJSON_GetObjectItemCaseSensitive(pb, "source");
    bool same_program = cJSON_IsString(srca) && cJSON_IsString(srcb) && strcmp(srca->valuestring, srcb->valuestring) == 0;
    cJSON_Delete(pa);
    cJSON_Delete(pb);
    if (!same_program) printf("%s and %s are runs of different programs\n", a, b);
    for (;;) {
        cJSON *xa = NULL, *xb = NULL;
        if (!trace_reader_next(&ra, &xa) || !trace_reader_next(&rb, &xb)) {
            fprintf(stderr, "hchanviz diff: %s\n", ra.err[0] ? ra.err : rb.err);
            cJSON_Delete(xa);
            cJSON_Delete(xb);
            rc = 2;
            goto out;
        }
        uint64_t k = ra.nsteps > rb.nsteps ? ra.nsteps : rb.nsteps;
        if (!xa || !xb) {
            char s[200] = "";
            if (xa || xb) {
                step_summary(xa ? xa : xb, s, sizeof s);
                printf("%s ends after step %llu; %s goes on: step %llu: %s\n", xa ? b : a, (unsigned long long)k - 1,
                       xa ? a : b, (unsigned long long)k, s);
                rc = 1;
            }
            cJSON_Delete(xa);
            cJSON_Delete(xb);
            break;
        }
        /* How a pick was made (by Go's scheduler, at random, by hand) is not
         * what the run did: the goroutine that ran and the state after are. */
        cJSON_DeleteItemFromObjectCaseSensitive(xa, "choices");
        cJSON_DeleteItemFromObjectCaseSensitive(xb, "choices");
        if (!trace_json_diff_named(xa, xb, a, b, err, sizeof err)) {
            char s1[200], s2[200];
            step_summary(xa, s1, sizeof s1);
            step_summary(xb, s2, sizeof s2);
            printf("the same for %llu steps; step %llu differs: %s\n", (unsigned long long)k - 1, (unsigned long long)k,
                   err);
            printf("  %s step %llu: %s\n  %s step %llu: %s\n", a, (unsigned long long)k, s1, b, (unsigned long long)k, s2);
            cJSON_Delete(xa);
            cJSON_Delete(xb);
            rc = 1;
            goto out;
        }
        cJSON_Delete(xa);
        cJSON_Delete(xb);
    }
    if (rc == 0 && !same_member(&ra, &rb, "result", a, b)) rc = 1;
    if (rc == 0 && !same_program) rc = 1;
    if (rc == 0) printf("%s and %s are the same run: %llu steps\n", a, b, (unsigned long long)ra.nsteps);
out:
    trace_reader_close(&ra);
    trace_reader_close(&rb);
    return rc;
}

/* Runs the program under one schedule in a child process, its trace to
 * path and its output discarded; false if no trace came out. */
static bool trace_run(const Options *base, const char *sched, const char *path) {
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout)) _exit(2);
        Options o = *base;
        o.trace = path;
        o.sched_set = true;
        if (strcmp(sched, "go") == 0) o.policy = SCHED_GO;
        else if (strncmp(sched, "random:", 7) == 0) o.policy = SCHED_RANDOM, o.seed = strtoull(sched + 7, NULL, 10);
        else o.policy = SCHED_REPLAY, o.replay = sched + 7;
        fflush(stderr);
        _exit(cli_run(&o, false) == 1 ? 1 : 0);
    }
    int st = 0;
    if (waitpid(pid, &st, 0) < 0) return false;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 && access(path, R_OK) == 0;
}

static bool sched_ok(const char *v) {
    if (strcmp(v, "go") == 0) return true;
    if (strncmp(v, "random:", 7) == 0 && v[7] >= '0' && v[7] <= '9') {
        for (const char *p = v + 7; *p; p++)
            if (*p < '0' || *p > '9') return false;
        return true;
    }
    return strncmp(v, "replay:", 7) == 0 && v[7];
}

int cli_diff(int argc, char **argv, int first, const Options *defaults) {
    const char *files[2] = {NULL, NULL}, *scheds[2] = {NULL, NULL};
    int nfiles = 0, nsched = 0;
    Options o = *defaults;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--sched") == 0 || strncmp(a, "--sched=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !sched_ok(v)) return usage_error("bad --sched value '%s': want go, random:SEED or replay:FILE", v ? v : "");
            if (nsched == 2) return usage_error("%s", "two --sched at most");
            scheds[nsched++] = v;
        } else if (strcmp(a, "--preempt") == 0) {
            o.preempt = true;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown flag %s", a);
        } else {
            if (nfiles == 2) return usage_error("two files at most (got a third: %s)", a);
            files[nfiles++] = a;
        }
    }
    if (nfiles == 2 && nsched == 0) return diff_traces(files[0], files[1], files[0], files[1]);
    if (nfiles != 1 || nsched != 2)
        return usage_error("%s", "give two traces, or one program and two --sched");
    char dir[] = "/tmp/hchanviz-diff-XXXXXX";
    const char *tmp = getenv("TMPDIR");
    char tdir[4096];
    snprintf(tdir, sizeof tdir, "%s/hchanviz-diff-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    char *d = mkdtemp(tdir);
    if (!d) d = mkdtemp(dir);
    if (!d) {
        perror("hchanviz diff: a temporary directory");
        return 2;
    }
    char pa[4200], pb[4200], na[300], nb[300];
    snprintf(pa, sizeof pa, "%s/a.json", d);
    snprintf(pb, sizeof pb, "%s/b.json", d);
    o.file = files[0];
    int rc;
    if (!trace_run(&o, scheds[0], pa) || !trace_run(&o, scheds[1], pb)) {
        fprintf(stderr, "hchanviz diff: %s did not run under both schedules (see above)\n", files[0]);
        rc = 2;
    } else {
        /* The two sides named by their schedules. */
        snprintf(na, sizeof na, "--sched %s", scheds[0]);
        snprintf(nb, sizeof nb, "--sched %s", scheds[1]);
        rc = diff_traces(pa, pb, na, nb);
    }
    remove(pa);
    remove(pb);
    rmdir(d);
    return rc;
}
