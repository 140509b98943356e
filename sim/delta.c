/* delta.c: what each event changes (see delta.h and the field comments of
 * EVENT_KINDS in event.h).  Deliberately written from the events alone,
 * not by calling the model's functions: a test compares the two. */
#include "delta.h"

#include "sched.h"

static bool g_ok(const Sim *D, GoId g) { return g > 0 && g <= D->gs.len; }
static bool c_ok(const Sim *D, ChanId c) { return c > 0 && c <= D->chans.len; }

static void local_push(Sim *D, GoId g) {
    P *p = &D->p;
    if (p->runqtail - p->runqhead >= RUNQ_SIZE) return; /* full: the runqputslow event that follows moves g */
    p->runq[p->runqtail++ % RUNQ_SIZE] = g;
}

/* runqput(next=true) as the event says it happened. */
static void put_runnext(Sim *D, GoId g, GoId kicked) {
    D->p.runnext = g;
    if (kicked) local_push(D, kicked);
}

/* Takes g out of runnext, the local queue or the global queue. */
static void take_runnable(Sim *D, GoId g) {
    P *p = &D->p;
    if (p->runnext == g) {
        p->runnext = 0;
        return;
    }
    int32_t n = (int32_t)(p->runqtail - p->runqhead);
    for (int32_t i = 0; i < n; i++) {
        if (p->runq[(p->runqhead + (uint32_t)i) % RUNQ_SIZE] != g) continue;
        for (int32_t j = i; j + 1 < n; j++)
            p->runq[(p->runqhead + (uint32_t)j) % RUNQ_SIZE] = p->runq[(p->runqhead + (uint32_t)j + 1) % RUNQ_SIZE];
        p->runqtail--;
        return;
    }
    for (int32_t i = D->globhead; i < D->globrunq.len; i++) {
        if (D->globrunq.items[i] != g) continue;
        memmove(D->globrunq.items + i, D->globrunq.items + i + 1, (size_t)(D->globrunq.len - i - 1) * sizeof(GoId));
        D->globrunq.len--;
        return;
    }
}

static GoId global_pop(Sim *D) {
    if (D->globhead >= D->globrunq.len) return 0;
    GoId g = D->globrunq.items[D->globhead++];
    if (D->globhead == D->globrunq.len) D->globhead = D->globrunq.len = 0;
    return g;
}

static WaitQ *queue_of(Sim *D, ChanId c, bool send) {
    Chan *ch = sim_chan(D, c);
    return send ? &ch->sendq : &ch->recvq;
}

static Sudog *sudog_at(Sim *D, SudogId s) {
    while (D->sudogs.len < s) {
        Sudog blank = {0};
        VEC_PUSH(D->sudogs, blank);
    }
    return sim_sudog(D, s);
}

static void unlink_sudog(Sim *D, ChanId c, bool send, SudogId s) {
    if (!c_ok(D, c) || s <= 0 || s > D->sudogs.len) return;
    WaitQ *q = queue_of(D, c, send);
    Sudog *sg = sim_sudog(D, s);
    if (!sg->queued) return;
    if (sg->prev) sim_sudog(D, sg->prev)->next = sg->next;
    else q->first = sg->next;
    if (sg->next) sim_sudog(D, sg->next)->prev = sg->prev;
    else q->last = sg->prev;
    sg->next = sg->prev = 0;
    sg->queued = 0;
}

static void make_goroutine(Sim *D, GoId g, const Sim *statics) {
    while (D->gs.len < g) {
        Goroutine ng = {0};
        ng.id = D->gs.len + 1;
        if (statics && ng.id <= statics->gs.len) {
            const Goroutine *src = sim_gc(statics, ng.id);
            ng.fn = src->fn;
            ng.creator = src->creator;
            ng.creator_fn = src->creator_fn;
            ng.creator_line = src->creator_line;
        }
        ng.status = GS_RUNNABLE;
        VEC_PUSH(D->gs, ng);
        D->ngoroutines++;
    }
}

static void make_chan(Sim *D, ChanId c, int32_t size, TypeId elemtype, const Sim *statics) {
    while (D->chans.len < c) {
        Chan ch = {0};
        ChanId id = D->chans.len + 1;
        if (statics && id <= statics->chans.len) {
            const Chan *src = &statics->chans.items[id - 1];
            ch.elemtype = src->elemtype;
            ch.elemsize = src->elemsize;
            ch.zero = src->zero;
            ch.name = src->name;
            ch.line = src->line;
        }
        if (id == c) {
            ch.dataqsiz = size > 0 ? (uint32_t)size : 0;
            if (elemtype) ch.elemtype = elemtype;
        }
        ch.buf = D->slots.len;
        VEC_RESERVE(D->slots, D->slots.len + (int32_t)ch.dataqsiz);
        for (uint32_t i = 0; i < ch.dataqsiz; i++) D->slots.items[D->slots.len++] = ch.zero;
        VEC_PUSH(D->chans, ch);
    }
}

static void set_slot(Sim *D, ChanId c, int32_t i, Value v) {
    if (!c_ok(D, c)) return;
    const Chan *ch = sim_chan(D, c);
    if (i < 0 || (uint32_t)i >= ch->dataqsiz) return;
    D->slots.items[ch->buf + i] = v;
}

void delta_take_values(Sim *D, const Sim *S) {
    VEC_COPY(D->heap, S->heap);
    VEC_COPY(D->strs.bytes, S->strs.bytes);
    VEC_COPY(D->strs.spans, S->strs.spans);
}

void delta_apply(Sim *D, const Event *e, const Sim *statics) {
    GoId g = e->g;
    switch (e->kind) {
    case EV_SCHED_PICK:
        if (!g_ok(D, g)) return;
        take_runnable(D, g);
        for (int32_t i = 0; i < e->b; i++) local_push(D, global_pop(D));
        if (e->a != RUN_RUNNEXT) D->p.schedtick++;
        D->curg = g;
        sim_g(D, g)->status = GS_RUNNING;
        break;
    case EV_NEWPROC:
        make_goroutine(D, g, statics);
        put_runnext(D, g, e->b);
        break;
    case EV_GOREADY:
        if (!g_ok(D, g)) return;
        sim_g(D, g)->status = GS_RUNNABLE;
        sim_g(D, g)->waitreason = WR_NONE;
        put_runnext(D, g, e->a);
        break;
    case EV_RUNQ_OVERFLOW: {
        P *p = &D->p;
        for (int32_t i = 0; i + 1 < e->a && p->runqtail != p->runqhead; i++)
            VEC_PUSH(D->globrunq, p->runq[p->runqhead++ % RUNQ_SIZE]);
        VEC_PUSH(D->globrunq, g);
        break;
    }
    case EV_GOPARK:
        if (!g_ok(D, g)) return;
        sim_g(D, g)->status = GS_WAITING;
        sim_g(D, g)->waitreason = e->a;
        if (D->curg == g) D->curg = 0;
        break;
    case EV_GOSCHED:
    case EV_PREEMPT:
        if (!g_ok(D, g)) return;
        sim_g(D, g)->status = GS_RUNNABLE;
        VEC_PUSH(D->globrunq, g);
        if (D->curg == g) D->curg = 0;
        break;
    case EV_GOEXIT:
        if (!g_ok(D, g)) return;
        sim_g(D, g)->status = GS_DEAD;
        sim_g(D, g)->waitreason = WR_NONE;
        D->ngoroutines--;
        if (D->curg == g) D->curg = 0;
        break;
    case EV_CLOCK_ADVANCE: D->now = e->v.i; break;
    case EV_MAKECHAN: make_chan(D, e->c, e->a, e->b, statics); break;
    case EV_LOCK: if (c_ok(D, e->c)) sim_chan(D, e->c)->lock = g; break;
    case EV_UNLOCK: if (c_ok(D, e->c)) sim_chan(D, e->c)->lock = 0; break;
    case EV_COPY_STACK_TO_SLOT:
    case EV_CLEAR_SLOT: set_slot(D, e->c, e->a, e->v); break;
    case EV_COPY_STACK_TO_STACK: if (g_ok(D, e->a)) sim_g(D, e->a)->stackslot = e->v; break;
    case EV_CHAN_INDEX:
        if (!c_ok(D, e->c)) return;
        sim_chan(D, e->c)->sendx = (uint32_t)e->a;
        sim_chan(D, e->c)->recvx = (uint32_t)e->b;
        sim_chan(D, e->c)->qcount = (uint32_t)e->d;
        break;
    case EV_ENQUEUE: {
        if (!c_ok(D, e->c) || e->a <= 0) return;
        Sudog *sg = sudog_at(D, e->a);
        WaitQ *q = queue_of(D, e->c, e->b != 0);
        *sg = (Sudog){0};
        sg->g = g;
        sg->c = e->c;
        sg->elem = e->v;
        sg->is_send = e->b != 0;
        sg->prev = q->last;
        if (q->last) sim_sudog(D, q->last)->next = e->a;
        else q->first = e->a;
        q->last = e->a;
        sg->queued = 1;
        break;
    }
    case EV_DEQUEUE:
    case EV_DEQUEUE_STALE:
    case EV_DEQUEUE_SUDOG: unlink_sudog(D, e->c, e->b != 0, e->a); break;
    case EV_CLOSECHAN: if (c_ok(D, e->c)) sim_chan(D, e->c)->closed = 1; break;
    case EV_CLOSECHAN_COLLECT: VEC_PUSH(D->closelist, g); break;
    case EV_CLOSECHAN_WAKE: if (D->closelist.len > 0) D->closelist.len--; break;
    case EV_PANIC:
        D->state = SIM_PANICKED;
        D->panic_kind = e->a;
        D->crashed_g = g;
        D->curg = 0;
        break;
    case EV_FATAL:
        D->state = SIM_FATAL;
        D->crashed_g = g;
        D->curg = 0;
        break;
    case EV_EXIT:
        D->state = SIM_EXITED;
        D->curg = 0;
        for (int32_t i = 0; i < D->gs.len; i++) {
            D->gs.items[i].status = GS_DEAD;
            D->gs.items[i].waitreason = WR_NONE;
        }
        D->ngoroutines = 0;
        D->p.runnext = 0;
        D->p.runqhead = D->p.runqtail;
        D->globhead = D->globrunq.len = 0;
        break;
    default: break; /* the rest name a path or tell; they change nothing shown */
    }
}
