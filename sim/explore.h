/* explore.h: every schedule a program could take, and what each one ends in.
 *
 * The model is the Sim under preemption (Sim.preemptive): with GOMAXPROCS
 * >= 2 any runnable goroutine may run before any visible operation (a
 * channel or sync operation, go, an access to a heap cell, main's exit),
 * and when the running goroutine blocks any runnable one may run next; a
 * select's poll order is a choice too.  explore_run searches that tree
 * depth first, restoring a snapshot at each choice point instead of
 * re-running from the start, with sleep sets (a goroutine whose next step
 * was already explored from a state, and commutes with what ran since,
 * is not tried again: two steps commute unless they touch the same
 * channel, lock, wait group, once, stdout or heap cell, one of them
 * writing it) and under a preemption bound: first every schedule with no
 * preemption, then with one, and so on, until the search is exhaustive (no
 * choice was cut by the bound) or the budget runs out.
 *
 * An outcome is what a run shows: its stdout, the first line of its
 * stderr (Go's "panic: ..." or "fatal error: ..."), and its exit status.
 * Each distinct outcome keeps a minimal witness: the run with the fewest
 * preemptions, then the fewest departures from Go's own GOMAXPROCS=1
 * choices, as the full list of its choices (replayable with
 * sim_set_replay: `hchanviz run --sched replay:` and the window).
 * Uses only the Sim's public API (sim.h, snapshot.h, observe.h). */
#ifndef HCHANVIZ_EXPLORE_H
#define HCHANVIZ_EXPLORE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim.h"

/* Something that follows every explored run beside the search (the race
 * detector): it sees the Sim's events after the search does, its state is
 * saved at each choice point and restored with the snapshot, its state is
 * part of what "a state seen before" means, and it is told each run's end. */
typedef struct ExploreWatcher {
    const Observer *observer;
    void *ctx;
    void *(*save)(void *ctx);
    void (*restore)(void *ctx, const void *state);
    void (*drop)(void *state);
    uint64_t (*hash)(void *ctx);
    /* A run ended in outcome number `outcome` (an index into the result); S is at its end. */
    void (*run_ended)(void *ctx, const Sim *S, int32_t outcome);
} ExploreWatcher;

typedef struct ExploreOptions {
    int preemptions;        /* the bound; -1: raise it from 0 until exhaustive (the default) */
    int64_t max_executions; /* stop after this many complete runs; 0: no limit */
    double seconds;         /* the time budget; <= 0: 10 s */
    uint64_t max_steps;     /* per run (a run that reaches it ends as "step limit"); 0: 100000 */
    int64_t random;         /* > 0: instead of searching, this many random preemptive runs (seeds 1..N) */
    int64_t pct;            /* > 0: instead of searching, this many PCT runs (seeds 1..N): priority scheduling
                               with pct_depth - 1 random priority changes, which finds a bug of depth d with
                               probability >= 1/(n k^(d-1)) per run (n goroutines, k choice points) */
    int pct_depth;          /* PCT's d; 0: 3 */
    bool no_sleep_sets;     /* naive: every interleaving, no reduction (the reference for tests and benchmarks) */
    bool rerun;             /* reach each choice point by re-running from the start instead of restoring its
                               snapshot (the reference the snapshots are measured against) */
    const ExploreWatcher *watch; /* NULL: none */
} ExploreOptions;

typedef enum OutcomeKind { OUTCOME_EXIT, OUTCOME_PANIC, OUTCOME_FATAL, OUTCOME_STEP_LIMIT } OutcomeKind;

typedef struct ExploreOutcome {
    char *out;              /* stdout (NUL-terminated; outlen bytes) */
    size_t outlen;
    char *err;              /* the first line of stderr, "" if none */
    int exit;               /* 0, 2 (panic, fatal error) or 3 (step limit) */
    int kind;               /* OutcomeKind */
    bool deadlock;          /* fatal error: all goroutines are asleep */
    bool leak;              /* main returned while goroutines were still blocked */
    char *leaks;            /* those goroutines: "G3 chan receive, G4 select" ("" if none) */
    int64_t count;          /* runs that ended this way */
    Choice *witness;        /* the minimal witness's choices (owned) */
    int32_t nwitness;
    int preemptions;        /* of the witness */
    int departures;         /* of the witness from Go's own choices */
    double found_at;        /* seconds into the search when it was first found */
} ExploreOutcome;

typedef struct ExploreResult {
    ExploreOutcome *outcomes; /* in the order they were first found */
    int32_t n, cap;
    int64_t executions;     /* complete runs */
    int64_t transitions;    /* steps taken between choices, over the whole search */
    int64_t skipped;        /* choice points skipped because their state was explored already */
    bool exhaustive;        /* every schedule (up to the bound reached) explored, none cut by the bound */
    int bound;              /* the preemption bound of the last (deepest) search; -1 for random and PCT runs */
    bool timed_out;         /* the time or execution budget ran out */
    double seconds;         /* time taken */
} ExploreResult;

/* Explores S from where it is (a Sim just started on its program, before
 * its first step; S is left in an unspecified state).  Returns false only
 * if S cannot be explored (it is not running). */
bool explore_run(Sim *S, const ExploreOptions *o, ExploreResult *r);
void explore_result_free(ExploreResult *r);

/* The first line Go prints on stderr for how S ended ("" when main returned). */
void explore_stderr_line(const Sim *S, char *out, int cap);

#endif
