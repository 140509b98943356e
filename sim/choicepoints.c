/* choicepoints.c: a run's choice points and where their alternatives lead
 * (choicepoints.h).
 *
 * The run is replayed (SCHED_REPLAY) with its own choices.  Before each
 * step the goroutines that may run next are noted (sim_enabled); a step
 * whose choices begin with a pick or a preemption decision among two or
 * more of them is a choice point, and so is any draw among two or more
 * values.  An alternative is run from a snapshot of the start with the
 * choices before the point, the alternative in place of the point's
 * choice, and nothing after it: past its choices a replay goes on as Go's
 * own scheduler would (and preempts no more). */
#include "choicepoints.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore.h"
#include "snapshot.h"

typedef VEC(char) Bytes;

/* Steps S to its end, collecting stdout. */
static void run_out(Sim *S, Bytes *out) {
    int st;
    do {
        st = sim_step(S);
        for (int32_t i = 0; i < S->output.len; i++) VEC_PUSH(*out, S->output.items[i]);
    } while (st == SIM_RUNNING);
}

/* How S ended: "exit 0", or Go's first stderr line. */
static void end_of(const Sim *S, char *out, int cap) {
    explore_stderr_line(S, out, cap);
    if (!out[0]) snprintf(out, (size_t)cap, "exit %d", S->state == SIM_EXITED ? 0 : S->state == SIM_STEP_LIMIT ? 3 : 2);
}

static ChoicePoint *add_point(ChoicePoints *cp) {
    if (cp->n == cp->cap) {
        cp->cap = cp->cap ? 2 * cp->cap : 32;
        cp->items = realloc(cp->items, sizeof *cp->items * (size_t)cp->cap);
        if (!cp->items) abort();
    }
    ChoicePoint *p = &cp->items[cp->n++];
    memset(p, 0, sizeof *p);
    return p;
}

static void add_alt(ChoicePoint *p, int32_t v) {
    if (p->nalts < CHOICE_ALTS_MAX) p->alts[p->nalts++].value = v;
    else p->more++;
}

/* Runs alternative a of point p from root: where does it end? */
static void run_alt(Sim *S, const Snapshot *root, const Choice *choices, const ChoicePoint *p, ChoiceAlt *a,
                    const Bytes *own, const char *own_end, Bytes *scratch) {
    snapshot_restore(S, root);
    S->choices.len = 0;
    S->replay.len = 0;
    for (int32_t i = 0; i < p->index; i++) VEC_PUSH(S->replay, choices[i]);
    Choice alt = {p->kind, a->value, p->kind == CHOICE_RAND ? p->bound : -1};
    VEC_PUSH(S->replay, alt);
    S->replay_pos = 0;
    S->policy = SCHED_REPLAY;
    scratch->len = 0;
    run_out(S, scratch);
    a->known = S->state != SIM_REPLAY_ERROR;
    if (!a->known) {
        snprintf(a->end, sizeof a->end, "does not replay");
        return;
    }
    end_of(S, a->end, sizeof a->end);
    int32_t e = scratch->len;
    while (e > 0 && scratch->items[e - 1] == '\n') e--;
    int32_t b = e;
    while (b > 0 && scratch->items[b - 1] != '\n') b--;
    snprintf(a->last, sizeof a->last, "%.*s", (int)(e - b), scratch->items ? scratch->items + b : "");
    a->same_output = scratch->len == own->len && (own->len == 0 || memcmp(scratch->items, own->items, (size_t)own->len) == 0);
    a->same = a->same_output && strcmp(a->end, own_end) == 0;
}

bool choicepoints_find(Sim *S, const Choice *choices, int32_t n, int32_t max_points, int32_t max_eval,
                       ChoicePoints *out) {
    memset(out, 0, sizeof *out);
    if (S->state != SIM_RUNNING) return false;
    bool logging = S->logging;
    S->logging = false;
    /* A run that goes on for ever (a livelock, another choice's loop) stops. */
    if (S->max_steps - S->steps > CHOICE_RUN_STEPS) S->max_steps = S->steps + CHOICE_RUN_STEPS;
    Snapshot *root = snapshot_take(S);
    S->choices.len = 0;
    S->replay.len = 0;
    for (int32_t i = 0; i < n; i++) VEC_PUSH(S->replay, choices[i]);
    S->replay_pos = 0;
    S->policy = SCHED_REPLAY;
    Bytes own = {0}, scratch = {0};
    GoId cand[64];
    int st;
    do {
        int32_t ncand = sim_enabled(S, cand, 64);
        GoId cur = S->at_preempt ? S->curg : 0;
        uint64_t step = S->steps;
        int32_t c0 = S->choices.len;
        st = sim_step(S);
        for (int32_t i = 0; i < S->output.len; i++) VEC_PUSH(own, S->output.items[i]);
        bool decided = false; /* the step's first pick or preemption decision is the one the candidates were for */
        for (int32_t i = c0; i < S->choices.len; i++) {
            Choice c = S->choices.items[i];
            bool pick = c.kind == CHOICE_RUN || c.kind == CHOICE_PREEMPT;
            if (pick && decided) continue;
            if (pick) decided = true;
            if (pick ? ncand < 2 : !(c.kind == CHOICE_RAND && c.bound >= 2)) continue;
            if (out->n >= max_points) {
                out->truncated = true;
                continue;
            }
            ChoicePoint *p = add_point(out);
            p->step = step;
            p->index = i;
            p->kind = (uint8_t)c.kind;
            p->cur = c.kind == CHOICE_PREEMPT ? cur : 0;
            p->taken = c.value;
            p->bound = c.kind == CHOICE_RAND ? c.bound : 0;
            if (pick) {
                for (int32_t k = 0; k < ncand && k < 64; k++)
                    if (cand[k] != c.value) add_alt(p, cand[k]);
            } else {
                for (int32_t v = 0; v < c.bound; v++)
                    if (v != c.value) add_alt(p, v);
            }
        }
    } while (st == SIM_RUNNING);
    bool ok = st != SIM_REPLAY_ERROR;
    end_of(S, out->end, sizeof out->end);
    /* The run's own choices, as the walk made them (the alternatives replay a prefix of them). */
    Choice *mine = malloc(sizeof(Choice) * (size_t)(S->choices.len ? S->choices.len : 1));
    if (!mine) abort();
    if (S->choices.len) memcpy(mine, S->choices.items, sizeof(Choice) * (size_t)S->choices.len);
    uint64_t work = 0;
    for (int32_t k = 0; ok && k < out->n && k < max_eval && work < CHOICE_WORK_STEPS; k++) {
        ChoicePoint *p = &out->items[k];
        for (int32_t j = 0; j < p->nalts; j++) {
            run_alt(S, root, mine, p, &p->alts[j], &own, out->end, &scratch);
            work += S->steps;
        }
        out->evaluated = k + 1;
    }
    free(mine);
    VEC_FREE(own);
    VEC_FREE(scratch);
    snapshot_free(root);
    S->logging = logging;
    if (!ok) choicepoints_free(out);
    return ok;
}

void choicepoints_free(ChoicePoints *cp) {
    free(cp->items);
    memset(cp, 0, sizeof *cp);
}
