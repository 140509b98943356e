/* bench_model.c: how fast the runtime model runs, driven by op scripts.
 *
 *  1. Unbuffered ping-pong: main sends on c1, a second goroutine receives it
 *     and sends it back on c2; N round trips = 4N channel operations.
 *  2. Buffered producer/consumer on make(chan int, 64): a goroutine sends N
 *     values, main receives N; 2N channel operations.
 *     Both with event logging off (S->logging = false) and on; the figure is
 *     channel operations (a send or a receive, each counted once) per second
 *     of wall time, best of REPEATS runs, N calibrated so a run takes about
 *     TARGET_SECONDS.
 *  3. Snapshot restore: a looping script runs SEEK_STEPS steps with a History
 *     recording every SEEK_INTERVAL steps, then history_seek goes to
 *     SEEK_COUNT random earlier steps; mean and max microseconds per seek,
 *     and the memory the snapshots take.  Each seek starts from the state at
 *     the end of the run (restored, untimed, before it), as when a user at
 *     the end of a run drags the timeline back.
 *
 * Output: one "name value" line per figure, for scripts/bench to parse;
 * lines starting with '#' are commentary.
 * Usage: bench_model [--quick] [--only pingpong|prodcons|seek]
 *   --quick  short runs (0.05 s, 100,000 steps, 100 seeks): a smoke test
 *   --only   one benchmark, e.g. under a profiler */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

#include "script.h"
#include "sim.h"
#include "snapshot.h"

enum { REPEATS = 5 };
static double TARGET_SECONDS = 0.5;
static uint64_t SEEK_STEPS = 1000000;
static const uint64_t SEEK_INTERVAL = 256;
static int SEEK_COUNT = 1000;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the scripts --------------------------------------------------------- */

#define MAKE(s, cap) {.kind = SOP_MAKE, .slot = (s), .v = (cap)}
#define SEND(s, x) {.kind = SOP_SEND, .slot = (s), .v = (x)}
#define RECV(s) {.kind = SOP_RECV, .slot = (s)}
#define GO(fn) {.kind = SOP_GO, .arg = (fn)}
/* Jumps back to op `to` n - 1 times: the ops from `to` run n times in all. */
#define LOOP(to, n) {.kind = SOP_LOOP, .arg = (to), .v = (n) - 1}
#define OPS(...) ((const ScriptOp[]){__VA_ARGS__}), \
    (int32_t)(sizeof((const ScriptOp[]){__VA_ARGS__}) / sizeof(ScriptOp))

/* Ops live in static storage because LOOP counts are set per run. */
static ScriptOp pp_main[] = {MAKE(0, 0), MAKE(1, 0), GO(1), SEND(0, 1), RECV(1), LOOP(3, 1)};
static ScriptOp pp_pong[] = {RECV(0), SEND(1, 2), LOOP(0, 1)};
static const ScriptFn pp_fns[] = {
    {pp_main, (int32_t)(sizeof pp_main / sizeof *pp_main), "main.main"},
    {pp_pong, (int32_t)(sizeof pp_pong / sizeof *pp_pong), "main.pong"},
};
static const Script pp_script = {pp_fns, 2};

static void pingpong_set_n(int64_t n) {
    pp_main[5].v = n - 1;
    pp_pong[2].v = n - 1;
}

/* Each side a single op repeated n times: every step is a channel operation. */
static ScriptOp pc_main[] = {MAKE(0, 64), GO(1), RECV(0)};
static ScriptOp pc_producer[] = {SEND(0, 7)};
static const ScriptFn pc_fns[] = {
    {pc_main, (int32_t)(sizeof pc_main / sizeof *pc_main), "main.main"},
    {pc_producer, (int32_t)(sizeof pc_producer / sizeof *pc_producer), "main.producer"},
};
static const Script pc_script = {pc_fns, 2};

static void prodcons_set_n(int64_t n) {
    pc_main[2].repeat = n;
    pc_producer[0].repeat = n;
}

/* For the history: both workloads at once, four goroutines, three channels,
 * practically endless (it is stopped by the step count). */
enum { FOREVER = 1000000000 };
static const ScriptFn mix_fns[] = {
    {OPS(MAKE(0, 0), MAKE(1, 0), MAKE(2, 64), GO(1), GO(2), GO(3), SEND(0, 1), RECV(1), LOOP(6, FOREVER)), "main.main"},
    {OPS(RECV(0), SEND(1, 2), LOOP(0, FOREVER)), "main.pong"},
    {OPS(SEND(2, 3), LOOP(0, FOREVER)), "main.producer"},
    {OPS(RECV(2), LOOP(0, FOREVER)), "main.consumer"},
};
static const Script mix_script = {mix_fns, 4};

static Sim *start(const Script *sc, bool logging) {
    Sim *S = sim_new(1);
    ScriptState *st = script_start(S, sc);
    st->keep_results = false; /* per-op results are for tests; they would grow without bound */
    S->logging = logging;
    S->max_steps = UINT64_MAX;
    return S;
}

/* ---- throughput ------------------------------------------------------------ */

typedef struct Workload {
    const char *name;
    const Script *script;
    void (*set_n)(int64_t n);
    int64_t ops_per_n; /* channel operations per unit of n */
} Workload;

typedef struct Run { double seconds; uint64_t steps; uint64_t events; } Run;

static Run run_once(const Workload *w, int64_t n, bool logging) {
    w->set_n(n);
    Sim *S = start(w->script, logging);
    Run r = {0, 0, 0};
    double t0 = now_seconds();
    if (logging) {
        /* Read the log as a renderer would, so that its cost is not optimised away. */
        while (sim_step(S) == SIM_RUNNING) r.events += (uint64_t)S->log.len;
    } else {
        sim_run(S);
    }
    r.seconds = now_seconds() - t0;
    r.steps = S->steps;
    if (S->state != SIM_EXITED) {
        fprintf(stderr, "bench_model: %s did not exit normally (state %d: %s)\n", w->name, S->state, S->message);
        exit(1);
    }
    sim_free(S);
    return r;
}

static void bench_throughput(const Workload *w, bool logging) {
    /* Calibrate n so that one run takes about TARGET_SECONDS. */
    int64_t n = 10000;
    for (;;) {
        Run r = run_once(w, n, logging);
        if (r.seconds >= TARGET_SECONDS / 8 || n >= ((int64_t)1 << 40)) {
            double scale = TARGET_SECONDS / (r.seconds > 0 ? r.seconds : 1e-9);
            n = (int64_t)((double)n * scale);
            if (n < 1000) n = 1000;
            break;
        }
        n *= 8;
    }
    double best = 0;
    Run bestrun = {0, 0, 0};
    for (int i = 0; i < REPEATS; i++) {
        Run r = run_once(w, n, logging);
        double ops = (double)(n * w->ops_per_n) / r.seconds;
        if (ops > best) best = ops, bestrun = r;
    }
    const char *suffix = logging ? "log" : "nolog";
    printf("# %s (%s): n=%" PRId64 ", %" PRIu64 " steps, %.3f s best of %d, %.1f ns/step, %.2f events/step\n",
           w->name, suffix, n, bestrun.steps, bestrun.seconds, REPEATS, bestrun.seconds * 1e9 / (double)bestrun.steps,
           (double)bestrun.events / (double)bestrun.steps);
    printf("%s_ops_per_sec_%s %.0f\n", w->name, suffix, best);
    printf("%s_steps_per_sec_%s %.0f\n", w->name, suffix, (double)bestrun.steps / bestrun.seconds);
    fflush(stdout);
}

/* ---- snapshots and seeking ------------------------------------------------- */

/* Heap bytes in use, as the allocator counts them (0 where it cannot tell). */
static uint64_t heap_in_use(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 mi = mallinfo2();
    return (uint64_t)mi.uordblks + (uint64_t)mi.hblkhd;
#else
    return 0;
#endif
}

/* The bytes a snapshot of S in a History copies: every array of the Sim
 * that snapshot.c copies (not the choices log, which the History keeps once,
 * nor the replay input) plus the script runner's saved state. */
static uint64_t snapshot_payload(const Sim *S) {
    uint64_t b = sizeof(Sim);
#define VB(v) ((uint64_t)(v).len * sizeof *(v).items)
    b += VB(S->gs) + VB(S->chans) + VB(S->sudogs) + VB(S->slots) + VB(S->heap) + VB(S->types) + VB(S->fields) +
         VB(S->semas) + VB(S->mutexes) + VB(S->waitgroups) + VB(S->onces) + VB(S->timers) + VB(S->globrunq) +
         VB(S->typelist) + VB(S->strs.bytes) + VB(S->strs.spans);
    const ScriptState *st = S->runner_state;
    b += sizeof *st + VB(st->results) + VB(st->loops);
#undef VB
    return b;
}

static uint64_t xorshift(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

typedef struct SeekResult { double mean_us, max_us; } SeekResult;

static SeekResult seek_round(History *h, Sim *S, const Snapshot *end, uint64_t seed) {
    uint64_t rng = seed;
    double total = 0, max = 0;
    for (int i = 0; i < SEEK_COUNT; i++) {
        uint64_t target = xorshift(&rng) % SEEK_STEPS;
        snapshot_restore(S, end); /* untimed: every seek starts from the end of the run */
        double t0 = now_seconds();
        bool ok = history_seek(h, S, target);
        double us = (now_seconds() - t0) * 1e6;
        if (!ok || S->steps != target || S->state != SIM_RUNNING) {
            fprintf(stderr, "bench_model: history_seek(%" PRIu64 ") failed: at step %" PRIu64 ", state %d\n", target,
                    S->steps, S->state);
            exit(1);
        }
        total += us;
        if (us > max) max = us;
    }
    return (SeekResult){total / SEEK_COUNT, max};
}

static void bench_seek(void) {
    uint64_t heap0 = heap_in_use();
    Sim *S = start(&mix_script, false);
    History h;
    history_init(&h, SEEK_INTERVAL);
    uint64_t payload = 0;
    double t0 = now_seconds();
    history_record(&h, S);
    payload += snapshot_payload(S);
    while (S->steps < SEEK_STEPS) {
        if (sim_step(S) != SIM_RUNNING) {
            fprintf(stderr, "bench_model: the looping script stopped at step %" PRIu64 " (state %d: %s)\n", S->steps,
                    S->state, S->message);
            exit(1);
        }
        int32_t before = h.snaps.len;
        history_record(&h, S);
        if (h.snaps.len != before) payload += snapshot_payload(S);
    }
    double record_s = now_seconds() - t0;
    uint64_t heap1 = heap_in_use();
    uint64_t live = snapshot_payload(S); /* the running Sim's own share of heap1 - heap0 */
    Snapshot *end = snapshot_take(S);

    printf("# seek: %" PRIu64 " steps recorded in %.3f s with a snapshot every %" PRIu64 " steps (%d snapshots); "
           "%" PRId32 " recorded choices at the end\n",
           SEEK_STEPS, record_s, SEEK_INTERVAL, h.snaps.len, S->choices.len);
    printf("record_steps_per_sec %.0f\n", (double)SEEK_STEPS / record_s);
    printf("snapshot_count %" PRId32 "\n", h.snaps.len);
    printf("snapshot_payload_bytes %" PRIu64 "\n", payload);
    if (heap1 > heap0) printf("snapshot_heap_bytes %" PRIu64 "\n", heap1 - heap0 > live ? heap1 - heap0 - live : 0);
    printf("snapshot_bytes_per_snapshot %.0f\n", (double)payload / h.snaps.len);
    printf("# seek: the History keeps the run's choices log once: %" PRIu64 " bytes\n",
           (uint64_t)h.choices.len * sizeof *h.choices.items);

    SeekResult best = {0, 0};
    for (int rep = 0; rep < 3; rep++) {
        SeekResult r = seek_round(&h, S, end, 0x9e3779b97f4a7c15ULL);
        if (rep == 0 || r.mean_us < best.mean_us) best = r;
    }
    printf("# seek: %d seeks to random steps in [0, %" PRIu64 "), from the end of the run each time, best of 3 rounds\n",
           SEEK_COUNT, SEEK_STEPS);
    printf("seek_mean_us %.2f\n", best.mean_us);
    printf("seek_max_us %.2f\n", best.max_us);
    fflush(stdout);

    snapshot_free(end);
    history_free(&h);
    sim_free(S);
}

int main(int argc, char **argv) {
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            TARGET_SECONDS = 0.05;
            SEEK_STEPS = 100000;
            SEEK_COUNT = 100;
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else {
            fprintf(stderr, "usage: %s [--quick] [--only pingpong|prodcons|seek]\n", argv[0]);
            return 2;
        }
    }
    const Workload pingpong = {"pingpong", &pp_script, pingpong_set_n, 4};
    const Workload prodcons = {"prodcons", &pc_script, prodcons_set_n, 2};
    const Workload *workloads[] = {&pingpong, &prodcons};
    bool ran = false;
    for (size_t i = 0; i < sizeof workloads / sizeof *workloads; i++) {
        if (only && strcmp(only, workloads[i]->name) != 0) continue;
        bench_throughput(workloads[i], false);
        bench_throughput(workloads[i], true);
        ran = true;
    }
    if (!only || strcmp(only, "seek") == 0) {
        bench_seek();
        ran = true;
    }
    if (!ran) {
        fprintf(stderr, "bench_model: no benchmark named %s\n", only);
        return 2;
    }
    return 0;
}
