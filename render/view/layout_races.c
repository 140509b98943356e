/* layout_races.c: the Races panel, an overlay over the step.
 *
 * The data races the race detector (sim/race.h) found in the run shown,
 * one row per race: the access that found it and the earlier one -- read
 * or write, the line, the goroutine, the step -- with the runtime function
 * when the race is on a channel itself (closechan against chansend), and
 * the happens-before edge that is missing: how far the later goroutine's
 * clock had seen the earlier one, and which of its events the earlier
 * access was.  The selected row is highlighted; Enter (in the window)
 * goes to the later access's step. */
#include <stdio.h>

#include "layout_int.h"

/* t with {w} {l} {g} {s} {p} {k} {e} {f} {n} replaced. */
typedef struct Fill { const char *w, *f; long long l, g, s, p, k, e, n; } Fill;

static void fill(char *out, size_t cap, const char *t, const Fill *v) {
    size_t k = 0;
    for (const char *q = t; *q && k + 1 < cap; q++) {
        const char *key = q[0] == '{' && q[1] && q[2] == '}' ? strchr("wlgspkefn", q[1]) : NULL;
        if (!key) {
            out[k++] = *q;
            continue;
        }
        int w;
        switch (q[1]) {
        case 'w': w = snprintf(out + k, cap - k, "%s", v->w ? v->w : ""); break;
        case 'f': w = snprintf(out + k, cap - k, "%s", v->f ? v->f : ""); break;
        default: {
            long long x = q[1] == 'l' ? v->l : q[1] == 'g' ? v->g : q[1] == 's' ? v->s : q[1] == 'p' ? v->p
                        : q[1] == 'k' ? v->k : q[1] == 'e' ? v->e : v->n;
            w = snprintf(out + k, cap - k, "%lld", x);
        }
        }
        if (w < 0) break;
        k += (size_t)w < cap - k ? (size_t)w : cap - k - 1;
        q += 2;
    }
    out[k < cap ? k : cap - 1] = '\0';
}

/* The access's words, capitalised for the first ("Write at ..."). */
static void access_text(const L *l, char *out, size_t cap, bool first, bool write, int32_t line, GoId g, uint64_t step) {
    char w[32];
    snprintf(w, sizeof w, "%s", l_ui(l, write ? UI_RACES_WRITE : UI_RACES_READ));
    if (first && w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 'a' + 'A');
    Fill v = {w, NULL, line, g, (long long)step + 1, 0, 0, 0, 0};
    fill(out, cap, l_ui(l, first ? UI_RACES_ACCESS : UI_RACES_PREVIOUS), &v);
}

void lay_races(L *l) {
    const ViewUi *ui = l->ui;
    int px = l->f.body, sm = l->f.small, lh = l->f.lh_body, lhs = l->f.lh_small, pad = l->f.pad;
    int W = ui->w, H = ui->h;
    int w = imin(W - 4 * pad, imax(W * 3 / 4, 60 * view_mono_advance(px)));
    int rowh = lh + 2 * lhs + 2 * pad;
    int head = l->f.lh_title + lhs + 2 * pad;
    int rows = imax(0, imin(ui->nraces, (H - 8 * pad - head - lhs) / (rowh + pad)));
    int h = imin(H - 4 * pad, head + imax(rows, 1) * (rowh + pad) + lhs + 4 * pad);
    if (w <= 8 * pad || h <= head) return;
    Rect r = {(W - w) / 2, (H - h) / 2, w, h};
    int32_t b = dl_box(l->dl, -1, r, ROLE_OVERLAY, ROLE_OVERLAY_EDGE, ST_FILL | ST_BORDER | ST_THICK | ST_OVERLAY,
                       TAG_RACE, -1, 0);
    int x = r.x + 3 * pad, y = r.y + 2 * pad, cw = r.w - 6 * pad;
    char buf[700], a1[200], a2[200];
    l_text(l, b, (Rect){x, y, cw, l->f.lh_title}, l->f.title, ROLE_STRONG, ST_BOLD, l_ui(l, UI_RACES_TITLE));
    y += l->f.lh_title;
    Fill count = {0};
    count.n = ui->nraces;
    fill(buf, sizeof buf, l_ui(l, ui->nraces ? UI_RACES_COUNT : UI_RACES_NONE), &count);
    l_text(l, b, (Rect){x, y, cw, lhs}, sm, ui->nraces ? ROLE_MARK_PANIC : ROLE_TEXT, 0, buf);
    y += lhs + pad;
    int sel = iclamp(ui->race_sel, 0, imax(0, ui->nraces - 1));
    int first = rows > 0 ? iclamp(sel - rows + 1, 0, imax(0, ui->nraces - rows)) : 0;
    for (int i = 0; i < rows && first + i < ui->nraces; i++) {
        int k = first + i;
        const RaceInfo *ri = &ui->races[k];
        bool on = k == sel;
        Rect row = {x, y, cw, rowh};
        int32_t rb = dl_box(l->dl, b, row, on ? ROLE_LINE_CUR : ROLE_CODE, ROLE_BORDER,
                            ST_FILL | ST_BORDER | (on ? ST_THICK : 0), TAG_RACE, k, 0);
        /* Line 1: the two accesses. */
        access_text(l, a1, sizeof a1, true, ri->write, ri->line, ri->g, ri->step);
        access_text(l, a2, sizeof a2, false, ri->prev_write, ri->prev_line, ri->prev_g, ri->prev_step);
        snprintf(buf, sizeof buf, "%s%d  %s  \xc2\xb7  %s", on ? "\xe2\x96\xb6 " : "  ", k + 1, a1, a2);
        l_text(l, rb, (Rect){row.x + pad, row.y + pad, row.w - 2 * pad, lh}, px, ROLE_MARK_PANIC, on ? ST_BOLD : 0, buf);
        /* Line 2: the happens-before edge that is missing. */
        int yy = row.y + pad + lh;
        Fill v = {NULL, NULL, 0, ri->g, 0, ri->prev_g, ri->seen, ri->prev_epoch, 0};
        fill(a1, sizeof a1, l_ui(l, UI_RACES_MISSING), &v);
        snprintf(buf, sizeof buf, "    %s", a1);
        l_text(l, rb, (Rect){row.x + pad, yy, row.w - 2 * pad, lhs}, sm, ROLE_TEXT, 0, buf);
        /* Line 3: a race on the channel itself names the runtime functions. */
        if (ri->fn || ri->prev_fn) {
            char fns[200];
            snprintf(fns, sizeof fns, "%s / %s", ri->fn ? ri->fn : "?", ri->prev_fn ? ri->prev_fn : "?");
            Fill f = {0};
            f.f = fns;
            fill(a1, sizeof a1, l_ui(l, UI_RACES_ON_CHAN), &f);
            snprintf(buf, sizeof buf, "    %s", a1);
            l_text(l, rb, (Rect){row.x + pad, yy + lhs, row.w - 2 * pad, lhs}, sm, ROLE_DIM, 0, buf);
        }
        y += rowh + pad;
    }
    l_text(l, b, (Rect){x, r.y + r.h - pad - lhs, cw, lhs}, sm, ROLE_DIM, 0, l_ui(l, UI_RACES_KEYS));
}
