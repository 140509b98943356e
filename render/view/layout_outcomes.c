/* layout_outcomes.c: the Outcomes panel, an overlay over the step.
 *
 * What exploring every schedule found (ViewOutcomes, filled by the window
 * from sim/explore.h): a heading saying whether the search was exhaustive
 * and under which preemption bound, then one row per distinct outcome --
 * what it prints, its first stderr line and exit status, how often it was
 * seen, PANIC / DEADLOCK / LEAK marks, and its witness's preemptions.  The
 * selected row is highlighted; the one whose witness the session replays
 * says so.  Enter (in the window) runs the selected witness. */
#include <stdio.h>

#include "layout_int.h"

/* "{n}" in a template replaced by n. */
static void fill(char *out, size_t cap, const char *t, long long n) {
    const char *p = strstr(t, "{n}");
    if (!p) snprintf(out, cap, "%s", t);
    else snprintf(out, cap, "%.*s%lld%s", (int)(p - t), t, n, p + 3);
}

/* The outcome's stdout on one line: newlines as the return sign. */
static void one_line(const char *s, char *out, int cap) {
    int n = 0;
    for (; s && *s && n < cap - 4; s++) {
        if (*s == '\n') {
            memcpy(out + n, "\xe2\x8f\x8e", 3); /* ⏎ */
            n += 3;
        } else if (*s == '\t') {
            out[n++] = ' ';
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

void lay_outcomes(L *l) {
    const ViewOutcomes *o = l->ui->outcomes;
    int px = l->f.body, sm = l->f.small, lh = l->f.lh_body, lhs = l->f.lh_small, pad = l->f.pad;
    int W = l->ui->w, H = l->ui->h;
    int w = imin(W - 4 * pad, imax(W * 3 / 4, 60 * view_mono_advance(px)));
    int rowh = lh + lhs + 2 * pad;
    int head = l->f.lh_title + 2 * lhs + 2 * pad;
    int rows = imax(0, imin(o->n, (H - 8 * pad - head - lhs) / (rowh + pad)));
    int h = imin(H - 4 * pad, head + rows * (rowh + pad) + lhs + 4 * pad);
    if (w <= 8 * pad || h <= head) return;
    Rect r = {(W - w) / 2, (H - h) / 2, w, h};
    int32_t b = dl_box(l->dl, -1, r, ROLE_OVERLAY, ROLE_OVERLAY_EDGE, ST_FILL | ST_BORDER | ST_THICK | ST_OVERLAY,
                       TAG_OUTCOME, -1, 0);
    int x = r.x + 3 * pad, y = r.y + 2 * pad, cw = r.w - 6 * pad;
    char buf[600], one[400];
    l_text(l, b, (Rect){x, y, cw, l->f.lh_title}, l->f.title, ROLE_STRONG, ST_BOLD, l_ui(l, UI_OUTCOMES_TITLE));
    y += l->f.lh_title;
    fill(buf, sizeof buf, l_ui(l, o->exhaustive ? UI_OUTCOMES_EXHAUSTIVE : UI_OUTCOMES_PARTIAL), o->bound);
    l_text(l, b, (Rect){x, y, cw, lhs}, sm, o->exhaustive ? ROLE_TEXT : ROLE_STRONG, 0, buf);
    y += lhs;
    fill(buf, sizeof buf, l_ui(l, UI_OUTCOMES_EXECUTIONS), o->executions);
    l_text(l, b, (Rect){x, y, cw, lhs}, sm, ROLE_DIM, 0, buf);
    y += lhs + pad;
    /* The rows that fit, scrolled so the selection shows. */
    int sel = iclamp(l->ui->outcome_sel, 0, imax(0, o->n - 1));
    int first = rows > 0 ? iclamp(sel - rows + 1, 0, imax(0, o->n - rows)) : 0;
    for (int i = 0; i < rows && first + i < o->n; i++) {
        int k = first + i;
        const ViewOutcome *it = &o->items[k];
        bool on = k == sel;
        Rect row = {x, y, cw, rowh};
        int role = it->panic || it->deadlock ? ROLE_MARK_PANIC : it->leak ? ROLE_MARK_PARK : ROLE_STRONG;
        int32_t rb = dl_box(l->dl, b, row, on ? ROLE_LINE_CUR : ROLE_CODE, ROLE_BORDER,
                            ST_FILL | ST_BORDER | (on ? ST_THICK : 0), TAG_OUTCOME, k, 0);
        /* Line 1: marks, what it prints, how it ends. */
        int n = snprintf(buf, sizeof buf, "%s%d  ", on ? "\xe2\x96\xb6 " : "  ", k + 1);
        if (it->panic) n += snprintf(buf + n, sizeof buf - (size_t)n, "PANIC  ");
        if (it->deadlock) n += snprintf(buf + n, sizeof buf - (size_t)n, "DEADLOCK  ");
        if (it->leak) n += snprintf(buf + n, sizeof buf - (size_t)n, "LEAK  ");
        one_line(it->out, one, sizeof one);
        n += snprintf(buf + n, sizeof buf - (size_t)n, "%s", one[0] ? one : l_ui(l, UI_OUTCOMES_NO_OUTPUT));
        if (it->err && it->err[0]) n += snprintf(buf + n, sizeof buf - (size_t)n, "  \xc2\xb7  %s", it->err);
        if (n < (int)sizeof buf) snprintf(buf + n, sizeof buf - (size_t)n, "  \xc2\xb7  exit %d", it->exit);
        l_text(l, rb, (Rect){row.x + pad, row.y + pad, row.w - 2 * pad, lh}, px, role, on ? ST_BOLD : 0, buf);
        /* Line 2: how often, its witness, the leaked goroutines. */
        char seen[80], wit[80];
        fill(seen, sizeof seen, l_ui(l, UI_OUTCOMES_ROW), it->count);
        fill(wit, sizeof wit, l_ui(l, UI_OUTCOMES_WITNESS), it->preemptions);
        n = snprintf(buf, sizeof buf, "    %s  \xc2\xb7  %s", seen, wit);
        if (it->leak && it->leaks && it->leaks[0] && n < (int)sizeof buf)
            n += snprintf(buf + n, sizeof buf - (size_t)n, "  \xc2\xb7  %s", it->leaks);
        if (k == o->shown && n < (int)sizeof buf)
            snprintf(buf + n, sizeof buf - (size_t)n, "  \xc2\xb7  %s", l_ui(l, UI_OUTCOMES_SHOWN));
        l_text(l, rb, (Rect){row.x + pad, row.y + pad + lh, row.w - 2 * pad, lhs}, sm, ROLE_DIM, 0, buf);
        y += rowh + pad;
    }
    l_text(l, b, (Rect){x, r.y + r.h - pad - lhs, cw, lhs}, sm, ROLE_DIM, 0, l_ui(l, UI_OUTCOMES_KEYS));
}
