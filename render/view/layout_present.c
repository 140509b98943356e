/* layout_present.c: presentation mode, for a projector and the back row.
 *
 * Every text is at least 22 px at 720p (view_fonts scales it with the
 * window) and nothing is elided: every line wraps, and what does not fit is
 * counted ("+3 more"), never cut.  The frame shows what a class follows:
 *  - at the top, one line: where the run is (step, goroutine, line, path);
 *  - at the right, the channel(s) the step touches, large: the hchan's
 *    fields, its buffer as a ring of slots with sendx and recvx pointing
 *    into it, and each waiting sudog with a thick arrow, labelled g, to its
 *    goroutine; closechan's gList while close readies it;
 *  - at the left, the code around the line, then one line per goroutine and
 *    one for the P's queues and for the last output;
 *  - at the bottom, in a fixed place, the explanation (lay_explanation).
 * What the step changed is outlined and written old -> new, as in the
 * window's normal layout (l_changed and friends from layout_state.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout_int.h"
#include "sched.h"
#include "types.h"

#define ARROW "\xe2\x86\x92"
static const double PI = 3.14159265358979323846;

/* A wrapped text in r from y (never elided: r must be tall enough, which
 * the measuring pass made sure of); returns the y after it. */
static int para(L *l, int32_t parent, Rect r, int y, int role, int style, const char *s, bool emit) {
    return l_para(l, parent, (Rect){r.x, y, r.w, emit ? r.y + r.h - y : 1 << 28}, y, l->f.body, role, style, s,
                  (int)strlen(s), emit);
}

static int para_h(L *l, int w, const char *s) {
    return l_para(l, -1, (Rect){0, 0, w, 1 << 28}, 0, l->f.body, ROLE_TEXT, 0, s, (int)strlen(s), false);
}

/* ---- the channels the step is about ------------------------------------------------ */

/* The channels to draw large: those the step touched, else those the
 * latest earlier step touched (so the picture stays while the code prints). */
static int focus_chans(const L *l, ChanId out[2]) {
    const StepRec *r = l_focus_step(l);
    int n = 0;
    for (int i = 0; r && i < 2; i++)
        if (r->chans[i] && r->chans[i] <= l->S->chans.len) out[n++] = r->chans[i];
    if (n) return n;
    if (l->S->chans.len > 0) {
        out[0] = 1;
        return 1;
    }
    return 0;
}

typedef struct Ring {
    int n;             /* slots drawn */
    int sw, sh;        /* a slot */
    int R;             /* radius of the slots' centres; 0: a row instead */
    int w, h;          /* the slots' picture */
    int legend_w;      /* "sendx -> [1]" / "recvx -> [0]" above it */
} Ring;

static Rect ring_slot(const Ring *g, int cx, int cy, int i) {
    double a = -PI / 2 + 2 * PI * i / g->n;
    int x = cx + (int)lround(g->R * cos(a)), y = cy + (int)lround(g->R * sin(a));
    return (Rect){x - g->sw / 2, y - g->sh / 2, g->sw, g->sh};
}

static void slot_value(L *l, ChanId c, uint32_t i, char *out, int cap) {
    const Chan *ch = &l->S->chans.items[c - 1];
    if (l_slot_text(l, c, i, out, cap)) return;
    if (l_slot_full(ch, i)) view_value_str(l->S, ch->elemtype, l->S->slots.items[ch->buf + (int32_t)i], out, cap);
    else snprintf(out, (size_t)cap, "%s", l_ui(l, UI_EMPTY));
}

static void legend_text(const Chan *ch, char *a, char *b, int cap) {
    snprintf(a, (size_t)cap, "sendx " ARROW " [%u]", ch->sendx);
    snprintf(b, (size_t)cap, "recvx " ARROW " [%u]", ch->recvx);
}

/* Sizes the buffer's picture for width w: a ring when it fits (and ring is
 * asked for), else a row of as many slots as fit. */
static void ring_geom(L *l, ChanId c, int w, bool ring, Ring *g) {
    const Chan *ch = &l->S->chans.items[c - 1];
    int pad = l->f.pad, lh = l->f.lh_body;
    memset(g, 0, sizeof *g);
    g->n = (int)ch->dataqsiz;
    char v[160], a[64], b[64];
    g->sw = imax(l_tw(l, l->f.body, "[99]"), l_tw(l, l->f.body, l_ui(l, UI_EMPTY)));
    for (uint32_t i = 0; i < ch->dataqsiz && i < 64; i++) {
        slot_value(l, c, i, v, sizeof v);
        g->sw = imax(g->sw, l_tw(l, l->f.body, v));
    }
    g->sw = imin(g->sw + 2 * pad, w);
    g->sh = 2 * lh + pad;
    legend_text(ch, a, b, sizeof a);
    g->legend_w = imax(l_tw(l, l->f.body, a), l_tw(l, l->f.body, b));
    if (ring && g->n >= 2 && g->n <= 12) {
        /* The smallest radius at which no two slots meet, leaving the middle for the arrows. */
        int hub = 2 * pad;
        for (int R = g->sh / 2; R < 4 * w; R += imax(1, pad / 2)) {
            g->R = R;
            bool ok = true;
            Rect centre = {-hub, -hub, 2 * hub, 2 * hub};
            for (int i = 0; i < g->n && ok; i++) {
                Rect ri = ring_slot(g, 0, 0, i);
                Rect grown = {ri.x - pad, ri.y - pad, ri.w + 2 * pad, ri.h + 2 * pad};
                if (rect_overlaps(grown, centre)) ok = false;
                for (int j = i + 1; j < g->n && ok; j++)
                    if (rect_overlaps(grown, ring_slot(g, 0, 0, j))) ok = false;
            }
            if (ok) break;
        }
        g->R += lh; /* room in the middle for the arrows to read */
        /* The ring's box: the slots' extremes. */
        int minx = 0, maxx = 0, miny = 0, maxy = 0;
        for (int i = 0; i < g->n; i++) {
            Rect ri = ring_slot(g, 0, 0, i);
            minx = imin(minx, ri.x), maxx = imax(maxx, ri.x + ri.w);
            miny = imin(miny, ri.y), maxy = imax(maxy, ri.y + ri.h);
        }
        g->w = imax(maxx - minx, 2 * imax(maxx, -minx));
        g->h = imax(maxy - miny, 2 * imax(maxy, -miny));
        if (g->w <= w) {
            g->h += 2 * lh; /* the legend above */
            g->w = imax(g->w, g->legend_w);
            return;
        }
    }
    /* A row (one slot, or too many or too wide for a ring): as many as fit. */
    g->R = 0;
    int k = imax(1, (w + pad) / (g->sw + pad));
    g->n = imin(g->n, k);
    g->w = g->n * (g->sw + pad) - pad;
    g->h = lh + g->sh + pad + lh; /* sendx above, recvx below */
}

static void draw_slot(L *l, int32_t box, ChanId c, uint32_t i, Rect sr) {
    const Chan *ch = &l->S->chans.items[c - 1];
    bool full = l_slot_full(ch, i);
    char v[160], idx[16];
    bool moved = l_slot_text(l, c, i, v, sizeof v);
    slot_value(l, c, i, v, sizeof v);
    int edge = moved ? ROLE_CHANGED : full ? ROLE_SLOT_EDGE : ROLE_HATCH;
    int32_t sb = dl_box(l->dl, box, sr, full ? ROLE_SLOT_FULL : ROLE_SLOT_EMPTY, edge,
                        ST_FILL | ST_BORDER | (full ? 0 : ST_HATCH) | (moved ? ST_THICK : 0), TAG_SLOT, c, (int32_t)i);
    int lh = l->f.lh_body;
    snprintf(idx, sizeof idx, "[%u]", i);
    l_text(l, sb, (Rect){sr.x + 2, sr.y + 2, sr.w - 4, lh}, l->f.body, ROLE_DIM, ST_CENTER, idx);
    l_text(l, sb, (Rect){sr.x + 2, sr.y + 2 + lh, sr.w - 4, lh}, l->f.body, full ? ROLE_STRONG : ROLE_DIM,
           ST_CENTER | (full ? ST_BOLD : 0), v);
}

static void draw_ring(L *l, int32_t box, ChanId c, const Ring *g, int x, int y) {
    const Chan *ch = &l->S->chans.items[c - 1];
    int lh = l->f.lh_body, pad = l->f.pad;
    if (g->R == 0) {
        int first = iclamp((int)ch->recvx - 1, 0, (int)ch->dataqsiz - g->n);
        for (int k = 0; k < g->n; k++) {
            uint32_t i = (uint32_t)(first + k);
            Rect sr = {x + k * (g->sw + pad), y + lh, g->sw, g->sh};
            draw_slot(l, box, c, i, sr);
            int mx = sr.x + sr.w / 2;
            if (i == ch->sendx) {
                l_text(l, box, (Rect){sr.x, y, sr.w, lh}, l->f.body, ROLE_SENDX, ST_CENTER | ST_BOLD, "sendx");
                dl_line(l->dl, DL_ARROW, mx, y + lh - 1, mx, sr.y, ROLE_SENDX, ST_THICK, TAG_SLOTMARK, c);
            }
            if (i == ch->recvx) {
                l_text(l, box, (Rect){sr.x, sr.y + sr.h + pad, sr.w, lh}, l->f.body, ROLE_RECVX, ST_CENTER | ST_BOLD, "recvx");
                dl_line(l->dl, DL_ARROW, mx + pad, sr.y + sr.h + pad, mx + pad, sr.y + sr.h, ROLE_RECVX, ST_THICK, TAG_SLOTMARK, c);
            }
        }
        return;
    }
    /* The legend, then the ring with an arrow from its hub to the slot each index names. */
    char a[64], b[64];
    legend_text(ch, a, b, sizeof a);
    l_text(l, box, (Rect){x, y, g->legend_w, lh}, l->f.body, ROLE_SENDX, ST_BOLD, a);
    l_text(l, box, (Rect){x, y + lh, g->legend_w, lh}, l->f.body, ROLE_RECVX, ST_BOLD, b);
    int cx = x + g->w / 2, cy = y + 2 * lh + (g->h - 2 * lh) / 2;
    for (int i = 0; i < g->n; i++) draw_slot(l, box, c, (uint32_t)i, ring_slot(g, cx, cy, i));
    for (int k = 0; k < 2; k++) {
        uint32_t i = k == 0 ? ch->sendx : ch->recvx;
        Rect sr = ring_slot(g, cx, cy, (int)i);
        double dx = sr.x + sr.w / 2.0 - cx, dy = sr.y + sr.h / 2.0 - cy;
        /* To the slot's edge along the ray from the hub. */
        double tx = dx ? fabs(sr.w / 2.0 / dx) : 1e9, ty = dy ? fabs(sr.h / 2.0 / dy) : 1e9;
        double t1 = 1 - fmin(tx, ty);
        if (t1 <= 0.05) continue;
        int off = k == 0 ? -pad / 2 : pad / 2; /* two arrows to one slot stay apart */
        dl_line(l->dl, DL_ARROW, cx + off, cy + off, cx + (int)(dx * t1) + off, cy + (int)(dy * t1) + off,
                k == 0 ? ROLE_SENDX : ROLE_RECVX, ST_THICK, TAG_SLOTMARK, c);
    }
}

/* One queue (recvq or sendq): sudogs side by side, each with a thick arrow
 * labelled g down to its goroutine.  Returns the height used. */
static int queue_row(L *l, int32_t box, ChanId c, bool sendq, Rect r, bool emit) {
    const Sim *S = l->S;
    const Chan *ch = &S->chans.items[c - 1];
    int pad = l->f.pad, lh = l->f.lh_body, px = l->f.body;
    WaitQ q = sendq ? ch->sendq : ch->recvq;
    const char *name = sendq ? "sendq" : "recvq";
    const StateDiff *d = l_changed(l, sendq ? DIFF_SENDQ : DIFF_RECVQ, c, -1);
    char lab[96];
    int n = 0;
    for (SudogId s = q.first; s && n < 1000; s = S->sudogs.items[s - 1].next) n++;
    if (d) snprintf(lab, sizeof lab, "%s  %lld" ARROW "%lld", name, (long long)d->from, (long long)d->to);
    else if (n == 0) snprintf(lab, sizeof lab, "%s  %s", name, l_ui(l, UI_EMPTY));
    else snprintf(lab, sizeof lab, "%s", name);
    int labw = l_tw(l, px, lab);
    if (emit && r.h < lh) return 0;
    if (emit) l_text(l, box, (Rect){r.x, r.y, imin(labw, r.w), lh}, px, d ? ROLE_STRONG : ROLE_LABEL, d ? ST_BOLD : 0, lab);
    if (n == 0) return lh;
    /* A column: the sudog (two lines), an arrow labelled g, the goroutine (one line). */
    char l1[64], l2[128], gl[128], gst[128];
    int colw = l_tw(l, px, "sudog G99");
    for (SudogId s = q.first; s; s = S->sudogs.items[s - 1].next) {
        const Sudog *sg = &S->sudogs.items[s - 1];
        char v[64];
        if (sg->is_send && sg->has_elem) view_value_str(S, ch->elemtype, sg->elem, v, sizeof v), snprintf(l2, sizeof l2, "elem " ARROW " %s", v);
        else snprintf(l2, sizeof l2, "elem %s", sg->has_elem ? ARROW " stack" : "nil");
        colw = imax(colw, l_tw(l, px, l2));
        snprintf(gl, sizeof gl, "G%d", sg->g);
        colw = imax(colw, l_tw(l, px, gl));
    }
    colw = imin(colw + 2 * pad, r.w);
    int colh = 2 * lh + pad + lh + lh + pad;
    int x = r.x, y = r.y + lh, i = 0, shown = 0;
    int more_w = l_tw(l, px, "+999");
    for (SudogId s = q.first; s; s = S->sudogs.items[s - 1].next, i++) {
        if (x + colw > r.x + r.w) { /* next row */
            x = r.x;
            y += colh + pad;
        }
        if (y + colh > r.y + r.h || (x + colw + more_w > r.x + r.w && y + 2 * colh + pad > r.y + r.h && S->sudogs.items[s - 1].next)) {
            char more[32];
            snprintf(more, sizeof more, "+%d", n - i);
            if (emit && y + lh <= r.y + r.h) l_text(l, box, (Rect){x, y, imin(more_w, r.x + r.w - x), lh}, px, ROLE_STRONG, 0, more);
            break;
        }
        const Sudog *sg = &S->sudogs.items[s - 1];
        if (emit) {
            snprintf(l1, sizeof l1, "sudog G%d", sg->g);
            char v[64];
            if (sg->is_send && sg->has_elem) view_value_str(S, ch->elemtype, sg->elem, v, sizeof v), snprintf(l2, sizeof l2, "elem " ARROW " %s", v);
            else snprintf(l2, sizeof l2, "elem %s", sg->has_elem ? ARROW " stack" : "nil");
            Rect sr = {x, y, colw, 2 * lh + pad};
            int32_t sb = dl_box(l->dl, box, sr, ROLE_SUDOG, ROLE_SUDOG_EDGE, ST_FILL | ST_BORDER | ST_THICK | (sg->isSelect ? ST_DASHED : 0),
                                TAG_SUDOG, s, sg->g);
            l_text(l, sb, (Rect){sr.x + pad, sr.y + pad / 2, sr.w - 2 * pad, lh}, px, ROLE_STRONG, ST_BOLD, l1);
            l_text(l, sb, (Rect){sr.x + pad, sr.y + pad / 2 + lh, sr.w - 2 * pad, lh}, px, ROLE_TEXT, 0, l2);
            /* The arrow sudog.g -> the goroutine, labelled. */
            int ax = x + pad + l_tw(l, px, "g") + pad, ay0 = sr.y + sr.h, ay1 = ay0 + lh;
            l_text(l, box, (Rect){x + pad / 2, ay0, l_tw(l, px, "g") + pad / 2, lh}, px, ROLE_LABEL, ST_BOLD, "g");
            dl_line(l->dl, DL_ARROW, ax, ay0, ax, ay1, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, sg->g);
            const Goroutine *gp = &S->gs.items[sg->g - 1];
            l_g_status(l, sg->g, gst, sizeof gst);
            snprintf(gl, sizeof gl, "G%d", sg->g);
            Rect gr = {x, ay1, colw, lh + pad};
            int gstyle = ST_FILL | ST_BORDER | (gp->status == GS_WAITING ? ST_DASHED : gp->status == GS_DEAD ? ST_DOTTED : 0);
            int32_t gb = dl_box(l->dl, box, gr, gp->status == GS_WAITING ? ROLE_G_WAITING : ROLE_G_RUNNABLE,
                                gp->status == GS_WAITING ? ROLE_G_WAITING_EDGE : ROLE_G_RUNNABLE_EDGE, gstyle, TAG_NONE, sg->g, 0);
            l_text(l, gb, (Rect){gr.x + pad, gr.y + pad / 2, gr.w - 2 * pad, lh}, px, ROLE_STRONG, ST_BOLD, gl);
        }
        shown++;
        x += colw + pad;
    }
    (void)shown;
    return y + colh - r.y;
}

/* A channel drawn large in r (width r.w); returns its height.  emit =
 * false measures. */
static int chan_big(L *l, int32_t parent, Rect r, ChanId c, bool compact, bool emit) {
    const Sim *S = l->S;
    const Chan *ch = &S->chans.items[c - 1];
    int pad = l->f.pad, lh = l->f.lh_body, px = l->f.body;
    int32_t box = -1;
    if (emit) {
        int style = ST_FILL | ST_BORDER | ST_THICK | (ch->closed ? ST_DASHED : 0);
        box = dl_box(l->dl, parent, r, ch->closed ? ROLE_CHAN_CLOSED : ROLE_CHAN, ROLE_CHAN_EDGE, style, TAG_CHAN, c, 0);
    }
    Rect in = {r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};
    char title[256], name[48];
    view_chan_name(S, c, name, sizeof name);
    int n = snprintf(title, sizeof title, "%s  hchan  chan %s", name, ch->elemtype ? type_name(S, ch->elemtype) : "?");
    if (ch->dataqsiz) n += snprintf(title + n, sizeof title - (size_t)n, ", %u", ch->dataqsiz);
    snprintf(title + n, sizeof title - (size_t)n, "  (elemsize %u)%s", ch->elemsize, ch->closed ? "  [closed]" : "");
    int y = para(l, box, in, in.y, ROLE_STRONG, ST_BOLD, title, emit);
    /* The fields a step changes, one cell each: "qcount 3". */
    static const int shown[] = {0, 1, 6, 7, 4, 10};
    char vals[NFIELDS][64];
    l_field_values(l, c, vals);
    int x = in.x;
    y += pad / 2;
    if (compact) { /* short of room: the fields as one wrapped line */
        char line[600];
        int m = 0;
        for (size_t k = 0; k < sizeof shown / sizeof *shown && m < (int)sizeof line - 100; k++)
            m += snprintf(line + m, sizeof line - (size_t)m, "%s%s %s", k ? "  \xc2\xb7  " : "", l_field_names[shown[k]], vals[shown[k]]);
        y = para(l, box, in, y, ROLE_TEXT, 0, line, emit) + pad;
    }
    for (size_t k = 0; k < sizeof shown / sizeof *shown && !compact; k++) {
        int i = shown[k];
        char cell[96];
        snprintf(cell, sizeof cell, "%s %s", l_field_names[i], vals[i]);
        int cw = imin(l_tw(l, px, cell) + 2 * pad, in.w);
        if (x > in.x && x + cw > in.x + in.w) x = in.x, y += lh + pad + pad / 2;
        if (emit) {
            bool moved = strstr(vals[i], ARROW) != NULL;
            int32_t fb = dl_box(l->dl, box, (Rect){x, y, cw, lh + pad}, ROLE_CHAN, moved ? ROLE_CHANGED : ROLE_BORDER,
                                ST_BORDER | (moved ? ST_THICK : 0), TAG_FIELD, c, i);
            l_text(l, fb, (Rect){x + pad, y + pad / 2, cw - 2 * pad, lh}, px, moved ? ROLE_STRONG : ROLE_TEXT, moved ? ST_BOLD : 0, cell);
        }
        x += cw + pad;
    }
    if (!compact) y += lh + pad + pad;
    /* The buffer at the left and the wait queues beside it when the width
     * allows, else below it; a ring when there is room for one. */
    int qmin = l_tw(l, px, "sendq  9" ARROW "9") + 2 * pad + l_tw(l, px, "elem " ARROW " \"xxxx\"");
    Rect qa = {in.x, y, in.w, 0};
    int body_h = 0;
    if (ch->dataqsiz) {
        Ring g;
        ring_geom(l, c, in.w, !compact, &g);
        bool side = in.w - g.w - 2 * pad >= qmin;
        if (g.n < (int)ch->dataqsiz) {
            char more[96];
            snprintf(more, sizeof more, "buf: [%d..%d] %s %u", 0, g.n - 1, l_ui(l, UI_OF), ch->dataqsiz);
            y = para(l, box, in, y, ROLE_LABEL, 0, more, emit);
            qa.y = y;
        }
        if (emit && y + g.h <= in.y + in.h) draw_ring(l, box, c, &g, in.x, y); /* (a window too small for it: nothing) */
        if (side) {
            qa = (Rect){in.x + g.w + 2 * pad, y, in.w - g.w - 2 * pad, 0};
            body_h = g.h;
        } else {
            y += g.h + pad;
            qa.y = y;
        }
    } else {
        y = para(l, box, in, y, ROLE_DIM, 0, l_ui(l, UI_UNBUFFERED), emit);
        qa.y = y;
    }
    int qy = qa.y;
    /* When the box is short, recvq leaves sendq what it needs (up to half the room). */
    int sq_need = queue_row(l, box, c, true, (Rect){qa.x, 0, qa.w, 1 << 28}, false) + pad;
    for (int k = 0; k < 2; k++) {
        int room = in.y + in.h - qy;
        if (k == 0 && emit) room -= imin(sq_need, room / 2);
        Rect qr = {qa.x, qy, qa.w, emit ? room : 1 << 28};
        if (emit && qr.h < lh) break;
        qy += queue_row(l, box, c, k == 1, qr, emit) + pad;
    }
    y = imax(qa.y + body_h + pad, qy);
    /* closechan's gList, while close readies its waiters. */
    if (S->closelist.len > 0 && l_chan_involved(l, c) && ch->closed) {
        char buf[256];
        int m = snprintf(buf, sizeof buf, "closechan gList:");
        for (int32_t i = S->closelist.len - 1; i >= 0 && m < (int)sizeof buf - 16; i--)
            m += snprintf(buf + m, sizeof buf - (size_t)m, " G%d", S->closelist.items[i]);
        snprintf(buf + m, sizeof buf - (size_t)m, "  (%s)", l_ui(l, UI_GLIST_LIFO));
        y = para(l, box, in, y, ROLE_STRONG, ST_BOLD, buf, emit);
    }
    return y - r.y + pad;
}

/* ---- the left column ----------------------------------------------------------------- */

/* The code around the step's line, wrapped, in r; returns the y reached. */
static int code_lines(L *l, int32_t parent, Rect r) {
    const Session *s = l->s;
    int nlines = s->info.lines.len, cur = s->steps.items[s->cur].line, pad = l->f.pad, px = l->f.body;
    int lh = l->f.lh_body;
    if (nlines == 0) return r.y;
    char widest[16];
    snprintf(widest, sizeof widest, "%d ", nlines);
    int gut = l_tw(l, px, widest);
    int codew = r.w - gut - pad;
    /* Visible lines around cur: grow both ways while they fit. */
    enum { MAXL = 64 };
    int lines[MAXL], hts[MAXL], nl = 0, total = 0;
    char buf[1200];
    int c0 = iclamp(cur, 1, nlines);
    int up = c0, down = c0 + 1;
    for (int turn = 0; nl < MAXL && (up >= 1 || down <= nlines); turn++) {
        int ln = (turn % 3 == 2 || up < 1) ? down++ : up--; /* two above for one below */
        if (ln < 1 || ln > nlines) continue;
        const SrcLine *sl = &s->info.lines.items[ln - 1];
        if (!l->ui->show_hidden && source_line_hidden(sl) && ln != cur) continue;
        int n = l_detab(s->src + sl->off, l->ui->show_hidden ? sl->len : sl->code_len, buf, sizeof buf);
        int h = n ? imax(lh, l_para(l, -1, (Rect){0, 0, codew, 1 << 28}, 0, px, ROLE_TEXT, 0, buf, n, false)) : lh;
        if (total + h > r.h) {
            if (ln > cur) break;
            continue;
        }
        lines[nl] = ln;
        hts[nl] = h;
        nl++;
        total += h;
    }
    /* In order. */
    for (int i = 1; i < nl; i++)
        for (int j = i; j > 0 && lines[j - 1] > lines[j]; j--) {
            int t = lines[j]; lines[j] = lines[j - 1]; lines[j - 1] = t;
            t = hts[j]; hts[j] = hts[j - 1]; hts[j - 1] = t;
        }
    int y = r.y;
    for (int i = 0; i < nl; i++) {
        int ln = lines[i];
        const SrcLine *sl = &s->info.lines.items[ln - 1];
        bool is_cur = ln == cur;
        int32_t par = parent;
        Rect row = {r.x, y, r.w, hts[i]};
        if (is_cur) par = dl_box(l->dl, parent, row, ROLE_LINE_CUR, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_SRCLINE, ln, l_actor(l));
        char num[16];
        snprintf(num, sizeof num, "%d", ln);
        l_text(l, par, (Rect){row.x + 2, y, gut - 2, lh}, px, is_cur ? ROLE_STRONG : ROLE_LINENO, 0, num);
        int n = l_detab(s->src + sl->off, l->ui->show_hidden ? sl->len : sl->code_len, buf, sizeof buf);
        if (n)
            l_para(l, par, (Rect){row.x + gut, y, codew, hts[i]}, y, px, sl->narration ? ROLE_COMMENT : is_cur ? ROLE_STRONG : ROLE_TEXT,
                   is_cur ? ST_BOLD : 0, buf, n, true);
        y += hts[i];
    }
    return y;
}

/* One line per goroutine (wrapped), in boxes styled by status; then the P. */
static int summaries(L *l, int32_t parent, Rect r) {
    const Sim *S = l->S;
    int pad = l->f.pad, lh = l->f.lh_body;
    int y = r.y;
    char buf[512], st[160];
    int nlive = 0;
    for (GoId g = 1; g <= S->gs.len; g++) nlive += S->gs.items[g - 1].status != GS_DEAD || l_changed(l, DIFF_G_STATUS, g, -1);
    int shown = 0;
    for (GoId g = 1; g <= S->gs.len; g++) {
        const Goroutine *gp = &S->gs.items[g - 1];
        bool moved = l_changed(l, DIFF_G_STATUS, g, -1) || l_changed(l, DIFF_G_NEW, g, -1);
        if (gp->status == GS_DEAD && !moved) continue;
        l_g_status(l, g, st, sizeof st);
        const char *fn = l_g_fn(l, g);
        if (strncmp(fn, "main.", 5) == 0) fn += 5; /* every lesson is package main */
        snprintf(buf, sizeof buf, "G%d %s  %s  :%d", g, fn, st, gp->line);
        int h = para_h(l, r.w - 2 * pad, buf) + pad;
        bool last_room = y + h + pad + lh > r.y + r.h;
        if (y + h > r.y + r.h || (last_room && shown + 1 < nlive)) {
            snprintf(buf, sizeof buf, "+%d %s", nlive - shown, l_ui(l, UI_MORE));
            if (y + lh <= r.y + r.h) l_text(l, parent, (Rect){r.x, y, r.w, lh}, l->f.body, ROLE_STRONG, 0, buf);
            y += lh;
            break;
        }
        int fill, edge, style = ST_FILL | ST_BORDER | (moved ? ST_THICK : 0);
        switch (gp->status) {
        case GS_RUNNING: fill = ROLE_G_RUNNING, edge = ROLE_G_RUNNING_EDGE, style |= ST_THICK; break;
        case GS_RUNNABLE: fill = ROLE_G_RUNNABLE, edge = ROLE_G_RUNNABLE_EDGE; break;
        case GS_WAITING: fill = ROLE_G_WAITING, edge = ROLE_G_WAITING_EDGE, style |= ST_DASHED; break;
        default: fill = ROLE_G_DEAD, edge = ROLE_G_DEAD_EDGE, style |= ST_DOTTED;
        }
        if (l->ui->need_pick && gp->status == GS_RUNNABLE) fill = ROLE_PICK, style |= ST_THICK;
        if (moved) edge = ROLE_CHANGED;
        int32_t b = dl_box(l->dl, parent, (Rect){r.x, y, r.w, h}, fill, edge, style, TAG_G, g, 0);
        l_para(l, b, (Rect){r.x + pad, y + pad / 2, r.w - 2 * pad, h - pad}, y + pad / 2, l->f.body, ROLE_STRONG, 0, buf,
               (int)strlen(buf), true);
        y += h + pad / 2;
        shown++;
    }
    return y;
}

/* The P in one line: runnext (and what it was, if the step changed it), the queues, schedtick. */
static void p_line(L *l, char *buf, int cap) {
    const Sim *S = l->S;
    char now[24], was[24];
    l_g_name(l, S->p.runnext, now, sizeof now);
    int n = snprintf(buf, (size_t)cap, "P:  runnext %s", now);
    const StateDiff *d = l_changed(l, DIFF_RUNNEXT, 0, -1);
    if (d) {
        l_g_name(l, (GoId)d->from, was, sizeof was);
        n += snprintf(buf + n, (size_t)(cap - n), " (%s %s)", l_ui(l, UI_WAS), was);
    }
    n += snprintf(buf + n, (size_t)(cap - n), "  \xc2\xb7  local [");
    for (int32_t i = 0; i < sched_local_len(S) && n < cap - 16; i++)
        n += snprintf(buf + n, (size_t)(cap - n), "%sG%d", i ? " " : "", sched_local_at(S, i));
    n += snprintf(buf + n, (size_t)(cap - n), "]  \xc2\xb7  global [");
    for (int32_t i = 0; i < sched_global_len(S) && n < cap - 16; i++)
        n += snprintf(buf + n, (size_t)(cap - n), "%sG%d", i ? " " : "", sched_global_at(S, i));
    snprintf(buf + n, (size_t)(cap - n), "]  \xc2\xb7  schedtick %u", S->p.schedtick);
}

/* The last line of output so far, or NULL. */
static const char *last_output(const L *l, int *len) {
    const Session *s = l->s;
    int end = s->steps.items[s->cur].out_end;
    const char *o = s->out.items;
    if (end <= 0 || !o) return NULL;
    int e = end;
    if (o[e - 1] == '\n') e--;
    int b = e;
    while (b > 0 && o[b - 1] != '\n') b--;
    *len = e - b;
    return o + b;
}

/* ---- the whole frame ---------------------------------------------------------------- */

void lay_present(L *l) {
    l->presenting = true;
    const Session *s = l->s;
    const Sim *S = l->S;
    const ViewUi *ui = l->ui;
    int W = ui->w, H = ui->h, gap = l->gap, pad = l->f.pad, lh = l->f.lh_body;
    char buf[1024];
    /* The header: where the run is. */
    const StepRec *st = &s->steps.items[s->cur];
    int n = snprintf(buf, sizeof buf, "%s  \xc2\xb7  %s %d/%d", s->name, l_ui(l, UI_STEP), s->cur, session_nsteps(s) - 1);
    if (st->actor > 0) n += snprintf(buf + n, sizeof buf - (size_t)n, "  \xc2\xb7  G%d  %s %d", st->actor, l_ui(l, UI_LINE), st->line);
    if (st->main_event >= 0) n += snprintf(buf + n, sizeof buf - (size_t)n, "  \xc2\xb7  %s", event_name(st->main_event));
    if (ui->micro >= 0 && S->log.len)
        snprintf(buf + n, sizeof buf - (size_t)n, "  \xc2\xb7  %s %d/%d", l_ui(l, UI_MICRO_STEP), imin(ui->micro, S->log.len - 1) + 1,
                 S->log.len);
    int hh = para_h(l, W - 4 * pad, buf) + 2 * pad;
    int32_t bar = dl_box(l->dl, -1, (Rect){0, 0, W, hh}, ROLE_TOPBAR, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_TOPBAR, 0, 0);
    para(l, bar, (Rect){2 * pad, pad, W - 4 * pad, hh - 2 * pad}, pad, ROLE_STRONG, ST_BOLD, buf, true);

    /* The explanation: a fixed place at the bottom, as tall as its words (up to 65%). */
    int ew = W - 2 * gap - 4 * pad;
    int need = lay_explanation(l, -1, (Rect){0, 0, ew, 0}, false) + 2 * pad;
    int eh = imin(imax(need, 3 * lh), H * 65 / 100); /* the words are never cut: the picture gives way */
    Rect ex = {gap, H - gap - eh, W - 2 * gap, eh};
    int32_t eb = dl_box(l->dl, -1, ex, ROLE_PANEL, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_PANEL, UI_PANEL_NARRATION, 0);
    lay_explanation(l, eb, (Rect){ex.x + 2 * pad, ex.y + pad, ew, ex.h - 2 * pad}, true);

    /* The middle: code and summaries at the left, the channels at the right. */
    Rect mid = {gap, hh + gap, W - 2 * gap, ex.y - gap - (hh + gap)};
    if (mid.h < 2 * lh) return;
    int lw = mid.w * 40 / 100;
    Rect left = {mid.x, mid.y, lw, mid.h}, right = {mid.x + lw + gap, mid.y, mid.w - lw - gap, mid.h};
    int32_t lp = dl_box(l->dl, -1, left, ROLE_CODE, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_PANEL, UI_PANEL_SOURCE, 0);
    Rect li = rect_inset(left, pad);
    /* The bottom of the left column: the P and the last output, one wrapped line each. */
    char pl[512];
    p_line(l, pl, sizeof pl);
    int olen = 0;
    const char *out = last_output(l, &olen);
    char ol[600];
    if (out) snprintf(ol, sizeof ol, "%s %.*s", l_ui(l, UI_OUT_LAST), imin(olen, 500), out);
    int ph = para_h(l, li.w, pl), oh = out ? para_h(l, li.w, ol) : 0;
    int foot = ph + oh + pad;
    Rect code = {li.x, li.y, li.w, (li.h - foot) * 45 / 100};
    int y = code_lines(l, lp, code);
    Rect gs = {li.x, y + pad, li.w, li.y + li.h - foot - (y + pad)};
    if (gs.h > lh) summaries(l, lp, gs);
    int fy = li.y + li.h - foot + pad;
    if (fy >= li.y) {
        fy = para(l, lp, (Rect){li.x, fy, li.w, ph}, fy, ROLE_TEXT, 0, pl, true);
        if (out) para(l, lp, (Rect){li.x, fy, li.w, oh}, fy, ROLE_LABEL, 0, ol, true);
    }

    /* The channels. */
    ChanId fc[2] = {0, 0};
    int nf = focus_chans(l, fc);
    int cy = right.y;
    for (int i = 0; i < nf; i++) {
        bool compact = false;
        int h = chan_big(l, -1, (Rect){right.x, cy, right.w, 0}, fc[i], false, false);
        if (cy + h > right.y + right.h) { /* a row of slots instead of the ring */
            compact = true;
            h = chan_big(l, -1, (Rect){right.x, cy, right.w, 0}, fc[i], true, false);
        }
        if (cy + h > right.y + right.h) {
            if (i == 0) h = right.y + right.h - cy; /* the first always shows; its queues count what does not fit */
            else break;
        }
        chan_big(l, -1, (Rect){right.x, cy, right.w, h}, fc[i], compact, true);
        cy += h + gap;
    }
    /* The other channels, one line. */
    if (S->chans.len > nf && cy + lh <= right.y + right.h) {
        int m = snprintf(buf, sizeof buf, "%s:", l_ui(l, UI_OTHER_CHANS));
        for (ChanId c = 1; c <= S->chans.len && m < (int)sizeof buf - 64; c++) {
            if (c == fc[0] || c == fc[1]) continue;
            const Chan *ch = &S->chans.items[c - 1];
            char nm[48];
            m += snprintf(buf + m, sizeof buf - (size_t)m, "  %s %u/%u%s", view_chan_name(S, c, nm, sizeof nm), ch->qcount, ch->dataqsiz,
                          ch->closed ? " closed" : "");
        }
        int h = para_h(l, right.w, buf);
        if (cy + h <= right.y + right.h) para(l, -1, (Rect){right.x, cy, right.w, h}, cy, ROLE_TEXT, 0, buf, true);
    }
}
