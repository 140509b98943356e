/* layout_state.c: the panels that show what the runtime holds: every hchan
 * (its fields, its ring buffer with sendx/recvx, its recvq and sendq as
 * chains of sudogs), every goroutine, the P with its run queues, and the
 * narration of the step.
 *
 * Sizes depend on the window and on the program's shape (how many slots a
 * channel has), not on what the step holds, so that things stay where they
 * are from one step to the next and the animation can move between them:
 * a queue row is as tall when empty as when full.  When the panel is too
 * small, channels fall back to a one-line summary and goroutines to
 * smaller cards; what still does not fit is counted in a "+N more" line.
 *
 * The state drawn is the one at the micro-step shown (session_state_at:
 * the state before the step plus its events so far), and whatever differs
 * from the state the step or micro-step started from is outlined in the
 * CHANGED role and written old -> new ("sendx 1â2"), so a change is
 * never told by colour alone. */
#include <stdio.h>
#include <string.h>

#include "layout_int.h"
#include "lessontext.h"
#include "sched.h"
#include "types.h"
#include "vm_inspect.h"

const char *const l_field_names[NFIELDS] = {"qcount", "dataqsiz", "buf", "elemsize", "closed", "elemtype",
                                                 "sendx", "recvx", "recvq", "sendq", "lock"};

static const Chan *chan_at(const Sim *S, ChanId c) { return &S->chans.items[c - 1]; }

static int queue_len(const Sim *S, WaitQ q) {
    int n = 0;
    for (SudogId s = q.first; s && n < 100000; s = S->sudogs.items[s - 1].next) n++;
    return n;
}

#define ARROW "\xe2\x86\x92" /* U+2192, between an old value and the new */

/* The difference from l->from of this kind for id (and field, if >= 0), or NULL. */
const StateDiff *l_changed(const L *l, int kind, int32_t id, int32_t field) {
    int32_t n = imin(l->ndiffs, LAYOUT_MAX_DIFFS);
    for (int32_t i = 0; i < n; i++) {
        const StateDiff *d = &l->diffs[i];
        if (d->kind == kind && d->id == id && (field < 0 || d->field == field)) return d;
    }
    return NULL;
}

/* The difference shown in hchan field cell i, or NULL. */
static const StateDiff *field_changed(const L *l, ChanId c, int i) {
    static const int dcf[NFIELDS] = {DCF_QCOUNT, DCF_DATAQSIZ, -1, -1, DCF_CLOSED, -1, DCF_SENDX, DCF_RECVX, -1, -1, DCF_LOCK};
    if (i == 8) return l_changed(l, DIFF_RECVQ, c, -1);
    if (i == 9) return l_changed(l, DIFF_SENDQ, c, -1);
    return dcf[i] >= 0 ? l_changed(l, DIFF_CHAN_FIELD, c, dcf[i]) : NULL;
}

static void lock_str(const L *l, GoId h, bool brief, char *out, int cap) {
    if (!h) snprintf(out, (size_t)cap, "%s", l_ui(l, UI_FREE));
    else if (brief) snprintf(out, (size_t)cap, "G%d", h);
    else snprintf(out, (size_t)cap, "%s G%d", l_ui(l, UI_HELD_BY), h);
}

static void queue_str(const L *l, int n, char *out, int cap) {
    if (n) snprintf(out, (size_t)cap, "%d %s", n, l_ui(l, UI_WAITING_N));
    else snprintf(out, (size_t)cap, "%s", l_ui(l, UI_EMPTY));
}

void l_field_values(const L *l, ChanId c, char vals[NFIELDS][64]) {
    const Sim *S = l->S;
    const Chan *ch = chan_at(S, c);
    snprintf(vals[0], 64, "%u", ch->qcount);
    snprintf(vals[1], 64, "%u", ch->dataqsiz);
    if (ch->dataqsiz) snprintf(vals[2], 64, "ring[%u] \xe2\x86\x93", ch->dataqsiz);
    else snprintf(vals[2], 64, "%s", l_ui(l, UI_NONE));
    snprintf(vals[3], 64, "%u", ch->elemsize);
    snprintf(vals[4], 64, "%s", ch->closed ? l_ui(l, UI_CLOSED_YES) : "0");
    snprintf(vals[5], 64, "%s", ch->elemtype ? type_name(S, ch->elemtype) : "?");
    snprintf(vals[6], 64, "%u", ch->sendx);
    snprintf(vals[7], 64, "%u", ch->recvx);
    queue_str(l, queue_len(S, ch->recvq), vals[8], 64);
    queue_str(l, queue_len(S, ch->sendq), vals[9], 64);
    lock_str(l, ch->lock, false, vals[10], 64);
    /* What the step changed: old -> new. */
    for (int i = 0; i < NFIELDS; i++) {
        const StateDiff *d = field_changed(l, c, i);
        if (!d) continue;
        char a[24], b[24];
        if (i == 10) {
            lock_str(l, (GoId)d->from, true, a, sizeof a);
            lock_str(l, (GoId)d->to, true, b, sizeof b);
        } else {
            snprintf(a, sizeof a, "%lld", (long long)d->from);
            snprintf(b, sizeof b, "%lld", (long long)d->to);
        }
        snprintf(vals[i], 64, "%s" ARROW "%s", a, b);
    }
}

bool l_slot_full(const Chan *ch, uint32_t i) {
    uint32_t d = (i + ch->dataqsiz - ch->recvx) % ch->dataqsiz;
    return d < ch->qcount;
}

/* A slot the step changed, as old -> new (a cleared slot's new value is
 * its zero value, "empty" when the slot is no longer counted).  Returns
 * false, out untouched, for a slot that did not change. */
bool l_slot_text(const L *l, ChanId c, uint32_t i, char *out, int cap) {
    const StateDiff *d = l_changed(l, DIFF_SLOT, c, (int32_t)i);
    if (!d) return false;
    const Chan *ch = chan_at(l->S, c), *was = chan_at(l->from, c);
    char a[64], b[64];
    if (l_slot_full(was, i)) view_value_str(l->from, was->elemtype, d->vfrom, a, sizeof a);
    else snprintf(a, sizeof a, "%s", l_ui(l, UI_EMPTY));
    if (l_slot_full(ch, i)) view_value_str(l->S, ch->elemtype, d->vto, b, sizeof b);
    else snprintf(b, sizeof b, "%s", l_ui(l, UI_EMPTY));
    snprintf(out, (size_t)cap, "%s" ARROW "%s", a, b);
    return true;
}

/* Widest value a field can show for this channel: field widths do not
 * change from step to step, so neither does the box. */
static void field_widest(const L *l, ChanId c, char w[NFIELDS][64]) {
    const Sim *S = l->S;
    const Chan *ch = chan_at(S, c);
    char num[16];
    snprintf(num, sizeof num, "%u", ch->dataqsiz > 9 ? ch->dataqsiz : 9);
    for (int i = 0; i < NFIELDS; i++) snprintf(w[i], 64, "%s", num);
    if (ch->dataqsiz) snprintf(w[2], 64, "ring[%u] \xe2\x86\x93", ch->dataqsiz);
    else snprintf(w[2], 64, "%s", l_ui(l, UI_NONE));
    snprintf(w[3], 64, "%u", ch->elemsize);
    snprintf(w[4], 64, "%s", l_ui(l, UI_CLOSED_YES));
    snprintf(w[5], 64, "%s", ch->elemtype ? type_name(S, ch->elemtype) : "?");
    for (int i = 8; i <= 9; i++) {
        snprintf(w[i], 64, "99 %s", l_ui(l, UI_WAITING_N));
        if (l_tw(l, l->f.body, l_ui(l, UI_EMPTY)) > l_tw(l, l->f.body, w[i])) snprintf(w[i], 64, "%s", l_ui(l, UI_EMPTY));
    }
    snprintf(w[10], 64, "%s G99", l_ui(l, UI_HELD_BY));
    if (l_tw(l, l->f.body, l_ui(l, UI_FREE)) > l_tw(l, l->f.body, w[10])) snprintf(w[10], 64, "%s", l_ui(l, UI_FREE));
    /* Room for a change, old -> new, in the fields a step can change. */
    static const int can_change[] = {0, 4, 6, 7, 8, 9, 10};
    for (size_t k = 0; k < sizeof can_change / sizeof *can_change; k++) {
        int i = can_change[k];
        char arrow[64];
        if (i == 10) snprintf(arrow, sizeof arrow, "%s" ARROW "G99", l_ui(l, UI_FREE));
        else snprintf(arrow, sizeof arrow, "%s" ARROW "%s", num, num);
        if (l_tw(l, l->f.body, arrow) > l_tw(l, l->f.body, w[i])) snprintf(w[i], 64, "%s", arrow);
    }
}

/* Geometry of one hchan box, shared by measuring and drawing.  The fields
 * are drawn as the struct's memory: a row of cells, name above value,
 * wrapped into as many rows as the width needs. */
typedef struct ChanGeom {
    int colw[NFIELDS];                      /* each field's cell */
    int row_of[NFIELDS];                    /* which row of cells it is in */
    int nrows;
    int qlab_w;                             /* "recvq" column */
    int slot_w, slot_h, nslots, first;      /* visible slots: first .. first + nslots - 1 */
    int sud_w, sud_h;
    bool queues_side;                       /* recvq and sendq side by side */
    int h;                                  /* the whole box */
} ChanGeom;

/* Is close of c under way at the state shown, its gList holding waiters? */
static bool closing(const L *l, ChanId c) {
    const Sim *S = l->S;
    if (S->closelist.len == 0 || !chan_at(S, c)->closed) return false;
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].kind == EV_CLOSECHAN) return S->log.items[i].c == c;
    return false;
}

/* How much of an hchan a box shows: everything; the ring and the queues with
 * the fields folded to one line; or one line in all. */
enum ChanForm { FORM_FULL, FORM_RING, FORM_COMPACT };

static void chan_geom(const L *l, ChanId c, int w, int form, ChanGeom *g) {
    const Sim *S = l->S;
    const Chan *ch = chan_at(S, c);
    int pad = l->f.pad, sm = l->f.small, bd = l->f.body;
    int adv_s = view_mono_advance(sm), adv_b = view_mono_advance(bd);
    memset(g, 0, sizeof *g);
    int inner = w - 2 * pad;
    if (form == FORM_COMPACT) {
        g->h = 2 * pad + l->f.lh_body + l->f.lh_small;
        return;
    }
    /* Field cells, wrapped. */
    char widest[NFIELDS][64];
    field_widest(l, c, widest);
    int x = 0, row = 0;
    for (int i = 0; i < NFIELDS; i++) {
        int cw = imax(l_tw(l, sm, l_field_names[i]), l_tw(l, bd, widest[i])) + 2 * adv_s;
        cw = imin(cw, inner);
        if (x > 0 && x + cw > inner) x = 0, row++;
        g->colw[i] = cw;
        g->row_of[i] = row;
        x += cw;
    }
    g->nrows = form == FORM_RING ? 0 : row + 1;
    /* Slots and queues share a label column. */
    g->qlab_w = imax(l_tw(l, sm, "recvq"), l_tw(l, sm, "buf")) + adv_s;
    int avail = inner - g->qlab_w;
    g->slot_h = l->f.lh_small + l->f.lh_body + pad;
    if (ch->dataqsiz) {
        int sw = imax(l_tw(l, bd, l_ui(l, UI_EMPTY)), l_tw(l, sm, "[999]"));
        sw = imax(sw, l_tw(l, sm, "sendx"));
        char v[64], was[160];
        for (uint32_t i = 0; i < ch->dataqsiz && i < 64; i++) {
            view_value_str(S, ch->elemtype, S->slots.items[ch->buf + (int32_t)i], v, sizeof v);
            sw = imax(sw, l_tw(l, bd, v));
            if (l_slot_text(l, c, i, was, sizeof was)) sw = imax(sw, l_tw(l, bd, was));
        }
        sw = iclamp(sw + 2 * pad, 4 * adv_b, 12 * adv_b + 2 * pad);
        int sgap = pad;
        int k = (avail + sgap) / (sw + sgap);
        if (k >= (int)ch->dataqsiz) {
            k = (int)ch->dataqsiz;
        } else {
            k = imax(1, k - 1); /* room for the "+N" box */
            if ((k + 1) * (sw + sgap) - sgap > avail) sw = imax(2 * pad, (avail - sgap) / (k + 1) - sgap);
        }
        g->slot_w = sw;
        g->nslots = k;
        g->first = iclamp((int)ch->recvx - 1, 0, (int)ch->dataqsiz - k);
    }
    g->sud_w = imax(l_tw(l, sm, "sudog G99 (select)"), 14 * adv_s) + 2 * pad;
    g->sud_h = 2 * l->f.lh_small + pad;
    /* Side by side when each half holds its label, two sudogs and a link. */
    g->queues_side = (inner - 2 * adv_s) / 2 >= g->qlab_w + 2 * g->sud_w + 3 * adv_s + l_tw(l, sm, "+99");
    g->sud_w = imin(g->sud_w, g->queues_side ? (inner - 2 * adv_s) / 2 - g->qlab_w : avail);
    int h = pad + l->f.lh_body + pad / 2 + (form == FORM_RING ? l->f.lh_small : g->nrows * (l->f.lh_small + l->f.lh_body)) + pad;
    if (ch->dataqsiz) h += 2 * (l->f.lh_small + 2 * pad) + g->slot_h;
    else h += l->f.lh_small + pad;
    h += (g->queues_side ? 1 : 2) * (g->sud_h + pad) + pad;
    if (closing(l, c)) h += l->f.lh_small + pad; /* closechan's gList */
    g->h = h;
}

static void sudog_chain(L *l, int32_t box, Rect row, const Chan *ch, ChanId c, bool sendq, const ChanGeom *g) {
    const Sim *S = l->S;
    int pad = l->f.pad, sm = l->f.small, lhs = l->f.lh_small;
    WaitQ q = sendq ? ch->sendq : ch->recvq;
    l_text(l, box, (Rect){row.x, row.y + (g->sud_h - lhs) / 2, g->qlab_w, lhs}, sm, ROLE_LABEL, 0, sendq ? "sendq" : "recvq");
    int x = row.x + g->qlab_w, right = row.x + row.w;
    int n = queue_len(S, q);
    if (n == 0) {
        l_text(l, box, (Rect){x, row.y + (g->sud_h - lhs) / 2, right - x, lhs}, sm, ROLE_DIM, 0, l_ui(l, UI_QUEUE_EMPTY));
        return;
    }
    int link = 3 * view_mono_advance(sm);
    int more_w = l_tw(l, sm, "+999");
    int i = 0;
    for (SudogId s = q.first; s; s = S->sudogs.items[s - 1].next, i++) {
        bool last = S->sudogs.items[s - 1].next == 0;
        int need = g->sud_w + (last ? 0 : link + more_w);
        if (x + need > right && !(last && x + g->sud_w <= right)) {
            char buf[32];
            snprintf(buf, sizeof buf, "+%d", n - i);
            l_text(l, box, (Rect){x, row.y + (g->sud_h - lhs) / 2, imin(l_tw(l, sm, buf), right - x), lhs}, sm, ROLE_STRONG, 0, buf);
            break;
        }
        const Sudog *sg = &S->sudogs.items[s - 1];
        Rect r = {x, row.y, g->sud_w, g->sud_h};
        int32_t b = dl_box(l->dl, box, r, ROLE_SUDOG, ROLE_SUDOG_EDGE, ST_FILL | ST_BORDER | (sg->isSelect ? ST_DASHED : 0),
                           TAG_SUDOG, s, sg->g);
        char buf[96], v[64];
        snprintf(buf, sizeof buf, "sudog G%d%s", sg->g, sg->isSelect ? " (select)" : "");
        l_text(l, b, (Rect){r.x + pad, r.y + pad / 2, r.w - 2 * pad, lhs}, sm, ROLE_STRONG, ST_BOLD, buf);
        /* elem points at the value on the sender's stack, or at the receiver's variable. */
        if (sg->is_send && sg->has_elem) {
            view_value_str(S, ch->elemtype, sg->elem, v, sizeof v);
            snprintf(buf, sizeof buf, "elem \xe2\x86\x92 %s", v);
        } else if (!sg->is_send && sg->has_elem) {
            snprintf(buf, sizeof buf, "elem \xe2\x86\x92 G%d stack", sg->g);
        } else {
            snprintf(buf, sizeof buf, "elem nil");
        }
        l_text(l, b, (Rect){r.x + pad, r.y + pad / 2 + lhs, r.w - 2 * pad, lhs}, sm, ROLE_TEXT, 0, buf);
        x += g->sud_w;
        if (!last) {
            int cy = r.y + r.h / 2;
            dl_line(l->dl, DL_ARROW, x + pad / 2, cy, x + link - pad / 2, cy, ROLE_SUDOG_EDGE, 0, TAG_NONE, c);
            x += link;
        }
    }
}

/* Draws channel c in r (r.h from chan_geom). */
static void chan_box(L *l, int32_t parent, Rect r, ChanId c, int form, const ChanGeom *g, bool involved) {
    const Sim *S = l->S;
    const Chan *ch = chan_at(S, c);
    int pad = l->f.pad, sm = l->f.small, bd = l->f.body, lhs = l->f.lh_small, lhb = l->f.lh_body;
    int style = ST_FILL | ST_BORDER | (involved ? ST_THICK : 0) | (ch->closed ? ST_DASHED : 0);
    int32_t box = dl_box(l->dl, parent, r, ch->closed ? ROLE_CHAN_CLOSED : ROLE_CHAN, ROLE_CHAN_EDGE, style, TAG_CHAN, c, 0);
    char name[48], buf[256];
    view_chan_name(S, c, name, sizeof name);
    int x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
    /* The title, shortened rather than cut: without the make's line, then without "hchan". */
    for (int form = 0; form < 4; form++) {
        int n = snprintf(buf, sizeof buf, "%s  %schan %s", name, form < 2 ? "hchan  " : "", ch->elemtype ? type_name(S, ch->elemtype) : "?");
        if (ch->dataqsiz) n += snprintf(buf + n, sizeof buf - (size_t)n, ", %u", ch->dataqsiz);
        if (ch->line && form == 0) n += snprintf(buf + n, sizeof buf - (size_t)n, "  (%s %d)", l_ui(l, UI_MADE_AT), ch->line);
        if (ch->closed && form < 3) snprintf(buf + n, sizeof buf - (size_t)n, "  [closed]"); /* the border and the field say it too */
        if (l_tw(l, bd, buf) <= w) break;
    }
    l_text(l, box, (Rect){x, y, w, lhb}, bd, ROLE_STRONG, ST_BOLD, buf);
    y += lhb;
    if (form != FORM_FULL) {
        int rq = queue_len(S, ch->recvq), sq = queue_len(S, ch->sendq);
        snprintf(buf, sizeof buf, "qcount %u/%u  sendx %u  recvx %u  recvq %d  sendq %d  closed %d", ch->qcount,
                 ch->dataqsiz, ch->sendx, ch->recvx, rq, sq, ch->closed);
        l_text(l, box, (Rect){x, y + (form == FORM_RING ? pad / 2 : 0), w, lhs}, sm, ROLE_TEXT, 0, buf);
        if (form == FORM_COMPACT) return;
    }
    y += pad / 2;
    /* Fields: name above value, like the struct in memory. */
    char vals[NFIELDS][64];
    l_field_values(l, c, vals);
    int adv_s = view_mono_advance(sm);
    int cx = x, prow = 0, cellh = lhs + lhb;
    for (int i = 0; i < NFIELDS && form == FORM_FULL; i++) {
        if (g->row_of[i] != prow) cx = x, prow = g->row_of[i];
        int cy = y + g->row_of[i] * cellh;
        Rect cell = {cx, cy, g->colw[i] - adv_s, cellh};
        bool moved = field_changed(l, c, i) != NULL;
        int32_t fb = dl_box(l->dl, box, cell, ROLE_CHAN, moved ? ROLE_CHANGED : ROLE_BORDER, ST_BORDER | (moved ? ST_THICK : 0),
                            TAG_FIELD, c, i);
        l_text(l, fb, (Rect){cell.x + adv_s / 2, cy, cell.w - adv_s, lhs}, sm, ROLE_LABEL, 0, l_field_names[i]);
        bool hot = (i == 4 && ch->closed) || (i == 10 && strcmp(vals[10], l_ui(l, UI_FREE)) != 0) ||
                   ((i == 8 || i == 9) && strcmp(vals[i], l_ui(l, UI_EMPTY)) != 0);
        l_text(l, fb, (Rect){cell.x + adv_s / 2, cy + lhs, cell.w - adv_s, lhb}, bd, hot ? ROLE_ERROR : ROLE_STRONG, ST_BOLD, vals[i]);
        cx += g->colw[i];
    }
    y += (form == FORM_RING ? lhs : g->nrows * cellh) + pad;
    /* The ring buffer, sendx above it, recvx below. */
    if (ch->dataqsiz) {
        int sx = x + g->qlab_w;
        int rowy = y + lhs + 2 * pad;
        l_text(l, box, (Rect){x, rowy + (g->slot_h - lhs) / 2, g->qlab_w, lhs}, sm, ROLE_LABEL, 0, "buf");
        for (int k = 0; k < g->nslots; k++) {
            uint32_t i = (uint32_t)(g->first + k);
            Rect sr = {sx + k * (g->slot_w + pad), rowy, g->slot_w, g->slot_h};
            bool full = l_slot_full(ch, i);
            char idx[16], v[160];
            bool moved = l_slot_text(l, c, i, v, sizeof v);
            int edge = moved ? ROLE_CHANGED : full ? ROLE_SLOT_EDGE : ROLE_HATCH;
            int32_t sb = dl_box(l->dl, box, sr, full ? ROLE_SLOT_FULL : ROLE_SLOT_EMPTY, edge,
                                ST_FILL | ST_BORDER | (full ? 0 : ST_HATCH) | (moved ? ST_THICK : 0), TAG_SLOT, c, (int32_t)i);
            snprintf(idx, sizeof idx, "[%u]", i);
            l_text(l, sb, (Rect){sr.x + 1, sr.y + 1, sr.w - 2, lhs}, sm, ROLE_DIM, ST_CENTER, idx);
            if (!moved && full) view_value_str(S, ch->elemtype, S->slots.items[ch->buf + (int32_t)i], v, sizeof v);
            else if (!moved) snprintf(v, sizeof v, "%s", l_ui(l, UI_EMPTY));
            l_text(l, sb, (Rect){sr.x + 1, sr.y + 1 + lhs, sr.w - 2, lhb}, bd, full ? ROLE_STRONG : ROLE_DIM,
                   ST_CENTER | (full ? ST_BOLD : 0), v);
            int cx = sr.x + sr.w / 2;
            if (i == ch->sendx) {
                l_text(l, box, (Rect){sr.x, y, sr.w, lhs}, sm, ROLE_SENDX, ST_CENTER | ST_BOLD, "sendx");
                dl_line(l->dl, DL_ARROW, cx, y + lhs, cx, rowy, ROLE_SENDX, ST_THICK, TAG_SLOTMARK, c);
            }
            if (i == ch->recvx) {
                int ty = rowy + g->slot_h + 2 * pad;
                l_text(l, box, (Rect){sr.x, ty, sr.w, lhs}, sm, ROLE_RECVX, ST_CENTER | ST_BOLD, "recvx");
                dl_line(l->dl, DL_ARROW, cx, ty, cx, rowy + g->slot_h, ROLE_RECVX, ST_THICK, TAG_SLOTMARK, c);
            }
        }
        if (g->nslots < (int)ch->dataqsiz) {
            /* The slots not drawn: how many, and where sendx / recvx point if among them. */
            char more[64], idx[64];
            snprintf(more, sizeof more, "+%d", (int)ch->dataqsiz - g->nslots);
            bool sx_hidden = (int)ch->sendx < g->first || (int)ch->sendx >= g->first + g->nslots;
            bool rx_hidden = (int)ch->recvx < g->first || (int)ch->recvx >= g->first + g->nslots;
            int n = 0;
            idx[0] = '\0';
            if (sx_hidden) n += snprintf(idx + n, sizeof idx - (size_t)n, "sendx %u", ch->sendx);
            if (rx_hidden) snprintf(idx + n, sizeof idx - (size_t)n, "%srecvx %u", n ? " " : "", ch->recvx);
            Rect mr = {sx + g->nslots * (g->slot_w + pad), rowy, g->slot_w, g->slot_h};
            int32_t mb = dl_box(l->dl, box, mr, ROLE_CHAN, ROLE_BORDER, ST_BORDER | ST_DASHED, TAG_MORE, c, 0);
            l_text(l, mb, (Rect){mr.x + 1, mr.y + 1, mr.w - 2, lhs}, sm, ROLE_TEXT, ST_CENTER, more);
            if (idx[0]) l_text(l, mb, (Rect){mr.x + 1, mr.y + 1 + lhs, mr.w - 2, lhs}, sm, ROLE_SENDX, ST_CENTER | ST_BOLD, idx);
        }
        y = rowy + g->slot_h + 2 * pad + lhs + pad;
    } else {
        const char *unb = l_ui(l, UI_UNBUFFERED);
        if (l_tw(l, sm, unb) > w) unb = l_ui(l, UI_UNBUFFERED_SHORT);
        l_text(l, box, (Rect){x, y, w, lhs}, sm, ROLE_DIM, 0, unb);
        y += lhs + pad;
    }
    /* The wait queues. */
    if (g->queues_side) {
        /* Side by side; an empty queue lends its room to a long one. */
        int half = (w - 2 * adv_s) / 2, left = half, right = half;
        int empty_w = g->qlab_w + l_tw(l, sm, l_ui(l, UI_QUEUE_EMPTY)) + adv_s;
        int rq = queue_len(S, ch->recvq), sq = queue_len(S, ch->sendq);
        if (rq == 0 && sq > 1) left = imin(half, empty_w), right = w - 2 * adv_s - left;
        else if (sq == 0 && rq > 1) right = imin(half, empty_w), left = w - 2 * adv_s - right;
        sudog_chain(l, box, (Rect){x, y, left, g->sud_h}, ch, c, false, g);
        sudog_chain(l, box, (Rect){x + w - right, y, right, g->sud_h}, ch, c, true, g);
    } else {
        sudog_chain(l, box, (Rect){x, y, w, g->sud_h}, ch, c, false, g);
        y += g->sud_h + pad;
        sudog_chain(l, box, (Rect){x, y, w, g->sud_h}, ch, c, true, g);
    }
    /* closechan's gList, while close readies the waiters it collected (top first: LIFO). */
    if (closing(l, c)) {
        y += g->sud_h + pad;
        char buf[256];
        int m = snprintf(buf, sizeof buf, "closechan gList:");
        for (int32_t i = S->closelist.len - 1; i >= 0 && m < (int)sizeof buf - 16; i--)
            m += snprintf(buf + m, sizeof buf - (size_t)m, " G%d", S->closelist.items[i]);
        snprintf(buf + m, sizeof buf - (size_t)m, "  (%s)", l_ui(l, UI_GLIST_LIFO));
        l_text(l, box, (Rect){x, y, w, l->f.lh_small}, sm, ROLE_STRONG, ST_BOLD, buf);
    }
}

/* Channels the step touched. */
bool l_chan_involved(const L *l, ChanId c) {
    const Sim *S = l->S;
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].c == c) return true;
    return false;
}

static bool chan_busy(const Sim *S, ChanId c) {
    const Chan *ch = chan_at(S, c);
    return ch->qcount || ch->recvq.first || ch->sendq.first;
}

const StepRec *l_focus_step(const L *l) {
    const Session *s = l->s;
    for (int32_t k = s->cur; k > 0 && k > s->cur - 10000; k--)
        if (s->steps.items[k].chans[0]) return &s->steps.items[k];
    return NULL;
}

static bool focus_chan(const L *l, ChanId c) {
    const StepRec *r = l_focus_step(l);
    return r && (r->chans[0] == c || r->chans[1] == c);
}

static int channels(L *l, int32_t parent, Rect r, bool emit, int first_mode);

int lay_channels(L *l, int32_t parent, Rect r, bool emit) { return channels(l, parent, r, emit, 0); }

int lay_channels_min(L *l, Rect r) { return channels(l, -1, r, false, 2); }

int lay_channels_ring(L *l, Rect r) { return channels(l, -1, r, false, 3); }

/* Lays out (emit) or measures the channels.  Modes, tried in turn until one
 * fits: 0 all full; 1 full for the involved and busy, compact for the rest;
 * 2 full for the story's channels (focus_chan), the others named in a line;
 * 3 the same with their fields folded to one line (ring and queues kept);
 * 4 all compact; 5 compact, as many as fit.  Measuring answers for first_mode. */
static int channels(L *l, int32_t parent, Rect r, bool emit, int first_mode) {
    const Sim *S = l->S;
    int nch = S->chans.len, gap = l->gap;
    int pad = l->f.pad;
    int panel_chrome = 2 * pad + l->f.lh_small + pad / 2 + pad; /* what l_panel takes */
    if (nch == 0) {
        if (emit) l_text(l, parent, (Rect){r.x, r.y, r.w, l->f.lh_small}, l->f.small, ROLE_DIM, 0, l_ui(l, UI_NO_CHANNELS));
        return l->f.lh_small + panel_chrome;
    }
    int adv = view_mono_advance(l->f.small);
    int inner_w = emit ? r.w : r.w - 4 * pad;
    enum { MAXC = 256 };
    ChanId ids[MAXC];  /* the channels drawn, in order; the rest are named in one line */
    int forms[MAXC];
    int more_h = l->f.lh_small;
    for (int mode = first_mode; mode < 6; mode++) {
        int shown = 0;
        bool any_full = false;
        for (ChanId c = 1; c <= nch && shown < MAXC; c++) {
            bool keep = mode == 0 || (mode == 1 && (l_chan_involved(l, c) || chan_busy(S, c))) || ((mode == 2 || mode == 3) && focus_chan(l, c));
            if ((mode == 2 || mode == 3) && !keep) continue; /* the story's channels drawn, the others named below */
            ids[shown] = c;
            forms[shown] = !keep ? FORM_COMPACT : mode == 3 ? FORM_RING : FORM_FULL;
            any_full |= keep;
            shown++;
        }
        if (shown == 0) continue;
        bool named = shown < nch; /* a "+N more: ..." line follows */
        int room = r.h - (named ? gap + more_h : 0);
        /* The number of columns that makes the grid shortest (boxes no narrower than minw). */
        int minw = any_full ? 36 * adv : 30 * adv;
        int ncols = 1, bw = inner_w, total = 1 << 30, fit = 0;
        for (int nc = 1; nc <= imin(shown, 4); nc++) {
            int w = (inner_w - (nc - 1) * gap) / nc;
            if (nc > 1 && w < minw) break;
            int t = 0, rowh = 0, f = 0;
            for (int i = 0; i < shown; i++) {
                ChanGeom g;
                chan_geom(l, ids[i], w, forms[i], &g);
                rowh = imax(rowh, g.h);
                if ((i + 1) % nc == 0 || i == shown - 1) {
                    int next = t + (t ? gap : 0) + rowh;
                    if (mode == 5 && next + gap + more_h > r.h && i < shown - 1) break;
                    if (mode == 5 && next > r.h) break;
                    t = next;
                    f = i + 1;
                    rowh = 0;
                }
            }
            bool better = mode == 5 ? f > fit || (f == fit && t < total) : t < total;
            if (better) ncols = nc, bw = w, total = t, fit = f;
        }
        if (named && mode != 5) total += gap + more_h;
        if (!emit) return total + panel_chrome;
        if (mode < 5 && total > r.h) continue;
        if (mode == 5 && fit < shown) shown = fit;
        (void)room;
        /* Emit. */
        int y = r.y, rowh = 0;
        for (int i = 0; i < shown; i++) {
            int col = i % ncols;
            ChanGeom g;
            chan_geom(l, ids[i], bw, forms[i], &g);
            /* The row's height: the tallest in it. */
            if (col == 0) {
                rowh = 0;
                for (int j = i; j < shown && j < i + ncols; j++) {
                    ChanGeom gj;
                    chan_geom(l, ids[j], bw, forms[j], &gj);
                    rowh = imax(rowh, gj.h);
                }
                if (i) y += gap;
            }
            Rect br = {r.x + col * (bw + gap), y, bw, g.h};
            if (br.y + br.h > r.y + r.h) break;
            chan_box(l, parent, br, ids[i], forms[i], &g, l_chan_involved(l, ids[i]));
            if (col == ncols - 1 || i == shown - 1) y += rowh;
        }
        if (shown < nch) {
            char buf[512];
            int n = snprintf(buf, sizeof buf, "+%d %s:", nch - shown, l_ui(l, UI_MORE));
            for (ChanId c = 1; c <= nch && n < (int)sizeof buf - 64; c++) {
                bool drawn = false;
                for (int i = 0; i < shown; i++) drawn |= ids[i] == c;
                if (drawn) continue;
                char nm[48];
                const Chan *ch = chan_at(S, c);
                n += snprintf(buf + n, sizeof buf - (size_t)n, " %s %u/%u%s", view_chan_name(S, c, nm, sizeof nm), ch->qcount,
                              ch->dataqsiz, ch->closed ? " closed" : "");
            }
            int ty = imin(y + gap, r.y + r.h - l->f.lh_small);
            if (ty >= y) l_text(l, parent, (Rect){r.x, ty, r.w, l->f.lh_small}, l->f.small, ROLE_STRONG, 0, buf);
        }
        return total;
    }
    return 0;
}

/* ---- goroutines ----------------------------------------------------------------- */

/* "name = value" of g's innermost frame's live variables (vm_inspect.h), up
 * to max; returns how many it has. */
static int g_locals(const L *l, GoId g, char out[][96], int max) {
    const Sim *S = l->S;
    if (!S->runner_state) return 0;
    VmInspect in = {0};
    int n = 0;
    if (vm_inspect(S, g, &in) > 0) {
        const VmFrameLocals *f = &in.frames.items[0];
        for (int32_t i = 0; i < f->n; i++) {
            const VmLocal *v = &in.locals.items[f->first + i];
            if (n < max) {
                char val[64];
                view_value_str(S, v->type, v->value, val, sizeof val);
                snprintf(out[n], 96, "%.24s = %s", strtab_get(&S->strs, v->name, NULL), val);
            }
            n++;
        }
    }
    vm_inspect_free(&in);
    return n;
}

/* Where a runnable goroutine waits for the P: 0 runnext, 1 local, 2 global. */
int l_runq_where(const Sim *S, GoId g, int *pos) {
    if (S->p.runnext == g) return 0;
    for (uint32_t i = S->p.runqhead, k = 0; i != S->p.runqtail; i++, k++) {
        if (S->p.runq[i % RUNQ_SIZE] == g) {
            *pos = (int)k;
            return 1;
        }
    }
    for (int32_t i = S->globhead, k = 0; i < S->globrunq.len; i++, k++) {
        if (S->globrunq.items[i] == g) {
            *pos = k;
            return 2;
        }
    }
    return -1;
}

static void g_status(const L *l, GoId g, char *out, int cap) {
    const Sim *S = l->S;
    const Goroutine *gp = sim_gc(S, g);
    int pos = 0;
    switch (gp->status) {
    case GS_RUNNING:
        snprintf(out, (size_t)cap, "\xe2\x96\xb6 %s", l_ui(l, UI_STATUS_RUNNING));
        break;
    case GS_RUNNABLE: {
        int w = l_runq_where(S, g, &pos);
        if (w == 0) snprintf(out, (size_t)cap, "\xe2\x97\x8f %s \xc2\xb7 %s", l_ui(l, UI_STATUS_RUNNABLE), l_ui(l, UI_IN_RUNNEXT));
        else if (w == 1) snprintf(out, (size_t)cap, "\xe2\x97\x8f %s \xc2\xb7 %s #%d", l_ui(l, UI_STATUS_RUNNABLE), l_ui(l, UI_IN_LOCALQ), pos + 1);
        else if (w == 2) snprintf(out, (size_t)cap, "\xe2\x97\x8f %s \xc2\xb7 %s #%d", l_ui(l, UI_STATUS_RUNNABLE), l_ui(l, UI_IN_GLOBALQ), pos + 1);
        else snprintf(out, (size_t)cap, "\xe2\x97\x8f %s", l_ui(l, UI_STATUS_RUNNABLE));
        break;
    }
    case GS_WAITING:
        snprintf(out, (size_t)cap, "\xe2\x80\x96 %s \xc2\xb7 %s", l_ui(l, UI_STATUS_WAITING), wait_reason_string(gp->waitreason));
        break;
    default:
        snprintf(out, (size_t)cap, "\xe2\x9c\x95 %s", l_ui(l, UI_STATUS_DEAD));
    }
}

/* A status in one word ("waiting"), for old -> new. */
static const char *status_word(const L *l, int status) {
    switch (status) {
    case GS_RUNNING: return l_ui(l, UI_STATUS_RUNNING);
    case GS_RUNNABLE: return l_ui(l, UI_STATUS_RUNNABLE);
    case GS_WAITING: return l_ui(l, UI_STATUS_WAITING);
    default: return l_ui(l, UI_STATUS_DEAD);
    }
}

const char *l_g_fn(const L *l, GoId g) {
    const Sim *S = l->S;
    const Goroutine *gp = sim_gc(S, g);
    VmFrame fr[1];
    StrId fn = gp->status != GS_DEAD && vm_frames(S, g, fr, 1) > 0 ? fr[0].fn : gp->fn;
    const char *fname = strtab_get(&S->strs, fn, NULL);
    if (g == 1 && strcmp(fname, "runtime.main") == 0) fname = "main.main"; /* unwound by a panic: as Go names it */
    return fname;
}

void l_g_status(const L *l, GoId g, char *out, int cap) {
    char now[128];
    g_status(l, g, now, sizeof now);
    const StateDiff *d = l_changed(l, DIFF_G_STATUS, g, -1);
    if (d) snprintf(out, (size_t)cap, "%s" ARROW "%s", status_word(l, (int)d->from), now);
    else if (l_changed(l, DIFF_G_NEW, g, -1)) snprintf(out, (size_t)cap, "%s" ARROW "%s", l_ui(l, UI_G_NEW), now);
    else snprintf(out, (size_t)cap, "%s", now);
}

/* What g waits on: its sudogs' queues. */
static void g_detail(const L *l, GoId g, char *out, int cap) {
    const Sim *S = l->S;
    const Goroutine *gp = sim_gc(S, g);
    out[0] = '\0';
    if (gp->status == GS_WAITING) {
        int n = snprintf(out, (size_t)cap, "%s", l_ui(l, UI_ON_QUEUE));
        int k = 0, queued = 0;
        for (SudogId s = gp->waiting; s && k < 8 && n < cap - 40; s = S->sudogs.items[s - 1].waitlink, k++) {
            const Sudog *sg = &S->sudogs.items[s - 1];
            if (!sg->queued) continue;
            char nm[48];
            n += snprintf(out + n, (size_t)(cap - n), " %s.%s", view_chan_name(S, sg->c, nm, sizeof nm), sg->is_send ? "sendq" : "recvq");
            queued++;
        }
        /* Its sudog already taken off the queue: the waker is about to ready it (a micro-step). */
        if (k > 0 && queued == 0) snprintf(out, (size_t)cap, "%s", l_ui(l, UI_SUDOG_TAKEN));
        if (k == 0) {
            if (gp->parkop == PARK_SEMA || gp->parkop == PARK_MUTEX) snprintf(out, (size_t)cap, "sema %d", gp->sema);
            else if (gp->parkop == PARK_SLEEP) snprintf(out, (size_t)cap, "timer");
            else out[0] = '\0';
        }
    } else if (gp->creator) {
        snprintf(out, (size_t)cap, "go: G%d %s %d", gp->creator, l_ui(l, UI_LINE), gp->creator_line);
    }
}

static void code_line(const L *l, int32_t line, char *out, int cap) {
    const Session *s = l->s;
    out[0] = '\0';
    if (line < 1 || line > s->info.lines.len) return;
    const SrcLine *sl = &s->info.lines.items[line - 1];
    const char *p = s->src + sl->off;
    int n = sl->len;
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    snprintf(out, (size_t)cap, "%s %d: %.*s", l_ui(l, UI_LINE), line, n, p);
    for (char *q = out; *q; q++)
        if (*q == '\t') *q = ' ';
}

enum { CARD_FULL, CARD_COMPACT, CARD_CHIP };

static void g_card(L *l, int32_t parent, Rect r, GoId g, int kind, int nloc) {
    const Sim *S = l->S;
    const Goroutine *gp = sim_gc(S, g);
    int pad = l->f.pad, sm = l->f.small, bd = l->f.body, lhs = l->f.lh_small, lhb = l->f.lh_body;
    int fill, edge, style = ST_FILL | ST_BORDER;
    switch (gp->status) {
    case GS_RUNNING: fill = ROLE_G_RUNNING, edge = ROLE_G_RUNNING_EDGE, style |= ST_THICK; break;
    case GS_RUNNABLE: fill = ROLE_G_RUNNABLE, edge = ROLE_G_RUNNABLE_EDGE; break;
    case GS_WAITING: fill = ROLE_G_WAITING, edge = ROLE_G_WAITING_EDGE, style |= ST_DASHED; break;
    default: fill = ROLE_G_DEAD, edge = ROLE_G_DEAD_EDGE, style |= ST_DOTTED;
    }
    bool pick = l->ui->need_pick && gp->status == GS_RUNNABLE;
    if (pick) fill = ROLE_PICK, style |= ST_THICK;
    if (g == l_actor(l) && gp->status != GS_RUNNING) style |= ST_THICK;
    /* Changed by the step: outlined, and the status says what it was. */
    const StateDiff *d = l_changed(l, DIFF_G_STATUS, g, -1);
    bool born = l_changed(l, DIFF_G_NEW, g, -1) != NULL;
    if (d || born) edge = ROLE_CHANGED, style |= ST_THICK;
    int32_t b = dl_box(l->dl, parent, r, fill, edge, style, TAG_G, g, 0);
    char buf[256], st[160], now[128];
    int x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
    g_status(l, g, now, sizeof now);
    l_g_status(l, g, st, sizeof st);
    if (kind == CARD_CHIP) {
        snprintf(buf, sizeof buf, "G%d %.*s%s", g, 3, now, d || born ? " *" : ""); /* the status glyph */
        l_text(l, b, (Rect){x, r.y + (r.h - lhs) / 2, w, lhs}, sm, ROLE_STRONG, ST_BOLD, buf);
        return;
    }
    const char *fname = l_g_fn(l, g);
    snprintf(buf, sizeof buf, "G%d  %s%s", g, fname, pick ? "  \xe2\x97\x80 pick" : "");
    l_text(l, b, (Rect){x, y, w, lhb}, bd, ROLE_STRONG, ST_BOLD, buf);
    y += lhb;
    if (kind == CARD_COMPACT) {
        snprintf(buf, sizeof buf, "%s \xc2\xb7 %s %d", st, l_ui(l, UI_LINE), gp->line);
        l_text(l, b, (Rect){x, y, w, lhs}, sm, ROLE_TEXT, 0, buf);
        return;
    }
    l_text(l, b, (Rect){x, y, w, lhs}, sm, ROLE_TEXT, ST_BOLD, st);
    y += lhs;
    code_line(l, gp->line, buf, sizeof buf);
    l_text(l, b, (Rect){x, y, w, lhs}, sm, ROLE_TEXT, 0, buf);
    y += lhs;
    g_detail(l, g, buf, sizeof buf);
    if (buf[0]) l_text(l, b, (Rect){x, y, w, lhs}, sm, ROLE_DIM, 0, buf);
    y += lhs;
    char locs[4][96];
    int n = g_locals(l, g, locs, 4);
    for (int i = 0; i < n && i < nloc; i++, y += lhs) {
        if (i == nloc - 1 && n > nloc) {
            snprintf(buf, sizeof buf, "%.90s  (+%d)", locs[i], n - nloc + 1);
            l_text(l, b, (Rect){x, y, w, lhs}, sm, ROLE_LABEL, 0, buf);
        } else {
            l_text(l, b, (Rect){x, y, w, lhs}, sm, ROLE_LABEL, 0, locs[i]);
        }
    }
}

void lay_goroutines(L *l, int32_t parent, Rect r) {
    const Sim *S = l->S;
    if (l->ui->need_pick && lay_pick_columns(l, parent, r)) return; /* the scheduling game */
    int gap = l->gap, pad = l->f.pad, lhs = l->f.lh_small, lhb = l->f.lh_body;
    int adv = view_mono_advance(l->f.small);
    int nlive = 0, ndead = 0, nloc = 0;
    char tmp[4][96];
    for (GoId g = 1; g <= S->gs.len; g++) {
        if (sim_gc(S, g)->status == GS_DEAD) {
            ndead++;
        } else {
            nlive++;
            if (nloc < 3) nloc = imax(nloc, imin(3, g_locals(l, g, tmp, 4)));
        }
    }
    Rect area = r;
    if (ndead) area.h -= lhs + gap;
    if (area.h < lhs) return;
    int kinds[3] = {CARD_FULL, CARD_COMPACT, CARD_CHIP};
    int hs[3] = {2 * pad + lhb + (3 + nloc) * lhs, 2 * pad + lhb + lhs, 2 * pad + lhs};
    int mins[3] = {26 * adv, 20 * adv, 8 * adv};
    int kind = CARD_CHIP, ncols = 1, cw = area.w, ch = hs[2], capn = 0;
    for (int k = 0; k < 3; k++) {
        int maxcols = imax(1, (area.w + gap) / (mins[k] + gap));
        int rows = (area.h + gap) / (hs[k] + gap);
        /* As few columns as the rows allow: wider cards keep names and states whole. */
        ncols = rows > 0 && nlive > 0 ? imin(maxcols, (nlive + rows - 1) / rows) : maxcols;
        if (k == 2) ncols = maxcols;
        ncols = imax(1, ncols);
        cw = (area.w - (ncols - 1) * gap) / ncols;
        if (k < 2) cw = imin(cw, mins[k] * 3);
        capn = rows * ncols;
        kind = kinds[k];
        ch = hs[k];
        if (capn >= nlive) break;
    }
    int shown = imin(nlive, capn);
    if (shown < nlive && shown > 0) shown--; /* room for the "+N" box */
    int i = 0;
    for (GoId g = 1; g <= S->gs.len && i < shown; g++) {
        if (sim_gc(S, g)->status == GS_DEAD) continue;
        Rect cr = {area.x + (i % ncols) * (cw + gap), area.y + (i / ncols) * (ch + gap), cw, ch};
        g_card(l, parent, cr, g, kind, nloc);
        i++;
    }
    if (shown < nlive && capn > 0) {
        Rect cr = {area.x + (i % ncols) * (cw + gap), area.y + (i / ncols) * (ch + gap), cw, ch};
        int32_t b = dl_box(l->dl, parent, cr, ROLE_PANEL, ROLE_BORDER, ST_BORDER | ST_DASHED, TAG_MORE, 0, 0);
        char buf[64];
        snprintf(buf, sizeof buf, "+%d %s", nlive - shown, l_ui(l, UI_MORE));
        l_text(l, b, (Rect){cr.x + pad, cr.y + (cr.h - lhs) / 2, cr.w - 2 * pad, lhs}, l->f.small, ROLE_STRONG, 0, buf);
    }
    if (ndead) {
        char buf[512];
        int n = snprintf(buf, sizeof buf, "\xe2\x9c\x95 %s", l_ui(l, UI_DEAD_LIST));
        for (GoId g = 1; g <= S->gs.len && n < (int)sizeof buf - 16; g++)
            if (sim_gc(S, g)->status == GS_DEAD) n += snprintf(buf + n, sizeof buf - (size_t)n, " G%d", g);
        l_text(l, parent, (Rect){r.x, r.y + r.h - lhs, r.w, lhs}, l->f.small, ROLE_DIM, 0, buf);
    }
}

/* ---- the P ------------------------------------------------------------------------ */

/* A row of goroutine chips after a label; wraps onto following lines.
 * was: the row before the step when the step changed it (its chips are
 * then outlined, and what it held follows them), else NULL.  Returns the y after it. */
static int chips_row(L *l, int32_t parent, Rect r, int y, const char *label, int lab_w, const GoId *gs, int n, int tag,
                     int sub, const char *was) {
    int pad = l->f.pad, sm = l->f.small, lhs = l->f.lh_small;
    int rowh = lhs + pad;
    if (y + rowh > r.y + r.h) return y;
    l_text(l, parent, (Rect){r.x, y + pad / 2, lab_w, lhs}, sm, ROLE_LABEL, 0, label);
    int x0 = r.x + lab_w, x = x0;
    char wbuf[200];
    if (was) snprintf(wbuf, sizeof wbuf, "%s %s", l_ui(l, UI_WAS), was);
    if (n == 0) {
        if (was) snprintf(wbuf, sizeof wbuf, "%s  (%s %s)", l_ui(l, UI_EMPTY), l_ui(l, UI_WAS), was);
        l_text(l, parent, (Rect){x, y + pad / 2, r.x + r.w - x, lhs}, sm, was ? ROLE_STRONG : ROLE_DIM, 0,
               was ? wbuf : l_ui(l, UI_EMPTY));
        return y + rowh + pad / 2;
    }
    int cw = l_tw(l, sm, "G999") + pad;
    int more_w = l_tw(l, sm, "+9999");
    for (int i = 0; i < n; i++) {
        if (x + cw > r.x + r.w) {
            x = x0;
            y += rowh + pad / 2;
        }
        bool last_line = y + 2 * (rowh + pad / 2) > r.y + r.h;
        if (y + rowh > r.y + r.h || (last_line && i < n - 1 && x + cw + pad / 2 + more_w > r.x + r.w)) {
            char buf[32];
            snprintf(buf, sizeof buf, "+%d", n - i);
            if (y + rowh <= r.y + r.h)
                l_text(l, parent, (Rect){x, y + pad / 2, imin(more_w, r.x + r.w - x), lhs}, sm, ROLE_STRONG, 0, buf);
            break;
        }
        char buf[16];
        snprintf(buf, sizeof buf, "G%d", gs[i]);
        Rect c = {x, y, cw, rowh};
        int32_t b = dl_box(l->dl, parent, c, ROLE_G_RUNNABLE, was ? ROLE_CHANGED : ROLE_G_RUNNABLE_EDGE,
                           ST_FILL | ST_BORDER | (was ? ST_THICK : 0), tag, gs[i], sub);
        l_text(l, b, (Rect){c.x + 1, c.y + pad / 2, c.w - 2, lhs}, sm, ROLE_STRONG, ST_CENTER, buf);
        x += cw + pad / 2;
    }
    if (was) {
        int ww = l_tw(l, sm, wbuf);
        if (x + ww > r.x + r.w) x = x0, y += rowh + pad / 2;
        if (y + rowh <= r.y + r.h)
            l_text(l, parent, (Rect){x, y + pad / 2, imin(ww, r.x + r.w - x), lhs}, sm, ROLE_STRONG, 0, wbuf);
    }
    return y + rowh + pad / 2;
}

void l_g_name(const L *l, GoId g, char *out, int cap) {
    if (g) snprintf(out, (size_t)cap, "G%d", g);
    else snprintf(out, (size_t)cap, "%s", l_ui(l, UI_NONE));
}

void lay_sched(L *l, int32_t parent, Rect r) {
    const Sim *S = l->S;
    int sm = l->f.small, lhs = l->f.lh_small, pad = l->f.pad;
    const char *labels[] = {l_ui(l, UI_CURG), l_ui(l, UI_SCHEDTICK), l_ui(l, UI_RUNNEXT), l_ui(l, UI_LOCALQ), l_ui(l, UI_GLOBALQ),
                            l_ui(l, UI_CLOCK)};
    int lab_w = 0;
    for (int i = 0; i < 6; i++) lab_w = imax(lab_w, l_tw(l, sm, labels[i]));
    lab_w += view_mono_advance(sm);
    lab_w = imin(lab_w, r.w / 2);
    char buf[128];
    int y = r.y;
    int vw = r.w - lab_w;
    if (y + lhs > r.y + r.h) return;
    l_text(l, parent, (Rect){r.x, y, lab_w, lhs}, sm, ROLE_LABEL, 0, labels[0]);
    char g0[16], g1[16];
    const StateDiff *d = l_changed(l, DIFF_CURG, 0, -1);
    l_g_name(l, S->curg, g1, sizeof g1);
    if (d) l_g_name(l, (GoId)d->from, g0, sizeof g0), snprintf(buf, sizeof buf, "%s" ARROW "%s", g0, g1);
    else snprintf(buf, sizeof buf, "%s", g1);
    l_text(l, parent, (Rect){r.x + lab_w, y, vw, lhs}, sm, ROLE_STRONG, ST_BOLD, buf);
    y += lhs;
    if (y + lhs > r.y + r.h) return;
    l_text(l, parent, (Rect){r.x, y, lab_w, lhs}, sm, ROLE_LABEL, 0, labels[1]);
    d = l_changed(l, DIFF_SCHEDTICK, 0, -1);
    int n = d ? snprintf(buf, sizeof buf, "%lld" ARROW, (long long)d->from) : 0;
    snprintf(buf + n, sizeof buf - (size_t)n, "%u  (%u %% 61 = %u)", S->p.schedtick, S->p.schedtick, S->p.schedtick % 61);
    l_text(l, parent, (Rect){r.x + lab_w, y, vw, lhs}, sm, ROLE_STRONG, d ? ST_BOLD : 0, buf);
    y += lhs + pad / 2;
    char was[3][160];
    const char *w[3] = {NULL, NULL, NULL};
    if (l_changed(l, DIFF_RUNNEXT, 0, -1)) w[0] = was[0], l_g_name(l, l->from->p.runnext, was[0], sizeof was[0]);
    if (l_changed(l, DIFF_RUNQ, 0, -1)) w[1] = was[1], view_runq_str(l->from, false, was[1], sizeof was[1]);
    if (l_changed(l, DIFF_GLOBRUNQ, 0, -1)) w[2] = was[2], view_runq_str(l->from, true, was[2], sizeof was[2]);
    GoId one[1] = {S->p.runnext};
    y = chips_row(l, parent, r, y, labels[2], lab_w, one, S->p.runnext ? 1 : 0, TAG_RUNNEXT, 0, w[0]);
    GoId local[RUNQ_SIZE];
    int nl = 0;
    for (uint32_t i = S->p.runqhead; i != S->p.runqtail && nl < RUNQ_SIZE; i++) local[nl++] = S->p.runq[i % RUNQ_SIZE];
    y = chips_row(l, parent, r, y, labels[3], lab_w, local, nl, TAG_RUNQ_ITEM, 0, w[1]);
    int ng = S->globrunq.len - S->globhead;
    y = chips_row(l, parent, r, y, labels[4], lab_w, S->globrunq.items ? S->globrunq.items + S->globhead : NULL, ng > 0 ? ng : 0,
                  TAG_RUNQ_ITEM, 1, w[2]);
    if (S->now || S->timers.len) {
        if (y + lhs > r.y + r.h) return;
        l_text(l, parent, (Rect){r.x, y, lab_w, lhs}, sm, ROLE_LABEL, 0, labels[5]);
        snprintf(buf, sizeof buf, "%lld ms  \xc2\xb7  %s %d", (long long)(S->now / 1000000), l_ui(l, UI_TIMERS), S->timers.len);
        l_text(l, parent, (Rect){r.x + lab_w, y, vw, lhs}, sm, ROLE_STRONG, 0, buf);
        y += lhs;
    }
    /* sync objects */
    for (int32_t i = 0; i < S->mutexes.len && y + lhs <= r.y + r.h; i++, y += lhs) {
        const Mutex *m = &S->mutexes.items[i];
        snprintf(buf, sizeof buf, "Mutex#%d  locked=%d  waiters=%d", i + 1, m->locked, m->waiters);
        l_text(l, parent, (Rect){r.x, y, r.w, lhs}, sm, ROLE_TEXT, 0, buf);
    }
    for (int32_t i = 0; i < S->waitgroups.len && y + lhs <= r.y + r.h; i++, y += lhs) {
        const WaitGroup *w = &S->waitgroups.items[i];
        snprintf(buf, sizeof buf, "WaitGroup#%d  counter=%lld  waiters=%d", i + 1, (long long)w->counter, w->waiters);
        l_text(l, parent, (Rect){r.x, y, r.w, lhs}, sm, ROLE_TEXT, 0, buf);
    }
}

/* ---- narration ---------------------------------------------------------------------- */

/* A banner: a bordered box holding a wrapped message.  Returns the y after it. */
static int banner_at(L *l, int32_t parent, Rect r, int y, const char *msg, int fill, int edge, int role, bool emit) {
    int pad = l->f.pad, px = l->f.body;
    Rect inner = {r.x + pad, 0, r.w - 2 * pad, 0};
    int h = l_para(l, -1, inner, 0, px, role, 0, msg, (int)strlen(msg), false) + 2 * pad;
    if (!emit) return y + h + pad;
    h = imin(h, r.y + r.h - y);
    if (h < l->f.lh_body + 2 * pad) return y;
    Rect b = {r.x, y, r.w, h};
    int32_t box = dl_box(l->dl, parent, b, fill, edge, ST_FILL | ST_BORDER | ST_THICK, TAG_BANNER, 0, 0);
    l_para(l, box, (Rect){b.x + pad, b.y + pad, b.w - 2 * pad, b.h - 2 * pad}, b.y + pad, px, role, 0, msg, (int)strlen(msg), true);
    return y + h + pad;
}

/* The explanation column: banners, the lesson's words, the step's headline.
 * emit = false measures: returns the y it reaches with no bottom. */
int lay_explanation(L *l, int32_t parent, Rect left, bool emit) {
    const Session *s = l->s;
    const Sim *S = l->S;
    int pad = l->f.pad, bd = l->f.body, sm = l->f.small, lhs = l->f.lh_small;
    int y = left.y;
    if (!emit) left.h = 1 << 28;
    char buf[1024];
    if (l->ui->need_pick) {
        int n = snprintf(buf, sizeof buf, "%s:", l_ui(l, UI_PICK_PROMPT));
        GoId rs[64];
        int nr = sim_runnable(S, rs, 64);
        for (int i = 0; i < nr && i < 64 && n < (int)sizeof buf - 8; i++) n += snprintf(buf + n, sizeof buf - (size_t)n, " G%d", rs[i]);
        y = banner_at(l, parent, left, y, buf, ROLE_BANNER, ROLE_BANNER_EDGE, ROLE_STRONG, emit);
    }
    bool last = s->done && s->cur == s->steps.len - 1;
    if (last && (s->end_state == SIM_PANICKED || s->end_state == SIM_FATAL || s->end_state == SIM_REPLAY_ERROR)) {
        snprintf(buf, sizeof buf, "%s: %s", s->end_state == SIM_PANICKED ? "panic" : s->end_state == SIM_FATAL ? "fatal error" : l_ui(l, UI_REPLAY_ERROR),
                 s->message);
        y = banner_at(l, parent, left, y, buf, ROLE_ERROR_BG, ROLE_ERROR, ROLE_ERROR, emit);
    } else if (last && s->end_state == SIM_EXITED) {
        y = banner_at(l, parent, left, y, l_ui(l, UI_EXITED), ROLE_BANNER, ROLE_BANNER_EDGE, ROLE_STRONG, emit);
    }
    /* Before the first step: the lesson's title and its question. */
    if (s->cur == 0 && s->has_lesson) {
        const Lesson *ls = &s->lesson;
        const char *title = l->lang == LANG_ZH && ls->title_zh ? ls->title_zh : ls->title_en;
        const char *predict = l->lang == LANG_ZH && ls->predict_zh ? ls->predict_zh : ls->predict_en;
        if (title) y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, ROLE_STRONG, ST_BOLD, title, (int)strlen(title), emit);
        if (predict && y + lhs <= left.y + left.h) {
            if (emit) l_text(l, parent, (Rect){left.x, y, left.w, lhs}, sm, ROLE_LABEL, 0, l_ui(l, UI_PREDICT));
            y += lhs;
            y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, ROLE_NARR, 0, predict, (int)strlen(predict), emit);
        }
        y += pad;
    }
    /* The scheduling game's goal: shown while scheduling by hand; reached when
     * a run that left the lesson's path ends as the goal says. */
    if (s->has_lesson && s->lesson.goal_outcome) {
        const Lesson *ls = &s->lesson;
        const char *goal = l->lang == LANG_ZH && ls->goal_zh ? ls->goal_zh : ls->goal_en;
        char outcome[300];
        session_outcome(s, outcome, sizeof outcome);
        bool reached = s->picks > 0 && s->cur == s->steps.len - 1 && strcmp(outcome, ls->goal_outcome) == 0;
        if (reached) {
            snprintf(buf, sizeof buf, l_ui(l, UI_GOAL_REACHED), ls->goal_outcome);
            y = banner_at(l, parent, left, y, buf, ROLE_BANNER, ROLE_CHANGED, ROLE_STRONG, emit);
        } else if (goal && (l->ui->manual || s->cur == 0)) {
            snprintf(buf, sizeof buf, "%s: %s", l_ui(l, UI_GOAL), goal);
            y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, ROLE_STRONG, 0, buf, (int)strlen(buf), emit);
            y += pad;
        }
    }
    /* The lesson's answer: at the end, or when the run is revealed (O). */
    bool at_end = s->done && s->cur == s->steps.len - 1;
    if (s->has_lesson && s->cur > 0 && (at_end || l->ui->reveal)) {
        const Lesson *ls = &s->lesson;
        const char *teaches = l->lang == LANG_ZH && ls->teaches_zh ? ls->teaches_zh : ls->teaches_en;
        if (ls->outcome) {
            snprintf(buf, sizeof buf, "%s: %s", l_ui(l, UI_OUTCOME), ls->outcome);
            y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, ROLE_STRONG, ST_BOLD, buf, (int)strlen(buf), emit);
        }
        if (teaches && !l->presenting) /* a projector has room for the outcome only */
            y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, ROLE_NARR, 0, teaches, (int)strlen(teaches), emit);
        y += pad;
    }
    /* Off the lesson's path: its words no longer apply. */
    if (s->diverged_at && s->cur >= s->diverged_at) {
        snprintf(buf, sizeof buf, l_ui(l, UI_OFF_PATH), s->diverged_at);
        y = banner_at(l, parent, left, y, buf, ROLE_BANNER, ROLE_BANNER_EDGE, ROLE_STRONG, emit);
    }
    /* Where the run leaves Go's own schedule (a preemption, another pick). */
    const StepRec *st = &s->steps.items[s->cur];
    if (st->marks & MARK_DEPART) {
        if (st->preemption)
            snprintf(buf, sizeof buf, l_ui(l, UI_DEPART_PREEMPT), st->actor, st->go_pick, st->preemption,
                     s->preemptions, st->go_pick);
        else
            snprintf(buf, sizeof buf, l_ui(l, UI_DEPART_PICK), st->actor, st->go_pick);
        y = banner_at(l, parent, left, y, buf, ROLE_BANNER, ROLE_BANNER_EDGE, ROLE_STRONG, emit);
    }
    /* The lesson's words for what this step did (lessontext.h). */
    LessonText words[4];
    int nw = lesson_text_for_step(s, l->ui->micro, l->lang, words, 4);
    if (nw && y + lhs <= left.y + left.h) {
        if (emit) l_text(l, parent, (Rect){left.x, y, left.w, lhs}, sm, ROLE_LABEL, 0, l_ui(l, UI_LESSON));
        y += lhs;
        for (int i = 0; i < nw; i++)
            y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, ROLE_NARR, 0, words[i].text,
                       words[i].len, emit);
        y += pad;
    }
    /* The step's headline: the sentence of its runtime path. */
    int head = -1;
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].kind == st->main_event) {
            head = i;
            break;
        }
    /* In presentation the micro-step's own sentence follows; when it is the
     * headline's event, once is enough. */
    bool micro = l->presenting && l->ui->micro >= 0 && S->log.len > 0;
    bool same = micro && imin(l->ui->micro, S->log.len - 1) == (head >= 0 ? head : S->log.len - 1);
    if (same) goto micro_sentence;
    if (y + lhs <= left.y + left.h) {
        if (emit) l_text(l, parent, (Rect){left.x, y, left.w, lhs}, sm, ROLE_LABEL, 0, l_ui(l, UI_THIS_STEP));
        y += lhs;
    }
    if (s->cur == 0) snprintf(buf, sizeof buf, "%s", l_ui(l, UI_INITIAL_STATE));
    else if (head >= 0) narrate_event(S, &S->log.items[head], l->lang, buf, sizeof buf);
    else if (S->log.len) narrate_event(S, &S->log.items[S->log.len - 1], l->lang, buf, sizeof buf);
    else snprintf(buf, sizeof buf, "G%d: %s", st->actor, l_ui(l, UI_NO_EVENTS));
    y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, micro ? ROLE_TEXT : ROLE_STRONG,
               micro ? 0 : ST_BOLD, buf, (int)strlen(buf), emit);
    y += pad;
micro_sentence:
    /* Presentation mode has no micro-step list: the one shown is told here. */
    if (micro) {
        int k = imin(l->ui->micro, S->log.len - 1);
        int n = snprintf(buf, sizeof buf, "%s %d/%d: ", l_ui(l, UI_MICRO_STEP), k + 1, S->log.len);
        n += narrate_event(S, &S->log.items[k], l->lang, buf + n, (int)sizeof buf - n);
        char extra[512];
        if (narrate_event_extra(S, &S->log.items[k], l->lang, extra, sizeof extra))
            snprintf(buf + n, sizeof buf - (size_t)n, "; %s", extra);
        y = l_para(l, parent, (Rect){left.x, y, left.w, left.y + left.h - y}, y, bd, ROLE_STRONG, ST_BOLD, buf, (int)strlen(buf), emit);
        y += pad;
    }
    return y;
}

/* The explanation's columns in r: the words at left, the micro-steps at right when wide enough. */
static bool narr_split(const L *l, Rect r, Rect *left, Rect *right) {
    int pad = l->f.pad;
    bool two = r.w >= 110 * view_mono_advance(l->f.small);
    *left = r;
    *right = r;
    if (two) {
        left->w = (r.w - 2 * pad) * 45 / 100;
        right->x = r.x + left->w + 2 * pad;
        right->w = r.w - left->w - 2 * pad;
    }
    return two;
}

int lay_narration_height(L *l, int w) {
    Rect left, right;
    narr_split(l, (Rect){0, 0, w, 0}, &left, &right);
    return lay_explanation(l, -1, left, false);
}

void lay_narration(L *l, int32_t parent, Rect r) {
    const Sim *S = l->S;
    int pad = l->f.pad, sm = l->f.small, lhs = l->f.lh_small;
    Rect left, right;
    bool two = narr_split(l, r, &left, &right);
    int y = lay_explanation(l, parent, left, true);
    char buf[1024];

    /* Micro-steps: every event of the step, the current one marked. */
    Rect list = two ? right : (Rect){r.x, y, r.w, r.y + r.h - y};
    if (list.h < 2 * lhs || S->log.len == 0) return;
    snprintf(buf, sizeof buf, "%s (\xe2\x86\x93/\xe2\x86\x91)", l_ui(l, UI_MICRO_STEPS));
    l_text(l, parent, (Rect){list.x, list.y, list.w, lhs}, sm, ROLE_LABEL, 0, buf);
    int ly = list.y + lhs, bottom = list.y + list.h;
    int numw = l_tw(l, sm, "99. ");
    Rect tr = {list.x + numw + pad, 0, list.w - numw - 2 * pad, 0};
    /* Heights, to scroll the current one into view. */
    int n = S->log.len, cur = l->ui->micro < n ? l->ui->micro : n - 1;
    enum { MAXE = 512 };
    int hts[MAXE];
    for (int i = 0; i < n && i < MAXE; i++) {
        char sent[1024], extra[512];
        int k = narrate_event(S, &S->log.items[i], l->lang, sent, sizeof sent);
        if (narrate_event_extra(S, &S->log.items[i], l->lang, extra, sizeof extra))
            snprintf(sent + k, sizeof sent - (size_t)k, "; %s", extra);
        hts[i] = l_para(l, -1, tr, 0, sm, ROLE_TEXT, 0, sent, (int)strlen(sent), false);
    }
    if (n > MAXE) n = MAXE;
    int first = 0;
    if (cur >= 0) {
        int h = 0;
        for (int i = cur; i >= 0; i--) {
            h += hts[i];
            if (ly + h > bottom - lhs) {
                first = i + 1;
                break;
            }
        }
        if (first > cur) first = cur;
    }
    for (int i = first; i < n; i++) {
        bool more_after = i + 1 < n;
        int need = hts[i] + (more_after ? lhs : 0);
        if (ly + hts[i] > bottom || (ly + need > bottom && more_after && i != cur)) {
            snprintf(buf, sizeof buf, "\xe2\x80\xa6 +%d", n - i);
            if (ly + lhs <= bottom) l_text(l, parent, (Rect){list.x, ly, list.w, lhs}, sm, ROLE_DIM, 0, buf);
            break;
        }
        char sent[1024], extra[512];
        int k = narrate_event(S, &S->log.items[i], l->lang, sent, sizeof sent);
        if (narrate_event_extra(S, &S->log.items[i], l->lang, extra, sizeof extra))
            snprintf(sent + k, sizeof sent - (size_t)k, "; %s", extra);
        bool is_cur = i == cur;
        int32_t par = parent;
        if (is_cur) par = dl_box(l->dl, parent, (Rect){list.x, ly, list.w, hts[i]}, ROLE_MICRO_CUR, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_MICRO, i, 0);
        char num[16];
        snprintf(num, sizeof num, "%s%d.", is_cur ? "\xe2\x96\xb6" : "", i + 1);
        l_text(l, par, (Rect){list.x + (is_cur ? 0 : pad), ly, numw + (is_cur ? pad : 0), lhs}, sm, is_cur ? ROLE_STRONG : ROLE_DIM, 0, num);
        l_para(l, par, (Rect){tr.x, ly, tr.w, hts[i]}, ly, sm, is_cur ? ROLE_STRONG : ROLE_TEXT, is_cur ? ST_BOLD : 0, sent,
               (int)strlen(sent), true);
        ly += hts[i];
    }
}
