/* The lesson format (sim/lesson.c, docs/lessons.md) and the curriculum itself.
 *
 *  - the parser: header fields, narration attached to lines in both
 *    languages, directives, and every error with its FILE:LINE:COL;
 *  - pinned schedules: a lesson's //hchanviz:schedule makes the run follow
 *    the picks, then Go's scheduler; bad picks are reported at the directive;
 *  - every lessons/NN-topic.go: parses as a lesson (header, both languages on
 *    every narrated line), compiles, runs on the model to the Outcome its
 *    header states and, when it pins a schedule, prints exactly its .expected;
 *  - scripts/check-lessons: the same lessons against real Go (skipped when
 *    `go` or the hchanviz binary is missing). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "go/compile.h"
#include "lesson.h"
#include "vm.h"

/* ---- helpers ------------------------------------------------------------------ */

/* The source tree: $HCHANVIZ_ROOT, else three levels up from this file. */
static const char *root(void) {
    static char buf[4096];
    if (buf[0]) return buf;
    const char *env = getenv("HCHANVIZ_ROOT");
    if (env && *env) {
        snprintf(buf, sizeof buf, "%s", env);
        return buf;
    }
    snprintf(buf, sizeof buf, "%s", __FILE__);
    for (int i = 0; i < 3; i++) {
        char *slash = strrchr(buf, '/');
        if (slash) *slash = '\0';
        else snprintf(buf, sizeof buf, "..");
    }
    return buf;
}

/* Parses src; on failure the formatted first error goes to err (if given). */
static bool parse(Lesson *L, const char *src, unsigned flags, char *err, size_t n) {
    Diag d;
    diag_init(&d);
    bool ok = lesson_parse(L, "t.go", src, strlen(src), flags, &d);
    if (err) {
        err[0] = '\0';
        if (!ok) {
            char *m = diag_format(&d);
            snprintf(err, n, "%s", m ? m : "");
            free(m);
        }
    }
    diag_free(&d);
    return ok;
}

/* The first line of the error for src, "t.go:L:C: message". */
static const char *parse_error(const char *src, unsigned flags) {
    static char err[1024];
    Lesson L;
    if (parse(&L, src, flags, err, sizeof err)) {
        lesson_free(&L);
        return "(no error)";
    }
    char *nl = strchr(err, '\n');
    if (nl) *nl = '\0';
    return err;
}

#define HEADER                                                         \
    "// Title: A title\n"                                              \
    "// Title-zh: 标题\n"                                              \
    "// Teaches: what it teaches,\n"                                   \
    "//   continued here.\n"                                           \
    "// Teaches-zh: 教什么，\n"                                        \
    "//   接着这里。\n"                                                \
    "// Predict: a question?\n"                                        \
    "// Predict-zh: 一个问题？\n"                                      \
    "// Outcome: exit 0\n"

/* A running program: compiled into S, started, the lesson's schedule applied. */
typedef struct Run {
    Sim *S;
    Program prog;
    char out[16384];
    size_t outlen;
    char err[1024];
    uint8_t seen[1024]; /* seen[line]: a step ran that line */
} Run;

static bool run_start(Run *r, const char *name, const char *src, size_t len) {
    memset(r, 0, sizeof *r);
    r->S = sim_new(0);
    program_init(&r->prog);
    Diag d;
    diag_init(&d);
    bool ok = compile_source(r->S, name, src, len, &r->prog, &d, NULL);
    if (!ok) {
        char *m = diag_format(&d);
        snprintf(r->err, sizeof r->err, "%s", m ? m : "?");
        free(m);
    }
    diag_free(&d);
    if (!ok) return false;
    vm_start(r->S, &r->prog);
    FILE *f = tmpfile();
    ok = lesson_prepare(r->S, name, src, len, f ? f : stderr);
    if (!ok && f) {
        rewind(f);
        size_t got = fread(r->err, 1, sizeof r->err - 1, f);
        r->err[got] = '\0';
    }
    if (f) fclose(f);
    return ok;
}

/* The line the step ran (what `hchanviz steps` and the window show with its narration). */
static void mark_lines(Run *r) {
    int32_t line = r->S->step_line;
    if (line > 0 && line < (int32_t)sizeof r->seen) r->seen[line] = 1;
}

static int run_finish(Run *r) {
    r->S->logging = false;
    while (sim_step(r->S) == SIM_RUNNING) {
        mark_lines(r);
        size_t n = (size_t)r->S->output.len;
        if (n && r->outlen + n < sizeof r->out) {
            memcpy(r->out + r->outlen, r->S->output.items, n);
            r->outlen += n;
        }
    }
    mark_lines(r);
    size_t n = (size_t)r->S->output.len; /* output of the final step */
    if (n && r->outlen + n < sizeof r->out) {
        memcpy(r->out + r->outlen, r->S->output.items, n);
        r->outlen += n;
    }
    r->out[r->outlen] = '\0';
    return r->S->state;
}

static void run_free(Run *r) {
    sim_free(r->S);
    program_free(&r->prog);
}

/* The goroutine ids of the first n run choices, "G1 G2 ...". */
static const char *picks_made(const Sim *S, int n) {
    static char buf[1024];
    buf[0] = '\0';
    size_t len = 0;
    for (int32_t i = 0; i < S->choices.len && n > 0; i++) {
        if (S->choices.items[i].kind != CHOICE_RUN) continue;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%sG%d", len ? " " : "", S->choices.items[i].value);
        n--;
    }
    return buf;
}

/* ---- the header ---------------------------------------------------------------- */

static void test_header_fields(void **state) {
    (void)state;
    Lesson L;
    char err[512];
    const char *src = HEADER "// Source: 001 §2.4\n\npackage main\n\nfunc main() {}\n";
    assert_true(parse(&L, src, LESSON_REQUIRE_HEADER, err, sizeof err));
    assert_true(L.has_header);
    assert_string_equal(L.title_en, "A title");
    assert_string_equal(L.title_zh, "标题");
    assert_string_equal(L.teaches_en, "what it teaches, continued here.");
    assert_string_equal(L.teaches_zh, "教什么，接着这里。"); /* Chinese lines join without a blank */
    assert_string_equal(L.predict_en, "a question?");
    assert_string_equal(L.predict_zh, "一个问题？");
    assert_string_equal(L.outcome, "exit 0");
    assert_string_equal(L.source, "001 §2.4");
    assert_int_equal(L.nnotes, 0);
    assert_int_equal(L.sched_kind, LESSON_SCHED_NONE);
    lesson_free(&L);
}

static void test_no_header(void **state) {
    (void)state;
    Lesson L;
    /* A plain program is fine for running... */
    assert_true(parse(&L, "// just a program\npackage main\n\nfunc main() {}\n", 0, NULL, 0));
    assert_false(L.has_header);
    lesson_free(&L);
    /* ...but not as a lesson. */
    assert_string_equal(parse_error("package main\n\nfunc main() {}\n", LESSON_REQUIRE_HEADER),
                        "t.go:1:1: a lesson starts with a header comment on line 1: // Title: ...");
}

static void test_header_errors(void **state) {
    (void)state;
    assert_string_equal(parse_error("// Title: x\n// Title-zh: y\npackage main\n", 0),
                        "t.go:1:1: header: missing field(s): Teaches, Teaches-zh, Predict, Predict-zh, Outcome");
    assert_string_equal(parse_error("// Title: x\n// Predcit: y\npackage main\n", 0),
                        "t.go:2:4: header: unknown field \"Predcit\" (known: Title, Title-zh, Teaches, Teaches-zh, "
                        "Predict, Predict-zh, Outcome, Source)");
    assert_string_equal(parse_error("// Title: x\n// Title: y\npackage main\n", 0),
                        "t.go:2:4: header: field Title given twice");
    assert_string_equal(parse_error("// Title: x\n// some prose\npackage main\n", 0),
                        "t.go:2:4: header: want a field \"Key: text\" or a continuation line indented by two blanks");
    assert_string_equal(parse_error("// Title:\npackage main\n", 0), "t.go:1:4: header: field Title is empty");
    assert_string_equal(parse_error(HEADER "package main\n", 0), "(no error)");
    char src[2048];
    snprintf(src, sizeof src, "%s", HEADER "package main\n");
    char *o = strstr(src, "exit 0");
    memcpy(o, "exit 1", 6);
    assert_string_equal(parse_error(src, 0),
                        "t.go:1:1: header: Outcome must be \"exit 0\" or the first line Go prints on stderr "
                        "(\"panic: ...\" or \"fatal error: ...\"), got \"exit 1\"");
}

/* ---- narration ---------------------------------------------------------------- */

static void test_narration_attach(void **state) {
    (void)state;
    const char *src = HEADER
        "package main\n"                         /* 10 */
        "\n"                                     /* 11 */
        "func main() {\n"                        /* 12 */
        "\t//> Above: attaches to the next\n"    /* 13 */
        "\t//> line of code,\n"                  /* 14 */
        "\t// (a plain comment in between)\n"    /* 15 */
        "\n"                                     /* 16 */
        "\t//>zh 上方：附着到下一行代码，\n"     /* 17 */
        "\t//>zh 跳过空行。\n"                   /* 18 */
        "\tx := 1\n"                             /* 19 */
        "\t_ = x //> End of line. //>zh 行尾。\n" /* 20 */
        "\t//> Both.\n"                          /* 21 */
        "\tx = 2 //> And more. //>zh 两者。\n"   /* 22 */
        "\t//>\n"                                /* 23 */
        "\t//>zh\n"                              /* 24 */
        "\t//> Second paragraph.\n"              /* 25 */
        "\t//>zh 第二段。\n"                     /* 26 */
        "\t_ = x\n"                              /* 27 */
        "}\n";
    Lesson L;
    char err[512];
    assert_true(parse(&L, src, LESSON_REQUIRE_HEADER, err, sizeof err));
    assert_int_equal(L.nnotes, 4);
    const LessonNote *n = lesson_note(&L, 19);
    assert_non_null(n);
    assert_string_equal(n->en, "Above: attaches to the next line of code,");
    assert_string_equal(n->zh, "上方：附着到下一行代码，跳过空行。");
    n = lesson_note(&L, 20);
    assert_non_null(n);
    assert_string_equal(n->en, "End of line.");
    assert_string_equal(n->zh, "行尾。");
    n = lesson_note(&L, 22);
    assert_non_null(n);
    assert_string_equal(n->en, "Both. And more.");
    assert_string_equal(n->zh, "两者。");
    n = lesson_note(&L, 27);
    assert_non_null(n);
    assert_string_equal(n->en, "Second paragraph."); /* a leading empty piece adds nothing */
    assert_string_equal(n->zh, "第二段。");
    assert_null(lesson_note(&L, 13));
    assert_null(lesson_note(&L, 21));
    lesson_free(&L);
}

static void test_narration_paragraphs(void **state) {
    (void)state;
    const char *src = HEADER "package main\n\nfunc main() {\n"
                             "\t//> One.\n\t//>\n\t//> Two.\n"
                             "\t//>zh 一。\n\t//>zh\n\t//>zh 二。\n"
                             "}\n";
    Lesson L;
    assert_true(parse(&L, src, 0, NULL, 0));
    const LessonNote *n = lesson_note(&L, 19);
    assert_non_null(n);
    assert_string_equal(n->en, "One.\nTwo.");
    assert_string_equal(n->zh, "一。\n二。");
    lesson_free(&L);
}

static void test_narration_errors(void **state) {
    (void)state;
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n\tx := 1 //> only English\n\t_ = x\n}\n", 0),
                        "t.go:13:9: line 13 has English narration (//>) but no Chinese (//>zh)");
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n\t//>zh 只有中文\n\tx := 1\n\t_ = x\n}\n", 0),
                        "t.go:13:2: line 14 has Chinese narration (//>zh) but no English (//>)");
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n\t//> x\n\t//>zh中文\n}\n", 0),
                        "t.go:14:2: write //>zh with a blank before the Chinese text");
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n}\n\n//> dangling\n", 0),
                        "t.go:15:1: narration after the last line of code explains nothing");
    /* Without a header, narration is collected but not checked. */
    assert_string_equal(parse_error("package main\n\nfunc main() {\n\tx := 1 //> only English\n\t_ = x\n}\n", 0),
                        "(no error)");
}

/* ---- directives ---------------------------------------------------------------- */

static void test_schedule_syntax(void **state) {
    (void)state;
    Lesson L;
    char err[512];
    assert_true(parse(&L, "package main\n//hchanviz:schedule G1 go G3*2 go*2 G12\nfunc main() {}\n", 0, err, sizeof err));
    assert_int_equal(L.sched_kind, LESSON_SCHED_PICKS);
    assert_int_equal(L.npicks, 7);
    GoId want[] = {1, 0, 3, 3, 0, 0, 12};
    for (int i = 0; i < 7; i++) assert_int_equal(L.picks[i], want[i]);
    assert_int_equal(L.sched_line, 2);
    lesson_free(&L);
    assert_true(parse(&L, "package main\n\t//hchanviz:schedule   random:42  \nfunc main() {}\n", 0, err, sizeof err));
    assert_int_equal(L.sched_kind, LESSON_SCHED_RANDOM);
    assert_true(L.seed == 42);
    lesson_free(&L);
}

static void test_directive_errors(void **state) {
    (void)state;
    assert_string_equal(parse_error("package main\n//hchanviz:schedule G1 X2\n", 0),
                        "t.go:2:24: schedule: bad pick \"X2\": want G<n> (goroutine n; main is G1), go (Go's own "
                        "pick), either with *COUNT, or random:SEED alone");
    assert_string_equal(parse_error("package main\n//hchanviz:schedule G0\n", 0),
                        "t.go:2:21: schedule: bad pick \"G0\": want G<n> (goroutine n; main is G1), go (Go's own "
                        "pick), either with *COUNT, or random:SEED alone");
    assert_string_equal(parse_error("package main\n//hchanviz:schedule G2*0\n", 0),
                        "t.go:2:24: schedule: after '*' comes a repeat count >= 1");
    assert_string_equal(parse_error("package main\n//hchanviz:schedule\n", 0),
                        "t.go:2:1: schedule: no picks (write //hchanviz:schedule G1 G2 ... or //hchanviz:schedule "
                        "random:SEED)");
    assert_string_equal(parse_error("package main\n//hchanviz:schedule G1 random:3\n", 0),
                        "t.go:2:24: schedule: random:SEED stands alone (no picks with it)");
    assert_string_equal(parse_error("package main\n//hchanviz:schedule random:x\n", 0),
                        "t.go:2:28: schedule: random:SEED needs a decimal seed, got \"x\"");
    assert_string_equal(parse_error("package main\n//hchanviz:schedule G1\n//hchanviz:schedule G1\n", 0),
                        "t.go:3:1: a second //hchanviz:schedule (the first is on line 2)");
    assert_string_equal(parse_error("package main\n//hchanviz:pace 3\n", 0),
                        "t.go:2:12: unknown directive //hchanviz:pace (known: schedule)");
    assert_string_equal(parse_error("package main\n//hchanviz:\n", 0),
                        "t.go:2:12: //hchanviz: must be followed by a directive name, such as schedule");
    assert_string_equal(parse_error("package main\n//hchanviz:schedule:G1\n", 0),
                        "t.go:2:20: a blank must separate the directive name from its arguments");
    assert_string_equal(parse_error("package main //hchanviz:schedule G1\n", 0),
                        "t.go:1:14: a //hchanviz: directive goes on its own line, not after code");
    assert_string_equal(parse_error("package main\n// hchanviz:schedule G1\n", 0),
                        "t.go:2:1: not a directive: write //hchanviz:VERB with no blank after the slashes");
    /* Inside a string it is not a comment at all. */
    assert_string_equal(parse_error("package main\nvar s = \"//hchanviz:bogus\"\n", 0), "(no error)");
}

/* ---- pinned schedules ---------------------------------------------------------------- */

/* Three goroutines and main; each prints its name once it runs. */
static const char *const three =
    "package main\n"
    "\n"
    "import \"fmt\"\n"
    "\n"
    "func say(s string, done chan bool) {\n"
    "\tfmt.Println(s)\n"
    "\tdone <- true\n"
    "}\n"
    "\n"
    "%s\n"
    "func main() {\n"
    "\tdone := make(chan bool)\n"
    "\tgo say(\"a\", done)\n"
    "\tgo say(\"b\", done)\n"
    "\tgo say(\"c\", done)\n"
    "\t<-done\n"
    "\t<-done\n"
    "\t<-done\n"
    "}\n";

static const char *with_directive(const char *directive) {
    static char buf[2048];
    snprintf(buf, sizeof buf, three, directive);
    return buf;
}

static void test_schedule_none_is_go(void **state) {
    (void)state;
    Run r;
    const char *src = with_directive("");
    assert_true(run_start(&r, "t.go", src, strlen(src)));
    assert_int_equal(r.S->policy, SCHED_GO);
    assert_int_equal(run_finish(&r), SIM_EXITED);
    /* go c takes runnext: c, then the local queue a, b. */
    assert_string_equal(r.out, "c\na\nb\n");
    run_free(&r);
}

static void test_schedule_pins_picks(void **state) {
    (void)state;
    Run r;
    const char *src = with_directive("//hchanviz:schedule G1 G3 go G2");
    assert_true(run_start(&r, "t.go", src, strlen(src)));
    assert_int_equal(r.S->policy, SCHED_REPLAY);
    assert_int_equal(r.S->steps, 0); /* the dry run left no trace */
    assert_int_equal(r.S->choices.len, 0);
    assert_int_equal(run_finish(&r), SIM_EXITED);
    /* Decision 2 runs b (G3), which readies main into runnext; decision 3
     * is Go's pick: main, which parks again; decision 4 runs a (G2); then
     * Go's own picks: main (readied by a), c (G4), main. */
    assert_string_equal(r.out, "b\na\nc\n");
    assert_string_equal(picks_made(r.S, 10), "G1 G3 G1 G2 G1 G4 G1");
    run_free(&r);
}

static void test_schedule_random(void **state) {
    (void)state;
    Run r;
    const char *src = with_directive("//hchanviz:schedule random:7");
    assert_true(run_start(&r, "t.go", src, strlen(src)));
    assert_int_equal(r.S->policy, SCHED_RANDOM);
    assert_int_equal(run_finish(&r), SIM_EXITED);
    char first[sizeof r.out];
    memcpy(first, r.out, sizeof first);
    run_free(&r);
    assert_true(run_start(&r, "t.go", src, strlen(src)));
    assert_int_equal(run_finish(&r), SIM_EXITED);
    assert_string_equal(r.out, first); /* reproducible by seed */
    run_free(&r);
}

static void test_schedule_errors(void **state) {
    (void)state;
    Run r;
    const char *src = with_directive("//hchanviz:schedule G1 G5");
    assert_false(run_start(&r, "t.go", src, strlen(src)));
    assert_non_null(strstr(r.err, "t.go:10:1: schedule: pick 2 is G5, which is not runnable at scheduling decision 2 "
                                  "(runnable then: G4 G2 G3)\n"));
    assert_int_equal(r.S->steps, 0);
    run_free(&r);
    src = with_directive("//hchanviz:schedule G1 go*20");
    assert_false(run_start(&r, "t.go", src, strlen(src)));
    assert_non_null(strstr(r.err, "t.go:10:1: schedule: the program exited after 7 scheduling decision(s), but the "
                                  "schedule has 21 picks\n"));
    run_free(&r);
    /* A malformed directive stops the run before it starts, like a compile error. */
    src = with_directive("//hchanviz:schedule G1 G2x");
    assert_false(run_start(&r, "t.go", src, strlen(src)));
    assert_non_null(strstr(r.err, "t.go:10:24: schedule: bad pick \"G2x\""));
    run_free(&r);
}

/* ---- the curriculum --------------------------------------------------------------- */

typedef struct LessonFiles {
    char **paths;
    int n;
} LessonFiles;

static LessonFiles lessons(void) {
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/lessons", root());
    LessonFiles f = {NULL, 0};
    f.n = lesson_files(dir, &f.paths);
    return f;
}

static void lessons_free(LessonFiles *f) {
    for (int i = 0; i < f->n; i++) free(f->paths[i]);
    free(f->paths);
}

static void test_every_lesson_parses(void **state) {
    (void)state;
    LessonFiles f = lessons();
    assert_true(f.n >= 20);
    for (int i = 0; i < f.n; i++) {
        size_t len;
        char *src = testutil_read_file(f.paths[i], &len);
        assert_non_null(src);
        Lesson L;
        Diag d;
        diag_init(&d);
        bool ok = lesson_parse(&L, f.paths[i], src, len, LESSON_REQUIRE_HEADER, &d);
        if (!ok) {
            char *m = diag_format(&d);
            print_error("%s", m ? m : f.paths[i]);
            free(m);
        }
        assert_true(ok);
        diag_free(&d);
        /* The numbering is 01, 02, ... without gaps. */
        const char *base = strrchr(f.paths[i], '/') + 1;
        assert_int_equal((base[0] - '0') * 10 + (base[1] - '0'), i + 1);
        assert_true(L.has_header);
        assert_true(strlen(L.title_en) > 0 && strlen(L.title_zh) > 0);
        assert_true(strlen(L.teaches_en) > 40 && strlen(L.teaches_zh) > 40);
        assert_true(strlen(L.predict_en) > 10 && strlen(L.predict_zh) > 10);
        assert_true(L.nnotes >= 3);
        for (int32_t k = 0; k < L.nnotes; k++) {
            assert_true(L.notes[k].en && L.notes[k].en[0]);
            assert_true(L.notes[k].zh && L.notes[k].zh[0]);
            /* Narration explains lines of code, never a comment or a blank line. */
            assert_true(k == 0 || L.notes[k].line > L.notes[k - 1].line);
        }
        /* A lesson that crashes on purpose says so. */
        if (strcmp(L.outcome, "exit 0") != 0)
            assert_true(strstr(L.teaches_en, "on purpose") != NULL && strstr(L.teaches_zh, "故意") != NULL);
        /* A pinned lesson comes with its recorded run, and its narration talks about the schedule. */
        if (L.sched_kind != LESSON_SCHED_NONE) {
            char exp[4200];
            snprintf(exp, sizeof exp, "%.*s.expected", (int)(strlen(f.paths[i]) - 3), f.paths[i]);
            struct stat st;
            assert_true(stat(exp, &st) == 0);
            bool mentions = false;
            for (int32_t k = 0; k < L.nnotes; k++)
                if (strstr(L.notes[k].en, "schedule") && strstr(L.notes[k].zh, "调度")) mentions = true;
            assert_true(mentions);
        }
        lesson_free(&L);
        free(src);
    }
    lessons_free(&f);
}

/* Compares a run with an .expected file: "exit: N", "stderr: LINE", "--- stdout", stdout. */
static void compare_expected(const char *path, const Run *r, int code, const char *err1) {
    size_t len;
    char *exp = testutil_read_file(path, &len);
    assert_non_null(exp);
    char head[1024];
    snprintf(head, sizeof head, "exit: %d\nstderr: %s\n--- stdout\n", code, err1);
    size_t hl = strlen(head);
    if (len < hl || memcmp(exp, head, hl) != 0 || strcmp(exp + hl, r->out) != 0) {
        print_error("%s: the run differs from the recorded one\n--- expected\n%s--- got\n%s%s", path, exp, head,
                    r->out);
        fail();
    }
    free(exp);
}

static void test_every_lesson_runs(void **state) {
    (void)state;
    LessonFiles f = lessons();
    assert_true(f.n > 0);
    for (int i = 0; i < f.n; i++) {
        size_t len;
        char *src = testutil_read_file(f.paths[i], &len);
        assert_non_null(src);
        Lesson L;
        assert_true(lesson_parse(&L, f.paths[i], src, len, LESSON_REQUIRE_HEADER, NULL));
        Run r;
        bool ok = run_start(&r, f.paths[i], src, len);
        if (!ok) print_error("%s: %s\n", f.paths[i], r.err);
        assert_true(ok);
        int st = run_finish(&r);
        /* Exit status and first stderr line as `hchanviz run` makes them. */
        int code = 0;
        char err1[300] = "";
        if (st == SIM_PANICKED) {
            code = 2;
            snprintf(err1, sizeof err1, "panic: %s", r.S->message);
        } else if (st == SIM_FATAL) {
            code = 2;
            snprintf(err1, sizeof err1, "fatal error: %s", r.S->message);
        } else if (st != SIM_EXITED) {
            print_error("%s: ended in state %d: %s\n", f.paths[i], st, r.S->message);
            fail();
        }
        const char *want = L.outcome;
        const char *got = code == 0 ? "exit 0" : err1;
        if (strcmp(want, got) != 0) {
            print_error("%s: Outcome says \"%s\", the run ended with \"%s\"\n", f.paths[i], want, got);
            fail();
        }
        if (L.sched_kind != LESSON_SCHED_NONE) {
            char exp[4200];
            snprintf(exp, sizeof exp, "%.*s.expected", (int)(strlen(f.paths[i]) - 3), f.paths[i]);
            compare_expected(exp, &r, code, err1);
            /* Go's own schedule visits lines too (the narration may speak of both runs). */
            Run g;
            assert_true(run_start(&g, f.paths[i], src, len));
            g.S->policy = SCHED_GO;
            run_finish(&g);
            for (size_t k = 0; k < sizeof r.seen; k++) r.seen[k] |= g.seen[k];
            run_free(&g);
        }
        /* Narration is shown when a step stands on its line: every narrated line is
         * reached, except a remark that says it is not ("Never reached"). */
        for (int32_t k = 0; k < L.nnotes; k++) {
            int32_t line = L.notes[k].line;
            if (strncmp(L.notes[k].en, "Never reached", 13) == 0) continue;
            if (line <= 0 || line >= (int32_t)sizeof r.seen || !r.seen[line]) {
                print_error("%s:%d: narration on a line no step reaches: %s\n", f.paths[i], line, L.notes[k].en);
                fail();
            }
        }
        run_free(&r);
        lesson_free(&L);
        free(src);
    }
    lessons_free(&f);
}

/* A pinned lesson replays the same after stepping: the replay fills the whole
 * pinned prefix and then hands over to Go's scheduler, so a second run is
 * identical step for step. */
static void test_pinned_lessons_are_stable(void **state) {
    (void)state;
    LessonFiles f = lessons();
    for (int i = 0; i < f.n; i++) {
        size_t len;
        char *src = testutil_read_file(f.paths[i], &len);
        Lesson L;
        assert_true(lesson_parse(&L, f.paths[i], src, len, 0, NULL));
        if (L.sched_kind == LESSON_SCHED_PICKS) {
            Run a, b;
            assert_true(run_start(&a, f.paths[i], src, len));
            assert_true(run_start(&b, f.paths[i], src, len));
            run_finish(&a);
            run_finish(&b);
            assert_string_equal(a.out, b.out);
            assert_int_equal(a.S->steps, b.S->steps);
            assert_int_equal(a.S->choices.len, b.S->choices.len);
            /* The run made the picks the directive names (0 = Go's own pick). */
            int k = 0;
            for (int32_t c = 0; c < a.S->choices.len && k < L.npicks; c++) {
                if (a.S->choices.items[c].kind != CHOICE_RUN) continue;
                if (L.picks[k]) assert_int_equal(a.S->choices.items[c].value, L.picks[k]);
                k++;
            }
            assert_int_equal(k, L.npicks);
            run_free(&a);
            run_free(&b);
        }
        lesson_free(&L);
        free(src);
    }
    lessons_free(&f);
}

/* scripts/check-lessons: each lesson against real Go.  Needs the hchanviz
 * binary (built beside this test) and `go`; skipped without them. */
static void test_check_lessons_script(void **state) {
    (void)state;
    char exe[4096] = "";
    const char *env = getenv("HCHANVIZ_BIN");
    if (env && *env) {
        snprintf(exe, sizeof exe, "%s", env);
    } else {
        /* Beside this test executable (both are built in the build directory). */
        char self[3800];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n > 0) {
            self[n] = '\0';
            char *slash = strrchr(self, '/');
            if (slash) *slash = '\0';
            snprintf(exe, sizeof exe, "%s/hchanviz", self);
            if (access(exe, X_OK) != 0) exe[0] = '\0';
        }
    }
    if (!exe[0]) {
        print_message("no hchanviz binary beside the test (set HCHANVIZ_BIN): skipped\n");
        skip();
    }
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "'%s/scripts/check-lessons' -q --hchanviz '%s'", root(), exe);
    int st = system(cmd);
    assert_true(st != -1 && WIFEXITED(st));
    int code = WEXITSTATUS(st);
    if (code == 77) {
        print_message("go is not installed: the comparison with real Go was skipped\n");
        skip();
    }
    assert_int_equal(code, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_fields),
        cmocka_unit_test(test_no_header),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_narration_attach),
        cmocka_unit_test(test_narration_paragraphs),
        cmocka_unit_test(test_narration_errors),
        cmocka_unit_test(test_schedule_syntax),
        cmocka_unit_test(test_directive_errors),
        cmocka_unit_test(test_schedule_none_is_go),
        cmocka_unit_test(test_schedule_pins_picks),
        cmocka_unit_test(test_schedule_random),
        cmocka_unit_test(test_schedule_errors),
        cmocka_unit_test(test_every_lesson_parses),
        cmocka_unit_test(test_every_lesson_runs),
        cmocka_unit_test(test_pinned_lessons_are_stable),
        cmocka_unit_test(test_check_lessons_script),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
