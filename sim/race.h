/* race.h: a happens-before data race detector over the Sim, reporting in
 * the shape of Go's race detector (go run -race, Go 1.19).
 *
 * It is an Observer (observe.h): every goroutine has a vector clock; the
 * synchronisation the runtime annotates (a buffer slot's release-acquire,
 * an unbuffered handoff both ways, close's release and the acquire of a
 * receive that sees it, Mutex, WaitGroup, Once, the fd lock of stdout)
 * moves clocks through sync objects; `go` gives the new goroutine its
 * creator's past.  time.Sleep synchronises nothing.  Every access to a
 * heap cell, and chansend's read and closechan's write of the channel
 * itself, is checked against the last write and the reads since: two
 * accesses race when one writes and neither happens before the other.
 * Each race is reported once per pair of places (Go's deduplication by
 * stack), as text in Go's exact shape, with both stacks and the
 * goroutines' creation sites. */
#ifndef HCHANVIZ_RACE_H
#define HCHANVIZ_RACE_H

#include <stdbool.h>
#include <stddef.h>

#include "observe.h"
#include "sim.h"

typedef struct Race Race;

/* One race found: the access that found it and the earlier one. */
typedef struct RaceInfo {
    GoId g, prev_g;
    bool write, prev_write;
    int32_t line, prev_line;   /* the program's line of each access */
    const char *fn, *prev_fn;  /* the runtime function for a channel access ("runtime.closechan"), else NULL */
    int okind;                 /* OBJ_CELL or OBJ_CHAN */
    int32_t obj;
    /* When, and the missing edge: the accesses happened in the Sim's steps
     * step and prev_step (S->steps then: view steps step + 1 and prev_step
     * + 1); the earlier one was prev_g's event prev_epoch, and g had seen
     * prev_g only up to its event seen < prev_epoch -- no synchronisation
     * carried the earlier access to g. */
    uint64_t step, prev_step;
    uint32_t seen, prev_epoch;
} RaceInfo;

/* A detector watching S (attached as its observer; events go on to next,
 * which may be NULL).  path is the program's absolute path, as the
 * reports print it. */
Race *race_new(Sim *S, const Observer *next, const char *path);
void race_free(Race *R);
/* The observer to attach instead, when the caller chains observers itself. */
const Observer *race_observer(Race *R);
/* The reports found since the last call, as Go prints them (each from
 * "==================" to "=================="), or NULL if none; valid
 * until the next call. */
const char *race_take_text(Race *R, size_t *len);
/* Distinct races found so far, and each one's facts. */
int race_count(const Race *R);
const RaceInfo *race_info(const Race *R, int i);

/* The detector's state (clocks, last accesses, sync objects), to go back to
 * with a snapshot of the Sim (snapshot.h): the explorer saves it at each
 * choice point.  Races already found stay found across a restore.  The
 * hash is of that state, for a search that skips states seen before. */
typedef struct RaceState RaceState;
RaceState *race_save(const Race *R);
void race_restore(Race *R, const RaceState *st);
void race_state_free(RaceState *st);
uint64_t race_state_hash(const Race *R);

#endif
