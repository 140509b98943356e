/* snapshot.c: a Snapshot is a Sim whose Vecs are private copies.  Because all
 * simulation state is index-addressed (no pointers into it), copying the
 * arrays copies the state. */
#include "snapshot.h"

#include <string.h>

struct Snapshot {
    Sim sim;
    void *runner_saved;
    bool has_choices;   /* false in a History: it keeps the run's choices once, not per snapshot */
    int32_t nchoices;   /* S->choices.len when taken */
};

#define VEC_FIELDS(X) \
    X(gs) X(chans) X(sudogs) X(slots) X(heap) X(types) X(fields) X(typelist) X(semas) X(mutexes) X(waitgroups) \
    X(onces) X(timers) X(globrunq) X(closelist) X(strs.bytes) X(strs.spans)

/* Keeps dst's buffers, takes src's scalars, then copies each array (choices
 * only when asked: they grow with the run's length). */
static void copy_sim(Sim *dst, const Sim *src, bool choices) {
    Sim keep = *dst;
    *dst = *src;
#define X(f) dst->f = keep.f; VEC_COPY(dst->f, src->f);
    VEC_FIELDS(X)
#undef X
    dst->replay = keep.replay; /* input to the run, never changed by it: not part of a snapshot */
    dst->choices = keep.choices;
    if (choices) VEC_COPY(dst->choices, src->choices);
    dst->log = keep.log;
    dst->output = keep.output;
}

static Snapshot *take(const Sim *S, bool choices) {
    Snapshot *snap = calloc(1, sizeof *snap);
    if (!snap) abort();
    copy_sim(&snap->sim, S, choices);
    snap->has_choices = choices;
    snap->nchoices = S->choices.len;
    snap->sim.log.len = 0;
    snap->sim.output.len = 0;
    if (S->runner && S->runner->save) snap->runner_saved = S->runner->save(S);
    return snap;
}

Snapshot *snapshot_take(const Sim *S) { return take(S, true); }

void snapshot_retake(Snapshot *snap, const Sim *S) {
    const Runner *was = snap->sim.runner;
    copy_sim(&snap->sim, S, true);
    snap->has_choices = true;
    snap->nchoices = S->choices.len;
    snap->sim.log.len = 0;
    snap->sim.output.len = 0;
    if (snap->runner_saved && was == S->runner && S->runner && S->runner->save_into) {
        S->runner->save_into(S, snap->runner_saved);
        return;
    }
    if (snap->runner_saved && was && was->free_saved) was->free_saved(snap->runner_saved);
    snap->runner_saved = S->runner && S->runner->save ? S->runner->save(S) : NULL;
}

void snapshot_restore(Sim *S, const Snapshot *snap) {
    const Runner *runner = S->runner;
    void *state = S->runner_state;
    const Observer *observer = S->observer; /* who watches is not part of the state */
    copy_sim(S, &snap->sim, snap->has_choices);
    S->observer = observer;
    if (!snap->has_choices) S->choices.len = snap->nchoices; /* the History refills them */
    S->runner = runner;
    S->runner_state = state;
    S->log.len = 0;
    S->output.len = 0;
    if (runner && runner->restore) runner->restore(S, snap->runner_saved);
}

void snapshot_free(Snapshot *snap) {
    if (!snap) return;
    Sim *s = &snap->sim;
#define X(f) VEC_FREE(s->f);
    VEC_FIELDS(X)
#undef X
    VEC_FREE(s->choices);
    VEC_FREE(s->log);
    VEC_FREE(s->output);
    if (snap->runner_saved && snap->sim.runner && snap->sim.runner->free_saved)
        snap->sim.runner->free_saved(snap->runner_saved);
    free(snap);
}

uint64_t snapshot_step(const Snapshot *snap) { return snap->sim.steps; }

void history_init(History *h, uint64_t interval) {
    memset(h, 0, sizeof *h);
    h->interval = interval ? interval : 1;
}

void history_free(History *h) {
    for (int32_t i = 0; i < h->snaps.len; i++) snapshot_free(h->snaps.items[i]);
    VEC_FREE(h->snaps);
    VEC_FREE(h->choices);
}

void history_record(History *h, const Sim *S) {
    /* S->choices extends the recorded run (it was replayed from it). */
    for (int32_t i = h->choices.len; i < S->choices.len; i++) VEC_PUSH(h->choices, S->choices.items[i]);
    if (S->steps % h->interval != 0) return;
    if (h->snaps.len && snapshot_step(h->snaps.items[h->snaps.len - 1]) >= S->steps) return;
    Snapshot *s = take(S, false);
    VEC_PUSH(h->snaps, s);
}

bool history_seek(History *h, Sim *S, uint64_t step) {
    if (h->snaps.len == 0) return false;
    /* Binary search: the last snapshot at or before step. */
    int32_t lo = 0, hi = h->snaps.len - 1;
    if (snapshot_step(h->snaps.items[0]) > step) return false;
    while (lo < hi) {
        int32_t mid = (lo + hi + 1) / 2;
        if (snapshot_step(h->snaps.items[mid]) <= step) lo = mid;
        else hi = mid - 1;
    }
    int32_t policy = S->policy;
    snapshot_restore(S, h->snaps.items[lo]);
    int32_t pos = S->choices.len;
    VEC_RESERVE(S->choices, pos);
    if (pos > 0) memcpy(S->choices.items, h->choices.items, (size_t)pos * sizeof *S->choices.items);
    /* Replay the recorded choices up to the step asked for. */
    ChoiceVec saved_replay = S->replay;
    int32_t saved_pos = S->replay_pos;
    S->replay = h->choices;
    S->replay_pos = pos;
    S->policy = SCHED_REPLAY;
    while (S->steps < step && S->state == SIM_RUNNING) sim_step(S);
    bool reached = S->steps == step;
    S->policy = policy;
    S->replay = saved_replay;
    /* A run that replays its own choices (a pinned lesson, a trace) has used
     * one of them per choice made so far. */
    S->replay_pos = policy == SCHED_REPLAY ? (S->choices.len < saved_replay.len ? S->choices.len : saved_replay.len)
                                           : saved_pos;
    return reached;
}
