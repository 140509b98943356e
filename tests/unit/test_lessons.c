/* The lesson format (sim/lesson.c, docs/lessons.md) and the curriculum itself.
 *
 *  - the parser: header fields, narration attached to lines in both
 *    languages, directives, and every error with its FILE:LINE:COL;
 *  - pinned schedules: a lesson's //hchanviz:schedule makes the run follow
 *    the picks, then Go's scheduler; bad picks are reported at the directive;
 *  - every lessons/NN-topic.go: parses as a lesson (header, both languages on
 *    every narrated line), compiles, runs on the model to the Outcome its
 *    header states and, when it pins a schedule, prints exactly its .expected;
 *  - narration attached to events (`//> @chansend.park ...`): parsed, and
 *    every event a note names happens on its line in the lesson's run;
 *  - goals (Goal, Goal-zh, Goal-outcome): parsed, and reached by scheduling
 *    by hand while Go's own schedule does not reach them;
 *  - claims about GOMAXPROCS=4 and -race checked against the recorded runs of
 *    real Go (lessons/NN-topic.gorecord, scripts/record-go-runs);
 *  - lesson 25's compiler messages, and the map from the articles' sections
 *    to the lessons (docs/lessons.md §8);
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
#include "event.h"
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
                        "Predict, Predict-zh, Outcome, Source, Goal, Goal-zh, Goal-outcome)");
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


/* ---- narration attached to events ------------------------------------------------ */

static void test_event_narration(void **state) {
    (void)state;
    const char *src = HEADER
        "package main\n"                                                 /* 10 */
        "\n"                                                             /* 11 */
        "func main() {\n"                                                /* 12 */
        "\tch := make(chan int)\n"                                       /* 13 */
        "\t//> Plain note.\n"                                            /* 14 */
        "\t//>zh 普通旁白。\n"                                           /* 15 */
        "\t//> @chansend.park Parks here,\n"                             /* 16 */
        "\t//> and waits.\n"                                             /* 17 */
        "\t//>zh @chansend.park 在这里挂起，\n"                          /* 18 */
        "\t//>zh 并等待。\n"                                             /* 19 */
        "\t//> @chansend.wakeup Woken.\n"                                /* 20 */
        "\t//>zh @chansend.wakeup 被唤醒。\n"                            /* 21 */
        "\tch <- 1\n"                                                    /* 22 */
        "\t<-ch //> @chanrecv.park Both in one. //>zh 一条里两种语言。\n" /* 23 */
        "}\n";
    Lesson L;
    char err[512];
    bool ok = parse(&L, src, LESSON_REQUIRE_HEADER, err, sizeof err);
    if (!ok) print_error("%s", err);
    assert_true(ok);
    int32_t n;
    const LessonNote *ns = lesson_notes_of(&L, 22, &n);
    assert_int_equal(n, 3);
    assert_int_equal(ns[0].event, -1); /* the plain note first */
    assert_string_equal(ns[0].en, "Plain note.");
    assert_string_equal(ns[0].zh, "普通旁白。");
    const LessonNote *park = lesson_note_for(&L, 22, EV_CHANSEND_PARK);
    assert_non_null(park);
    assert_string_equal(park->en, "Parks here, and waits."); /* the next line continues the event's note */
    assert_string_equal(park->zh, "在这里挂起，并等待。");
    const LessonNote *wake = lesson_note_for(&L, 22, event_kind_from_name("chansend.wakeup"));
    assert_non_null(wake);
    assert_string_equal(wake->en, "Woken.");
    assert_string_equal(wake->zh, "被唤醒。");
    assert_ptr_equal(lesson_note(&L, 22), &ns[0]);
    assert_ptr_equal(lesson_note_for(&L, 22, -1), &ns[0]);
    assert_null(lesson_note_for(&L, 22, EV_CHANRECV_PARK));
    /* One comment, both languages, one event. */
    assert_null(lesson_note(&L, 23));
    const LessonNote *both = lesson_note_for(&L, 23, EV_CHANRECV_PARK);
    assert_non_null(both);
    assert_string_equal(both->en, "Both in one.");
    assert_string_equal(both->zh, "一条里两种语言。");
    lesson_free(&L);
    /* The Chinese half names another event: two notes, each missing a language. */
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n"
                                           "\tch := make(chan int)\n"
                                           "\t<-ch //> @gopark A. //>zh @chanrecv.park 甲。\n}\n",
                                    0),
                        "t.go:14:7: line 14 has English narration (//>) but no Chinese (//>zh) for @gopark");
    assert_null(lesson_notes_of(&L, 1, &n));
    assert_int_equal(n, 0);
}

static void test_event_narration_errors(void **state) {
    (void)state;
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n\t//> @chansend.parked x\n\t//>zh 甲\n"
                                           "\tprintln()\n}\n",
                                    0),
                        "t.go:13:6: narration: unknown event @chansend.parked (an event name of sim/event.h, such as "
                        "@chansend.park or @chanrecv.direct)");
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n\tprintln() //> x //>zh @ 甲\n}\n", 0),
                        "t.go:13:24: narration: '@' must be followed by an event name, such as @chansend.park");
    /* An event note needs both languages, like any other. */
    assert_string_equal(parse_error(HEADER "package main\n\nfunc main() {\n\t//> @gopark x\n\t//>zh @gopark 甲\n"
                                           "\t//> @goready y\n\tprintln()\n}\n",
                                    0),
                        "t.go:15:2: line 16 has English narration (//>) but no Chinese (//>zh) for @goready");
}

/* ---- the scheduling game's goal -------------------------------------------------- */

static void test_goal_fields(void **state) {
    (void)state;
    Lesson L;
    char err[512];
    const char *src = HEADER "// Goal: Make it panic\n// Goal-zh: 让它 panic\n"
                             "// Goal-outcome: panic: send on closed channel\n\npackage main\n\nfunc main() {}\n";
    assert_true(parse(&L, src, LESSON_REQUIRE_HEADER, err, sizeof err));
    assert_string_equal(L.goal_en, "Make it panic");
    assert_string_equal(L.goal_zh, "让它 panic");
    assert_string_equal(L.goal_outcome, "panic: send on closed channel");
    lesson_free(&L);
    assert_true(parse(&L, HEADER "\npackage main\n", LESSON_REQUIRE_HEADER, err, sizeof err));
    assert_null(L.goal_en);
    assert_null(L.goal_outcome);
    lesson_free(&L);
    assert_string_equal(parse_error(HEADER "// Goal: x\n// Goal-zh: 甲\npackage main\n", 0),
                        "t.go:1:1: header: Goal without Goal-outcome (the first stderr line the run must end with, "
                        "or exit 0)");
    assert_string_equal(parse_error(HEADER "// Goal: x\n// Goal-outcome: exit 0\npackage main\n", 0),
                        "t.go:1:1: header: Goal without Goal-zh (a goal is shown in both languages)");
    assert_string_equal(parse_error(HEADER "// Goal-outcome: exit 0\npackage main\n", 0),
                        "t.go:1:1: header: Goal-zh or Goal-outcome without Goal");
    assert_string_equal(parse_error(HEADER "// Goal: x\n// Goal-zh: 甲\n// Goal-outcome: it panics\npackage main\n", 0),
                        "t.go:1:1: header: Goal-outcome must be \"exit 0\" or the first line Go prints on stderr "
                        "(\"panic: ...\" or \"fatal error: ...\"), got \"it panics\"");
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
            /* Sorted by line, then event; one note per (line, event). */
            assert_true(k == 0 || L.notes[k].line > L.notes[k - 1].line ||
                        (L.notes[k].line == L.notes[k - 1].line && L.notes[k].event > L.notes[k - 1].event));
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


/* How a finished run ended, as the Outcome header says it: "exit 0", or the
 * first line `hchanviz run` prints on stderr. */
static const char *run_outcome(const Run *r) {
    static char buf[300];
    switch (r->S->state) {
    case SIM_EXITED: return "exit 0";
    case SIM_PANICKED: snprintf(buf, sizeof buf, "panic: %s", r->S->message); return buf;
    case SIM_FATAL: snprintf(buf, sizeof buf, "fatal error: %s", r->S->message); return buf;
    default: snprintf(buf, sizeof buf, "(stopped in state %d: %s)", r->S->state, r->S->message); return buf;
    }
}

/* Runs a started program to its end with the event log on, marking in
 * ev[line * EV__COUNT + kind] every event kind a step of that line logged. */
enum { EV_LINES = 1024 };
static void run_events(Run *r, uint8_t *ev) {
    r->S->logging = true;
    int st;
    do {
        st = sim_step(r->S);
        int32_t line = r->S->step_line;
        if (line <= 0 || line >= EV_LINES) continue;
        for (int32_t i = 0; i < r->S->log.len; i++) ev[(size_t)line * EV__COUNT + r->S->log.items[i].kind] = 1;
    } while (st == SIM_RUNNING);
}

/* A note attached to an event is shown only at the micro-step where that
 * event happens on its line: in the lesson's own run (its pinned schedule, or
 * Go's), some step of the line must log the event, or the learner never sees
 * the note -- or sees it at the wrong moment. */
static void test_event_notes_happen(void **state) {
    (void)state;
    LessonFiles f = lessons();
    int checked = 0;
    uint8_t *ev = malloc((size_t)EV_LINES * EV__COUNT);
    assert_non_null(ev);
    for (int i = 0; i < f.n; i++) {
        size_t len;
        char *src = testutil_read_file(f.paths[i], &len);
        Lesson L;
        assert_true(lesson_parse(&L, f.paths[i], src, len, LESSON_REQUIRE_HEADER, NULL));
        Run r;
        assert_true(run_start(&r, f.paths[i], src, len));
        memset(ev, 0, (size_t)EV_LINES * EV__COUNT);
        run_events(&r, ev);
        for (int32_t k = 0; k < L.nnotes; k++) {
            const LessonNote *n = &L.notes[k];
            if (n->event < 0) continue;
            checked++;
            if (n->line >= EV_LINES || !ev[(size_t)n->line * EV__COUNT + n->event]) {
                print_error("%s:%d: narration for @%s, but no step of line %d takes that path in the lesson's run: %s\n",
                            f.paths[i], n->line, event_name(n->event), n->line, n->en);
                fail();
            }
        }
        run_free(&r);
        lesson_free(&L);
        free(src);
    }
    free(ev);
    assert_true(checked >= 10); /* the curriculum does use event notes */
    lessons_free(&f);
}

/* The scheduling game: a lesson's Goal must be reachable by scheduling by
 * hand.  The learner's clicks are sim_choose calls under SCHED_MANUAL; the
 * test clicks the lesson's own pinned picks, then lets Go's scheduler finish,
 * and the run must end with Goal-outcome.  And the goal must be a goal: Go's
 * own schedule does not reach it. */
static void test_goals_reachable(void **state) {
    (void)state;
    LessonFiles f = lessons();
    int goals = 0;
    for (int i = 0; i < f.n; i++) {
        size_t len;
        char *src = testutil_read_file(f.paths[i], &len);
        Lesson L;
        assert_true(lesson_parse(&L, f.paths[i], src, len, LESSON_REQUIRE_HEADER, NULL));
        if (L.goal_en) {
            goals++;
            assert_int_equal(L.sched_kind, LESSON_SCHED_PICKS); /* the pinned run shows one way there */
            Run r;
            assert_true(run_start(&r, f.paths[i], src, len));
            /* Undo the pinning: the learner starts from a fresh Sim and clicks. */
            VEC_FREE(r.S->replay);
            memset(&r.S->replay, 0, sizeof r.S->replay);
            r.S->policy = SCHED_MANUAL;
            r.S->logging = false;
            int32_t k = 0;
            for (int guard = 0; r.S->state == SIM_RUNNING && guard < 1000000; guard++) {
                if (k == L.npicks) r.S->policy = SCHED_GO;
                int st = sim_step(r.S);
                if (st == SIM_NEED_CHOICE) {
                    GoId g = L.picks[k];
                    if (g == 0) { /* "go" in the directive: the first runnable, as Go would take it */
                        GoId run[16];
                        assert_true(sim_runnable(r.S, run, 16) > 0);
                        g = run[0];
                    }
                    if (!sim_choose(r.S, g)) {
                        print_error("%s: pick %d (G%d) is not runnable\n", f.paths[i], k + 1, g);
                        fail();
                    }
                    k++;
                }
            }
            assert_int_equal(k, L.npicks);
            if (strcmp(run_outcome(&r), L.goal_outcome) != 0) {
                print_error("%s: Goal-outcome \"%s\", but the manual schedule ended with \"%s\"\n", f.paths[i],
                            L.goal_outcome, run_outcome(&r));
                fail();
            }
            run_free(&r);
            Run g;
            assert_true(run_start(&g, f.paths[i], src, len));
            g.S->policy = SCHED_GO;
            run_finish(&g);
            if (strcmp(run_outcome(&g), L.goal_outcome) == 0) {
                print_error("%s: Go's own schedule already reaches the goal \"%s\"\n", f.paths[i], L.goal_outcome);
                fail();
            }
            run_free(&g);
        }
        lesson_free(&L);
        free(src);
    }
    assert_true(goals >= 1);
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


/* ---- claims about other schedules, checked against recorded real Go ------------- */

/* A lesson's .gorecord (scripts/record-go-runs): what real Go did in many runs
 * with GOMAXPROCS=4, plain and with -race. */
typedef struct GoRecord {
    char *text;
    bool ok;
} GoRecord;

static GoRecord gorecord(const char *lesson_path) {
    char p[4200];
    snprintf(p, sizeof p, "%.*s.gorecord", (int)(strlen(lesson_path) - 3), lesson_path);
    size_t len;
    GoRecord r = {testutil_read_file(p, &len), false};
    r.ok = r.text && strncmp(r.text, "format hchanviz-gorecord 1\ngo go1.19", 36) == 0;
    return r;
}

/* The body of section `mode` ("gomaxprocs4" or "race"): from its line to the next "mode". */
static bool section(const GoRecord *r, const char *mode, const char **b, const char **e) {
    char key[64];
    snprintf(key, sizeof key, "\nmode %s runs ", mode);
    const char *s = strstr(r->text, key);
    if (!s) return false;
    *b = s + 1;
    const char *n = strstr(*b + 1, "\nmode ");
    *e = n ? n : *b + strlen(*b);
    return true;
}

/* Whether section `mode` holds a line starting with `prefix` ("outcome " lines: after the count). */
static bool has_line(const GoRecord *r, const char *mode, const char *kind, const char *rest) {
    const char *b, *e;
    if (!section(r, mode, &b, &e)) return false;
    size_t kl = strlen(kind), rl = strlen(rest);
    for (const char *l = b; l < e;) {
        const char *nl = memchr(l, '\n', (size_t)(e - l));
        if (!nl) nl = e;
        if ((size_t)(nl - l) > kl && strncmp(l, kind, kl) == 0) {
            const char *v = l + kl;
            while (v < nl && *v >= '0' && *v <= '9') v++; /* the count */
            if (v < nl && *v == ' ' && (size_t)(nl - v - 1) == rl && memcmp(v + 1, rest, rl) == 0) return true;
        }
        l = nl + 1;
    }
    return false;
}

/* Outcomes other than those listed occurred? (every "outcome" line of the section is one of them) */
static bool only_outcomes(const GoRecord *r, const char *mode, const char *const *allowed, int n) {
    const char *b, *e;
    if (!section(r, mode, &b, &e)) return false;
    for (const char *l = b; l < e;) {
        const char *nl = memchr(l, '\n', (size_t)(e - l));
        if (!nl) nl = e;
        if (strncmp(l, "outcome ", 8) == 0) {
            const char *v = l + 8;
            while (v < nl && *v >= '0' && *v <= '9') v++;
            bool found = false;
            for (int i = 0; i < n; i++)
                if ((size_t)(nl - v - 1) == strlen(allowed[i]) && memcmp(v + 1, allowed[i], strlen(allowed[i])) == 0)
                    found = true;
            if (!found) return false;
        }
        l = nl + 1;
    }
    return true;
}

static long races(const GoRecord *r) {
    const char *s = strstr(r->text, "\nraces ");
    return s ? strtol(s + 7, NULL, 10) : -1;
}

#define CLEAN "exit=0 stderr="
#define PANIC_SEND "exit=2 stderr=panic: send on closed channel"

/* What the Session lessons claim about real Go beyond GOMAXPROCS=1, each
 * checked against what real Go did (the record), not against counts. */
static void test_recorded_claims(void **state) {
    (void)state;
    LessonFiles f = lessons();
    int recorded = 0;
    for (int i = 0; i < f.n; i++) {
        size_t len;
        char *src = testutil_read_file(f.paths[i], &len);
        const char *base = strrchr(f.paths[i], '/') + 1;
        /* A lesson that talks about GOMAXPROCS=4 or -race has the record to back it. */
        bool claims = strstr(src, "GOMAXPROCS=4") || strstr(src, "-race");
        GoRecord r = gorecord(f.paths[i]);
        if (claims && !r.ok) {
            print_error("%s speaks of GOMAXPROCS=4 or -race but has no .gorecord (scripts/record-go-runs %.2s)\n",
                        f.paths[i], base);
            fail();
        }
        if (r.ok) recorded++;
        if (strncmp(base, "19-", 3) == 0 || strncmp(base, "21-", 3) == 0) {
            /* "With GOMAXPROCS=4 real Go does both": some runs panic, some end cleanly. */
            assert_true(has_line(&r, "gomaxprocs4", "outcome ", CLEAN));
            assert_true(has_line(&r, "gomaxprocs4", "outcome ", PANIC_SEND));
            /* "-race reported closechan against chansend, the report quoted in 000". */
            assert_true(races(&r) > 0);
            assert_true(has_line(&r, "race", "pair ", "runtime.closechan runtime.chansend"));
        }
        if (strncmp(base, "20-", 3) == 0) {
            /* The answer: nothing panics and nothing races, whatever the interleaving. */
            const char *clean[] = {CLEAN};
            assert_true(only_outcomes(&r, "gomaxprocs4", clean, 1));
            assert_true(only_outcomes(&r, "race", clean, 1));
            assert_int_equal(races(&r), 0);
        }
        if (strncmp(base, "24-", 3) == 0) {
            /* Both counters are race-free: -race reports nothing, every run prints the same. */
            const char *clean[] = {CLEAN};
            assert_true(only_outcomes(&r, "gomaxprocs4", clean, 1));
            assert_true(only_outcomes(&r, "race", clean, 1));
            assert_int_equal(races(&r), 0);
        }
        if (strncmp(base, "30-", 3) == 0) {
            /* Livelock with GOMAXPROCS=4: "both endings occurred": some runs got
             * through, some livelocked until the watchdog panicked.  No races. */
            assert_true(has_line(&r, "gomaxprocs4", "outcome ", CLEAN));
            assert_true(has_line(&r, "gomaxprocs4", "outcome ", "exit=2 stderr=panic: livelock: nobody got through"));
            assert_int_equal(races(&r), 0);
        }
        if (strncmp(base, "22-", 3) == 0) {
            /* defer-recover: no run panics, yet -race still reports closechan against chansend. */
            const char *clean[] = {CLEAN};
            assert_true(only_outcomes(&r, "gomaxprocs4", clean, 1));
            const char *race_ends[] = {CLEAN, "exit=66 stderr="};
            assert_true(only_outcomes(&r, "race", race_ends, 2));
            assert_true(races(&r) > 0);
            assert_true(has_line(&r, "race", "pair ", "runtime.closechan runtime.chansend"));
        }
        if (strncmp(base, "34-", 3) == 0) {
            /* The late write races with main's read in every -race run; nothing panics. */
            const char *clean[] = {CLEAN};
            assert_true(only_outcomes(&r, "gomaxprocs4", clean, 1));
            const char *race_ends[] = {"exit=66 stderr="};
            assert_true(only_outcomes(&r, "race", race_ends, 1));
            assert_true(races(&r) > 0);
            assert_true(has_line(&r, "race", "pair ", "main.main main.setup"));
        }
        free(r.text);
        free(src);
    }
    assert_true(recorded >= 4);
    lessons_free(&f);
}


/* Lesson 25 shows, for each line a direction forbids, the message the
 * compiler prints for it.  Put each forbidden line into the lesson and
 * compile: the checker must reject it with exactly the message the narration
 * quotes (the same text go build prints, Go 1.19's types2). */
static void test_direction_messages(void **state) {
    (void)state;
    char path[4200];
    snprintf(path, sizeof path, "%s/lessons/25-channel-directions.go", root());
    size_t len;
    char *src = testutil_read_file(path, &len);
    assert_non_null(src);
    Lesson L;
    assert_true(lesson_parse(&L, path, src, len, LESSON_REQUIRE_HEADER, NULL));
    static const struct {
        const char *anchor; /* inserted before this text */
        const char *line;
        const char *message;
    } cases[] = {
        {"\t\tout <- i\n", "\t\tv := <-out\n\t\t_ = v\n",
         "invalid operation: cannot receive from send-only channel out (variable of type chan<- int)"},
        {"\tfor v := range in {\n", "\tin <- 0\n",
         "invalid operation: cannot send to receive-only channel in (variable of type <-chan int)"},
        {"\tdone <- true\n}\n\nfunc main", "\tclose(in)\n",
         "invalid operation: cannot close receive-only channel in (variable of type <-chan int)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool quoted = false;
        for (int32_t k = 0; k < L.nnotes; k++)
            if (strstr(L.notes[k].en, cases[i].message) && strstr(L.notes[k].zh, cases[i].message)) quoted = true;
        if (!quoted) print_error("lesson 25 does not quote: %s\n", cases[i].message);
        assert_true(quoted);
        const char *at = strstr(src, cases[i].anchor);
        assert_non_null(at);
        size_t pre = (size_t)(at - src), ins = strlen(cases[i].line);
        char *mod = malloc(len + ins + 1);
        memcpy(mod, src, pre);
        memcpy(mod + pre, cases[i].line, ins);
        memcpy(mod + pre + ins, at, len - pre + 1);
        Sim *S = sim_new(0);
        Program prog;
        program_init(&prog);
        Diag d;
        diag_init(&d);
        assert_false(compile_source(S, "25.go", mod, len + ins, &prog, &d, NULL));
        char *m = diag_format(&d);
        if (!m || !strstr(m, cases[i].message)) print_error("got: %s\nwant: %s\n", m ? m : "?", cases[i].message);
        assert_true(m && strstr(m, cases[i].message));
        free(m);
        diag_free(&d);
        program_free(&prog);
        sim_free(S);
        free(mod);
    }
    lesson_free(&L);
    free(src);
}


/* ---- the map from the articles to the lessons ------------------------------------- */

/* Whether src contains key as a section name: "§3.2" matches in "§3.2 (..." but not in "§3.2.1". */
static bool names_section(const char *src, const char *key) {
    size_t kl = strlen(key);
    for (const char *p = strstr(src, key); p; p = strstr(p + 1, key)) {
        const char *e = p + kl;
        if (*e >= '0' && *e <= '9') continue;
        if (e[0] == '.' && e[1] >= '0' && e[1] <= '9') continue;
        return true;
    }
    return false;
}

/* docs/lessons.md §8 maps every section of both articles to lessons.  The
 * sections are the articles' own headings (000 has none: its three parts are
 * the question, the answer, and the answer's last question), so the map is
 * complete when each is a row; each row's lessons name the section in their
 * Source; and every lesson's Source names some section of the map. */
static void test_article_map(void **state) {
    (void)state;
    static const char *const sections[][2] = {
        {"000", "the question"}, {"000", "the answer"}, {"000", "the last question"},
        {"001", "§1"},   {"001", "§2.1"}, {"001", "§2.2"}, {"001", "§2.3"}, {"001", "§2.4"},
        {"001", "§2.5"}, {"001", "§2.6"}, {"001", "Goroutine调度算法"},
        {"001", "§3.1"}, {"001", "§3.2"}, {"001", "§3.2.1"}, {"001", "§3.2.2"}, {"001", "§3.3"},
        {"001", "§3.4"}, {"001", "§3.5"}, {"001", "§3.6"}, {"001", "§3.7"}, {"001", "§4"}, {"001", "§4.1"},
    };
    enum { NSECT = sizeof sections / sizeof sections[0] };
    char path[4200];
    snprintf(path, sizeof path, "%s/docs/lessons.md", root());
    size_t len;
    char *doc = testutil_read_file(path, &len);
    assert_non_null(doc);
    char *b = strstr(doc, "<!-- article-map: begin -->");
    char *e = strstr(doc, "<!-- article-map: end -->");
    assert_true(b && e && b < e);
    *e = '\0';
    LessonFiles f = lessons();
    char **source = calloc((size_t)f.n, sizeof *source);
    for (int i = 0; i < f.n; i++) {
        size_t n;
        char *src = testutil_read_file(f.paths[i], &n);
        Lesson L;
        assert_true(lesson_parse(&L, f.paths[i], src, n, LESSON_REQUIRE_HEADER, NULL));
        assert_non_null(L.source); /* every lesson says where it comes from */
        source[i] = strdup(L.source);
        lesson_free(&L);
        free(src);
    }
    bool found[NSECT] = {false};
    bool lesson_mapped[200] = {false};
    int rows = 0;
    for (char *line = strtok(b, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "| 00", 4) != 0) continue;
        /* | article | section | what | lessons | */
        char *cell[5] = {0};
        int nc = 0;
        for (char *p = line; *p && nc < 5; p++)
            if (*p == '|') cell[nc++] = p + 1;
        assert_int_equal(nc, 5);
        char art[8], key[64];
        assert_true(sscanf(cell[0], " %7[0-9] ", art) == 1);
        size_t kl = (size_t)(cell[2] - cell[1] - 1);
        while (kl && cell[1][kl - 1] == ' ') kl--;
        char *k = cell[1];
        while (*k == ' ') k++, kl--;
        snprintf(key, sizeof key, "%.*s", (int)kl, k);
        rows++;
        for (int j = 0; j < NSECT; j++)
            if (strcmp(sections[j][0], art) == 0 && strcmp(sections[j][1], key) == 0) found[j] = true;
        int listed = 0;
        for (char *p = cell[3]; *p && *p != '|'; p++) {
            if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')) continue;
            int nn = (p[0] - '0') * 10 + (p[1] - '0');
            p++;
            listed++;
            if (nn < 1 || nn > f.n) {
                print_error("map: %s %s lists lesson %02d, which does not exist\n", art, key, nn);
                fail();
            }
            if (!strstr(source[nn - 1], art) || !names_section(source[nn - 1], key)) {
                print_error("map: %s %s lists lesson %02d, whose Source does not name it: %s\n", art, key, nn,
                            source[nn - 1]);
                fail();
            }
            if (nn < 200) lesson_mapped[nn] = true;
        }
        if (listed == 0) {
            print_error("map: %s %s has no lesson\n", art, key);
            fail();
        }
    }
    for (int j = 0; j < NSECT; j++) {
        if (!found[j]) print_error("map: no row for %s %s\n", sections[j][0], sections[j][1]);
        assert_true(found[j]);
    }
    assert_int_equal(rows, NSECT);
    for (int i = 0; i < f.n; i++) {
        if (!lesson_mapped[i + 1]) print_error("map: lesson %02d is in no row (Source: %s)\n", i + 1, source[i]);
        assert_true(lesson_mapped[i + 1]);
        free(source[i]);
    }
    free(source);
    lessons_free(&f);
    free(doc);
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
        cmocka_unit_test(test_event_narration),
        cmocka_unit_test(test_event_narration_errors),
        cmocka_unit_test(test_goal_fields),
        cmocka_unit_test(test_schedule_syntax),
        cmocka_unit_test(test_directive_errors),
        cmocka_unit_test(test_schedule_none_is_go),
        cmocka_unit_test(test_schedule_pins_picks),
        cmocka_unit_test(test_schedule_random),
        cmocka_unit_test(test_schedule_errors),
        cmocka_unit_test(test_every_lesson_parses),
        cmocka_unit_test(test_every_lesson_runs),
        cmocka_unit_test(test_pinned_lessons_are_stable),
        cmocka_unit_test(test_event_notes_happen),
        cmocka_unit_test(test_goals_reachable),
        cmocka_unit_test(test_recorded_claims),
        cmocka_unit_test(test_direction_messages),
        cmocka_unit_test(test_article_map),
        cmocka_unit_test(test_check_lessons_script),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
