/* explore.c: depth-first search over a program's schedules (explore.h).
 *
 * The Sim runs preemptive under SCHED_MANUAL, so every choice point comes
 * back to the search as SIM_NEED_CHOICE between two steps, where a
 * snapshot can be taken.  A node of the search is such a point: its
 * snapshot, the goroutines that may run there (sim_enabled), which of them
 * are still to be tried, and its sleep set.  A transition is what one
 * chosen goroutine does until the next choice point; an observer records
 * what it touched (its footprint), which decides what commutes.
 *
 * A select's poll order is drawn inside a transition (sim_randn): the
 * first time a goroutine's transition runs from a node its draws take the
 * Sim's own values; the node then counts through every other combination
 * (an odometer over the draws, forced by queueing CHOICE_RANDs in
 * S->replay, which SCHED_MANUAL consumes) before the next goroutine.
 *
 * Sleep sets: once goroutine u's transitions from a node are explored, u
 * sleeps in the later siblings' subtrees until something that conflicts
 * with u's footprint runs; a sleeping goroutine is not chosen.  A
 * transition whose effect the observer cannot see whole (it ends the
 * program, moves the virtual clock or arms a timer) conflicts with all.
 *
 * State hashing: a choice point whose state (sim_hash, and the stdout
 * printed so far) was reached before is skipped when that visit could
 * explore at least as much -- as many preemptions left, and no goroutine
 * asleep then that is awake now -- since the same state with the same
 * choices left leads to the same outcomes. */
#include "explore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "observe.h"
#include "sched.h"
#include "snapshot.h"

enum { MAX_CAND = 64, MAX_DRAWS = 16 };

/* ---- footprints ------------------------------------------------------------- */

typedef struct Touch { uint8_t okind, write; int32_t obj, n; } Touch;
typedef struct Footprint {
    Touch *t;
    int32_t n, cap;
    bool all;  /* conflicts with everything */
} Footprint;

static void fp_clear(Footprint *f) {
    f->n = 0;
    f->all = false;
}

static void fp_add(Footprint *f, int okind, int32_t obj, int32_t n, bool write) {
    for (int32_t i = 0; i < f->n; i++) {
        Touch *t = &f->t[i];
        if (t->okind == okind && t->obj == obj && t->n == n) {
            t->write |= write;
            return;
        }
    }
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->t = realloc(f->t, sizeof *f->t * (size_t)f->cap);
        if (!f->t) abort();
    }
    f->t[f->n++] = (Touch){(uint8_t)okind, write, obj, n};
}

static void fp_copy(Footprint *dst, const Footprint *src) {
    fp_clear(dst);
    for (int32_t i = 0; i < src->n; i++) fp_add(dst, src->t[i].okind, src->t[i].obj, src->t[i].n, src->t[i].write);
    dst->all = src->all;
}

static void fp_merge(Footprint *dst, const Footprint *src) {
    for (int32_t i = 0; i < src->n; i++) fp_add(dst, src->t[i].okind, src->t[i].obj, src->t[i].n, src->t[i].write);
    dst->all |= src->all;
}

static bool touches_conflict(const Touch *a, const Touch *b) {
    if (a->okind == OBJ_CELL || b->okind == OBJ_CELL) {
        if (a->okind != b->okind) return false;
        bool overlap = a->obj < b->obj + b->n && b->obj < a->obj + a->n;
        return overlap && (a->write || b->write);
    }
    return a->okind == b->okind && a->obj == b->obj; /* a channel (and its slots), a lock, stdout */
}

static bool fp_conflict(const Footprint *a, const Footprint *b) {
    if (a->all || b->all) return true;
    for (int32_t i = 0; i < a->n; i++)
        for (int32_t j = 0; j < b->n; j++)
            if (touches_conflict(&a->t[i], &b->t[j])) return true;
    return false;
}

typedef struct Search Search;

/* ---- the search's nodes ----------------------------------------------------- */

typedef struct Sleeper { GoId g; Footprint fp; } Sleeper;

typedef struct Node {
    Snapshot *snap;            /* its buffers, kept for the next node at this depth */
    bool has_snap;             /* snap holds this point (taken only when it will be come back to) */
    size_t outlen;             /* stdout printed before this point */
    int preempts, departs;     /* along the path to it */
    GoId cand[MAX_CAND];
    int ncand, next;           /* cand[next] is the one being explored */
    bool at_preempt;
    GoId cur, go_pick;         /* the running goroutine (preemption point); Go's own choice */
    /* the draws of cand[next]'s transition: values being tried, their
     * bounds, and for the odometer the value the first run drew and how far
     * past it (mod the bound) the value being tried is */
    int32_t rv[MAX_DRAWS], rb[MAX_DRAWS], r0[MAX_DRAWS], ro[MAX_DRAWS];
    int nr;
    bool fresh;                /* S is at this point now (just opened): the first run needs no restore */
    Footprint fp;              /* cand[next]'s footprint, merged over its draws */
    void *watched;             /* the watcher's state here */
    int32_t nchoices;          /* S->choices.len here (for a re-run from the start) */
    Sleeper *sleep;            /* goroutines asleep here */
    int nsleep, capsleep;
} Node;

/* Visited choice points, by state hash: the preemptions they had left and
 * their sleep set (as a mask of goroutine ids below 64). */
typedef struct Seen { uint64_t key, sleep; int32_t left; bool used; } Seen;
enum { SEEN_MAX = 1 << 21 };

struct Search {
    Footprint cur;             /* the transition running now */
    Sim *S;
    const ExploreOptions *o;
    ExploreResult *r;
    const ExploreWatcher *w;
    void *root_watched;        /* the watcher's state at the root */
    Observer obs;
    char *out;                 /* stdout of the run so far */
    size_t outlen, outcap;
    Node *nodes;
    int depth, capnodes;
    int bound;
    bool cut;                  /* a choice was skipped for the bound */
    bool stop;                 /* out of budget */
    clock_t t0;
    double budget;
    uint64_t step0;            /* S->steps at the root */
    Seen *seen;                /* open addressing, cap a power of two */
    int32_t nseen, capseen;
    int64_t skipped;           /* choice points skipped as seen */
    VEC(Choice) path;          /* a re-run's choices */
};

static void watch_event(Search *s, Sim *S, const ObsEvent *e) {
    if (s->w && s->w->observer) s->w->observer->event(s->w->observer->ctx, S, e);
}

/* What the observer sees, folded into the current transition's footprint
 * (and passed on to the watcher). */
static void on_event(void *ctx, Sim *S, const ObsEvent *e) {
    Search *s = ctx;
    watch_event(s, S, e);
    Footprint *f = &s->cur;
    switch (e->kind) {
    case OBS_READ: fp_add(f, OBJ_CELL, e->obj, e->aux > 0 ? e->aux : 1, false); break;
    case OBS_WRITE: fp_add(f, OBJ_CELL, e->obj, e->aux > 0 ? e->aux : 1, true); break;
    case OBS_GO: break; /* the new goroutine's steps come after: nothing to commute with */
    default:
        /* Touches and the race annotations all name the object operated on;
         * a buffer slot counts as its channel. */
        fp_add(f, e->okind == OBJ_SLOT ? OBJ_CHAN : e->okind, e->obj, 1, true);
        break;
    }
}

/* The node's sleep set as a mask; false if a sleeper's id does not fit. */
static bool sleep_mask(const Node *nd, uint64_t *m) {
    *m = 0;
    for (int i = 0; i < nd->nsleep; i++) {
        if (nd->sleep[i].g <= 0 || nd->sleep[i].g > 64) return false;
        *m |= 1ULL << (nd->sleep[i].g - 1);
    }
    return true;
}

/* Has a visit of this state already covered what nd would explore?  If
 * not, nd is remembered as its visit. */
static bool seen_before(Search *s, const Node *nd) {
    uint64_t mask;
    if (s->o->no_sleep_sets || !sleep_mask(nd, &mask)) return false;
    uint64_t key = sim_hash(s->S) ^ sim_hash_bytes(0x51ED27, s->out, s->outlen);
    if (s->w && s->w->hash) key ^= s->w->hash(s->w->ctx) * 0x9E3779B97F4A7C15ULL;
    int32_t left = s->bound - nd->preempts;
    if (s->nseen * 2 >= s->capseen && s->capseen < SEEN_MAX) {
        int32_t old = s->capseen;
        Seen *was = s->seen;
        s->capseen = old ? 2 * old : 1 << 12;
        s->seen = calloc((size_t)s->capseen, sizeof *s->seen);
        if (!s->seen) abort();
        for (int32_t i = 0; i < old; i++) {
            if (!was[i].used) continue;
            uint32_t k = (uint32_t)(was[i].key >> 32) & (uint32_t)(s->capseen - 1);
            while (s->seen[k].used) k = (k + 1) & (uint32_t)(s->capseen - 1);
            s->seen[k] = was[i];
        }
        free(was);
    }
    uint32_t k = (uint32_t)(key >> 32) & (uint32_t)(s->capseen - 1);
    uint32_t probes = 0;
    while (s->seen[k].used && s->seen[k].key != key && probes++ < (uint32_t)s->capseen)
        k = (k + 1) & (uint32_t)(s->capseen - 1);
    Seen *e = &s->seen[k];
    if (e->used && e->key == key) {
        if (e->left >= left && (e->sleep & ~mask) == 0) {
            s->skipped++;
            return true;
        }
        /* This visit explores more: it is the one to compare with from now on. */
        e->left = left > e->left ? left : e->left;
        e->sleep &= mask;
        return false;
    }
    if (!e->used && s->nseen * 2 < s->capseen) { /* full: look up only */
        *e = (Seen){key, mask, left, true};
        s->nseen++;
    }
    return false;
}

static double elapsed(const Search *s) { return (double)(clock() - s->t0) / CLOCKS_PER_SEC; }

static void out_append(Search *s, const char *p, size_t n) {
    if (s->outlen + n + 1 > s->outcap) {
        s->outcap = (s->outlen + n + 1) * 2;
        s->out = realloc(s->out, s->outcap);
        if (!s->out) abort();
    }
    memcpy(s->out + s->outlen, p, n);
    s->outlen += n;
    s->out[s->outlen] = '\0';
}

static void sleep_add(Node *nd, GoId g, const Footprint *fp) {
    if (nd->nsleep == nd->capsleep) {
        nd->capsleep = nd->capsleep ? 2 * nd->capsleep : 4;
        nd->sleep = realloc(nd->sleep, sizeof *nd->sleep * (size_t)nd->capsleep);
        if (!nd->sleep) abort();
        for (int i = nd->nsleep; i < nd->capsleep; i++) nd->sleep[i] = (Sleeper){0};
    }
    Sleeper *z = &nd->sleep[nd->nsleep++];
    z->g = g;
    fp_copy(&z->fp, fp);
}

static bool asleep(const Node *nd, GoId g) {
    for (int i = 0; i < nd->nsleep; i++)
        if (nd->sleep[i].g == g) return true;
    return false;
}

/* Done with nd (its snapshot stays, for the next node at its depth to retake). */
static void node_release(Search *s, Node *nd) {
    if (nd->watched) s->w->drop(nd->watched);
    nd->watched = NULL;
    nd->nsleep = 0;
}

/* ---- outcomes ---------------------------------------------------------------- */

void explore_stderr_line(const Sim *S, char *out, int cap) {
    out[0] = '\0';
    if (S->state == SIM_PANICKED) snprintf(out, (size_t)cap, "panic: %s", S->message);
    else if (S->state == SIM_FATAL && strcmp(S->message, "stack overflow") == 0)
        snprintf(out, (size_t)cap, "runtime: goroutine stack exceeds 1000000000-byte limit");
    else if (S->state == SIM_FATAL) snprintf(out, (size_t)cap, "fatal error: %s", S->message);
    else if (S->state == SIM_STEP_LIMIT) snprintf(out, (size_t)cap, "hchanviz: stopped at the step limit");
    char *nl = strchr(out, '\n');
    if (nl) *nl = '\0';
}

static char *dupn(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) abort();
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static int32_t count_outcome(Search *s, int preempts, int departs);

/* A complete run ended: count its outcome, keep its witness if it is the
 * smallest, tell the watcher. */
static void record_outcome(Search *s, int preempts, int departs) {
    int32_t i = count_outcome(s, preempts, departs);
    if (s->w && s->w->run_ended) s->w->run_ended(s->w->ctx, s->S, i);
}

/* The index of the run's outcome (new or known), counted. */
static int32_t count_outcome(Search *s, int preempts, int departs) {
    const Sim *S = s->S;
    ExploreResult *r = s->r;
    char err[300];
    explore_stderr_line(S, err, sizeof err);
    int exit = S->state == SIM_EXITED ? 0 : S->state == SIM_STEP_LIMIT ? 3 : 2;
    char leaks[512] = "";
    size_t ln = 0;
    if (S->state == SIM_EXITED) {
        for (int32_t i = 0; i < S->gs.len; i++) {
            int w = S->gs.items[i].exit_wait;
            if (w == WR_NONE || w == WR_SLEEP) continue; /* a sleeper would have woken */
            int k = snprintf(leaks + ln, sizeof leaks - ln, "%sG%d %s", ln ? ", " : "", S->gs.items[i].id,
                             wait_reason_string(w));
            if (k > 0 && ln + (size_t)k < sizeof leaks) ln += (size_t)k;
        }
    }
    r->executions++;
    for (int32_t i = 0; i < r->n; i++) {
        ExploreOutcome *oc = &r->outcomes[i];
        if (oc->exit != exit || oc->outlen != s->outlen || (s->outlen && memcmp(oc->out, s->out, s->outlen) != 0) ||
            strcmp(oc->err, err) != 0)
            continue;
        oc->count++;
        if (preempts < oc->preemptions || (preempts == oc->preemptions && departs < oc->departures)) {
            free(oc->witness);
            oc->nwitness = S->choices.len;
            oc->witness = malloc(sizeof(Choice) * (size_t)(oc->nwitness ? oc->nwitness : 1));
            if (!oc->witness) abort();
            if (oc->nwitness) memcpy(oc->witness, S->choices.items, sizeof(Choice) * (size_t)oc->nwitness);
            oc->preemptions = preempts;
            oc->departures = departs;
        }
        if (!oc->leak && ln) { /* the same output, but this run also leaves goroutines blocked */
            oc->leak = true;
            free(oc->leaks);
            oc->leaks = dupn(leaks, ln);
        }
        return i;
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->outcomes = realloc(r->outcomes, sizeof *r->outcomes * (size_t)r->cap);
        if (!r->outcomes) abort();
    }
    ExploreOutcome *oc = &r->outcomes[r->n++];
    memset(oc, 0, sizeof *oc);
    oc->out = dupn(s->out ? s->out : "", s->outlen);
    oc->outlen = s->outlen;
    oc->err = dupn(err, strlen(err));
    oc->exit = exit;
    oc->kind = S->state == SIM_EXITED ? OUTCOME_EXIT : S->state == SIM_PANICKED ? OUTCOME_PANIC
             : S->state == SIM_FATAL ? OUTCOME_FATAL : OUTCOME_STEP_LIMIT;
    oc->deadlock = S->state == SIM_FATAL && strstr(S->message, "deadlock") != NULL;
    oc->leak = ln > 0;
    oc->leaks = dupn(leaks, ln);
    oc->count = 1;
    oc->nwitness = S->choices.len;
    oc->witness = malloc(sizeof(Choice) * (size_t)(oc->nwitness ? oc->nwitness : 1));
    if (!oc->witness) abort();
    if (oc->nwitness) memcpy(oc->witness, S->choices.items, sizeof(Choice) * (size_t)oc->nwitness);
    oc->preemptions = preempts;
    oc->departures = departs;
    oc->found_at = elapsed(s);
    return r->n - 1;
}

/* ---- running -------------------------------------------------------------------- */

/* Steps until the next choice point or the end; true at a choice point. */
static bool run_to_choice(Search *s) {
    Sim *S = s->S;
    for (;;) {
        int64_t now = S->now;
        int32_t timers = S->timers.len;
        int st = sim_step(S);
        if (S->output.len) out_append(s, S->output.items, (size_t)S->output.len);
        if (S->now != now || S->timers.len != timers) s->cur.all = true; /* the clock: not modelled as an object */
        if (st == SIM_NEED_CHOICE) return true;
        if (st != SIM_RUNNING) {
            s->cur.all = true; /* the end of the program disables everyone */
            return false;
        }
    }
}

static Node *push_node(Search *s) {
    if (s->depth == s->capnodes) {
        int old = s->capnodes;
        s->capnodes = s->capnodes ? 2 * s->capnodes : 64;
        s->nodes = realloc(s->nodes, sizeof *s->nodes * (size_t)s->capnodes);
        if (!s->nodes) abort();
        memset(s->nodes + old, 0, sizeof *s->nodes * (size_t)(s->capnodes - old));
    }
    Node *nd = &s->nodes[s->depth++];
    Footprint keep = nd->fp;
    Sleeper *ks = nd->sleep;
    int kc = nd->capsleep;
    Snapshot *snap = nd->snap;
    memset(nd, 0, sizeof *nd);
    nd->snap = snap;
    nd->fp = keep;
    fp_clear(&nd->fp);
    nd->sleep = ks;
    nd->capsleep = kc;
    return nd;
}

/* Fills a node for the choice point S is at. */
static void open_node(Search *s, Node *nd, int preempts, int departs) {
    Sim *S = s->S;
    nd->has_snap = false;
    nd->watched = NULL;
    nd->nchoices = S->choices.len;
    nd->outlen = s->outlen;
    nd->preempts = preempts;
    nd->departs = departs;
    nd->at_preempt = S->at_preempt && S->curg != 0;
    nd->cur = nd->at_preempt ? S->curg : 0;
    nd->go_pick = nd->at_preempt ? S->curg : sched_peek(S);
    nd->ncand = sim_enabled(S, nd->cand, MAX_CAND);
    if (nd->ncand > MAX_CAND) nd->ncand = MAX_CAND;
    /* Go's own choice first: the first run is Go's GOMAXPROCS=1 schedule. */
    for (int i = 1; i < nd->ncand; i++)
        if (nd->cand[i] == nd->go_pick) {
            GoId t = nd->cand[0];
            nd->cand[0] = nd->cand[i];
            nd->cand[i] = t;
        }
    nd->next = 0;
    nd->nr = 0;
    nd->fresh = true;
}

/* The cost of choosing g at nd: a preemption, a departure from Go's choice. */
static int cost_preempt(const Node *nd, GoId g) { return nd->at_preempt && g != nd->cur; }
static int cost_depart(const Node *nd, GoId g) { return g != nd->go_pick; }

/* Snapshots nd (S is at it, its sleep set complete) if the search will come
 * back to it: when more than one goroutine can be tried there.  Most points
 * have one (the others asleep or past the bound); the rare return to one of
 * those, for another draw of a select's poll order, re-runs from the root. */
static void node_keep(Search *s, Node *nd) {
    int viable = 0;
    for (int i = 0; i < nd->ncand && viable < 2; i++)
        if ((s->o->no_sleep_sets || !asleep(nd, nd->cand[i])) && nd->preempts + cost_preempt(nd, nd->cand[i]) <= s->bound)
            viable++;
    if (viable < 2 || s->o->rerun) return;
    if (nd->snap) snapshot_retake(nd->snap, s->S);
    else nd->snap = snapshot_take(s->S);
    nd->has_snap = true;
    if (s->w) nd->watched = s->w->save(s->w->ctx);
}

/* Advances nd to the next goroutine that can be tried (not asleep, within
 * the bound); false when none is left. */
static bool next_candidate(Search *s, Node *nd) {
    for (; nd->next < nd->ncand; nd->next++) {
        GoId g = nd->cand[nd->next];
        if (!s->o->no_sleep_sets && asleep(nd, g)) continue;
        if (nd->preempts + cost_preempt(nd, g) > s->bound) {
            s->cut = true;
            continue;
        }
        return true;
    }
    return false;
}

/* The draws a transition made (S->choices from c0): the first nd->nr were
 * forced by the odometer and keep their count; the rest are fresh, the
 * first value of their count. */
static void take_draws(Node *nd, const Sim *S, int32_t c0) {
    int k = 0, forced = nd->nr;
    for (int32_t i = c0; i < S->choices.len && k < MAX_DRAWS; i++) {
        if (S->choices.items[i].kind != CHOICE_RAND) continue;
        nd->rv[k] = S->choices.items[i].value;
        nd->rb[k] = S->choices.items[i].bound;
        if (k >= forced) {
            nd->r0[k] = nd->rv[k];
            nd->ro[k] = 0;
        }
        k++;
    }
    nd->nr = k;
}

/* Goes back to the root's state (the Sim and the watcher's). */
static void restore_root(Search *s, const Snapshot *root) {
    snapshot_restore(s->S, root);
    if (s->w) s->w->restore(s->w->ctx, s->root_watched);
    s->outlen = 0;
}

/* Reaches nd's state by running again with the choices that led to it:
 * from the nearest point above it that kept a snapshot, or from the root
 * (always, for the --rerun reference). */
static void rerun_to(Search *s, Node *nd, const Snapshot *root) {
    Sim *S = s->S;
    int32_t from = 0;
    const Node *base = NULL;
    for (Node *up = nd - 1; up >= s->nodes && !s->o->rerun; up--)
        if (up->has_snap) {
            base = up;
            break;
        }
    s->path.len = 0;
    for (int32_t i = 0; i < nd->nchoices; i++) VEC_PUSH(s->path, S->choices.items[i]);
    if (base) {
        snapshot_restore(S, base->snap);
        if (s->w) s->w->restore(s->w->ctx, base->watched);
        s->outlen = base->outlen;
        from = base->nchoices;
        if (S->state == SIM_NEED_CHOICE) S->state = SIM_RUNNING; /* the replay makes base's choice */
    } else {
        restore_root(s, root);
        S->choices.len = 0;
    }
    S->replay.len = 0;
    for (int32_t i = from; i < s->path.len; i++) VEC_PUSH(S->replay, s->path.items[i]);
    S->replay_pos = 0;
    S->policy = SCHED_REPLAY;
    while (S->replay_pos < S->replay.len && sim_step(S) == SIM_RUNNING)
        if (S->output.len) out_append(s, S->output.items, (size_t)S->output.len);
    S->policy = SCHED_MANUAL;
    run_to_choice(s); /* the rest of the last transition, to nd's choice point */
}

/* Restores nd's state and runs its current candidate with the draws in nd->rv. */
static bool run_candidate(Search *s, Node *nd, const Snapshot *root) {
    Sim *S = s->S;
    if (nd->fresh) {
        nd->fresh = false; /* already there */
    } else if (!nd->has_snap) {
        rerun_to(s, nd, root);
    } else {
        snapshot_restore(S, nd->snap);
        if (s->w) s->w->restore(s->w->ctx, nd->watched);
    }
    s->outlen = nd->outlen;
    S->replay.len = 0;
    S->replay_pos = 0;
    for (int i = 0; i < nd->nr; i++) VEC_PUSH(S->replay, ((Choice){CHOICE_RAND, nd->rv[i], nd->rb[i]}));
    int32_t c0 = S->choices.len;
    sim_choose(S, nd->cand[nd->next]);
    fp_clear(&s->cur);
    bool more = run_to_choice(s);
    take_draws(nd, S, c0);
    fp_merge(&nd->fp, &s->cur);
    s->r->transitions++;
    return more;
}

/* The next combination of draws of nd's candidate; false when all are
 * done.  Each draw counts from the value the first run drew through the
 * others (mod its bound), so the first run is Go's own. */
static bool next_draws(Node *nd) {
    for (int i = nd->nr - 1; i >= 0; i--) {
        if (nd->ro[i] + 1 < nd->rb[i]) {
            nd->ro[i]++;
            nd->rv[i] = (nd->r0[i] + nd->ro[i]) % nd->rb[i];
            nd->nr = i + 1; /* the draws after it come fresh from the new path */
            return true;
        }
    }
    return false;
}

static bool over_budget(Search *s) {
    if (s->stop) return true;
    if (s->o->max_executions > 0 && s->r->executions >= s->o->max_executions) s->stop = true;
    else if ((s->r->transitions & 255) == 0 && elapsed(s) > s->budget) s->stop = true;
    return s->stop;
}

static void dfs_from_first(Search *s, const Snapshot *root);

/* One depth-first search under s->bound from the root snapshot.  Draws
 * made before the first choice point (a select's poll order while only
 * main runs) are counted through like a node's: every combination of
 * them starts a search of its own. */
static void dfs(Search *s, const Snapshot *root) {
    Sim *S = s->S;
    Node top;
    top.nr = 0;
    for (;;) {
        restore_root(s, root);
        s->depth = 0;
        S->choices.len = 0;
        S->replay.len = 0;
        S->replay_pos = 0;
        for (int i = 0; i < top.nr; i++) VEC_PUSH(S->replay, ((Choice){CHOICE_RAND, top.rv[i], top.rb[i]}));
        fp_clear(&s->cur);
        bool more = run_to_choice(s);
        take_draws(&top, S, 0);
        bool redo = next_draws(&top);
        if (more) dfs_from_first(s, root);
        else record_outcome(s, 0, 0);
        if (!redo || over_budget(s)) break;
    }
}

/* The search from the first choice point, where S is. */
static void dfs_from_first(Search *s, const Snapshot *root) {
    open_node(s, push_node(s), 0, 0);
    node_keep(s, &s->nodes[0]);
    while (s->depth > 0 && !over_budget(s)) {
        Node *nd = &s->nodes[s->depth - 1];
        if (nd->next >= nd->ncand || !next_candidate(s, nd)) {
            node_release(s, nd);
            s->depth--;
            continue;
        }
        GoId g = nd->cand[nd->next];
        bool more = run_candidate(s, nd, root);
        int preempts = nd->preempts + cost_preempt(nd, g), departs = nd->departs + cost_depart(nd, g);
        /* Before going down: move on in this node for when we come back. */
        bool redo = next_draws(nd);
        if (!more) {
            record_outcome(s, preempts, departs);
        } else {
            /* The child's sleep set: what sleeps here and the siblings done, minus what conflicts with g's step. */
            Node *parent = nd;
            int pi = s->depth - 1;
            Node *child = push_node(s);
            parent = &s->nodes[pi]; /* push may have moved the nodes */
            open_node(s, child, preempts, departs);
            if (!s->o->no_sleep_sets) {
                for (int i = 0; i < parent->nsleep; i++)
                    if (!fp_conflict(&parent->sleep[i].fp, &s->cur)) sleep_add(child, parent->sleep[i].g, &parent->sleep[i].fp);
            }
            if (seen_before(s, child)) { /* its subtree is explored already */
                node_release(s, child);
                s->depth--;
            } else {
                node_keep(s, child);
            }
            nd = &s->nodes[pi];
        }
        if (!redo) {
            /* Every draw of g done: g sleeps for the siblings still to come. */
            if (!s->o->no_sleep_sets) sleep_add(nd, g, &nd->fp);
            fp_clear(&nd->fp);
            nd->nr = 0;
            nd->next++;
        }
    }
    while (s->depth > 0) node_release(s, &s->nodes[--s->depth]);
}

static void random_runs(Search *s, const Snapshot *root) {
    Sim *S = s->S;
    for (int64_t seed = 1; seed <= s->o->random && !over_budget(s); seed++) {
        restore_root(s, root);
        S->choices.len = 0;
        S->policy = SCHED_RANDOM;
        S->rng = (uint64_t)seed * 0x9E3779B97F4A7C15ULL;
        int preempts = 0, departs = 0;
        for (;;) {
            GoId before = S->at_preempt ? S->curg : 0, go_pick = S->curg ? (S->at_preempt ? S->curg : 0) : sched_peek(S);
            int st = sim_step(S);
            if (S->output.len) out_append(s, S->output.items, (size_t)S->output.len);
            if (before && S->curg != before && S->curg) preempts++;
            if (go_pick && S->curg && S->curg != go_pick) departs++;
            s->r->transitions++;
            if (st != SIM_RUNNING) break;
        }
        record_outcome(s, preempts, departs);
    }
    s->r->exhaustive = false;
    s->r->bound = -1;
}

/* PCT, Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi,
 * Nagarakatte, ASPLOS 2010), as Shuttle runs it: every goroutine gets a
 * random priority above d when it is first seen; d - 1 change points are
 * drawn among the k choice points of a run (k: the longest run so far);
 * at each choice point the highest-priority goroutine that may run runs,
 * and at the i-th change point the one that ran last drops to priority
 * d - i.  A select's poll order draws from the run's own generator. */
static uint64_t pct_next(uint64_t *x) {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void pct_runs(Search *s, const Snapshot *root) {
    Sim *S = s->S;
    int d = s->o->pct_depth > 0 ? s->o->pct_depth : 3;
    int64_t k = 1; /* choice points of the longest run so far */
    VEC(int64_t) prio = {0}; /* prio.items[g]; 0: not yet seen */
    int64_t change[64];
    if (d > 64) d = 64;
    for (int64_t seed = 1; seed <= s->o->pct && !over_budget(s); seed++) {
        uint64_t x = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 1;
        restore_root(s, root);
        S->choices.len = 0;
        S->policy = SCHED_MANUAL;
        S->rng = pct_next(&x);
        prio.len = 0;
        for (int i = 0; i < d - 1; i++) change[i] = 1 + (int64_t)(pct_next(&x) % (uint64_t)k);
        int64_t points = 0;
        int preempts = 0, departs = 0;
        GoId last = 0;
        bool more = run_to_choice(s);
        while (more) {
            points++;
            GoId cand[MAX_CAND];
            int n = sim_enabled(S, cand, MAX_CAND);
            if (n > MAX_CAND) n = MAX_CAND;
            for (int i = 0; i < n; i++) {
                while (prio.len <= cand[i]) VEC_PUSH(prio, 0);
                if (prio.items[cand[i]] == 0) prio.items[cand[i]] = d + 1 + (int64_t)(pct_next(&x) % 1000000007u);
            }
            for (int i = 0; i < d - 1; i++)
                if (change[i] == points && last > 0 && last < prio.len) prio.items[last] = d - 1 - i;
            GoId g = cand[0];
            for (int i = 1; i < n; i++)
                if (prio.items[cand[i]] > prio.items[g] || (prio.items[cand[i]] == prio.items[g] && cand[i] < g))
                    g = cand[i];
            bool at_preempt = S->at_preempt && S->curg != 0;
            GoId go_pick = at_preempt ? S->curg : sched_peek(S);
            if (at_preempt && g != S->curg) preempts++;
            if (g != go_pick) departs++;
            sim_choose(S, g);
            last = g;
            fp_clear(&s->cur);
            more = run_to_choice(s);
            s->r->transitions++;
        }
        if (points > k) k = points;
        record_outcome(s, preempts, departs);
    }
    VEC_FREE(prio);
    s->r->exhaustive = false;
    s->r->bound = -1;
}

bool explore_run(Sim *S, const ExploreOptions *o, ExploreResult *r) {
    memset(r, 0, sizeof *r);
    if (S->state != SIM_RUNNING) return false;
    Search s = {0};
    s.S = S;
    s.o = o;
    s.r = r;
    s.w = o->watch;
    s.t0 = clock();
    s.budget = o->seconds > 0 ? o->seconds : 10.0;
    s.obs = (Observer){on_event, &s};
    const Observer *outer = S->observer;
    sim_set_observer(S, &s.obs);
    S->preemptive = true;
    S->logging = false;
    S->batch = false;
    s.step0 = S->steps;
    S->replay.len = 0; /* a lesson's pinned schedule is not the explorer's */
    S->replay_pos = 0;
    S->max_steps = S->steps + (o->max_steps ? o->max_steps : 100000);
    Snapshot *root;
    if (s.w) s.root_watched = s.w->save(s.w->ctx);
    if (o->random > 0) {
        root = snapshot_take(S);
        random_runs(&s, root);
    } else if (o->pct > 0) {
        S->policy = SCHED_MANUAL;
        root = snapshot_take(S);
        pct_runs(&s, root);
    } else {
        S->policy = SCHED_MANUAL;
        root = snapshot_take(S);
        int from = o->preemptions >= 0 ? o->preemptions : 0;
        for (s.bound = from;; s.bound++) {
            s.cut = false;
            s.nseen = 0;
            if (s.seen) memset(s.seen, 0, sizeof *s.seen * (size_t)s.capseen);
            int64_t *before = calloc((size_t)r->n + 1, sizeof *before);
            if (!before) abort();
            for (int32_t i = 0; i < r->n; i++) before[i] = r->outcomes[i].count, r->outcomes[i].count = 0;
            int32_t known = r->n;
            dfs(&s, root);
            /* Counted again under the new bound; a search cut short keeps the fuller counts of the last. */
            for (int32_t i = 0; i < known && s.stop; i++)
                if (before[i] > r->outcomes[i].count) r->outcomes[i].count = before[i];
            free(before);
            r->bound = s.bound;
            if (s.stop) break;
            if (!s.cut) {
                r->exhaustive = true;
                break;
            }
            if (o->preemptions >= 0) break;
        }
    }
    r->timed_out = s.stop;
    r->seconds = elapsed(&s);
    snapshot_free(root);
    if (s.w) s.w->drop(s.root_watched);
    VEC_FREE(s.path);
    sim_set_observer(S, outer);
    for (int i = 0; i < s.capnodes; i++) {
        snapshot_free(s.nodes[i].snap);
        free(s.nodes[i].fp.t);
        for (int k = 0; k < s.nodes[i].capsleep; k++) free(s.nodes[i].sleep[k].fp.t);
        free(s.nodes[i].sleep);
    }
    free(s.nodes);
    free(s.seen);
    r->skipped = s.skipped;
    free(s.cur.t);
    free(s.out);
    return true;
}

void explore_result_free(ExploreResult *r) {
    for (int32_t i = 0; i < r->n; i++) {
        free(r->outcomes[i].out);
        free(r->outcomes[i].err);
        free(r->outcomes[i].leaks);
        free(r->outcomes[i].witness);
    }
    free(r->outcomes);
    memset(r, 0, sizeof *r);
}
