/* bench_trace.c: how fast the trace is written, and in how much memory.
 *
 * A Go program loops on channel operations (a producer sends forever on a
 * buffered channel, a goroutine ranges over it) and is run for STEPS steps
 * (the step limit ends it), as `hchanviz run --trace` runs it: one statement
 * per step, every event logged, each step written to the trace with the full
 * state after it (channels with their buffers and queues, goroutines with
 * their frames and locals, the P).  Figures:
 *   trace_steps_per_sec   steps per second of wall time, trace written to a file
 *   trace_bytes           size of that trace
 *   trace_peak_rss_bytes  peak resident memory of the process (getrusage ru_maxrss)
 *   run_steps_per_sec     the same run without a trace, for comparison
 * Goals: at least 200,000 steps/s with the trace, peak memory under 50 MB.
 * The trace goes to $TMPDIR (default /tmp) and is removed afterwards.
 *
 * Usage: bench_trace [--quick] [--steps N] [--keep FILE]
 *   --quick  100,000 steps (a smoke test)
 *   --keep   write the trace to FILE and keep it */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "go/compile.h"
#include "go/diag.h"
#include "sim.h"
#include "trace.h"
#include "vm.h"

static const char program[] =
    "package main\n"
    "\n"
    "func main() {\n"
    "\tch := make(chan int, 8)\n"
    "\tdone := make(chan bool)\n"
    "\tgo func() {\n"
    "\t\tsum := 0\n"
    "\t\tfor v := range ch {\n"
    "\t\t\tsum += v\n"
    "\t\t}\n"
    "\t\tdone <- sum > 0\n"
    "\t}()\n"
    "\tfor i := 0; ; i++ {\n"
    "\t\tch <- i\n"
    "\t}\n"
    "}\n";

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct Run {
    Sim *S;
    Program prog;
} Run;

static void start(Run *r, uint64_t steps) {
    r->S = sim_new(0);
    program_init(&r->prog);
    Diag d;
    diag_init(&d);
    if (!compile_source(r->S, "bench_trace.go", program, sizeof program - 1, &r->prog, &d, NULL)) {
        char *msg = diag_format(&d);
        fprintf(stderr, "bench_trace: %s", msg ? msg : "compile error\n");
        exit(1);
    }
    diag_free(&d);
    vm_start(r->S, &r->prog);
    r->S->max_steps = steps;
    r->S->logging = true;
}

static void stop(Run *r) {
    sim_free(r->S);
    program_free(&r->prog);
}

/* The run without a trace: steps per second. */
static double run_plain(uint64_t steps) {
    Run r;
    start(&r, steps);
    double t0 = now_seconds();
    while (r.S->state == SIM_RUNNING) {
        r.S->choices.len = 0;
        sim_step(r.S);
    }
    double dt = now_seconds() - t0;
    uint64_t n = r.S->steps;
    stop(&r);
    return (double)n / dt;
}

/* The run with its trace written to path: steps per second; *bytes = trace size. */
static double run_traced(uint64_t steps, const char *path, uint64_t *bytes, uint64_t *nsteps) {
    Run r;
    start(&r, steps);
    TraceWriter w;
    TraceHeader h = {"bench_trace.go", "/bench_trace.go", program, sizeof program - 1, "go", 0, steps, 0, false, 0};
    double t0 = now_seconds();
    if (!trace_writer_open(&w, path, &h, &r.prog)) {
        fprintf(stderr, "bench_trace: %s\n", w.out.err);
        exit(1);
    }
    Sim *S = r.S;
    while (S->state == SIM_RUNNING) {
        GoId before = S->curg;
        uint64_t steps_before = S->steps;
        S->choices.len = 0;
        sim_step(S);
        if (trace_step_happened(S, steps_before) && !trace_writer_step(&w, S, trace_actor(S, before), 0)) {
            fprintf(stderr, "bench_trace: %s\n", w.out.err);
            exit(1);
        }
    }
    const char *msg = "hchanviz: stopped after N steps, the step limit\n";
    if (!trace_writer_close(&w, 3, msg, strlen(msg))) {
        fprintf(stderr, "bench_trace: %s\n", w.out.err);
        exit(1);
    }
    double dt = now_seconds() - t0;
    *nsteps = w.steps;
    stop(&r);
    struct stat st;
    *bytes = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
    return (double)*nsteps / dt;
}

int main(int argc, char **argv) {
    uint64_t steps = 1000000;
    const char *keep = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) steps = 100000;
        else if (strcmp(argv[i], "--steps") == 0 && i + 1 < argc) steps = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc) keep = argv[++i];
        else {
            fprintf(stderr, "usage: bench_trace [--quick] [--steps N] [--keep FILE]\n");
            return 2;
        }
    }
    if (steps == 0) steps = 1;
    char path[4096];
    if (keep) {
        snprintf(path, sizeof path, "%s", keep);
    } else {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/bench_trace-%ld.json", dir && *dir ? dir : "/tmp", (long)getpid());
    }
    uint64_t bytes = 0, nsteps = 0;
    /* The traced run first: ru_maxrss is the process's high-water mark. */
    double traced = run_traced(steps, path, &bytes, &nsteps);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    uint64_t rss = (uint64_t)ru.ru_maxrss * 1024; /* Linux: kilobytes */
    double plain = run_plain(steps);
    if (!keep) remove(path);
    printf("# %" PRIu64 " steps of a channel loop, full state per step\n", nsteps);
    printf("trace_steps %" PRIu64 "\n", nsteps);
    printf("trace_steps_per_sec %.0f\n", traced);
    printf("trace_bytes %" PRIu64 "\n", bytes);
    printf("trace_peak_rss_bytes %" PRIu64 "\n", rss);
    printf("run_steps_per_sec %.0f\n", plain);
    return 0;
}
