/* perfetto.c: Chrome trace-event JSON of a run (see perfetto.h). */
#include "perfetto.h"

#include <string.h>

struct PfG {
    int32_t state;     /* 0 none (not yet created, or dead), 1 running, 2 runnable, 3 + WaitReason */
    int32_t after;     /* the same, as the last step left it (what it is during the next one) */
    uint64_t start;    /* when the current span began (step index - 1) */
    bool named;        /* thread_name written */
    bool wake;         /* a value (or a close) is on its way to this parked goroutine */
    double wake_ts;
    GoId wake_from;
    const char *wake_what;
    double park_ts;    /* middle of the step in which it last parked */
};

struct PfSlot {
    bool set;          /* a sent value waits in this slot */
    double ts;
    GoId g;
};

enum { FLUSH_AT = 1 << 16 };

static bool flush(PerfettoWriter *w) {
    bool ok = tfile_write(&w->out, w->buf.data, w->buf.len);
    w->buf.len = 0;
    return ok;
}

static void begin_event(PerfettoWriter *w) {
    jb_raw(&w->buf, w->any ? ",\n{" : "\n{");
    w->any = true;
}

static void put_ts(FmtBuf *b, double ts) {
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.1f", ts);
    jb_raw(b, tmp);
}

bool perfetto_open(PerfettoWriter *w, const char *path, const char *program) {
    memset(w, 0, sizeof *w);
    if (!tfile_open(&w->out, path)) return false;
    jb_raw(&w->buf, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"hchanviz\",\"time\":\"1 us = 1 step\"},"
                    "\"traceEvents\":[");
    begin_event(w);
    jb_raw(&w->buf, "\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":");
    FmtBuf name = {0};
    fmt_buf_write(&name, "hchanviz ", 9);
    fmt_buf_write(&name, program ? program : "", program ? strlen(program) : 0);
    jb_str(&w->buf, name.data, name.len);
    fmt_buf_free(&name);
    jb_raw(&w->buf, "}}");
    return flush(w);
}

static PfG *pf_g(PerfettoWriter *w, GoId g) {
    while (w->gs.len < g) {
        PfG blank = {0};
        VEC_PUSH(w->gs, blank);
    }
    return &w->gs.items[g - 1];
}

static const char *state_name(int32_t st) {
    if (st == 1) return "running";
    if (st == 2) return "runnable";
    return wait_reason_string(st - 3);
}

static void end_span(PerfettoWriter *w, GoId g, PfG *p, uint64_t at) {
    if (p->state == 0) return;
    begin_event(w);
    jb_raw(&w->buf, "\"name\":");
    jb_cstr(&w->buf, state_name(p->state));
    jb_raw(&w->buf, ",\"cat\":\"state\",\"ph\":\"X\",\"pid\":1,\"tid\":");
    jb_int(&w->buf, g);
    jb_raw(&w->buf, ",\"ts\":");
    jb_int(&w->buf, (int64_t)p->start);
    jb_raw(&w->buf, ",\"dur\":");
    jb_int(&w->buf, (int64_t)(at - p->start));
    jb_char(&w->buf, '}');
}

static void name_thread(PerfettoWriter *w, const Sim *S, GoId g, PfG *p) {
    if (p->named) return;
    p->named = true;
    int32_t n = 0;
    const char *fn = strtab_get(&S->strs, S->gs.items[g - 1].fn, &n);
    FmtBuf name = {0};
    char head[24];
    snprintf(head, sizeof head, "G%d ", g);
    fmt_buf_write(&name, head, strlen(head));
    fmt_buf_write(&name, fn, (size_t)n);
    begin_event(w);
    jb_raw(&w->buf, "\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":");
    jb_int(&w->buf, g);
    jb_raw(&w->buf, ",\"args\":{\"name\":");
    jb_str(&w->buf, name.data, name.len);
    jb_raw(&w->buf, "}}");
    begin_event(w);
    jb_raw(&w->buf, "\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":");
    jb_int(&w->buf, g);
    jb_raw(&w->buf, ",\"args\":{\"sort_index\":");
    jb_int(&w->buf, g);
    jb_raw(&w->buf, "}}");
    fmt_buf_free(&name);
}

static void flow(PerfettoWriter *w, const char *what, double ts0, GoId g0, double ts1, GoId g1) {
    if (g0 <= 0 || g1 <= 0) return;
    uint64_t id = ++w->next_flow;
    for (int k = 0; k < 2; k++) {
        begin_event(w);
        jb_raw(&w->buf, "\"name\":");
        jb_cstr(&w->buf, what);
        jb_raw(&w->buf, k == 0 ? ",\"cat\":\"flow\",\"ph\":\"s\",\"bp\":\"e\",\"id\":"
                               : ",\"cat\":\"flow\",\"ph\":\"f\",\"bp\":\"e\",\"id\":");
        jb_int(&w->buf, (int64_t)id);
        jb_raw(&w->buf, ",\"pid\":1,\"tid\":");
        jb_int(&w->buf, k == 0 ? g0 : g1);
        jb_raw(&w->buf, ",\"ts\":");
        put_ts(&w->buf, k == 0 ? ts0 : ts1);
        jb_char(&w->buf, '}');
    }
}

static void instant(PerfettoWriter *w, const Sim *S, const Event *e, GoId actor, const char *verb, double ts,
                    bool with_value) {
    GoId g = actor > 0 ? actor : e->g;
    if (g <= 0) return;
    const Chan *ch = e->c > 0 && e->c <= S->chans.len ? &S->chans.items[e->c - 1] : NULL;
    int32_t n = 0;
    const char *cname = ch ? strtab_get(&S->strs, ch->name, &n) : "";
    FmtBuf name = {0};
    fmt_buf_write(&name, verb, strlen(verb));
    if (n) {
        fmt_buf_write(&name, " ", 1);
        fmt_buf_write(&name, cname, (size_t)n);
    }
    begin_event(w);
    jb_raw(&w->buf, "\"name\":");
    jb_str(&w->buf, name.data, name.len);
    jb_raw(&w->buf, ",\"cat\":\"chan\",\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":");
    jb_int(&w->buf, g);
    jb_raw(&w->buf, ",\"ts\":");
    put_ts(&w->buf, ts);
    jb_raw(&w->buf, ",\"args\":{\"path\":");
    jb_cstr(&w->buf, event_name(e->kind));
    jb_raw(&w->buf, ",\"channel\":");
    jb_int(&w->buf, e->c);
    if (with_value && e->v.kind != VK_NIL) {
        jb_raw(&w->buf, ",\"value\":");
        trace_put_value(&w->gen, S, ch ? ch->elemtype : 0, e->v, &w->buf);
    }
    jb_raw(&w->buf, "}}");
    fmt_buf_free(&name);
}

static PfSlot *slot(PerfettoWriter *w, const Sim *S, ChanId c, int32_t k) {
    if (c <= 0 || c > S->chans.len) return NULL;
    const Chan *ch = &S->chans.items[c - 1];
    if (k < 0 || (uint32_t)k >= ch->dataqsiz) return NULL;
    int32_t at = ch->buf + k;
    if (at < 0) return NULL;
    while (w->slots.len <= at) {
        PfSlot blank = {0};
        VEC_PUSH(w->slots, blank);
    }
    return &w->slots.items[at];
}

/* The value that waited in slot k of c is taken by actor now. */
static void take_slot(PerfettoWriter *w, const Sim *S, ChanId c, int32_t k, GoId actor, double now) {
    PfSlot *s = slot(w, S, c, k);
    if (!s || !s->set) return;
    s->set = false;
    flow(w, "value", s->ts, s->g, now, actor);
}

static void put_slot(PerfettoWriter *w, const Sim *S, ChanId c, int32_t k, GoId from, double ts) {
    PfSlot *s = slot(w, S, c, k);
    if (!s) return;
    *s = (PfSlot){true, ts, from};
}

static void handoff(PerfettoWriter *w, GoId to, GoId from, double ts, const char *what) {
    if (to <= 0) return;
    PfG *p = pf_g(w, to);
    p->wake = true;
    p->wake_ts = ts;
    p->wake_from = from;
    p->wake_what = what;
}

static void woke(PerfettoWriter *w, GoId g, double now) {
    if (g <= 0 || g > w->gs.len) return;
    PfG *p = &w->gs.items[g - 1];
    if (!p->wake) return;
    p->wake = false;
    flow(w, p->wake_what, p->wake_ts, p->wake_from, now, g);
}

static double park_ts(PerfettoWriter *w, GoId g, double dflt) {
    if (g <= 0 || g > w->gs.len) return dflt;
    return w->gs.items[g - 1].park_ts;
}

bool perfetto_step(PerfettoWriter *w, const Sim *S, GoId actor) {
    if (w->out.failed) return false;
    uint64_t i = ++w->step;
    double now = (double)(i - 1) + 0.5;
    /* Spans: during step i the actor runs; every other goroutine is as the
     * step before left it (what the actor does to it shows from the next step). */
    for (GoId g = 1; g <= S->gs.len; g++) {
        const Goroutine *gp = &S->gs.items[g - 1];
        PfG *p = pf_g(w, g);
        int32_t st = g == actor ? 1 : p->after;
        if (st != 0) name_thread(w, S, g, p);
        if (st != p->state) {
            end_span(w, g, p, i - 1);
            p->state = st;
            p->start = i - 1;
        }
        if (gp->status == GS_RUNNABLE) p->after = 2;
        else if (gp->status == GS_RUNNING) p->after = 1;
        else if (gp->status == GS_WAITING) p->after = 3 + gp->waitreason;
        else p->after = 0;
    }
    for (int32_t k = 0; k < S->log.len; k++) {
        const Event *e = &S->log.items[k];
        switch (e->kind) {
        case EV_CHANSEND_DIRECT:
            instant(w, S, e, actor, "send", now, true);
            handoff(w, e->a, actor, now, "value");
            break;
        case EV_SELECT_SEND:
            instant(w, S, e, actor, "send", now, true);
            handoff(w, e->b, actor, now, "value");
            break;
        case EV_CHANSEND_BUFFER:
            instant(w, S, e, actor, "send", now, true);
            put_slot(w, S, e->c, e->a, actor, now);
            break;
        case EV_SELECT_BUFSEND:
            instant(w, S, e, actor, "send", now, true);
            put_slot(w, S, e->c, e->b, actor, now);
            break;
        case EV_CHANSEND_PARK: instant(w, S, e, actor, "send (parks)", now, true); break;
        case EV_COPY_STACK_TO_SLOT:
            /* A parked sender's value moved into the buffer by a receiver (chanrecv.rotate). */
            if (e->g != actor) put_slot(w, S, e->c, e->a, e->g, park_ts(w, e->g, now));
            break;
        case EV_CHANRECV_DIRECT:
            instant(w, S, e, actor, "receive", now, false);
            flow(w, "value", park_ts(w, e->a, now), e->a, now, actor);
            break;
        case EV_SELECT_RECV:
            instant(w, S, e, actor, "receive", now, false);
            flow(w, "value", park_ts(w, e->b, now), e->b, now, actor);
            break;
        case EV_CHANRECV_ROTATE:
            instant(w, S, e, actor, "receive", now, false);
            take_slot(w, S, e->c, e->b, actor, now);
            break;
        case EV_CHANRECV_BUFFER:
            instant(w, S, e, actor, "receive", now, false);
            take_slot(w, S, e->c, e->a, actor, now);
            break;
        case EV_SELECT_BUFRECV:
            instant(w, S, e, actor, "receive", now, false);
            take_slot(w, S, e->c, e->b, actor, now);
            break;
        case EV_CHANRECV_CLOSED:
        case EV_CHANRECV_FASTCLOSED:
        case EV_SELECT_RCLOSE: instant(w, S, e, actor, "receive (closed)", now, true); break;
        case EV_CHANRECV_WAKEUP:
            instant(w, S, e, actor, "receive (woken)", now, true);
            woke(w, e->g, now);
            break;
        case EV_SELECT_WAKEUP:
        case EV_CHANSEND_WAKEUP: woke(w, e->g, now); break;
        case EV_CLOSECHAN: instant(w, S, e, actor, "close", now, false); break;
        case EV_CLOSECHAN_WAKE: handoff(w, e->g, actor, now, "close"); break;
        case EV_GOPARK:
            if (e->g > 0) pf_g(w, e->g)->park_ts = now;
            break;
        default: break;
        }
    }
    if (w->buf.len >= FLUSH_AT) return flush(w);
    return true;
}

bool perfetto_close(PerfettoWriter *w, const Sim *S) {
    (void)S;
    bool ok = !w->out.failed;
    if (ok) {
        for (GoId g = 1; g <= w->gs.len; g++) end_span(w, g, &w->gs.items[g - 1], w->step);
        jb_raw(&w->buf, "\n]}\n");
        ok = flush(w) && tfile_commit(&w->out);
    }
    if (!ok) tfile_abort(&w->out);
    fmt_buf_free(&w->buf);
    trace_gen_free(&w->gen);
    VEC_FREE(w->gs);
    VEC_FREE(w->slots);
    return ok;
}

void perfetto_abort(PerfettoWriter *w) {
    tfile_abort(&w->out);
    fmt_buf_free(&w->buf);
    trace_gen_free(&w->gen);
    VEC_FREE(w->gs);
    VEC_FREE(w->slots);
}
