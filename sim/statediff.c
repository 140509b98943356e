/* statediff.c: field-by-field comparison of two states (statediff.h). */
#include "statediff.h"

#include <stdio.h>

#include "sched.h"

typedef struct Out { StateDiff *out; int32_t max, n; } Out;

static void add(Out *o, int kind, int32_t id, int32_t field, int64_t from, int64_t to) {
    if (o->n < o->max) o->out[o->n] = (StateDiff){kind, id, field, from, to, {0}, {0}};
    o->n++;
}

static bool value_same(Value a, Value b) { return a.kind == b.kind && a.ref == b.ref && a.i == b.i; }

static int32_t queue_len(const Sim *S, WaitQ q) {
    int32_t n = 0;
    for (SudogId s = q.first; s && n <= S->sudogs.len; s = S->sudogs.items[s - 1].next) n++;
    return n;
}

/* Same sudogs, goroutines and elems, in the same order. */
static bool queue_same(const Sim *a, WaitQ qa, const Sim *b, WaitQ qb, bool send) {
    SudogId x = qa.first, y = qb.first;
    for (int32_t guard = 0; x && y && guard <= a->sudogs.len; guard++) {
        const Sudog *sx = &a->sudogs.items[x - 1], *sy = &b->sudogs.items[y - 1];
        if (x != y || sx->g != sy->g || (send && !value_same(sx->elem, sy->elem))) return false;
        x = sx->next;
        y = sy->next;
    }
    return x == 0 && y == 0;
}

static void diff_chan(Out *o, const Sim *a, const Sim *b, ChanId c) {
    const Chan *x = &a->chans.items[c - 1], *y = &b->chans.items[c - 1];
    int64_t fx[DCF__COUNT] = {x->qcount, x->dataqsiz, x->sendx, x->recvx, x->closed, x->lock};
    int64_t fy[DCF__COUNT] = {y->qcount, y->dataqsiz, y->sendx, y->recvx, y->closed, y->lock};
    for (int f = 0; f < DCF__COUNT; f++)
        if (fx[f] != fy[f]) add(o, DIFF_CHAN_FIELD, c, f, fx[f], fy[f]);
    uint32_t n = x->dataqsiz < y->dataqsiz ? x->dataqsiz : y->dataqsiz;
    for (uint32_t i = 0; i < n; i++) {
        Value vx = a->slots.items[x->buf + (int32_t)i], vy = b->slots.items[y->buf + (int32_t)i];
        if (value_same(vx, vy)) continue;
        if (o->n < o->max) {
            o->out[o->n] = (StateDiff){DIFF_SLOT, c, (int32_t)i, 0, 0, vx, vy};
        }
        o->n++;
    }
    if (!queue_same(a, x->recvq, b, y->recvq, false))
        add(o, DIFF_RECVQ, c, 0, queue_len(a, x->recvq), queue_len(b, y->recvq));
    if (!queue_same(a, x->sendq, b, y->sendq, true))
        add(o, DIFF_SENDQ, c, 0, queue_len(a, x->sendq), queue_len(b, y->sendq));
}

static bool ids_same(const GoId *x, int32_t nx, const GoId *y, int32_t ny) {
    if (nx != ny) return false;
    for (int32_t i = 0; i < nx; i++)
        if (x[i] != y[i]) return false;
    return true;
}

static bool local_same(const Sim *a, const Sim *b) {
    int32_t n = sched_local_len(a);
    if (n != sched_local_len(b)) return false;
    for (int32_t i = 0; i < n; i++)
        if (sched_local_at(a, i) != sched_local_at(b, i)) return false;
    return true;
}

int32_t statediff(const Sim *a, const Sim *b, StateDiff *out, int32_t max) {
    Out o = {out, out ? max : 0, 0};
    int32_t nc = a->chans.len < b->chans.len ? a->chans.len : b->chans.len;
    for (ChanId c = 1; c <= nc; c++) diff_chan(&o, a, b, c);
    for (ChanId c = nc + 1; c <= b->chans.len; c++) add(&o, DIFF_CHAN_NEW, c, 0, 0, 0);
    int32_t ng = a->gs.len < b->gs.len ? a->gs.len : b->gs.len;
    for (GoId g = 1; g <= ng; g++) {
        const Goroutine *x = &a->gs.items[g - 1], *y = &b->gs.items[g - 1];
        if (x->status != y->status) add(&o, DIFF_G_STATUS, g, 0, x->status, y->status);
        if (x->waitreason != y->waitreason) add(&o, DIFF_G_WAITREASON, g, 0, x->waitreason, y->waitreason);
    }
    for (GoId g = ng + 1; g <= b->gs.len; g++) add(&o, DIFF_G_NEW, g, 0, 0, 0);
    if (a->p.runnext != b->p.runnext) add(&o, DIFF_RUNNEXT, 0, 0, a->p.runnext, b->p.runnext);
    if (!local_same(a, b)) add(&o, DIFF_RUNQ, 0, 0, sched_local_len(a), sched_local_len(b));
    /* (no pointer arithmetic on an empty queue's NULL storage) */
    const GoId *ga = sched_global_len(a) ? a->globrunq.items + a->globhead : NULL;
    const GoId *gb = sched_global_len(b) ? b->globrunq.items + b->globhead : NULL;
    if (!ids_same(ga, sched_global_len(a), gb, sched_global_len(b)))
        add(&o, DIFF_GLOBRUNQ, 0, 0, sched_global_len(a), sched_global_len(b));
    if (a->p.schedtick != b->p.schedtick) add(&o, DIFF_SCHEDTICK, 0, 0, a->p.schedtick, b->p.schedtick);
    if (a->curg != b->curg) add(&o, DIFF_CURG, 0, 0, a->curg, b->curg);
    if (a->now != b->now) add(&o, DIFF_CLOCK, 0, 0, a->now, b->now);
    if (!ids_same(a->closelist.items, a->closelist.len, b->closelist.items, b->closelist.len))
        add(&o, DIFF_CLOSELIST, 0, 0, a->closelist.len, b->closelist.len);
    if (a->state != b->state) add(&o, DIFF_STATE, 0, 0, a->state, b->state);
    if (a->ngoroutines != b->ngoroutines) add(&o, DIFF_NGOROUTINES, 0, 0, a->ngoroutines, b->ngoroutines);
    return o.n;
}

static const char *const kind_names[] = {
    "new channel", "chan field", "slot", "recvq", "sendq", "new goroutine", "status", "waitreason",
    "runnext", "runq", "global runq", "schedtick", "curg", "clock", "closechan gList", "state", "ngoroutines",
};
static const char *const field_names[DCF__COUNT] = {"qcount", "dataqsiz", "sendx", "recvx", "closed", "lock"};

int statediff_str(const StateDiff *d, char *out, int cap) {
    const char *k = d->kind >= 0 && d->kind <= DIFF_NGOROUTINES ? kind_names[d->kind] : "?";
    switch (d->kind) {
    case DIFF_CHAN_FIELD:
        return snprintf(out, (size_t)cap, "chan %d %s %lld -> %lld", d->id,
                        d->field >= 0 && d->field < DCF__COUNT ? field_names[d->field] : "?", (long long)d->from,
                        (long long)d->to);
    case DIFF_SLOT:
        return snprintf(out, (size_t)cap, "chan %d buf[%d] (%d,%d,%lld) -> (%d,%d,%lld)", d->id, d->field, d->vfrom.kind,
                        d->vfrom.ref, (long long)d->vfrom.i, d->vto.kind, d->vto.ref, (long long)d->vto.i);
    default:
        return snprintf(out, (size_t)cap, "%s %d: %lld -> %lld", k, d->id, (long long)d->from, (long long)d->to);
    }
}
