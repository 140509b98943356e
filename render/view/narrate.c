/* narrate.c: filling the narration templates of assets/strings/LANG.def. */
#include "narrate.h"

#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "sched.h"
#include "statediff.h"
#include "types.h"

const char *view_chan_name(const Sim *S, ChanId c, char *buf, int cap) {
    if (c <= 0 || c > S->chans.len) {
        snprintf(buf, (size_t)cap, "nil");
        return buf;
    }
    const Chan *ch = &S->chans.items[c - 1];
    int32_t n = 0;
    const char *name = ch->name ? strtab_get(&S->strs, ch->name, &n) : NULL;
    if (name && n > 0) {
        snprintf(buf, (size_t)cap, "%.*s", (int)n, name);
        /* Two channels made at assignments to the same name: tell them apart. */
        for (int32_t i = 0; i < S->chans.len; i++) {
            if (i == c - 1 || S->chans.items[i].name == 0) continue;
            int32_t m = 0;
            const char *o = strtab_get(&S->strs, S->chans.items[i].name, &m);
            if (m == n && memcmp(o, name, (size_t)n) == 0) {
                snprintf(buf, (size_t)cap, "%.*s#%d", (int)n, name, c);
                break;
            }
        }
    } else {
        snprintf(buf, (size_t)cap, "chan#%d", c);
    }
    return buf;
}

int view_value_str(const Sim *S, TypeId t, Value v, char *out, int cap) {
    if (cap <= 0) return 0;
    out[0] = '\0';
    if (v.kind == VK_CHAN) {
        char nb[48];
        if (v.ref == 0) return snprintf(out, (size_t)cap, "nil");
        return snprintf(out, (size_t)cap, "&hchan %s", view_chan_name(S, v.ref, nb, sizeof nb));
    }
    bool typed = t > 0 && t <= S->types.len;
    /* sync values by what they hold, not by their Go struct layout. */
    if (typed) {
        const Type *ty = sim_type(S, t);
        bool ptr = false;
        if (ty->kind == TY_PTR && ty->elem > 0 && ty->elem <= S->types.len) {
            int ek = sim_type(S, ty->elem)->kind;
            if ((ek == TY_WAITGROUP || ek == TY_MUTEX || ek == TY_ONCE) && v.kind == VK_PTR && v.ref > 0 && v.ref <= S->heap.len) {
                ptr = true;
                ty = sim_type(S, ty->elem);
                v = S->heap.items[v.ref - 1];
            }
        }
        if (ty->kind == TY_WAITGROUP || ty->kind == TY_MUTEX || ty->kind == TY_ONCE) {
            int id = v.kind == VK_SYNC ? v.ref : 0;
            const char *amp = ptr ? "&" : "";
            if (ty->kind == TY_WAITGROUP) {
                long long n = id > 0 && id <= S->waitgroups.len ? (long long)S->waitgroups.items[id - 1].counter : 0;
                return snprintf(out, (size_t)cap, "%sWaitGroup{counter=%lld}", amp, n);
            }
            if (ty->kind == TY_MUTEX) {
                int locked = id > 0 && id <= S->mutexes.len ? S->mutexes.items[id - 1].locked : 0;
                return snprintf(out, (size_t)cap, "%sMutex{%s}", amp, locked ? "locked" : "unlocked");
            }
            int done = id > 0 && id <= S->onces.len ? S->onces.items[id - 1].done : 0;
            return snprintf(out, (size_t)cap, "%sOnce{done=%d}", amp, done);
        }
    }
    if (typed && sim_type(S, t)->kind == TY_CHAN && v.kind == VK_NIL) return snprintf(out, (size_t)cap, "nil");
    if (v.kind == VK_STRING && (!typed || sim_type(S, sim_type(S, t)->underlying ? sim_type(S, t)->underlying : t)->kind == TY_STRING)) {
        int32_t n = 0;
        const char *p = strtab_get(&S->strs, (StrId)v.ref, &n);
        if (n > cap - 3) n = cap - 3 > 0 ? cap - 3 : 0;
        return snprintf(out, (size_t)cap, "\"%.*s\"", (int)n, p ? p : "");
    }
    if (!typed) {
        switch (v.kind) {
        case VK_INT: return snprintf(out, (size_t)cap, "%lld", (long long)v.i);
        case VK_BOOL: return snprintf(out, (size_t)cap, "%s", v.i ? "true" : "false");
        case VK_NIL: return snprintf(out, (size_t)cap, "nil");
        default: return snprintf(out, (size_t)cap, "?");
        }
    }
    int n = value_format(S, t, v, out, (size_t)cap);
    /* Control characters (a printed newline) would not draw: show them as spaces. */
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
    return n < cap ? n : cap - 1;
}

static TypeId chan_elem(const Sim *S, ChanId c) {
    if (c <= 0 || c > S->chans.len) return 0;
    return S->chans.items[c - 1].elemtype;
}

static const char *run_source(int lang, int src) {
    switch (src) {
    case RUN_RUNNEXT: return ui_str(lang, UI_SRC_RUNNEXT);
    case RUN_LOCAL: return ui_str(lang, UI_SRC_LOCAL);
    case RUN_GLOBAL: return ui_str(lang, UI_SRC_GLOBAL);
    case RUN_GLOBAL_FAIR: return ui_str(lang, UI_SRC_GLOBAL_FAIR);
    default: return ui_str(lang, UI_SRC_CHOSEN);
    }
}

/* The goroutine an event pushes out of runnext (0 if none). */
static GoId kicked(const Event *e) {
    if (e->kind == EV_NEWPROC) return e->b;
    if (e->kind == EV_GOREADY) return e->a;
    return 0;
}

static int fill(const Sim *S, const Event *e, int lang, const char *tpl, char *out, int cap) {
    int n = 0;
#define PUT(...)                                                                  \
    do {                                                                          \
        int w_ = snprintf(out + n, (size_t)(cap - n), __VA_ARGS__);               \
        if (w_ > 0) n = n + w_ < cap - 1 ? n + w_ : cap - 1;                      \
    } while (0)
    out[0] = '\0';
    for (const char *p = tpl; *p && n < cap - 1;) {
        if (*p != '{') {
            out[n++] = *p++;
            out[n] = '\0';
            continue;
        }
        const char *end = strchr(p, '}');
        if (!end) {
            PUT("%s", p);
            break;
        }
        size_t k = (size_t)(end - p - 1);
        const char *key = p + 1;
        char buf[96];
#define IS(s) (k == strlen(s) && memcmp(key, s, k) == 0)
        if (IS("g")) PUT("G%d", e->g);
        else if (IS("ga")) PUT("G%d", e->a);
        else if (IS("gb")) PUT("G%d", e->b);
        else if (IS("k")) PUT("G%d", kicked(e));
        else if (IS("a")) PUT("%d", e->a);
        else if (IS("b")) PUT("%d", e->b);
        else if (IS("d")) PUT("%d", e->d);
        else if (IS("c")) PUT("%s", view_chan_name(S, e->c, buf, sizeof buf));
        else if (IS("v")) {
            view_value_str(S, chan_elem(S, e->c), e->v, buf, sizeof buf);
            PUT("%s", buf);
        } else if (IS("q")) PUT("%s", ui_str(lang, e->b ? UI_Q_SENDQ : UI_Q_RECVQ));
        else if (IS("reason")) PUT("%s", wait_reason_string(e->a));
        else if (IS("src")) PUT("%s", run_source(lang, e->a));
        else if (IS("msg")) PUT("%s", S->message[0] ? S->message : panic_message(e->a));
        else if (IS("dflt")) PUT("%s", e->b ? ui_str(lang, UI_WITH_DEFAULT) : "");
        else PUT("%.*s", (int)(end - p + 1), p);
#undef IS
        p = end + 1;
    }
#undef PUT
    return n;
}

int narrate_event(const Sim *S, const Event *e, int lang, char *out, int cap) {
    if (cap <= 0) return 0;
    const char *tpl = ev_template(lang, e->kind);
    switch (e->kind) {
    case EV_TIMER_FIRE:
        if (e->b == TIMER_AFTER) tpl = ui_str(lang, UI_NARR_TIMER_AFTER);
        break;
    case EV_MAKECHAN:
        if (e->a == 0) tpl = ui_str(lang, UI_NARR_MAKECHAN_UNBUF);
        break;
    case EV_CHANSEND_WAKEUP:
        if (!e->a) tpl = ui_str(lang, UI_NARR_SEND_WOKE_CLOSED);
        break;
    case EV_CHANRECV_WAKEUP:
        if (!e->a) tpl = ui_str(lang, UI_NARR_RECV_WOKE_CLOSED);
        break;
    case EV_CHANSEND_NIL: /* a = block: with default, a nil channel's case fails at once */
        if (!e->a) tpl = ui_str(lang, UI_NARR_SEND_NIL_NONBLOCK);
        break;
    case EV_CHANRECV_NIL:
        if (!e->a) tpl = ui_str(lang, UI_NARR_RECV_NIL_NONBLOCK);
        break;
    case EV_SEMRELEASE:
        if (e->b) tpl = ui_str(lang, UI_NARR_SEMRELEASE_WAKE);
        break;
    }
    return fill(S, e, lang, tpl, out, cap);
}

int narrate_event_extra(const Sim *S, const Event *e, int lang, char *out, int cap) {
    if (cap <= 0) return 0;
    out[0] = '\0';
    if (kicked(e) <= 0) return 0;
    return fill(S, e, lang, ui_str(lang, UI_NARR_KICKED), out, cap);
}

/* ---- a state difference in words -------------------------------------------------- */

static int ids_str(char *out, int cap, const GoId *ids, int32_t n) {
    int k = snprintf(out, (size_t)cap, "[");
    for (int32_t i = 0; i < n && k < cap - 16; i++) {
        if (i == 8) {
            k += snprintf(out + k, (size_t)(cap - k), " +%d", n - i);
            break;
        }
        k += snprintf(out + k, (size_t)(cap - k), "%sG%d", i ? " " : "", ids[i]);
    }
    return k + snprintf(out + k, (size_t)(cap - k), "]");
}

static void queue_ids(const Sim *S, WaitQ q, char *out, int cap) {
    GoId ids[64] = {0};
    int32_t n = 0;
    for (SudogId s = q.first; s && n < 64; s = S->sudogs.items[s - 1].next) ids[n++] = S->sudogs.items[s - 1].g;
    ids_str(out, cap, ids, n);
}

void view_runq_str(const Sim *S, bool global, char *out, int cap) {
    GoId ids[64] = {0};
    int32_t n = global ? sched_global_len(S) : sched_local_len(S);
    for (int32_t i = 0; i < n && i < 64; i++) ids[i] = global ? sched_global_at(S, i) : sched_local_at(S, i);
    ids_str(out, cap, ids, n < 64 ? n : 64);
}

static void g_or_none(int64_t g, char *out, int cap) {
    if (g) snprintf(out, (size_t)cap, "G%lld", (long long)g);
    else snprintf(out, (size_t)cap, "none");
}

int view_diff_str(const Sim *from, const Sim *to, const StateDiff *d, char *out, int cap) {
    static const char *const fields[DCF__COUNT] = {"qcount", "dataqsiz", "sendx", "recvx", "closed", "lock"};
    char nm[48], a[200], b[200];
    const char *arrow = "\xe2\x86\x92";
    switch (d->kind) {
    case DIFF_CHAN_NEW: return snprintf(out, (size_t)cap, "new hchan %s", view_chan_name(to, d->id, nm, sizeof nm));
    case DIFF_CHAN_FIELD:
        if (d->field == DCF_LOCK) {
            g_or_none(d->from, a, sizeof a);
            g_or_none(d->to, b, sizeof b);
        } else {
            snprintf(a, sizeof a, "%lld", (long long)d->from);
            snprintf(b, sizeof b, "%lld", (long long)d->to);
        }
        return snprintf(out, (size_t)cap, "%s.%s %s%s%s", view_chan_name(to, d->id, nm, sizeof nm),
                        d->field >= 0 && d->field < DCF__COUNT ? fields[d->field] : "?", a, arrow, b);
    case DIFF_SLOT: {
        TypeId t = to->chans.items[d->id - 1].elemtype;
        view_value_str(from, t, d->vfrom, a, sizeof a);
        view_value_str(to, t, d->vto, b, sizeof b);
        return snprintf(out, (size_t)cap, "%s.buf[%d] %s%s%s", view_chan_name(to, d->id, nm, sizeof nm), d->field, a, arrow, b);
    }
    case DIFF_RECVQ:
    case DIFF_SENDQ: {
        bool send = d->kind == DIFF_SENDQ;
        queue_ids(from, send ? from->chans.items[d->id - 1].sendq : from->chans.items[d->id - 1].recvq, a, sizeof a);
        queue_ids(to, send ? to->chans.items[d->id - 1].sendq : to->chans.items[d->id - 1].recvq, b, sizeof b);
        return snprintf(out, (size_t)cap, "%s.%s %s%s%s", view_chan_name(to, d->id, nm, sizeof nm), send ? "sendq" : "recvq", a,
                        arrow, b);
    }
    case DIFF_G_NEW: return snprintf(out, (size_t)cap, "new G%d", d->id);
    case DIFF_G_STATUS:
        return snprintf(out, (size_t)cap, "G%d %s%s%s", d->id, gstatus_string((int)d->from), arrow, gstatus_string((int)d->to));
    case DIFF_G_WAITREASON: {
        const char *x = wait_reason_string((int)d->from), *y = wait_reason_string((int)d->to);
        return snprintf(out, (size_t)cap, "G%d waitreason \"%s\"%s\"%s\"", d->id, x, arrow, y);
    }
    case DIFF_RUNNEXT:
    case DIFF_CURG:
        g_or_none(d->from, a, sizeof a);
        g_or_none(d->to, b, sizeof b);
        return snprintf(out, (size_t)cap, "%s %s%s%s", d->kind == DIFF_RUNNEXT ? "runnext" : "curg", a, arrow, b);
    case DIFF_RUNQ:
    case DIFF_GLOBRUNQ:
        view_runq_str(from, d->kind == DIFF_GLOBRUNQ, a, sizeof a);
        view_runq_str(to, d->kind == DIFF_GLOBRUNQ, b, sizeof b);
        return snprintf(out, (size_t)cap, "%s %s%s%s", d->kind == DIFF_RUNQ ? "runq" : "global runq", a, arrow, b);
    case DIFF_CLOSELIST:
        ids_str(a, sizeof a, from->closelist.items, from->closelist.len);
        ids_str(b, sizeof b, to->closelist.items, to->closelist.len);
        return snprintf(out, (size_t)cap, "closechan gList %s%s%s", a, arrow, b);
    case DIFF_SCHEDTICK: return snprintf(out, (size_t)cap, "schedtick %lld%s%lld", (long long)d->from, arrow, (long long)d->to);
    case DIFF_CLOCK: return snprintf(out, (size_t)cap, "clock %lld%s%lld ms", (long long)(d->from / 1000000), arrow, (long long)(d->to / 1000000));
    case DIFF_NGOROUTINES: return snprintf(out, (size_t)cap, "goroutines %lld%s%lld", (long long)d->from, arrow, (long long)d->to);
    case DIFF_STATE: return snprintf(out, (size_t)cap, "the program ends");
    default: return snprintf(out, (size_t)cap, "?");
    }
}
