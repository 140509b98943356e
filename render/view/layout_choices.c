/* layout_choices.c: the Choices panel, an overlay over the step.
 *
 * The run shown as a path through the tree of its schedules
 * (sim/choicepoints.h): one row per choice point -- the step it decides,
 * what the run chose there (which goroutine the scheduler ran, which one
 * ran instead of a preempted one, or a select's poll-order draw) -- and
 * under it the branches not taken, each with where it ends when Go's own
 * scheduler runs the rest: the same end, other output, or a panic.  The
 * row of the step shown is marked; Enter (in the window) goes there. */
#include <stdio.h>

#include "layout_int.h"

/* t with {s} {g} {c} {n} replaced by the numbers, {e} by e. */
static void fill(char *out, size_t cap, const char *t, long long s, long long g, long long c, long long n,
                 const char *e) {
    size_t k = 0;
    for (const char *p = t; *p && k + 1 < cap; p++) {
        if (p[0] == '{' && p[1] && p[2] == '}' && strchr("sgcne", p[1])) {
            int w;
            if (p[1] == 'e') w = snprintf(out + k, cap - k, "%s", e ? e : "");
            else w = snprintf(out + k, cap - k, "%lld", p[1] == 's' ? s : p[1] == 'g' ? g : p[1] == 'c' ? c : n);
            if (w < 0) break;
            k += (size_t)w < cap - k ? (size_t)w : cap - k - 1;
            p += 2;
        } else {
            out[k++] = *p;
        }
    }
    out[k < cap ? k : cap - 1] = '\0';
}

/* The point's first line: the step and what the run chose. */
static void point_line(const L *l, const ChoicePoint *p, char *out, size_t cap) {
    long long step = (long long)p->step + 1;
    if (p->kind == CHOICE_RAND)
        fill(out, cap, l_ui(l, UI_CHOICES_DRAW), step, p->taken, 0, p->bound - 1, NULL);
    else if (p->kind == CHOICE_PREEMPT && p->taken == p->cur)
        fill(out, cap, l_ui(l, UI_CHOICES_STAY), step, p->taken, 0, 0, NULL);
    else if (p->kind == CHOICE_PREEMPT)
        fill(out, cap, l_ui(l, UI_CHOICES_PREEMPT), step, p->taken, p->cur, 0, NULL);
    else
        fill(out, cap, l_ui(l, UI_CHOICES_PICK), step, p->taken, 0, 0, NULL);
}

/* The branches not taken and where they end; *role: the most notable (an
 * end other than the run's own: a panic or fatal error marked, a clean one
 * strong; the same end with other output: plain). */
static void alts_line(const L *l, const ChoicePoint *p, const char *own_end, char *out, size_t cap, int *role) {
    size_t k = (size_t)snprintf(out, cap, "    %s", l_ui(l, UI_CHOICES_INSTEAD));
    *role = ROLE_DIM;
    for (int32_t j = 0; j < p->nalts && k + 1 < cap; j++) {
        const ChoiceAlt *a = &p->alts[j];
        char who[40], end[400];
        fill(who, sizeof who, l_ui(l, p->kind == CHOICE_RAND ? UI_CHOICES_ALT_DRAW : UI_CHOICES_ALT_G), 0, a->value, 0, 0,
             NULL);
        if (!a->known) snprintf(end, sizeof end, "%s", l_ui(l, UI_CHOICES_UNKNOWN));
        else if (a->same) snprintf(end, sizeof end, "%s", l_ui(l, UI_CHOICES_SAME));
        else if (!a->same_output && a->last[0])
            snprintf(end, sizeof end, "%s, %s \"%s\"", a->end, l_ui(l, UI_CHOICES_LAST), a->last);
        else if (!a->same_output) snprintf(end, sizeof end, "%s, %s", a->end, l_ui(l, UI_CHOICES_OTHER_OUTPUT));
        else snprintf(end, sizeof end, "%s", a->end);
        if (a->known && !a->same) {
            int r = strcmp(a->end, own_end) == 0 ? ROLE_TEXT : strncmp(a->end, "exit ", 5) != 0 ? ROLE_MARK_PANIC : ROLE_STRONG;
            if (r == ROLE_MARK_PANIC || (r == ROLE_STRONG && *role != ROLE_MARK_PANIC) || *role == ROLE_DIM) *role = r;
        }
        int w = snprintf(out + k, cap - k, "%s %s \xe2\x86\x92 %s", j ? "  \xc2\xb7 " : " ", who, end);
        if (w < 0) break;
        k += (size_t)w < cap - k ? (size_t)w : cap - k - 1;
    }
    if (p->more && k + 1 < cap) {
        char more[60];
        fill(more, sizeof more, l_ui(l, UI_CHOICES_MORE), 0, 0, 0, p->more, NULL);
        snprintf(out + k, cap - k, "  \xc2\xb7  %s", more);
    }
}

void lay_choices(L *l) {
    const ChoicePoints *cp = l->ui->choices;
    int px = l->f.body, sm = l->f.small, lh = l->f.lh_body, lhs = l->f.lh_small, pad = l->f.pad;
    int W = l->ui->w, H = l->ui->h;
    int w = imin(W - 4 * pad, imax(W * 3 / 4, 60 * view_mono_advance(px)));
    int rowh = lh + lhs + 2 * pad;
    int head = l->f.lh_title + 2 * lhs + 2 * pad;
    int rows = imax(0, imin(cp->n, (H - 8 * pad - head - lhs) / (rowh + pad)));
    int h = imin(H - 4 * pad, head + imax(rows, 1) * (rowh + pad) + lhs + 4 * pad);
    if (w <= 8 * pad || h <= head) return;
    Rect r = {(W - w) / 2, (H - h) / 2, w, h};
    int32_t b = dl_box(l->dl, -1, r, ROLE_OVERLAY, ROLE_OVERLAY_EDGE, ST_FILL | ST_BORDER | ST_THICK | ST_OVERLAY,
                       TAG_CHOICE, -1, 0);
    int x = r.x + 3 * pad, y = r.y + 2 * pad, cw = r.w - 6 * pad;
    char buf[900], line[300];
    l_text(l, b, (Rect){x, y, cw, l->f.lh_title}, l->f.title, ROLE_STRONG, ST_BOLD, l_ui(l, UI_CHOICES_TITLE));
    y += l->f.lh_title;
    if (cp->n == 0) snprintf(buf, sizeof buf, "%s", l_ui(l, UI_CHOICES_NONE));
    else fill(buf, sizeof buf, l_ui(l, UI_CHOICES_SUMMARY), 0, 0, 0, cp->n, NULL);
    if (cp->truncated) {
        size_t k = strlen(buf);
        snprintf(buf + k, sizeof buf - k, " %s", l_ui(l, UI_CHOICES_TRUNCATED));
    }
    l_text(l, b, (Rect){x, y, cw, lhs}, sm, ROLE_TEXT, 0, buf);
    y += lhs;
    fill(buf, sizeof buf, l_ui(l, UI_CHOICES_END), 0, 0, 0, 0, cp->end);
    l_text(l, b, (Rect){x, y, cw, lhs}, sm, ROLE_DIM, 0, buf);
    y += lhs + pad;
    /* The point that decides the step shown, or the last one before it. */
    int32_t cur = l->s ? l->s->cur : 0, here = -1;
    for (int32_t k = 0; k < cp->n; k++)
        if ((int64_t)cp->items[k].step + 1 <= cur) here = k;
    int sel = iclamp(l->ui->choice_sel, 0, imax(0, cp->n - 1));
    int first = rows > 0 ? iclamp(sel - rows + 1, 0, imax(0, cp->n - rows)) : 0;
    for (int i = 0; i < rows && first + i < cp->n; i++) {
        int k = first + i;
        const ChoicePoint *p = &cp->items[k];
        bool on = k == sel;
        Rect row = {x, y, cw, rowh};
        int32_t rb = dl_box(l->dl, b, row, on ? ROLE_LINE_CUR : ROLE_CODE, ROLE_BORDER,
                            ST_FILL | ST_BORDER | (on ? ST_THICK : 0), TAG_CHOICE, k, 0);
        point_line(l, p, line, sizeof line);
        snprintf(buf, sizeof buf, "%s%s%s%s", on ? "\xe2\x96\xb6 " : "  ", line, k == here ? "  \xc2\xb7  " : "",
                 k == here ? l_ui(l, UI_CHOICES_HERE) : "");
        l_text(l, rb, (Rect){row.x + pad, row.y + pad, row.w - 2 * pad, lh}, px, ROLE_STRONG, on ? ST_BOLD : 0, buf);
        int role;
        alts_line(l, p, cp->end, buf, sizeof buf, &role);
        l_text(l, rb, (Rect){row.x + pad, row.y + pad + lh, row.w - 2 * pad, lhs}, sm, role, 0, buf);
        y += rowh + pad;
    }
    l_text(l, b, (Rect){x, r.y + r.h - pad - lhs, cw, lhs}, sm, ROLE_DIM, 0, l_ui(l, UI_CHOICES_KEYS));
}
