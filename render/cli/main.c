/* main.c: the hchanviz command line: which subcommand, then its flags. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "go/langver.h"
#include "lesson.h"
#include "program.h"
#ifdef HCHANVIZ_HAVE_GUI
#include "gui.h"
#endif

#define HCHANVIZ_VERSION "0.1.0"

static const char usage[] =
    "usage: hchanviz run PROGRAM.go [--sched go|random:SEED|replay:TRACE.json] [--race] [--preempt] [--lang go1.N]\n"
    "                    [--max-steps N]\n"
    "                    [--max-memory MB] [--trace OUT.json] [--perfetto OUT.json]\n"
    "       hchanviz steps PROGRAM.go [--sched ...] [--max-steps N]\n"
    "       hchanviz [view] PROGRAM.go [--sched ...] [--theme light|dark|high-contrast] [--lang en|zh] [--present]\n"
    "       hchanviz [view] TRACE.json [...]   a trace: its program re-run with its choices, checked as verify does\n"
    "       hchanviz export PROGRAM.go|TRACE.json --out DIR|FILE.gif [--format png|json|gif] [--step N] [--micro K|all]\n"
    "                       [--present] [--size WxH] [--theme T] [--lang en|zh]\n"
    "       hchanviz                (the lesson menu; view/export: hchanviz view --help)\n"
    "       hchanviz lessons [DIR]\n"
    "       hchanviz verify TRACE.json\n"
    "       hchanviz explore PROGRAM.go [--json OUT.json] [--witness-dir DIR] [--preemptions K]\n"
    "                        [--max-executions N] [--seconds S] [--random N] [--max-steps N]\n"
    "       hchanviz diff A.json B.json | PROGRAM.go --sched X --sched Y [--preempt]\n"
    "       hchanviz --help | --version\n"
    "\n"
    "  run     run a Go program on the simulated runtime (GOMAXPROCS=1); its output on stdout,\n"
    "          a panic or fatal error on stderr as Go prints it (exit 2); a program outside\n"
    "          the subset or with an error: FILE:LINE:COL: message (exit 1); the step limit: exit 3\n"
    "  steps   the same run, printed step by step: goroutine, line, runtime path, output\n"
    "  lessons the lessons in order: number, English title, Chinese title (docs/lessons.md)\n"
    "  verify  re-run a trace's program with its recorded choices and check every step (docs/trace.md)\n"
    "  explore every schedule the program could take (as with GOMAXPROCS >= 2): each distinct outcome\n"
    "          with its count and a minimal witness schedule (--witness-dir) to replay with --sched replay:\n"
    "  diff    where two runs part: the first step that differs, the field, what each run did there\n"
    "          (exit 0 the same, 1 they differ, 2 trouble)\n"
    "\n"
    "  --sched go          the Go scheduler with GOMAXPROCS=1 (default, unless a lesson pins\n"
    "                      its schedule with //hchanviz:schedule; --sched overrides that)\n"
    "  --sched random:SEED a random runnable goroutine at every schedule, reproducible by seed\n"
    "  --sched replay:FILE the choices recorded in a trace (or a schedule saved in the window): the same run again\n"
    "  --lang go1.N        the Go language version when the program does not say (a go.mod's go line,\n"
    "                      else a //go:build go1.N line; default go1.19): before go1.22 a loop has one\n"
    "                      variable for all its iterations, and range over an int is refused\n"
    "  --race              report data races in the shape of go run -race: both accesses' stacks and\n"
    "                      the goroutines' creation sites, \"Found N data race(s)\" at exit, exit 66\n"
    "  --preempt           as with GOMAXPROCS >= 2: before every visible operation (a channel or sync\n"
    "                      operation, go, an access to shared memory) another goroutine may run; with\n"
    "                      --sched random:SEED a random one does (a schedule from explore replays this way)\n"
    "  --max-steps N       stop after N steps (default 10000000; a replay: the trace's)\n"
    "  --max-memory MB     the program's memory budget in MiB (default 256, at most 1024): past it\n"
    "                      Go's \"fatal error: runtime: out of memory\" (docs/go-subset.md)\n"
    "  --trace OUT.json    write the run step by step, with the full state after each (docs/trace.md)\n"
    "  --perfetto OUT.json the run as Chrome trace events, for ui.perfetto.dev\n";


static int bad_usage(const char *fmt, const char *arg) {
    fprintf(stderr, "hchanviz: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(hchanviz --help lists the commands)\n");
    return 1;
}

/* Decimal digits only: strtoull alone would also take " 5", "+5" and "-5". */
static bool parse_u64(const char *s, uint64_t *out) {
    if (*s < '0' || *s > '9') return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) return false;
    *out = v;
    return true;
}

/* Flags and the program file from argv[first..argc). */
static int parse(int argc, char **argv, int first, Options *o) {
    o->policy = SCHED_GO;
    o->max_steps = 10000000;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--sched") == 0 || strncmp(a, "--sched=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return bad_usage("--sched needs a value: go or random:SEED", "");
            o->sched_set = true;
            if (strcmp(v, "go") == 0) o->policy = SCHED_GO;
            else if (strncmp(v, "random:", 7) == 0 && parse_u64(v + 7, &o->seed)) o->policy = SCHED_RANDOM;
            else if (strncmp(v, "replay:", 7) == 0 && v[7]) o->policy = SCHED_REPLAY, o->replay = v + 7;
            else return bad_usage("bad --sched value '%s': want go, random:SEED or replay:FILE", v);
        } else if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            int ver = v ? langver_parse(v, strlen(v)) : -1;
            if (ver <= 0) return bad_usage("--lang needs a Go version such as go1.19 or go1.22, got '%s'", v ? v : "");
            o->lang = ver;
        } else if (strcmp(a, "--preempt") == 0) {
            o->preempt = true;
        } else if (strcmp(a, "--race") == 0) {
            o->race = true;
        } else if (strcmp(a, "--max-steps") == 0 || strncmp(a, "--max-steps=", 12) == 0) {
            const char *v = a[11] == '=' ? a + 12 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !parse_u64(v, &o->max_steps) || o->max_steps == 0)
                return bad_usage("--max-steps needs a positive number, got '%s'", v ? v : "");
            o->max_steps_set = true;
        } else if (strcmp(a, "--max-memory") == 0 || strncmp(a, "--max-memory=", 13) == 0) {
            const char *v = a[12] == '=' ? a + 13 : (i + 1 < argc ? argv[++i] : NULL);
            uint64_t mb = 0;
            if (!v || !parse_u64(v, &mb) || mb == 0 || mb > (uint64_t)(VM_MAX_MAX_MEMORY >> 20))
                return bad_usage("--max-memory needs a number of MiB from 1 to 1024, got '%s'", v ? v : "");
            o->max_memory = (int64_t)mb << 20;
        } else if (strcmp(a, "--trace") == 0 || strncmp(a, "--trace=", 8) == 0 || strcmp(a, "--perfetto") == 0 ||
                   strncmp(a, "--perfetto=", 11) == 0) {
            bool tr = a[2] == 't';
            size_t n = tr ? 7 : 10;
            const char *v = a[n] == '=' ? a + n + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v) return bad_usage("%s needs an output file", tr ? "--trace" : "--perfetto");
            *(tr ? &o->trace : &o->perfetto) = v;
        } else if (a[0] == '-' && a[1]) {
            return bad_usage("unknown flag %s", a);
        } else if (!o->file) {
            o->file = a;
        } else {
            return bad_usage("one program at a time (got a second: %s)", a);
        }
    }
    if (!o->file) return bad_usage("%s needs a program file", o->cmd);
    return 0;
}

int main(int argc, char **argv) {
#ifdef HCHANVIZ_HAVE_GUI
    /* The window and the frame export (render/sdl/app.c): `hchanviz` (the lesson
     * menu), `hchanviz view|export ...`, `hchanviz PROGRAM.go`; with no display
     * a program falls back to `steps`. */
    if (argc < 2 || strcmp(argv[1], "view") == 0 || strcmp(argv[1], "export") == 0 || gui_is_program_arg(argv[1]))
        return gui_main(argc, argv);
#else
    if (argc >= 2 && (strcmp(argv[1], "view") == 0 || strcmp(argv[1], "export") == 0)) {
        fprintf(stderr, "hchanviz: %s needs the window, and this hchanviz was built without it "
                        "(cmake -DHCHANVIZ_GUI=OFF); `hchanviz steps PROGRAM.go` prints the steps\n", argv[1]);
        return 1;
    }
#endif
    if (argc < 2) {
        fputs(usage, stderr);
        return 1;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        puts("hchanviz " HCHANVIZ_VERSION " (models the Go 1.19 runtime, GOMAXPROCS=1)");
        return 0;
    }
    Options o = {0};
    o.cmd = cmd;
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "steps") == 0) {
        int r = parse(argc, argv, 2, &o);
        if (r) return r;
        return cli_run(&o, strcmp(cmd, "steps") == 0);
    }
    /* `hchanviz LESSON.go`: the lesson step by step (the window, when built, takes over here). */
    size_t n = strlen(cmd);
    if (n > 3 && strcmp(cmd + n - 3, ".go") == 0) {
        o.cmd = "steps";
        int r = parse(argc, argv, 1, &o);
        if (r) return r;
        return cli_run(&o, true);
    }
    if (strcmp(cmd, "lessons") == 0) return lesson_list_main(argc - 2, argv + 2, stdout, stderr);
    if (strcmp(cmd, "explore") == 0) return cli_explore(argc, argv, 2);
    if (strcmp(cmd, "diff") == 0) {
        o.policy = SCHED_GO;
        o.max_steps = 10000000;
        return cli_diff(argc, argv, 2, &o);
    }
    if (strcmp(cmd, "verify") == 0) {
        if (argc != 3 || argv[2][0] == '-') return bad_usage("%s", "usage: hchanviz verify TRACE.json");
        return cli_verify(argv[2]);
    }
    return bad_usage("unknown command '%s'", cmd);
}
