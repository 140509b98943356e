/* layout_pick.c: scheduling as a game.  When the learner schedules by hand
 * and more than one goroutine could run, the goroutines panel shows the
 * runnable ones side by side, each as a column of its code at its current
 * line, with why Go's own scheduler would or would not pick it now: where
 * it waits (runnext, the local queue, the global queue), how it got there
 * ("readied by G1, chansend.direct on ch"), and which one findRunnable
 * takes.  A click or the goroutine's number picks it (the window's job);
 * stepping back undoes a pick. */
#include <stdio.h>
#include <string.h>

#include "layout_int.h"
#include "sched.h"

/* Why Go's scheduler would or would not run g now, in words: the verdict
 * first (a short column keeps it), then where g waits and how it got there. */
void l_pick_reason(const L *l, GoId g, char *out, int cap) {
    const Sim *S = l->S;
    int pos = 0, w = l_runq_where(S, g, &pos), n = 0;
    GoId go = sched_peek(S);
    unsigned tick = S->p.schedtick, wait = 61 - tick % 61;
    if (g == go) n = snprintf(out, (size_t)cap, "%s", l_ui(l, UI_PICK_GO_WOULD));
    else if (w == 2 && go) n = snprintf(out, (size_t)cap, l_ui(l, UI_PICK_GLOBAL_WAIT), tick, wait);
    else if (go) n = snprintf(out, (size_t)cap, l_ui(l, UI_PICK_GO_OTHER), go);
    if (n >= cap) return;
    if (w == 0) n += snprintf(out + n, (size_t)(cap - n), "%s", l_ui(l, UI_PICK_RUNNEXT));
    else if (w == 1) n += snprintf(out + n, (size_t)(cap - n), l_ui(l, UI_PICK_LOCAL), pos + 1);
    else if (w == 2) n += snprintf(out + n, (size_t)(cap - n), l_ui(l, UI_PICK_GLOBAL), pos + 1);
    const ReadyNote *r = session_ready_note(l->s, g, l->s->cur);
    if (r && n < cap) {
        char via[96] = "";
        if (r->kind == EV_GOREADY && r->via >= 0) {
            char nm[48];
            int k = snprintf(via, sizeof via, ", %s", event_name(r->via));
            if (r->c) snprintf(via + k, sizeof via - (size_t)k, " %s", view_chan_name(S, r->c, nm, sizeof nm));
        }
        if (r->kind == EV_NEWPROC) n += snprintf(out + n, (size_t)(cap - n), l_ui(l, UI_PICK_BY_GO), r->by);
        else if (r->kind == EV_GOREADY) n += snprintf(out + n, (size_t)(cap - n), l_ui(l, UI_PICK_BY_READY), r->by, via);
        else n += snprintf(out + n, (size_t)(cap - n), "%s", l_ui(l, UI_PICK_BY_GOSCHED));
    }
    if (n < cap) snprintf(out + n, (size_t)(cap - n), ".");
}

/* Columns of the runnable goroutines in r (the goroutines panel's content).
 * Returns false, drawing nothing, when r is too small for them. */
bool lay_pick_columns(L *l, int32_t parent, Rect r) {
    const Session *s = l->s;
    const Sim *S = l->S;
    GoId rs[64];
    int n = sim_runnable(S, rs, 64);
    if (n < 2) return false;
    if (n > 64) n = 64;
    int pad = l->f.pad, gap = l->gap, sm = l->f.small, bd = l->f.body, lhs = l->f.lh_small, lhb = l->f.lh_body;
    int adv = view_mono_advance(sm);
    int ncol = imin(n, imax(1, (r.w + gap) / (24 * adv + gap)));
    if (ncol < 2 || r.h < lhb + 3 * lhs + 2 * pad) return false;
    bool more = ncol < n;
    int shown = more ? ncol - 1 : ncol;
    int cw = (r.w - (ncol - 1) * gap) / ncol;
    char buf[512];
    for (int i = 0; i < shown; i++) {
        GoId g = rs[i];
        const Goroutine *gp = sim_gc(S, g);
        Rect c = {r.x + i * (cw + gap), r.y, cw, r.h};
        bool go = g == sched_peek(S);
        int32_t b = dl_box(l->dl, parent, c, ROLE_PICK, ROLE_G_RUNNABLE_EDGE, ST_FILL | ST_BORDER | (go ? ST_THICK : 0), TAG_G, g, 0);
        int x = c.x + pad, w = c.w - 2 * pad, y = c.y + pad;
        snprintf(buf, sizeof buf, "%d: G%d  %s", g, g, l_g_fn(l, g));
        l_text(l, b, (Rect){x, y, w, lhb}, bd, ROLE_STRONG, ST_BOLD, buf);
        y += lhb;
        /* Why Go would or would not run it (the verdict first), then its code at its line. */
        int bottom = c.y + c.h - pad;
        l_pick_reason(l, g, buf, sizeof buf);
        y = l_para(l, b, (Rect){x, y, w, bottom - y}, y, sm, ROLE_TEXT, 0, buf, (int)strlen(buf), true);
        for (int ln = gp->line; ln <= gp->line + 1 && y + lhs <= bottom; ln++) {
            if (ln < 1 || ln > s->info.lines.len) continue;
            const SrcLine *sl = &s->info.lines.items[ln - 1];
            if (source_line_hidden(sl) && ln != gp->line) continue;
            const char *p = s->src + sl->off;
            int len = l->ui->show_hidden ? sl->len : sl->code_len;
            while (len && (*p == ' ' || *p == '\t')) p++, len--;
            snprintf(buf, sizeof buf, "%s%d %.*s", ln == gp->line ? "\xe2\x96\xb6" : " ", ln, len, p);
            for (char *q = buf; *q; q++)
                if (*q == '\t') *q = ' ';
            l_text(l, b, (Rect){x, y, w, lhs}, sm, ln == gp->line ? ROLE_STRONG : ROLE_TEXT, ln == gp->line ? ST_BOLD : 0, buf);
            y += lhs;
        }
    }
    if (more) {
        Rect c = {r.x + shown * (cw + gap), r.y, cw, r.h};
        int32_t b = dl_box(l->dl, parent, c, ROLE_PANEL, ROLE_BORDER, ST_BORDER | ST_DASHED, TAG_MORE, 0, 0);
        int k = snprintf(buf, sizeof buf, "+%d:", n - shown);
        for (int i = shown; i < n && k < (int)sizeof buf - 8; i++) k += snprintf(buf + k, sizeof buf - (size_t)k, " G%d", rs[i]);
        l_para(l, b, (Rect){c.x + pad, c.y + pad, c.w - 2 * pad, c.h - 2 * pad}, c.y + pad, sm, ROLE_STRONG, 0, buf, k, true);
    }
    return true;
}
