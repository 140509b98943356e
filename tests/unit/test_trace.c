/* The trace (docs/trace.md): golden traces of the lessons, the schema, the
 * round trips through `hchanviz verify` and `--sched replay:`, a corpus of
 * broken traces each with the message it must get, atomic writing, the
 * Perfetto export, and the locals of vm_inspect.
 *
 * Most of it drives the hchanviz executable built beside this test (as a
 * user would), from the repository's root, with a temporary directory for
 * its files. */
#define _XOPEN_SOURCE 700
#include "testutil.h"

#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "go/compile.h"
#include "go/diag.h"
#include "json_schema.h"
#include "lesson.h"
#include "trace.h"
#include "types.h"
#include "vm_inspect.h"

/* Used when there are no lessons yet (keep in step with scripts/regen-traces). */
static const char *const FALLBACK[] = {"chanrecv_rotate", "chansend_direct", "close_wakes_sender_panic",
                                       "select_one_ready", "deadlock_main_recv"};

/* Kept well below PATH_MAX, so that paths made from them always fit. */
static char root[1024];  /* the repository */
static char bin[1024];   /* the hchanviz executable */
static char tmp[1024];   /* this run's scratch directory */
static cJSON *schema;

/* ---- helpers ------------------------------------------------------------------------ */

static char *xstrdup(const char *s) {
    char *p = strdup(s);
    assert_non_null(p);
    return p;
}

/* Runs `cmd` from the repository's root (with a time limit); its stdout and
 * stderr are kept in *out / *err (may be NULL).  Returns the exit status, or
 * 128 + the signal that killed it. */
static int sh(const char *cmd, char **out, char **err) {
    const char *fmt = "cd '%s' && timeout -s KILL 120 %s >'%s/out' 2>'%s/err'";
    int need = snprintf(NULL, 0, fmt, root, cmd, tmp, tmp);
    char *full = malloc((size_t)need + 1);
    assert_non_null(full);
    snprintf(full, (size_t)need + 1, fmt, root, cmd, tmp, tmp);
    int st = system(full);
    free(full);
    char path[PATH_MAX];
    if (out) {
        snprintf(path, sizeof path, "%s/out", tmp);
        *out = testutil_read_file(path, NULL);
        if (!*out) *out = xstrdup("");
    }
    if (err) {
        snprintf(path, sizeof path, "%s/err", tmp);
        *err = testutil_read_file(path, NULL);
        if (!*err) *err = xstrdup("");
    }
    if (st == -1) return -1;
    if (WIFEXITED(st)) return WEXITSTATUS(st) == 137 ? 128 + SIGKILL : WEXITSTATUS(st);
    return 128 + WTERMSIG(st);
}

static void write_file(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static cJSON *parse_file(const char *path) {
    size_t len;
    char *text = testutil_read_file(path, &len);
    if (!text) return NULL;
    cJSON *j = cJSON_ParseWithLength(text, len);
    free(text);
    return j;
}

/* The programs with golden traces: the lessons, or the fallback list.  Paths relative to the root. */
static int programs(char ***out) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/lessons", root);
    char **paths = NULL;
    int n = lesson_files(dir, &paths);
    if (n > 0) {
        for (int i = 0; i < n; i++) {
            char rel[PATH_MAX];
            snprintf(rel, sizeof rel, "lessons/%s", strrchr(paths[i], '/') + 1);
            free(paths[i]);
            paths[i] = xstrdup(rel);
        }
        *out = paths;
        return n;
    }
    free(paths);
    n = (int)(sizeof FALLBACK / sizeof *FALLBACK);
    *out = malloc(sizeof **out * (size_t)n);
    for (int i = 0; i < n; i++) {
        char rel[PATH_MAX];
        snprintf(rel, sizeof rel, "tests/go/%s.go", FALLBACK[i]);
        (*out)[i] = xstrdup(rel);
    }
    return n;
}

static void free_list(char **l, int n) {
    for (int i = 0; i < n; i++) free(l[i]);
    free(l);
}

/* "lessons/05-recv-rotate.go" -> "05-recv-rotate" */
static void stem(const char *path, char *out, size_t cap) {
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(out, cap, "%s", b);
    char *dot = strrchr(out, '.');
    if (dot) *dot = '\0';
}

/* The trace's text with its machine-specific absolute path (program.path, and
 * wherever it appears, as in result.stderr) replaced by "$PATH". */
static char *normalized(const char *path) {
    size_t len;
    char *text = testutil_read_file(path, &len);
    if (!text) return NULL;
    cJSON *j = cJSON_ParseWithLength(text, len);
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "program"), "path");
    if (!cJSON_IsString(p) || !p->valuestring[0]) {
        cJSON_Delete(j);
        return text;
    }
    FmtBuf esc = {0};
    jb_cstr(&esc, p->valuestring);
    /* without the quotes */
    char *needle = strndup(esc.data + 1, esc.len - 2);
    fmt_buf_free(&esc);
    cJSON_Delete(j);
    FmtBuf out = {0};
    size_t nl = strlen(needle);
    const char *s = text;
    for (;;) {
        const char *hit = strstr(s, needle);
        if (!hit) break;
        fmt_buf_write(&out, s, (size_t)(hit - s));
        fmt_buf_write(&out, "$PATH", 5);
        s = hit + nl;
    }
    fmt_buf_write(&out, s, strlen(s));
    free(needle);
    free(text);
    return out.data;
}

/* Compares two traces line by line; on a difference, fails the test with
 * the first differing line and the first differing field. */
static void compare_traces(const char *name, const char *want_path, const char *have_path) {
    char *want = normalized(want_path), *have = normalized(have_path);
    assert_non_null(have);
    if (!want) {
        fail_msg("%s: no golden trace %s: run scripts/regen-traces", name, want_path);
    }
    if (strcmp(want, have) != 0) {
        const char *a = want, *b = have;
        int line = 1;
        for (;;) {
            const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
            size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
            if (la != lb || memcmp(a, b, la) != 0) break;
            if (!ea || !eb) break;
            a = ea + 1, b = eb + 1, line++;
        }
        /* Around the first differing byte of the line. */
        size_t col = 0;
        while (a[col] && a[col] == b[col] && a[col] != '\n') col++;
        size_t from = col > 200 ? col - 200 : 0;
        char *la = strndup(a + from, strcspn(a + from, "\n")), *lb = strndup(b + from, strcspn(b + from, "\n"));
        char *linea = strndup(a, strcspn(a, "\n")), *lineb = strndup(b, strcspn(b, "\n"));
        char why[700] = "";
        /* A step line: name the field. */
        const char *ja = linea, *jb = lineb;
        if (*ja == ',') ja++;
        if (*jb == ',') jb++;
        cJSON *ca = cJSON_Parse(ja), *cb = cJSON_Parse(jb);
        if (ca && cb) trace_json_diff(ca, cb, why, sizeof why); /* "the trace" is the golden one */
        cJSON_Delete(ca);
        cJSON_Delete(cb);
        print_error("%s: the run differs from the golden trace %s at line %d, byte %zu%s%s\n"
                    "  golden: %s%.400s\n  now:    %s%.400s\n"
                    "(if the change is meant, run scripts/regen-traces and review the diff)\n",
                    name, want_path, line, col + 1, why[0] ? ": " : "", why[0] ? why : "", from ? "..." : "", la,
                    from ? "..." : "", lb);
        free(linea);
        free(lineb);
        free(la);
        free(lb);
        free(want);
        free(have);
        fail();
    }
    free(want);
    free(have);
}

static void validate(const char *path) {
    cJSON *j = parse_file(path);
    if (!j) fail_msg("%s is not JSON", path);
    char err[700];
    if (!json_schema_validate(schema, j, err, sizeof err)) fail_msg("%s does not fit docs/trace-schema.json: %s", path, err);
    cJSON_Delete(j);
}

static int nsteps(const char *path) {
    cJSON *j = parse_file(path);
    assert_non_null(j);
    int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "steps"));
    cJSON_Delete(j);
    return n;
}

static void verify_ok(const char *path) {
    char cmd[PATH_MAX * 2], *out, *err;
    snprintf(cmd, sizeof cmd, "'%s' verify '%s'", bin, path);
    int rc = sh(cmd, &out, &err);
    char want[64];
    snprintf(want, sizeof want, "trace verified: %d steps\n", nsteps(path));
    if (rc != 0 || strcmp(out, want) != 0) fail_msg("verify %s: exit %d\n%s%s", path, rc, out, err);
    free(out);
    free(err);
}

/* ---- setup ------------------------------------------------------------------------- */

static int setup(void **state) {
    (void)state;
    /* tests/unit/test_trace.c -> the root */
    snprintf(root, sizeof root, "%s", __FILE__);
    for (int k = 0; k < 3; k++) {
        char *s = strrchr(root, '/');
        if (s) *s = '\0';
    }
    char exe[900];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return -1;
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0';
    snprintf(bin, sizeof bin, "%s/hchanviz", exe);
    if (!exists(bin)) {
        fprintf(stderr, "test_trace: %s is not built\n", bin);
        return -1;
    }
    snprintf(tmp, sizeof tmp, "/tmp/hchanviz-trace-XXXXXX");
    if (!mkdtemp(tmp)) return -1;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/docs/trace-schema.json", root);
    schema = parse_file(path);
    if (!schema) {
        fprintf(stderr, "test_trace: cannot read %s\n", path);
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0) return -1;
    cJSON_Delete(schema);
    return 0;
}

/* ---- golden traces, schema, verify ------------------------------------------------------ */

/* Every lesson again: the same output as without --trace, the same trace as
 * the golden one, valid against the schema, and verified. */
static void test_golden(void **state) {
    (void)state;
    char **progs;
    int n = programs(&progs);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        char name[256], cmd[PATH_MAX * 3], fresh[PATH_MAX], golden[PATH_MAX];
        stem(progs[i], name, sizeof name);
        snprintf(fresh, sizeof fresh, "%s/%s.json", tmp, name);
        snprintf(golden, sizeof golden, "%s/tests/traces/%s.json", root, name);
        char *out1, *err1, *out2, *err2;
        snprintf(cmd, sizeof cmd, "'%s' run '%s'", bin, progs[i]);
        int rc1 = sh(cmd, &out1, &err1);
        snprintf(cmd, sizeof cmd, "'%s' run '%s' --trace '%s'", bin, progs[i], fresh);
        int rc2 = sh(cmd, &out2, &err2);
        if (rc1 != rc2 || strcmp(out1, out2) || strcmp(err1, err2))
            fail_msg("%s: --trace changed the run: exit %d/%d\n%s---\n%s", progs[i], rc1, rc2, err1, err2);
        assert_true(exists(fresh));
        compare_traces(name, golden, fresh);
        validate(fresh);
        validate(golden);
        verify_ok(fresh);
        /* The result is the run's. */
        cJSON *j = parse_file(fresh);
        const cJSON *res = cJSON_GetObjectItemCaseSensitive(j, "result");
        assert_int_equal(cJSON_GetObjectItemCaseSensitive(res, "exit")->valueint, rc1);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(res, "stderr")->valuestring, err1);
        cJSON_Delete(j);
        free(out1), free(err1), free(out2), free(err2);
    }
    free_list(progs, n);
}

/* No golden trace without its lesson. */
static void test_no_stale_golden(void **state) {
    (void)state;
    char **progs;
    int n = programs(&progs);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/tests/traces", root);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0) continue;
        bool found = false;
        for (int i = 0; i < n && !found; i++) {
            char name[256];
            stem(progs[i], name, sizeof name);
            found = strlen(name) == l - 5 && strncmp(name, e->d_name, l - 5) == 0;
        }
        if (!found) fail_msg("tests/traces/%s has no program: run scripts/regen-traces", e->d_name);
    }
    closedir(d);
    free_list(progs, n);
}

/* Random schedules: a run, then its replay, give the same output and the same steps. */
static void test_replay_random(void **state) {
    (void)state;
    static const char *const extra[] = {"tests/go/select_one_ready.go", "tests/go/pattern_fanin.go",
                                        "tests/go/pattern_worker_pool.go", "tests/go/close_wakes_receivers.go",
                                        "tests/go/sync_mutex_counter.go", "tests/go/time_sleep_order.go"};
    char **progs;
    int n = programs(&progs);
    int total = n + (int)(sizeof extra / sizeof *extra);
    for (int i = 0; i < total; i++) {
        const char *prog = i < n ? progs[i] : extra[i - n];
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%s/%s", root, prog);
        if (!exists(full)) continue;
        for (int seed = 1; seed <= 2; seed++) {
            char a[PATH_MAX], b[PATH_MAX], cmd[PATH_MAX * 3], *out1, *err1, *out2, *err2;
            snprintf(a, sizeof a, "%s/random-%d.json", tmp, seed);
            snprintf(b, sizeof b, "%s/replay-%d.json", tmp, seed);
            snprintf(cmd, sizeof cmd, "'%s' run '%s' --sched random:%d --trace '%s'", bin, prog, seed * 7919, a);
            int rc1 = sh(cmd, &out1, &err1);
            snprintf(cmd, sizeof cmd, "'%s' run '%s' --sched replay:'%s' --trace '%s'", bin, prog, a, b);
            int rc2 = sh(cmd, &out2, &err2);
            if (rc1 != rc2 || strcmp(out1, out2) || strcmp(err1, err2))
                fail_msg("%s seed %d: the replay differs: exit %d/%d\n%s%s---\n%s%s", prog, seed, rc1, rc2, out1, err1,
                         out2, err2);
            cJSON *ja = parse_file(a), *jb = parse_file(b);
            assert_non_null(ja);
            assert_non_null(jb);
            const char *members[] = {"program", "steps", "result"};
            for (int k = 0; k < 3; k++) {
                char why[700] = "";
                if (!trace_json_diff(cJSON_GetObjectItemCaseSensitive(jb, members[k]),
                                     cJSON_GetObjectItemCaseSensitive(ja, members[k]), why, sizeof why))
                    fail_msg("%s seed %d: the replay's %s differ: %s", prog, seed, members[k], why);
            }
            assert_string_equal(
                cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(jb, "options"), "sched")->valuestring,
                "replay");
            cJSON_Delete(ja);
            cJSON_Delete(jb);
            validate(a);
            verify_ok(a);
            verify_ok(b);
            free(out1), free(err1), free(out2), free(err2);
        }
    }
    free_list(progs, n);
}

/* ---- broken traces ------------------------------------------------------------------- */

static char *good;          /* a good trace's text */
static size_t good_len;
static char good_path[PATH_MAX];

static void make_good(void) {
    if (good) return;
    snprintf(good_path, sizeof good_path, "%s/good.json", tmp);
    char cmd[PATH_MAX * 3];
    snprintf(cmd, sizeof cmd, "'%s' run tests/go/chanrecv_rotate.go --trace '%s'", bin, good_path);
    assert_int_equal(sh(cmd, NULL, NULL), 0);
    good = testutil_read_file(good_path, &good_len);
    assert_non_null(good);
}

/* Writes text as bad.json, runs verify on it: exit 1 and a message containing want. */
static void expect_bad(const char *label, const char *text, size_t len, const char *want) {
    char path[PATH_MAX], cmd[PATH_MAX * 2], *out, *err;
    snprintf(path, sizeof path, "%s/bad.json", tmp);
    write_file(path, text, len);
    snprintf(cmd, sizeof cmd, "'%s' verify '%s'", bin, path);
    int rc = sh(cmd, &out, &err);
    if (rc != 1 || !strstr(err, want) || strstr(err, "AddressSanitizer") || strstr(err, "runtime error"))
        fail_msg("%s: want exit 1 and \"%s\"; got exit %d:\n%s%s", label, want, rc, out, err);
    if (!strstr(err, "hchanviz: verify: ")) fail_msg("%s: the message does not say who speaks: %s", label, err);
    free(out);
    free(err);
}

/* The good trace with the first occurrence of `from` at or after `after` replaced by `to`. */
static char *edit(const char *after, const char *from, const char *to, size_t *len) {
    const char *start = after ? strstr(good, after) : good;
    assert_non_null(start);
    const char *at = strstr(start, from);
    assert_non_null(at);
    size_t pre = (size_t)(at - good), fl = strlen(from), tl = strlen(to);
    *len = good_len - fl + tl;
    char *s = malloc(*len + 1);
    memcpy(s, good, pre);
    memcpy(s + pre, to, tl);
    memcpy(s + pre + tl, at + fl, good_len - pre - fl);
    s[*len] = '\0';
    return s;
}

static void expect_edit(const char *label, const char *after, const char *from, const char *to, const char *want) {
    size_t len;
    char *s = edit(after, from, to, &len);
    expect_bad(label, s, len, want);
    free(s);
}

static void test_truncated(void **state) {
    (void)state;
    make_good();
    /* The end of the object: a cut anywhere before it leaves no JSON object. */
    size_t end = good_len;
    while (end > 0 && good[end - 1] != '}') end--;
    assert_true(end > 100);
    for (int k = 0; k <= 40; k++) {
        size_t at = k == 40 ? end - 1 : (size_t)k * end / 40;
        char want[128], label[64];
        if (at == 0) snprintf(want, sizeof want, "invalid JSON at byte 0 (line 1, column 1): the file is empty");
        else snprintf(want, sizeof want, "invalid JSON at byte %zu ", at);
        snprintf(label, sizeof label, "truncated at %zu", at);
        expect_bad(label, good, at, want);
    }
    /* Cut in the middle of a literal, a number, an escape. */
    const char *marks[] = {"\"closed\":0", "\\n", "\"kind\":\"run\""};
    for (int k = 0; k < 3; k++) {
        const char *m = strstr(good, marks[k]);
        assert_non_null(m);
        size_t at = (size_t)(m - good) + strlen(marks[k]) - 1;
        char want[128];
        snprintf(want, sizeof want, "invalid JSON at byte %zu ", at);
        expect_bad(marks[k], good, at, want);
    }
    /* Truncated after the end: the trailing newline may go. */
    char path[PATH_MAX], cmd[PATH_MAX * 2];
    snprintf(path, sizeof path, "%s/trimmed.json", tmp);
    write_file(path, good, end);
    snprintf(cmd, sizeof cmd, "'%s' verify '%s'", bin, path);
    assert_int_equal(sh(cmd, NULL, NULL), 0);
}

static void test_tampered(void **state) {
    (void)state;
    make_good();
    /* Step 5's first channel, with the qcount the run has there. */
    const char *s5 = strstr(good, "{\"index\":5,");
    assert_non_null(s5);
    const char *q = strstr(s5, "\"qcount\":");
    assert_non_null(q);
    int qcount = atoi(q + 9);
    char from[32], to[32], want[200];
    snprintf(from, sizeof from, "\"qcount\":%d", qcount);
    snprintf(to, sizeof to, "\"qcount\":%d", qcount + 7);
    snprintf(want, sizeof want, "step 5: channels[0].qcount: the trace has %d, the run has %d", qcount + 7, qcount);
    expect_edit("changed qcount", "{\"index\":5,", from, to, want);
    snprintf(to, sizeof to, "\"qcount\":\"%d\"", qcount);
    expect_edit("qcount a string", "{\"index\":5,", from, to,
                "step 5: channels[0].qcount: expected a number, found a string");
    expect_edit("buf slot", "{\"index\":5,", "\"buf\":[\"", "\"buf\":[\"9", "step 5: channels[0].buf[0]: the trace has");
    expect_edit("line removed", "{\"index\":3,", "\"line\":", "\"lime\":", "step 3: missing field \"line\"");
    expect_edit("field added", "{\"index\":3,", "\"goroutine\":", "\"extra\":1,\"goroutine\":",
                "step 3: unexpected field \"extra\"");
    expect_edit("field twice", "{\"index\":3,", "\"goroutine\":", "\"goroutine\":1,\"goroutine\":",
                "step 3: the step: a field appears twice");
    expect_edit("spacing", "{\"index\":3,", "\"goroutine\":", "\"goroutine\": ",
                "step 3: not written as hchanviz writes it");
    expect_edit("after a NUL", "{\"index\":3,", "\",\"output\":", "\\u0000\",\"output\":",
                "step 3: not written as hchanviz writes it");
    expect_edit("result spacing", NULL, "\"result\":{\"exit\":0", "\"result\":{\"exit\": 0",
                "result: not written as hchanviz writes it");
    expect_edit("status type", "{\"index\":4,", "\"status\":\"running\"", "\"status\":7",
                "step 4: goroutines[0].status: expected a string, found a number");
    expect_edit("event name", "{\"index\":4,", "\"kind\":\"", "\"kind\":\"x", "step 4: events[0].kind: the trace has \"x");
    expect_edit("index", "{\"index\":6,", "\"index\":6,", "\"index\":60,", "step 6: index: the trace has 60, the run has 6");
    expect_edit("huge number", "{\"index\":6,", "\"index\":6,", "\"index\":1e999999,", "step 6: index: the trace has inf");
    expect_edit("negative", "{\"index\":6,", "\"schedtick\":", "\"schedtick\":-", "step 6: p.schedtick: the trace has -");
    expect_edit("output", NULL, "\"output\":\"full: 3 3\\n\"", "\"output\":\"full: 3 4\\n\"",
                "output: the trace has \"full: 3 4\\n\", the run has \"full: 3 3\\n\"");
    expect_edit("step not an object", NULL, "{\"index\":2,", "[],{\"index\":2,", "step 2 (byte ");
    expect_edit("result exit", NULL, "\"result\":{\"exit\":0", "\"result\":{\"exit\":5",
                "result: exit: the trace has 5, the run has 0");
    expect_edit("result stderr", NULL, "\"stderr\":\"\"", "\"stderr\":\"boo\"",
                "result: stderr: the trace has \"boo\", the run has \"\"");
    expect_edit("result missing", NULL, "\"result\":", "\"resalt\":", "no \"result\" member");
    expect_edit("version", NULL, "\"version\":1", "\"version\":2", "unsupported trace version 2 (this hchanviz reads version 1)");
    expect_edit("version huge", NULL, "\"version\":1", "\"version\":1e400", "unsupported trace version");
    expect_edit("version string", NULL, "\"version\":1", "\"version\":\"1\"", "unsupported trace version \"1\"");
    expect_edit("format", NULL, "\"hchanviz-trace\"", "\"other-trace\"", "not an hchanviz trace");
    expect_edit("format missing", NULL, "\"format\":", "\"fromat\":", "not an hchanviz trace (no \"format\" member)");
    expect_edit("options", NULL, "\"max_steps\":", "\"max_steps\":-", "\"options\" is not");
    expect_edit("options huge", NULL, "\"max_steps\":", "\"max_steps\":1e30+", "invalid JSON at byte");
    expect_edit("options type", NULL, "\"seed\":0", "\"seed\":\"0\"", "\"options\" is not");
    expect_edit("program type", NULL, "\"program\":{", "\"program\":{\"file\":1,", "\"program\" must have");
    expect_edit("program source", NULL, "package main", "package main\\nfunc (",
                "the program in the trace does not compile");
    expect_edit("program changed", NULL, "fmt.Println(\\\"end\\\")", "fmt.Println(\\\"END\\\")",
                "output: the trace has \"end\\n\", the run has \"END\\n\"");
    expect_edit("choices type", NULL, "\"choices\":[{\"kind\":\"run\",\"value\":1",
                "\"choices\":[{\"kind\":\"walk\",\"value\":1", "step 1: choices[0] is not a choice");
    expect_edit("choice names another", "\"kind\":\"gosched\"", "\"kind\":\"run\",\"value\":", "\"kind\":\"run\",\"value\":9",
                "the recorded choices do not fit the run: replay: choice 0 names goroutine 9");
    expect_edit("choice removed", NULL, "\"choices\":[{\"kind\":\"run\",\"value\":1,\"bound\":0}]", "\"choices\":[]",
                "step 1: choices: the trace has 0 elements, the run has 1");
    expect_edit("steps type", NULL, "\"steps\":[", "\"steps\":{\"a\":[", "invalid JSON");
    expect_edit("steps object", NULL, "\"steps\":[", "\"steps\":7,\"x\":[", "\"steps\" is not an array");
    expect_edit("duplicate member", NULL, "\"steps\":[", "\"steps\":[],\"steps\":[", "member \"steps\" appears twice");
    expect_edit("bad escape", NULL, "\\n", "\\q", "bad escape in a string");
    expect_edit("control char", NULL, "\\n", "\n", "control character in a string");
    expect_edit("leading zero", "{\"index\":2,", "\"line\":", "\"line\":0", "bad number: leading zero");
    expect_edit("trailing comma", "{\"index\":2,", "\"goroutine\":", ",\"goroutine\":", "a member name (a string) expected");

    /* Fewer or more steps than the run. */
    const char *last = NULL;
    for (const char *p = strstr(good, "\n{\"index\":"); p; p = strstr(p + 1, "\n{\"index\":")) last = p;
    assert_non_null(last);
    int n = atoi(last + 10);
    const char *end_steps = strstr(last, "\n],\n");
    assert_non_null(end_steps);
    FmtBuf b = {0};
    fmt_buf_write(&b, good, (size_t)(last - good) - 1); /* drops ",\n{last step}" */
    fmt_buf_write(&b, end_steps, good_len - (size_t)(end_steps - good));
    snprintf(want, sizeof want, "the trace ends after %d steps, but the run goes on (step %d is missing)", n - 1, n);
    expect_bad("last step dropped", b.data, b.len, want);
    b.len = 0;
    fmt_buf_write(&b, good, (size_t)(end_steps - good));
    fmt_buf_write(&b, ",", 1);
    fmt_buf_write(&b, last, (size_t)(end_steps - last));
    fmt_buf_write(&b, end_steps, good_len - (size_t)(end_steps - good));
    snprintf(want, sizeof want, "step %d: the run ended after %d steps (main returned), but the trace goes on", n + 1, n);
    expect_bad("a step too many", b.data, b.len, want);
    b.len = 0;
    fmt_buf_write(&b, good, good_len);
    fmt_buf_write(&b, "x", 1);
    expect_bad("data after", b.data, b.len, "unexpected data after the end of the JSON object");
    fmt_buf_free(&b);
}

static void test_not_traces(void **state) {
    (void)state;
    expect_bad("empty", "", 0, "invalid JSON at byte 0 (line 1, column 1): the file is empty");
    expect_bad("blank", "  \n\n", 4, "invalid JSON at byte 4 (line 3, column 1): the file is empty");
    expect_bad("go source", "package main\n", 13, "invalid JSON at byte 0 (line 1, column 1): unexpected character");
    expect_bad("array", "[1, 2]", 6, "not an hchanviz trace: the file is JSON but not an object");
    expect_bad("null", "null", 4, "not an hchanviz trace");
    expect_bad("object", "{}", 2, "not an hchanviz trace (no \"format\" member)");
    expect_bad("number", "1e999999999", 11, "not an hchanviz trace");
    expect_bad("nul bytes", "{\"format\"\0:1}", 13, "invalid JSON at byte 9 (line 1, column 10)");
    expect_bad("utf-16", "\xff\xfe{\0}\0", 6, "invalid JSON at byte 0");
    const char *wrongs[] = {"{\"format\":\"hchanviz-trace\"}", "{\"format\":\"hchanviz-trace\",\"version\":1}",
                            "{\"format\":\"hchanviz-trace\",\"version\":1,\"program\":{}}",
                            "{\"format\":\"hchanviz-trace\",\"version\":1,\"program\":{\"file\":\"a.go\",\"path\":\"/a.go\","
                            "\"source\":\"package main\\nfunc main() {}\\n\"},\"steps\":[],\"result\":{\"exit\":0,\"stderr\":\"\"}}",
                            "{\"format\":\"hchanviz-trace\",\"version\":1,\"program\":{\"file\":\"a.go\",\"path\":\"/a.go\","
                            "\"source\":\"package main\\nfunc main() { for {} }\\n\"},\"options\":{\"sched\":\"go\",\"seed\":0,"
                            "\"max_steps\":9007199254740992},\"steps\":[],\"result\":{\"exit\":0,\"stderr\":\"\"}}"};
    const char *wants[] = {"no \"version\" member", "no \"program\" member", "no \"result\" member",
                           "the trace ends after 0 steps, but the run goes on (step 1 is missing)",
                           "the trace ends after 0 steps, but the run goes on (step 1 is missing)"};
    for (int k = 0; k < 5; k++) expect_bad(wrongs[k], wrongs[k], strlen(wrongs[k]), wants[k]);
    /* Deep nesting, anywhere. */
    FmtBuf b = {0};
    for (int k = 0; k < 100000; k++) fmt_buf_write(&b, "[", 1);
    expect_bad("deep array", b.data, b.len, "nested too deeply (more than 256 levels)");
    b.len = 0;
    fmt_buf_write(&b, "{\"format\":", 10);
    for (int k = 0; k < 100000; k++) fmt_buf_write(&b, "{\"a\":", 5);
    expect_bad("deep object", b.data, b.len, "nested too deeply");
    /* Random bytes. */
    srand(12345);
    for (int k = 0; k < 5; k++) {
        b.len = 0;
        for (int i = 0; i < 1000; i++) {
            char c = (char)(rand() & 0xff);
            fmt_buf_write(&b, &c, 1);
        }
        if (b.data[0] == '{' || b.data[0] == ' ' || b.data[0] == '\n' || b.data[0] == '\t' || b.data[0] == '\r') b.data[0] = 'x';
        expect_bad("random bytes", b.data, b.len, "invalid JSON at byte 0");
    }
    fmt_buf_free(&b);
    /* Not a file. */
    char cmd[PATH_MAX * 2], *err;
    snprintf(cmd, sizeof cmd, "'%s' verify '%s/no-such-file.json'", bin, tmp);
    assert_int_equal(sh(cmd, NULL, &err), 1);
    assert_non_null(strstr(err, "cannot open"));
    free(err);
    snprintf(cmd, sizeof cmd, "'%s' verify '%s'", bin, tmp);
    assert_int_equal(sh(cmd, NULL, &err), 1);
    free(err);
    /* A replay from a broken trace is refused before the run. */
    snprintf(cmd, sizeof cmd, "'%s' run tests/go/chanrecv_rotate.go --sched replay:'%s/bad.json'", bin, tmp);
    char *out;
    assert_int_equal(sh(cmd, &out, &err), 1);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "hchanviz: --sched replay: "));
    free(out);
    free(err);
}

/* ---- writing: atomic, and what the program prints ------------------------------------ */

static const char forever[] =
    "package main\n\nfunc main() {\n\tch := make(chan int, 8)\n\tgo func() {\n\t\tfor v := range ch {\n\t\t\t_ = v\n"
    "\t\t}\n\t}()\n\tfor i := 0; ; i++ {\n\t\tch <- i\n\t}\n}\n";

static int count_tmp_files(void) {
    DIR *d = opendir(tmp);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) n += strstr(e->d_name, ".tmp-") != NULL;
    if (d) closedir(d);
    return n;
}

static void test_atomic(void **state) {
    (void)state;
    char prog[PATH_MAX], out[PATH_MAX], cmd[PATH_MAX * 4], *err;
    snprintf(prog, sizeof prog, "%s/forever.go", tmp);
    write_file(prog, forever, sizeof forever - 1);
    snprintf(out, sizeof out, "%s/atomic.json", tmp);

    /* A directory that does not exist. */
    snprintf(cmd, sizeof cmd, "'%s' run '%s' --trace '%s/no/such/dir/t.json'", bin, prog, tmp);
    assert_int_equal(sh(cmd, NULL, &err), 1);
    assert_non_null(strstr(err, "cannot write"));
    free(err);

    /* A full disk (the file size limit, with SIGXFSZ ignored so that writes fail). */
    snprintf(cmd, sizeof cmd, "sh -c \"ulimit -f 256; trap '' XFSZ; exec '%s' run '%s' --max-steps 100000 --trace '%s' --perfetto '%s.pf'\"",
             bin, prog, out, out);
    int rc = sh(cmd, NULL, &err);
    if (rc != 1 || !strstr(err, "hchanviz: cannot write")) fail_msg("full disk: exit %d: %s", rc, err);
    free(err);
    assert_false(exists(out));
    assert_int_equal(count_tmp_files(), 0);

    /* Killed in the middle: nothing under the name, the temporary file removed. */
    snprintf(cmd, sizeof cmd, "sh -c \"'%s' run '%s' --max-steps 100000000 --trace '%s' & sleep 0.5; kill -TERM \\$!; wait\"",
             bin, prog, out);
    sh(cmd, NULL, NULL);
    assert_false(exists(out));
    assert_int_equal(count_tmp_files(), 0);

    /* The step limit: a complete trace all the same, exit 3. */
    snprintf(cmd, sizeof cmd, "'%s' run '%s' --max-steps 500 --trace '%s'", bin, prog, out);
    assert_int_equal(sh(cmd, NULL, NULL), 3);
    assert_int_equal(nsteps(out), 500);
    validate(out);
    verify_ok(out);
    /* Its replay stops at the trace's limit too. */
    char out2[PATH_MAX];
    snprintf(out2, sizeof out2, "%s/atomic2.json", tmp);
    snprintf(cmd, sizeof cmd, "'%s' run '%s' --sched replay:'%s' --trace '%s'", bin, prog, out, out2);
    assert_int_equal(sh(cmd, NULL, NULL), 3);
    assert_int_equal(nsteps(out2), 500);

    /* Not a regular file (a FIFO, as /dev/null or /dev/stdout): written in place, never renamed over. */
    char fifo[PATH_MAX];
    snprintf(fifo, sizeof fifo, "%s/fifo", tmp);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(cmd, sizeof cmd, "sh -c \"cat '%s' > '%s/from-fifo.json' & '%s' run '%s' --max-steps 300 --trace '%s'; r=\\$?; wait; exit \\$r\"",
             fifo, tmp, bin, prog, fifo);
    assert_int_equal(sh(cmd, NULL, NULL), 3);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    snprintf(out2, sizeof out2, "%s/from-fifo.json", tmp);
    assert_int_equal(nsteps(out2), 300);
    unlink(fifo);

    /* A program that does not compile: no trace. */
    snprintf(prog, sizeof prog, "%s/broken.go", tmp);
    write_file(prog, "package main\nfunc main() { x }\n", 31);
    snprintf(cmd, sizeof cmd, "'%s' run '%s' --trace '%s/broken.json'", bin, prog, tmp);
    assert_int_equal(sh(cmd, NULL, NULL), 1);
    snprintf(out, sizeof out, "%s/broken.json", tmp);
    assert_false(exists(out));
    assert_int_equal(count_tmp_files(), 0);
}

/* Output in odd bytes survives the trace: escapes, invalid UTF-8, NUL. */
static void test_odd_output(void **state) {
    (void)state;
    static const char src[] =
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan string, 2)\n\tch <- \"tab\\there \\\"q\\\" \\\\ "
        "\\x01 \\xff\\xfe é 世\"\n\ts := <-ch\n\tfmt.Println(s, \"\\x00end\")\n}\n";
    char prog[PATH_MAX], out[PATH_MAX], cmd[PATH_MAX * 3];
    snprintf(prog, sizeof prog, "%s/odd.go", tmp);
    write_file(prog, src, sizeof src - 1);
    snprintf(out, sizeof out, "%s/odd.json", tmp);
    snprintf(cmd, sizeof cmd, "'%s' run '%s' --trace '%s'", bin, prog, out);
    assert_int_equal(sh(cmd, NULL, NULL), 0);
    validate(out);
    verify_ok(out);
    char *text = testutil_read_file(out, NULL);
    assert_non_null(strstr(text, "tab\\there \\\"q\\\" \\\\ \\u0001 \\ufffd\\ufffd é 世"));
    free(text);
}

/* ---- perfetto ------------------------------------------------------------------------ */

static void test_perfetto(void **state) {
    (void)state;
    char out[PATH_MAX], cmd[PATH_MAX * 3];
    snprintf(out, sizeof out, "%s/pf.json", tmp);
    const char *prog = exists("lessons/05-recv-rotate.go") ? "lessons/05-recv-rotate.go" : "tests/go/chanrecv_rotate.go";
    char full[PATH_MAX];
    snprintf(full, sizeof full, "%s/lessons/05-recv-rotate.go", root);
    prog = exists(full) ? "lessons/05-recv-rotate.go" : "tests/go/chanrecv_rotate.go";
    snprintf(cmd, sizeof cmd, "'%s' run %s --perfetto '%s'", bin, prog, out);
    assert_int_equal(sh(cmd, NULL, NULL), 0);
    cJSON *j = parse_file(out);
    assert_non_null(j);
    const cJSON *evs = cJSON_GetObjectItemCaseSensitive(j, "traceEvents");
    assert_true(cJSON_IsArray(evs));
    int names = 0, spans = 0, instants = 0, starts = 0, finishes = 0, sends = 0, receives = 0;
    int ids_s[4096], ns = 0;
    for (const cJSON *e = evs->child; e; e = e->next) {
        const char *ph = cJSON_GetObjectItemCaseSensitive(e, "ph")->valuestring;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(e, "name");
        assert_true(cJSON_IsString(name));
        assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(e, "pid")));
        if (strcmp(ph, "M") == 0) {
            names += strcmp(name->valuestring, "thread_name") == 0;
        } else if (strcmp(ph, "X") == 0) {
            spans++;
            assert_true(cJSON_GetObjectItemCaseSensitive(e, "dur")->valuedouble > 0);
            assert_true(cJSON_GetObjectItemCaseSensitive(e, "tid")->valueint >= 1);
        } else if (strcmp(ph, "i") == 0) {
            instants++;
            sends += strncmp(name->valuestring, "send", 4) == 0;
            receives += strncmp(name->valuestring, "receive", 7) == 0;
        } else if (strcmp(ph, "s") == 0) {
            if (ns < 4096) ids_s[ns++] = cJSON_GetObjectItemCaseSensitive(e, "id")->valueint;
            starts++;
        } else if (strcmp(ph, "f") == 0) {
            int id = cJSON_GetObjectItemCaseSensitive(e, "id")->valueint;
            bool found = false;
            for (int k = 0; k < ns && !found; k++) found = ids_s[k] == id;
            assert_true(found);
            finishes++;
        } else {
            fail_msg("unexpected ph %s", ph);
        }
    }
    assert_true(names >= 2);
    assert_true(spans > names);
    assert_true(sends >= 3 && receives >= 3);
    assert_true(instants >= sends + receives);
    assert_true(starts >= 3);
    assert_int_equal(starts, finishes);
    cJSON_Delete(j);
}

/* ---- locals (vm_inspect), from the library ------------------------------------------- */

static const char locals_src[] =
    "package main\n"                              /* 1 */
    "\n"                                          /* 2 */
    "type T struct{ a, b int }\n"                 /* 3 */
    "\n"                                          /* 4 */
    "func work(n int, ch chan int) (sum int) {\n" /* 5 */
    "\tfor i := 0; i < n; i++ {\n"                /* 6 */
    "\t\tsum += i\n"                              /* 7 */
    "\t}\n"                                       /* 8 */
    "\tch <- sum\n"                               /* 9 */
    "\treturn\n"                                  /* 10 */
    "}\n"                                         /* 11 */
    "\n"                                          /* 12 */
    "func main() {\n"                             /* 13 */
    "\tx := 1\n"                                  /* 14 */
    "\tt := T{2, 3}\n"                            /* 15 */
    "\tch := make(chan int)\n"                    /* 16 */
    "\tgo func() {\n"                             /* 17 */
    "\t\tx := \"inner\"\n"                        /* 18 */
    "\t\t_ = x\n"                                 /* 19 */
    "\t\tt.a = work(3, ch)\n"                     /* 20 */
    "\t}()\n"                                     /* 21 */
    "\tv := <-ch\n"                               /* 22 */
    "\t_ = v + x\n"                               /* 23 */
    "}\n";                                        /* 24 */

/* "name=value name=value" of frame k of g. */
static const char *frame_locals(const Sim *S, VmInspect *in, GoId g, int k, char *buf, size_t cap) {
    buf[0] = '\0';
    int32_t n = vm_inspect(S, g, in);
    if (k >= n) return "(no frame)";
    const VmFrameLocals *f = &in->frames.items[k];
    size_t len = 0;
    len += (size_t)snprintf(buf + len, cap - len, "%s:%d", strtab_get(&S->strs, f->fn, NULL), f->line);
    for (int32_t i = 0; i < f->n; i++) {
        const VmLocal *l = &in->locals.items[f->first + i];
        char v[64];
        value_format(S, l->type, l->value, v, sizeof v);
        len += (size_t)snprintf(buf + len, cap - len, " %s=%s", strtab_get(&S->strs, l->name, NULL), v);
    }
    return buf;
}

static void test_locals(void **state) {
    (void)state;
    Sim *S = sim_new(0);
    Program P;
    program_init(&P);
    Diag d;
    diag_init(&d);
    assert_true(compile_source(S, "locals.go", locals_src, sizeof locals_src - 1, &P, &d, NULL));
    diag_free(&d);
    vm_start(S, &P);
    S->logging = true;
    VmInspect in = {0};
    char buf[512];
    bool saw_work = false, saw_inner = false, saw_main_parked = false;
    for (int i = 0; i < 200 && S->state == SIM_RUNNING; i++) {
        sim_step(S);
        const char *m = frame_locals(S, &in, 1, 0, buf, sizeof buf);
        if (sim_gc(S, 1)->status == GS_WAITING) {
            /* main parked in `v := <-ch`: v not yet defined */
            assert_string_equal(m, "main.main:22 x=1 t={2 3} ch=0xc000001060");
            saw_main_parked = true;
        }
        if (S->gs.len < 2 || sim_gc(S, 2)->status == GS_DEAD) continue;
        char b2[512];
        const char *g2 = frame_locals(S, &in, 2, 0, b2, sizeof b2);
        if (strncmp(g2, "main.work:7", 11) == 0) {
            /* the loop variable is in scope inside the loop; the caller is at its call */
            assert_non_null(strstr(g2, " n=3 ch=0xc000001060 sum="));
            assert_non_null(strstr(g2, " i="));
            const char *caller = frame_locals(S, &in, 2, 1, buf, sizeof buf);
            assert_string_equal(caller, "main.main.func1:20 ch=0xc000001060 t={2 3} x=inner");
            saw_work = true;
        }
        if (strncmp(g2, "main.work:9", 11) == 0) assert_string_equal(g2, "main.work:9 n=3 ch=0xc000001060 sum=3");
        if (strncmp(g2, "main.main.func1:19", 18) == 0) {
            /* the inner x hides main's x */
            assert_string_equal(g2, "main.main.func1:19 ch=0xc000001060 t={2 3} x=inner");
            saw_inner = true;
        }
    }
    assert_int_equal(S->state, SIM_EXITED);
    assert_true(saw_work && saw_inner && saw_main_parked);
    /* Out of range and exited goroutines have no frames. */
    assert_int_equal(vm_inspect(S, 0, &in), 0);
    assert_int_equal(vm_inspect(S, 99, &in), 0);
    assert_int_equal(vm_inspect(S, 2, &in), 0);
    vm_inspect_free(&in);
    sim_free(S);
    program_free(&P);
}

/* The schema validator itself rejects what it must. */
static void test_schema_validator(void **state) {
    (void)state;
    make_good();
    cJSON *j = cJSON_Parse(good);
    char err[700];
    assert_true(json_schema_validate(schema, j, err, sizeof err));
    cJSON *steps = cJSON_GetObjectItemCaseSensitive(j, "steps");
    cJSON *s5 = cJSON_GetArrayItem(steps, 4);
    cJSON *ch0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s5, "channels"), 0);
    cJSON_ReplaceItemInObject(ch0, "qcount", cJSON_CreateString("1"));
    assert_false(json_schema_validate(schema, j, err, sizeof err));
    assert_string_equal(err, "steps[4].channels[0].qcount: expected integer, found string");
    cJSON_ReplaceItemInObject(ch0, "qcount", cJSON_CreateNumber(-1));
    assert_false(json_schema_validate(schema, j, err, sizeof err));
    assert_string_equal(err, "steps[4].channels[0].qcount: -1 is below the minimum 0");
    cJSON_ReplaceItemInObject(ch0, "qcount", cJSON_CreateNumber(1.5));
    assert_false(json_schema_validate(schema, j, err, sizeof err));
    cJSON_ReplaceItemInObject(ch0, "qcount", cJSON_CreateNumber(1));
    cJSON_ReplaceItemInObject(ch0, "closed", cJSON_CreateNumber(2));
    assert_false(json_schema_validate(schema, j, err, sizeof err));
    assert_string_equal(err, "steps[4].channels[0].closed: 2 is not one of [0,1]");
    cJSON_DeleteItemFromObject(ch0, "closed");
    assert_false(json_schema_validate(schema, j, err, sizeof err));
    assert_string_equal(err, "steps[4].channels[0]: missing required field \"closed\"");
    cJSON_ReplaceItemInObject(j, "version", cJSON_CreateNumber(2));
    assert_false(json_schema_validate(schema, j, err, sizeof err));
    assert_string_equal(err, "version: 2 is not one of [1]");
    cJSON_Delete(j);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locals),
        cmocka_unit_test(test_schema_validator),
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_no_stale_golden),
        cmocka_unit_test(test_replay_random),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_tampered),
        cmocka_unit_test(test_not_traces),
        cmocka_unit_test(test_atomic),
        cmocka_unit_test(test_odd_output),
        cmocka_unit_test(test_perfetto),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    free(good);
    return rc;
}
