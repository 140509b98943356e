/* snapshot.h: whole-Sim copies, and a history of them for stepping backwards. */
#ifndef HCHANVIZ_SNAPSHOT_H
#define HCHANVIZ_SNAPSHOT_H

#include "sim.h"

typedef struct Snapshot Snapshot;

/* A copy of everything S holds (the runner's state included; not the step's
 * log or output).  Owned by the caller: snapshot_free. */
Snapshot *snapshot_take(const Sim *S);
/* Takes S again into snap (one taken from a Sim with the same runner),
 * reusing its buffers: what a search that snapshots at every choice point
 * calls instead of take and free. */
void snapshot_retake(Snapshot *snap, const Sim *S);
/* Makes S exactly what it was when snap was taken. */
void snapshot_restore(Sim *S, const Snapshot *snap);
void snapshot_free(Snapshot *snap);
uint64_t snapshot_step(const Snapshot *snap);

/* History: a snapshot every `interval` steps.  history_seek restores the
 * nearest one at or before `step` and replays forward with the choices
 * recorded in the run, so any earlier step comes back exactly. */
typedef struct History {
    VEC(Snapshot *) snaps;
    uint64_t interval;
    ChoiceVec choices;  /* every choice of the recorded run, kept once */
} History;

void history_init(History *h, uint64_t interval);
void history_free(History *h);
/* Call after every sim_step (and once before the first): records a snapshot when due. */
void history_record(History *h, const Sim *S);
/* Brings S to just after `step` steps: back to the nearest snapshot, then
 * forward with the recorded choices (past them, as the Go scheduler would,
 * so seeking beyond the recorded end simply runs on).  S must be the Sim the
 * history was recorded from.  Returns false if the program ends (or stops
 * for a choice) before `step`, or step precedes the first snapshot. */
bool history_seek(History *h, Sim *S, uint64_t step);

#endif
