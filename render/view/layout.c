/* layout.c: the frame of the window: fonts for the window size, the top
 * bar, the regions of the panels (two columns on a wide window, one on a
 * tall one), the source and output panels, the timeline, the overlays (help,
 * prompt) and the lesson menu.  The panels showing runtime state are in
 * layout_state.c.
 *
 * Everything is in output pixels and scales with the window's height (and
 * the zoom): text sizes come from view_fonts, every distance from them. */
#include <stdio.h>
#include <string.h>

#include "layout_int.h"

const float view_speeds[SPEED_COUNT] = {0.5f, 1, 2, 4, 8, 16, 32};

void view_fonts(ViewFonts *f, const ViewUi *ui, const ViewMetrics *m) {
    /* The shorter of the height and the 16:9 height of the width sets the scale. */
    int ref = ui->h;
    if (ui->w * 9 / 16 < ref) ref = ui->w * 9 / 16;
    if (ref < 1) ref = 1;
    float z = ui->zoom > 0 ? ui->zoom : 1;
    int body = (int)(ref / 54.0f * z + 0.5f);
    if (ui->present) {
        /* A projector: 22 px at 720p and up with the window, one size for everything. */
        f->body = f->small = imax(12, (int)(ref * 22.0f / 720.0f * z + 0.5f));
        f->title = f->body;
        f->lh_body = f->lh_small = f->lh_title = m->line_height(m->ud, f->body);
        f->pad = imax(2, f->body / 3);
        return;
    }
    f->body = iclamp(body, 10, 160);
    f->small = imax(10, (int)(f->body * 0.85f + 0.5f));
    f->title = imax(10, (int)(f->body * 1.1f + 0.5f));
    f->lh_body = m->line_height(m->ud, f->body);
    f->lh_small = m->line_height(m->ud, f->small);
    f->lh_title = m->line_height(m->ud, f->title);
    f->pad = imax(2, f->body / 4);
}

/* ---- helpers ---------------------------------------------------------------- */

int l_textn(L *l, int32_t parent, Rect r, int px, int role, int style, const char *s, int len) {
    if (r.w <= 0 || r.h < l_lh(l, px) || len <= 0) return -1;
    char buf[1024];
    if (len > (int)sizeof buf - 4) len = (int)sizeof buf - 4;
    int n = text_fit(l->m, px, s, len, r.w, buf, (int)sizeof buf);
    if (n <= 0) return -1;
    return dl_text(l->dl, parent, r, buf, n, px, role, style);
}

int l_text(L *l, int32_t parent, Rect r, int px, int role, int style, const char *s) {
    return l_textn(l, parent, r, px, role, style, s, (int)strlen(s));
}

int32_t l_panel(L *l, Rect r, int key, const char *extra, Rect *content) {
    int32_t p = dl_box(l->dl, -1, r, ROLE_PANEL, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_PANEL, key, 0);
    int pad = l->f.pad;
    Rect t = {r.x + pad * 2, r.y + pad, r.w - pad * 4, l->f.lh_small};
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s%s", l_ui(l, key), extra ? "  " : "", extra ? extra : "");
    if (t.h + 2 * pad <= r.h) l_text(l, p, t, l->f.small, ROLE_TITLE, ST_BOLD, buf);
    int top = pad + t.h + pad / 2;
    *content = (Rect){r.x + pad * 2, r.y + top, r.w - pad * 4, r.h - top - pad};
    if (content->w < 0) content->w = 0;
    if (content->h < 0) content->h = 0;
    return p;
}

int l_para(L *l, int32_t parent, Rect r, int y, int px, int role, int style, const char *s, int len, bool emit) {
    TextLine lines[64];
    int n = text_wrap(l->m, px, s, len, r.w, lines, 64);
    if (n > 64) n = 64;
    int lh = l_lh(l, px);
    for (int i = 0; i < n; i++) {
        if (emit) {
            if (y + lh > r.y + r.h) break;
            bool last_fits = y + 2 * lh > r.y + r.h && i + 1 < n;
            if (last_fits) {
                /* No room for the rest: this line ends with an ellipsis. */
                char buf[1200];
                int k = snprintf(buf, sizeof buf, "%.*s \xe2\x80\xa6 ", lines[i].len, s + lines[i].off);
                k = imin(k, (int)sizeof buf - 1);
                /* Put the ellipsis where it will survive eliding. */
                char fit[1200];
                int fl = text_fit(l->m, px, buf, k, r.w, fit, (int)sizeof fit);
                if (fl > 0) dl_text(l->dl, parent, (Rect){r.x, y, r.w, lh}, fit, fl, px, role, style);
                return y + lh;
            }
            l_textn(l, parent, (Rect){r.x, y, r.w, lh}, px, role, style, s + lines[i].off, lines[i].len);
        }
        y += lh;
    }
    return y;
}

GoId l_actor(const L *l) {
    const Session *s = l->s;
    if (!s || s->cur < 0 || s->cur >= s->steps.len) return 0;
    return s->steps.items[s->cur].actor;
}

/* ---- top bar ------------------------------------------------------------------ */

static void lay_topbar(L *l, Rect r) {
    const Session *s = l->s;
    const Sim *S = l->S;
    int32_t bar = dl_box(l->dl, -1, r, ROLE_TOPBAR, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_TOPBAR, 0, 0);
    int pad = l->f.pad, x = r.x + 2 * pad, right = r.x + r.w - 2 * pad;
    int th = l->f.lh_title, y = r.y + (r.h - th) / 2;
    char buf[512];

    /* Right: state chips, from the right edge leftwards, while they fit. */
    const char *chips[6];
    char speed[64], micro[64];
    int nchips = 0;
    /* An exported frame shows the program's state, not the window's controls. */
    bool chrome = !l->ui->exporting;
    if (chrome) chips[nchips++] = l_ui(l, UI_HELP_HINT);
    if (chrome && l->ui->reduced_motion) chips[nchips++] = l_ui(l, UI_REDUCED_MOTION);
    if (l->ui->manual) chips[nchips++] = l_ui(l, UI_MANUAL);
    if (l->ui->micro >= 0 && S) {
        snprintf(micro, sizeof micro, "%s %d/%d", l_ui(l, UI_MICRO), imin(l->ui->micro + 1, S->log.len), S->log.len);
        chips[nchips++] = micro;
    }
    float sps = view_speeds[iclamp(l->ui->speed, 0, SPEED_COUNT - 1)];
    snprintf(speed, sizeof speed, "%s %s %g %s", l->ui->playing ? "\xe2\x96\xb6" : "\xe2\x80\x96",
             l_ui(l, l->ui->playing ? UI_PLAYING : UI_PAUSED), (double)sps,
             l_ui(l, sps == 1 ? UI_STEP_PER_SEC : UI_STEPS_PER_SEC));
    if (chrome) chips[nchips++] = speed;
    for (int i = 0; i < nchips; i++) {
        int w = l_tw(l, l->f.small, chips[i]) + 2 * pad;
        if (right - w < x + r.w / 3) break;
        Rect c = {right - w, r.y + pad / 2, w, r.h - pad};
        if (c.h < l->f.lh_small) break;
        int32_t b = dl_box(l->dl, bar, c, ROLE_TOPBAR, ROLE_BORDER, ST_BORDER, TAG_NONE, 0, 0);
        l_text(l, b, (Rect){c.x + pad, c.y, c.w - 2 * pad, c.h}, l->f.small, ROLE_TEXT, 0, chips[i]);
        right -= w + pad;
    }

    /* Left: program, step, what the step did. */
    snprintf(buf, sizeof buf, "hchanviz \xc2\xb7 %s", s ? s->name : "");
    int w = imin(l_tw(l, l->f.title, buf), (right - x) / 3);
    if (l_text(l, bar, (Rect){x, y, w, th}, l->f.title, ROLE_STRONG, ST_BOLD, buf) >= 0) x += w + 3 * pad;
    if (!s || x >= right) return;
    snprintf(buf, sizeof buf, "%s %d %s %d%s", l_ui(l, UI_STEP), s->cur, l_ui(l, UI_OF), s->steps.len - 1,
             s->done ? "" : "+");
    w = imin(l_tw(l, l->f.title, buf), right - x);
    if (l_text(l, bar, (Rect){x, y, w, th}, l->f.title, ROLE_TEXT, ST_BOLD, buf) >= 0) x += w + 3 * pad;
    if (x >= right) return;
    const StepRec *st = &s->steps.items[s->cur];
    int n = 0;
    if (st->actor > 0) n = snprintf(buf, sizeof buf, "G%d \xc2\xb7 %s %d", st->actor, l_ui(l, UI_LINE), st->line);
    if (st->main_event >= 0) snprintf(buf + n, sizeof buf - (size_t)n, " \xc2\xb7 %s", event_name(st->main_event));
    else if (n == 0) buf[0] = '\0';
    bool last = s->done && s->cur == s->steps.len - 1;
    if (last && s->end_state != SIM_RUNNING) {
        int k = (int)strlen(buf);
        const char *what = s->end_state == SIM_EXITED ? l_ui(l, UI_EXITED)
                           : s->end_state == SIM_PANICKED ? l_ui(l, UI_PANICKED)
                           : s->end_state == SIM_FATAL ? l_ui(l, UI_FATAL)
                           : s->end_state == SIM_REPLAY_ERROR ? l_ui(l, UI_REPLAY_ERROR)
                                                              : l_ui(l, UI_STEP_LIMIT_VIEW);
        snprintf(buf + k, sizeof buf - (size_t)k, "%s%s", k ? " \xc2\xb7 " : "", what);
    }
    if (buf[0]) l_text(l, bar, (Rect){x, y, right - x, th}, l->f.title, last && s->end_state != SIM_EXITED && s->end_state != SIM_RUNNING ? ROLE_ERROR : ROLE_TEXT, 0, buf);
}

/* ---- source panel ----------------------------------------------------------------- */

int l_detab(const char *p, int n, char *out, int cap) {
    int k = 0;
    for (int i = 0; i < n && k < cap - 5; i++) {
        if (p[i] == '\t') {
            for (int j = 0; j < 4; j++) out[k++] = ' ';
        } else if (p[i] != '\r') {
            out[k++] = p[i];
        }
    }
    out[k] = '\0';
    return k;
}

static void lay_source(L *l, Rect r) {
    const Session *s = l->s;
    const Sim *S = l->S;
    Rect c;
    int32_t panel = l_panel(l, r, UI_PANEL_SOURCE, s->name, &c);
    int px = l->f.small, lh = l_lh(l, px);
    int nlines = s->info.lines.len;
    int rows = c.h / lh;
    if (rows <= 0 || nlines == 0) return;
    GoId actor = l_actor(l);
    int cur = s->steps.items[s->cur].line;
    /* The lines shown: narration and directives answer the lesson's
     * question, so they stay hidden unless asked for (V). */
    int nvis = 0, curvis = 0;
    for (int ln = 1; ln <= nlines; ln++) {
        if (!l->ui->show_hidden && source_line_hidden(&s->info.lines.items[ln - 1]) && ln != cur) continue;
        if (ln <= cur) curvis = nvis;
        nvis++;
    }
    /* The window of lines: the current one a third of the way down. */
    int first = curvis - rows / 3;
    if (first + rows > nvis) first = nvis - rows;
    if (first < 0) first = 0;
    int digits = nlines >= 1000 ? 4 : nlines >= 100 ? 3 : 2;
    int adv = view_mono_advance(px);
    int gut = (digits + 2) * adv;
    int ln = 0, seen = -1;
    for (int i = 0; i < rows; i++) {
        /* The (first + i)-th shown line. */
        while (++ln <= nlines) {
            if (!l->ui->show_hidden && source_line_hidden(&s->info.lines.items[ln - 1]) && ln != cur) continue;
            if (++seen >= first + i) break;
        }
        if (ln > nlines) break;
        Rect row = {c.x, c.y + i * lh, c.w, lh};
        /* Markers: goroutines (other than the actor) standing at this line. */
        char marks[128];
        int mk = 0;
        marks[0] = '\0';
        int nmark = 0;
        for (int32_t g = 1; g <= S->gs.len && mk < (int)sizeof marks - 24; g++) {
            const Goroutine *gp = sim_gc(S, g);
            if (gp->status == GS_DEAD || gp->line != ln || (g == actor && ln == cur)) continue;
            mk += snprintf(marks + mk, sizeof marks - (size_t)mk, "%sG%d%s", nmark ? " " : "\xe2\x97\x80 ", g,
                           g == actor ? l_ui(l, UI_NEXT_MARK) : "");
            nmark++;
        }
        bool is_cur = ln == cur && actor > 0;
        int32_t parent = panel;
        if (is_cur || nmark) {
            parent = dl_box(l->dl, panel, row, is_cur ? ROLE_LINE_CUR : ROLE_LINE_OTHER, ROLE_BORDER,
                            ST_FILL | (is_cur ? ST_BORDER : 0), TAG_SRCLINE, ln, is_cur ? actor : 0);
        }
        char num[32];
        snprintf(num, sizeof num, "%s%*d", is_cur ? "\xe2\x96\xb6" : " ", digits, ln);
        l_text(l, parent, (Rect){row.x, row.y, gut - adv / 2, lh}, px, is_cur ? ROLE_STRONG : ROLE_LINENO, 0, num);
        int mw = nmark ? imin(l_tw(l, px, marks), row.w / 3) : 0;
        const SrcLine *sl = &s->info.lines.items[ln - 1];
        char code[1024];
        int n = l_detab(s->src + sl->off, l->ui->show_hidden ? sl->len : sl->code_len, code, (int)sizeof code);
        int role = sl->narration ? ROLE_COMMENT : is_cur ? ROLE_STRONG : ROLE_TEXT;
        Rect cr = {row.x + gut, row.y, row.w - gut - (mw ? mw + adv : 0), lh};
        if (n) l_textn(l, parent, cr, px, role, is_cur ? ST_BOLD : 0, code, n);
        if (mw) l_text(l, parent, (Rect){row.x + row.w - mw, row.y, mw, lh}, px, ROLE_LABEL, 0, marks);
    }
}

/* ---- output panel ----------------------------------------------------------------- */

/* The lines of s[0..n) (a final newline ends the last line): their starts
 * and ends, at most max of them; returns how many. */
static int split_lines(const char *s, int n, int *starts, int *ends, int max) {
    if (n > 0 && s[n - 1] == '\n') n--;
    int k = 0, b = 0;
    while (k < max && b <= n) {
        int e = b;
        while (e < n && s[e] != '\n') e++;
        starts[k] = b, ends[k] = e, k++;
        if (e >= n) break;
        b = e + 1;
    }
    return k;
}

/* The program's output up to the step shown, the lines the step printed
 * marked; at the last step of a run that panicked or died, the report Go
 * prints on stderr follows (it is what the learner must read), in the error
 * colour, from its first line. */
static void lay_output(L *l, Rect r) {
    const Session *s = l->s;
    Rect c;
    int32_t panel = l_panel(l, r, UI_PANEL_OUTPUT, NULL, &c);
    int px = l->f.small, lh = l_lh(l, px);
    int rows = c.h / lh;
    if (rows <= 0) return;
    int end = s->steps.items[s->cur].out_end;
    int fresh = s->cur > 0 ? s->steps.items[s->cur - 1].out_end : 0;
    const char *out = s->out.items;
    const char *crash = NULL;
    bool last = s->done && s->cur == s->steps.len - 1;
    if (last && (s->end_state == SIM_PANICKED || s->end_state == SIM_FATAL) && l->ui->crash_report && l->ui->crash_report[0])
        crash = l->ui->crash_report;
    if (end == 0 && !crash) {
        l_text(l, panel, (Rect){c.x, c.y, c.w, lh}, px, ROLE_DIM, 0, l_ui(l, UI_NO_OUTPUT));
        return;
    }
    enum { MAXL = 256 };
    int cs[MAXL], ce[MAXL], nc = crash ? split_lines(crash, (int)strlen(crash), cs, ce, MAXL) : 0;
    if (nc > rows) nc = rows;
    /* The last lines of the output that leave room for the report. */
    int os[MAXL], oe[MAXL], no = 0;
    int want = imin(rows - nc, MAXL);
    int stop = end;
    if (stop > 0 && out[stop - 1] == '\n') stop--;
    for (int p = stop; end > 0 && no < want;) {
        int b = p;
        while (b > 0 && out[b - 1] != '\n') b--;
        os[no] = b, oe[no] = p, no++;
        if (b == 0) break;
        p = b - 1;
    }
    int adv = view_mono_advance(px), y = c.y;
    char line[1024];
    for (int i = no - 1; i >= 0; i--, y += lh) {
        bool is_new = oe[i] > fresh;
        if (is_new) l_text(l, panel, (Rect){c.x, y, 2 * adv, lh}, px, ROLE_STRONG, 0, "\xe2\x96\xb8");
        int k = l_detab(out + os[i], oe[i] - os[i], line, (int)sizeof line);
        if (k) l_textn(l, panel, (Rect){c.x + 2 * adv, y, c.w - 2 * adv, lh}, px, is_new ? ROLE_STRONG : ROLE_DIM,
                      is_new ? ST_BOLD : 0, line, k);
    }
    for (int i = 0; i < nc; i++, y += lh) {
        int k = l_detab(crash + cs[i], ce[i] - cs[i], line, (int)sizeof line);
        if (k) l_textn(l, panel, (Rect){c.x + 2 * adv, y, c.w - 2 * adv, lh}, px, ROLE_ERROR, i == 0 ? ST_BOLD : 0, line, k);
    }
}

/* ---- timeline --------------------------------------------------------------------- */

/* The channel a step's events name first (its lock, its make...), 0 if none:
 * the step's main event when that names one. */
static ChanId step_chan(const Sim *S, int main_event) {
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].kind == main_event && S->log.items[i].c > 0) return S->log.items[i].c;
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].c > 0) return S->log.items[i].c;
    return 0;
}

/* "G2 · ch" for step k: the goroutine that acted and the channel it touched.
 * The Sim holds only the step shown, so another step's channel is the one
 * the window looked up (ui->hover_chan), else none. */
static void step_who(const L *l, int32_t k, const char *chan, char *out, int cap) {
    const StepRec *st = &l->s->steps.items[k];
    char nm[64];
    if (!chan && k == l->s->cur && l->S) {
        ChanId c = step_chan(l->S, st->main_event);
        if (c > 0) chan = view_chan_name(l->S, c, nm, sizeof nm);
    }
    int n = 0;
    out[0] = '\0';
    if (st->actor > 0) n = snprintf(out, (size_t)cap, "G%d", st->actor);
    if (chan && chan[0] && n >= 0 && n < cap) snprintf(out + n, (size_t)(cap - n), "%s%s", n ? " \xc2\xb7 " : "", chan);
}

/* The timeline's rows: the six kinds of mark, and the departures from Go's
 * own schedule when the run has any. */
static int timeline_rows(const Session *s) { return MARK_KINDS + (s->departures > 0); }
static uint16_t row_bit(int r) { return r < MARK_KINDS ? (uint16_t)(1 << r) : MARK_DEPART; }

/* The timeline step under the pointer, snapped to a marked step of the row
 * it is over when one lies within a few pixels; -1 if the pointer is not on
 * the track. */
static int32_t timeline_step_at(const L *l, Rect track, int colw, int32_t span, int *row) {
    int mx = l->ui->mouse_x, my = l->ui->mouse_y;
    *row = -1;
    if (!rect_contains(track, (Rect){mx, my, 1, 1}) || mx == 0 || my == 0) return -1;
    const Session *s = l->s;
    int tw = track.w - 2, lh = l->lh_tiny;
    int usable = imax(1, tw - colw);
    int rel = mx - (track.x + 1) - colw / 2;
    int32_t k = (int32_t)(((int64_t)rel * span + usable / 2) / usable);
    k = iclamp(k, 0, s->steps.len - 1);
    int r = (my - track.y) / imax(1, lh);
    if (r < 0 || r >= timeline_rows(s)) return k;
    *row = r;
    /* Steps whose column lies within reach of the pointer. */
    int reach = imax(3, colw);
    int32_t lo = (int32_t)(((int64_t)imax(0, rel - reach)) * span / usable);
    int32_t hi = (int32_t)(((int64_t)(rel + reach)) * span / usable) + 1;
    lo = iclamp(lo, 0, s->steps.len - 1);
    hi = iclamp(hi, 0, s->steps.len - 1);
    int32_t best = -1;
    int bestd = 0;
    for (int32_t i = lo; i <= hi; i++) {
        if (!(s->steps.items[i].marks & row_bit(r))) continue;
        int x = (int)((int64_t)i * usable / span) + colw / 2;
        int d = x > rel ? x - rel : rel - x;
        if (best < 0 || d < bestd) best = i, bestd = d;
    }
    return best >= 0 ? best : k;
}

/* A label over the timeline for the step under the pointer: its number,
 * the goroutine, the channel, and the runtime path that names it. */
static void lay_timeline_hover(L *l, Rect track, int colw, int32_t span, int top) {
    int row;
    int32_t k = timeline_step_at(l, track, colw, span, &row);
    if (k < 0 || (!l->ui->reveal && k > l->s->cur)) return; /* a step not reached yet tells nothing */
    const StepRec *st = &l->s->steps.items[k];
    char who[120], buf[320];
    step_who(l, k, l->ui->hover_chan && l->ui->hover_step == k ? l->ui->hover_chan : NULL, who, sizeof who);
    int n = snprintf(buf, sizeof buf, "%s %d", l_ui(l, UI_STEP), k);
    if (who[0]) n += snprintf(buf + n, sizeof buf - (size_t)n, " \xc2\xb7 %s", who);
    if (st->main_event >= 0 && n < (int)sizeof buf)
        snprintf(buf + n, sizeof buf - (size_t)n, " \xc2\xb7 %s", event_name(st->main_event));
    int pad = l->f.pad, px = l->f.small, lh = l->f.lh_small;
    int w = imin(l_tw(l, px, buf) + 4 * pad, l->ui->w - 2 * pad);
    int h = lh + 2 * pad;
    int x = iclamp(l->ui->mouse_x - w / 2, pad, l->ui->w - pad - w);
    int y = top - h - pad;
    if (y < 0 || w <= 4 * pad) return;
    int32_t b = dl_box(l->dl, -1, (Rect){x, y, w, h}, ROLE_OVERLAY, ROLE_OVERLAY_EDGE, ST_FILL | ST_BORDER | ST_OVERLAY,
                       TAG_CURSOR, k, 1);
    l_text(l, b, (Rect){x + 2 * pad, y + pad, w - 4 * pad, lh}, px, ROLE_TEXT, 0, buf);
}

static int timeline_height(const L *l) { return (timeline_rows(l->s) + 1) * l->lh_tiny + 3 * l->f.pad; }

static void lay_timeline(L *l, Rect r) {
    const Session *s = l->s;
    int32_t panel = dl_box(l->dl, -1, r, ROLE_PANEL, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_PANEL, UI_PANEL_TIMELINE, 0);
    static const int keys[MARK_KINDS + 1] = {UI_MARK_SEND,  UI_MARK_RECV,  UI_MARK_PARK,  UI_MARK_WAKE,
                                             UI_MARK_CLOSE, UI_MARK_PANIC, UI_MARK_DEPART};
    static const int roles[MARK_KINDS + 1] = {ROLE_MARK_SEND,  ROLE_MARK_RECV,  ROLE_MARK_PARK,  ROLE_MARK_WAKE,
                                              ROLE_MARK_CLOSE, ROLE_MARK_PANIC, ROLE_MARK_DEPART};
    const int rows = timeline_rows(s);
    int pad = l->f.pad, lh = l->lh_tiny, px = l->tiny;
    int lw = 0;
    for (int k = 0; k < rows; k++) lw = imax(lw, l_tw(l, px, l_ui(l, keys[k])));
    lw = imax(lw, l_tw(l, px, l_ui(l, UI_STEP)));
    lw += 2 * pad;
    int x0 = r.x + 2 * pad, y0 = r.y + pad;
    Rect track = {x0 + lw, y0, r.w - 4 * pad - lw, rows * lh};
    if (track.w < 8 || r.h < timeline_height(l)) return;
    for (int k = 0; k < rows; k++)
        l_text(l, panel, (Rect){x0, y0 + k * lh, lw - pad, lh}, px, roles[k], ST_RIGHT, l_ui(l, keys[k]));
    int32_t tb = dl_box(l->dl, panel, track, ROLE_CODE, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_TIMELINE, 0, 0);
    int32_t n = s->steps.len;
    int32_t span = imax(1, n - 1);
    int tw = track.w - 2;
    /* One pass per row: a mark is a run of columns holding marked steps.  No
     * spoilers: only the steps up to the one shown, unless the run is revealed (O). */
    int32_t seen = l->ui->reveal ? n - 1 : s->cur;
    int colw = imax(1, imin(tw / imax(1, n), imax(2, pad)));
    for (int k = 0; k < rows; k++) {
        int run_x = -1, run_end = -1;
        Rect row = {track.x + 1, track.y + k * lh + lh / 5, 0, lh - 2 * (lh / 5)};
        for (int32_t i = 0; i <= n; i++) {
            int x = -1;
            if (i < n && i <= seen && (s->steps.items[i].marks & row_bit(k))) x = (int)((int64_t)i * (tw - colw) / span);
            if (x >= 0 && run_x >= 0 && x <= run_end + 1) {
                run_end = imax(run_end, x + colw - 1);
                continue;
            }
            if (run_x >= 0) {
                Rect m = {row.x + run_x, row.y, run_end - run_x + 1, row.h};
                dl_box(l->dl, tb, m, roles[k], roles[k], ST_FILL, TAG_TIMELINE_MARK, k, 0);
            }
            run_x = x;
            run_end = x >= 0 ? x + colw - 1 : -1;
        }
    }
    /* The cursor: a line through the track, and under it the step number with
     * the goroutine that acted and the channel it touched. */
    int cx = track.x + 1 + (int)((int64_t)s->cur * (tw - colw) / span) + colw / 2;
    dl_line(l->dl, DL_LINE, cx, track.y, cx, track.y + track.h, ROLE_CURSOR, ST_THICK, TAG_CURSOR, s->cur);
    char buf[160], who[120];
    step_who(l, s->cur, NULL, who, sizeof who);
    snprintf(buf, sizeof buf, "\xe2\x96\xb2 %d%s%s", s->cur, who[0] ? "  " : "", who);
    int ty = track.y + track.h;
    int w = imin(l_tw(l, px, buf), track.w);
    l_text(l, panel, (Rect){x0, ty, lw - pad, lh}, px, ROLE_DIM, ST_RIGHT, l_ui(l, UI_STEP));
    int bx = iclamp(cx - l_tw(l, px, "\xe2\x96\xb2 ") + view_mono_advance(px) / 2, track.x, track.x + track.w - w);
    l_text(l, panel, (Rect){bx, ty, w, lh}, px, ROLE_CURSOR, ST_BOLD, buf);
    /* Step count at the right end, when it does not collide with the cursor label. */
    snprintf(buf, sizeof buf, "%d%s", n - 1, s->done ? "" : "\xe2\x80\xa6");
    int ew = l_tw(l, px, buf);
    if (track.x + track.w - ew > bx + w + pad)
        l_text(l, panel, (Rect){track.x + track.w - ew, ty, ew, lh}, px, ROLE_DIM, 0, buf);
    if (track.x + l_tw(l, px, "0") < bx - pad) l_text(l, panel, (Rect){track.x, ty, l_tw(l, px, "0"), lh}, px, ROLE_DIM, 0, "0");
    lay_timeline_hover(l, track, colw, span, r.y);
}

/* ---- sudog to goroutine links ------------------------------------------------------ */

/* A dashed line from each queued sudog to its goroutine's card, when there
 * are few enough of them not to clutter the picture. */
static void lay_links(L *l) {
    DisplayList *dl = l->dl;
    int nsud = 0;
    for (int32_t i = 0; i < dl->n; i++) nsud += dl->cmds[i].kind == DL_BOX && dl->cmds[i].tag == TAG_SUDOG;
    if (nsud == 0 || nsud > 6) return;
    int32_t n = dl->n;
    for (int32_t i = 0; i < n; i++) {
        /* Copies: adding lines may move dl->cmds. */
        DlCmd cc = dl->cmds[i];
        if (cc.kind != DL_BOX || cc.tag != TAG_SUDOG) continue;
        const DlCmd *gp = dl_find(dl, TAG_G, cc.sub, -1);
        if (!gp) continue;
        int32_t gi = (int32_t)(gp - dl->cmds);
        const DlCmd *c = &cc;
        Rect a = c->r, b = gp->r;
        int x0 = a.x + a.w / 2, y0 = a.y + a.h, x1 = b.x + b.w / 2, y1 = b.y;
        if (b.y + b.h <= a.y) { /* the card is above: a straight tie */
            dl_line(dl, DL_ARROW, x0, a.y, x1, b.y + b.h, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, c->sub);
            continue;
        }
        /* Down out of the channels panel, along the gap under it, down onto the
         * card: the tie crosses no other channel and no card. */
        int ymid = y1 - l->gap / 2;
        const DlCmd *panel = NULL;
        for (int32_t p = c->parent; p >= 0 && !panel; p = dl->cmds[p].parent)
            if (dl->cmds[p].tag == TAG_PANEL) panel = &dl->cmds[p];
        if (panel && panel->r.y + panel->r.h < y1) ymid = panel->r.y + panel->r.h + (y1 - (panel->r.y + panel->r.h)) / 2;
        /* A card under another one: come in from its left side instead, past no card. */
        bool covered = false;
        for (int32_t k = 0; k < n && !covered; k++) {
            const DlCmd *o = &dl->cmds[k];
            covered = k != gi && o->kind == DL_BOX && o->tag == TAG_G && o->r.y + o->r.h <= b.y && o->r.y >= ymid &&
                      o->r.x < x1 && x1 < o->r.x + o->r.w;
        }
        dl_line(dl, DL_LINE, x0, y0, x0, ymid, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, c->sub);
        if (!covered) {
            dl_line(dl, DL_LINE, x0, ymid, x1, ymid, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, c->sub);
            dl_line(dl, DL_ARROW, x1, ymid, x1, y1, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, c->sub);
            continue;
        }
        int xs = b.x - imax(2, l->gap / 2 + 1), ys = b.y + b.h / 2;
        dl_line(dl, DL_LINE, x0, ymid, xs, ymid, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, c->sub);
        dl_line(dl, DL_LINE, xs, ymid, xs, ys, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, c->sub);
        dl_line(dl, DL_ARROW, xs, ys, b.x, ys, ROLE_SUDOG_EDGE, ST_THICK, TAG_NONE, c->sub);
    }
}

/* ---- overlays ------------------------------------------------------------------------ */

/* ---- help: the keys, the mouse, and a legend of what the pictures mean ------- */

static const int help_keys[] = {UI_KEY_NEXT,  UI_KEY_PREV,    UI_KEY_MICRO,   UI_KEY_HOMEEND, UI_KEY_PLAY,
                                UI_KEY_JUMP,  UI_KEY_MANUAL,  UI_KEY_EXPLORE, UI_KEY_CHOICES, UI_KEY_RACES, UI_KEY_REJOIN, UI_KEY_SAVE,    UI_KEY_PRESENT, UI_KEY_HIDDEN,
                                UI_KEY_REVEAL, UI_KEY_FULL,   UI_KEY_THEME,   UI_KEY_MENU,    UI_KEY_HELP,
                                UI_KEY_BACK,  UI_KEY_QUIT};
static const int help_mouse[] = {UI_MOUSE_CLICK_G, UI_MOUSE_TIMELINE, UI_MOUSE_WHEEL, UI_MOUSE_MENU};

/* A legend entry: a sample drawn as the layout draws the thing (fill,
 * border role and style: thick, dashed, dotted, hatched), or a word in the
 * colour the layout writes it in, and what it means. */
typedef struct LegendItem { int key, fill, edge, style, word_role; const char *word; } LegendItem;
static const LegendItem legend[] = {
    {UI_LEG_RUNNING, ROLE_G_RUNNING, ROLE_G_RUNNING_EDGE, ST_FILL | ST_BORDER | ST_THICK, 0, NULL},
    {UI_LEG_RUNNABLE, ROLE_G_RUNNABLE, ROLE_G_RUNNABLE_EDGE, ST_FILL | ST_BORDER, 0, NULL},
    {UI_LEG_WAITING, ROLE_G_WAITING, ROLE_G_WAITING_EDGE, ST_FILL | ST_BORDER | ST_DASHED, 0, NULL},
    {UI_LEG_DEAD, ROLE_G_DEAD, ROLE_G_DEAD_EDGE, ST_FILL | ST_BORDER | ST_DOTTED, 0, NULL},
    {UI_LEG_PICK, ROLE_PICK, ROLE_G_RUNNABLE_EDGE, ST_FILL | ST_BORDER | ST_THICK, 0, NULL},
    {UI_LEG_SLOT_FULL, ROLE_SLOT_FULL, ROLE_SLOT_EDGE, ST_FILL | ST_BORDER, 0, NULL},
    {UI_LEG_SLOT_EMPTY, ROLE_SLOT_EMPTY, ROLE_HATCH, ST_FILL | ST_BORDER | ST_HATCH, 0, NULL},
    {UI_LEG_SENDX, 0, 0, 0, ROLE_SENDX, "sendx"},
    {UI_LEG_RECVX, 0, 0, 0, ROLE_RECVX, "recvx"},
    {UI_LEG_SUDOG, ROLE_SUDOG, ROLE_SUDOG_EDGE, ST_FILL | ST_BORDER, 0, NULL},
    {UI_LEG_CLOSED, ROLE_CHAN_CLOSED, ROLE_CHAN_EDGE, ST_FILL | ST_BORDER, 0, NULL},
    {UI_LEG_LINE_CUR, ROLE_LINE_CUR, ROLE_BORDER, ST_FILL | ST_BORDER, 0, NULL},
    {UI_LEG_LINE_OTHER, ROLE_LINE_OTHER, ROLE_LINE_OTHER, ST_FILL, 0, NULL},
    {UI_LEG_CURSOR, 0, 0, 0, ROLE_CURSOR, "\xe2\x96\xb2"},
};
enum { N_HELP_KEYS = sizeof help_keys / sizeof *help_keys, N_HELP_MOUSE = sizeof help_mouse / sizeof *help_mouse,
       N_LEGEND = sizeof legend / sizeof *legend };

/* Draws a column of lines (a heading unless head < 0, then each key's text) from y; returns the y after it. */
static int help_lines(L *l, int32_t box, int x, int y, int w, int head, const int *keys, int n) {
    int px = l->f.body, lh = l->f.lh_body;
    if (head >= 0) {
        l_text(l, box, (Rect){x, y, w, lh}, px, ROLE_TITLE, ST_BOLD, l_ui(l, head));
        y += lh;
    }
    for (int i = 0; i < n; i++, y += lh) l_text(l, box, (Rect){x, y, w, lh}, px, ROLE_TEXT, 0, l_ui(l, keys[i]));
    return y;
}

static void lay_help(L *l) {
    int px = l->f.body, lh = l->f.lh_body, pad = l->f.pad, W = l->ui->w, H = l->ui->h;
    int sw = 3 * lh; /* a legend sample's width */
    int kw = l_tw(l, px, l_ui(l, UI_HELP_MOUSE));
    for (int i = 0; i < N_HELP_KEYS; i++) kw = imax(kw, l_tw(l, px, l_ui(l, help_keys[i])));
    for (int i = 0; i < N_HELP_MOUSE; i++) kw = imax(kw, l_tw(l, px, l_ui(l, help_mouse[i])));
    int gw = l_tw(l, px, l_ui(l, UI_HELP_LEGEND));
    for (int i = 0; i < N_LEGEND; i++) gw = imax(gw, sw + 2 * pad + l_tw(l, px, l_ui(l, legend[i].key)));
    int kh = (1 + N_HELP_KEYS + N_HELP_MOUSE) * lh + pad, gh = (1 + N_LEGEND) * lh;
    /* Side by side when the window is wide enough, else the legend under the keys. */
    bool two = kw + gw + 10 * pad <= W - 4 * pad;
    int inner_w = two ? kw + 4 * pad + gw : imax(kw, gw);
    int inner_h = l->f.lh_title + pad + (two ? imax(kh, gh) : kh + pad + gh);
    int w = imin(inner_w + 6 * pad, W - 4 * pad), h = imin(inner_h + 4 * pad, H - 4 * pad);
    if (w <= 6 * pad || h <= 4 * pad) return;
    Rect r = {(W - w) / 2, (H - h) / 2, w, h};
    int32_t b = dl_box(l->dl, -1, r, ROLE_OVERLAY, ROLE_OVERLAY_EDGE, ST_FILL | ST_BORDER | ST_THICK | ST_OVERLAY, TAG_HELP, 0, 0);
    int x = r.x + 3 * pad, y = r.y + 2 * pad, cw = r.w - 6 * pad, bottom = r.y + r.h - pad;
    l_text(l, b, (Rect){x, y, cw, l->f.lh_title}, l->f.title, ROLE_STRONG, ST_BOLD, l_ui(l, UI_HELP_TITLE));
    y += l->f.lh_title + pad;
    int kcol = two ? imin(kw, cw) : cw;
    /* Clipped to the box: a line that would cross its bottom is not drawn. */
    int ky = y;
    if (ky + N_HELP_KEYS * lh <= bottom) ky = help_lines(l, b, x, ky, kcol, -1, help_keys, N_HELP_KEYS) + pad;
    if (ky + (1 + N_HELP_MOUSE) * lh <= bottom) ky = help_lines(l, b, x, ky, kcol, UI_HELP_MOUSE, help_mouse, N_HELP_MOUSE);
    int gx = two ? x + kcol + 4 * pad : x, gy = two ? y : ky + pad, gcw = two ? cw - kcol - 4 * pad : cw;
    if (gy + lh > bottom) return;
    l_text(l, b, (Rect){gx, gy, gcw, lh}, px, ROLE_TITLE, ST_BOLD, l_ui(l, UI_HELP_LEGEND));
    gy += lh;
    for (int i = 0; i < N_LEGEND && gy + lh <= bottom; i++, gy += lh) {
        const LegendItem *it = &legend[i];
        Rect sample = {gx, gy + lh / 8, sw, lh - 2 * (lh / 8)};
        if (it->word) {
            l_text(l, b, (Rect){sample.x, gy, sample.w, lh}, px, it->word_role, ST_BOLD | ST_CENTER, it->word);
        } else {
            dl_box(l->dl, b, sample, it->fill, it->edge, it->style, TAG_HELP, 1, i);
        }
        l_text(l, b, (Rect){gx + sw + 2 * pad, gy, gcw - sw - 2 * pad, lh}, px, ROLE_TEXT, 0, l_ui(l, it->key));
    }
}

/* A one-line message above the timeline (the step prompt, a toast). */
static void lay_message(L *l, const char *msg, int bottom) {
    int pad = l->f.pad, px = l->f.body, lh = l->f.lh_body;
    int w = imin(l_tw(l, px, msg) + 4 * pad, l->ui->w - 4 * pad);
    Rect r = {(l->ui->w - w) / 2, bottom - lh - 3 * pad, w, lh + 2 * pad};
    if (w <= 4 * pad || r.y < 0) return;
    int32_t b = dl_box(l->dl, -1, r, ROLE_BANNER, ROLE_BANNER_EDGE, ST_FILL | ST_BORDER | ST_THICK | ST_OVERLAY, TAG_BANNER, 0, 0);
    l_text(l, b, (Rect){r.x + 2 * pad, r.y + pad, r.w - 4 * pad, lh}, px, ROLE_STRONG, 0, msg);
}

/* ---- the whole window ------------------------------------------------------------------ */

/* Copies template t into out with {n} replaced by n. */
static void fill_n(char *out, size_t cap, const char *t, int n) {
    const char *p = strstr(t, "{n}");
    if (!p) snprintf(out, cap, "%s", t);
    else snprintf(out, cap, "%.*s%d%s", (int)(p - t), t, n, p + 3);
}

static void init_l(L *l, DisplayList *dl, const Session *s, const ViewUi *ui, const ViewMetrics *m) {
    memset(l, 0, sizeof *l);
    l->dl = dl;
    l->s = s;
    l->S = s ? session_state_at(s, ui->micro) : NULL;
    l->from = s ? session_state_from(s, ui->micro) : NULL;
    l->ndiffs = s && l->from != l->S ? statediff(l->from, l->S, l->diffs, LAYOUT_MAX_DIFFS) : 0;
    l->ui = ui;
    l->m = m;
    l->lang = ui->lang;
    view_fonts(&l->f, ui, m);
    l->tiny = imax(10, (int)(l->f.body * 0.72f + 0.5f));
    l->lh_tiny = l_lh(l, l->tiny);
    l->gap = imax(2, l->f.pad);
    dl_clear(dl, ui->w, ui->h);
}

void view_layout(DisplayList *dl, const Session *s, const ViewUi *ui, const ViewMetrics *m) {
    L l;
    init_l(&l, dl, s, ui, m);
    int W = ui->w, H = ui->h, gap = l.gap;
    if (W < 40 || H < 40) return;
    if (ui->present && s) goto present;
    if (0) {
    present:
        dl_clear(dl, W, H); /* anything laid out before the reflow */
        lay_present(&l);
        if (ui->exporting) return;
        /* Overlays keep the window's own sizes: the help is for the presenter. */
        ViewUi plain = *ui;
        plain.present = false;
        view_fonts(&l.f, &plain, m);
        if (ui->prompt) lay_message(&l, ui->prompt, H);
        else if (ui->toast) lay_message(&l, ui->toast, H);
        if (ui->show_outcomes && ui->outcomes) lay_outcomes(&l);
        if (ui->show_choices && ui->choices) lay_choices(&l);
        if (ui->show_races && ui->races_found) lay_races(&l);
    if (ui->show_races && ui->races_found) lay_races(&l);
        if (ui->help) lay_help(&l);
        return;
    }
    int tb = l.f.lh_title + 2 * l.f.pad;
    lay_topbar(&l, (Rect){0, 0, W, tb});
    int th = timeline_height(&l);
    Rect tl = {gap, H - th - gap, W - 2 * gap, th};
    Rect mid = {gap, tb + gap, W - 2 * gap, tl.y - gap - (tb + gap)};
    if (mid.h < 4 * l.f.lh_body) { /* no room for the timeline: give its space to the panels */
        mid.h = H - gap - mid.y;
        tl.h = 0;
    }
    if (tl.h) lay_timeline(&l, tl);
    if (mid.h <= 0 || mid.w <= 0) goto overlays;

    bool wide = mid.w * 3 >= mid.h * 4;
    Rect src, out, chans, gors, sched, narr;
    if (wide) {
        int lw = iclamp(mid.w * 33 / 100, imin(mid.w / 2, 30 * view_mono_advance(l.f.small)), mid.w / 2);
        int sh = (mid.h - gap) * 64 / 100;
        src = (Rect){mid.x, mid.y, lw, sh};
        out = (Rect){mid.x, mid.y + sh + gap, lw, mid.h - sh - gap};
        int rx = mid.x + lw + gap, rw = mid.w - lw - gap;
        /* The explanation is never cut while the window has room: it grows to 45% to hold its words. */
        int chrome = 3 * l.f.pad + l.f.lh_small + l.f.pad / 2;
        int nh = iclamp(lay_narration_height(&l, rw - 4 * l.f.pad) + chrome, (mid.h - 2 * gap) * 27 / 100,
                        (mid.h - 2 * gap) * 45 / 100);
        narr = (Rect){rx, mid.y + mid.h - nh, rw, nh};
        int avail = mid.h - nh - 2 * gap;
        /* Channels take what they need, between 30% and 66% of the rest. */
        Rect probe = {rx, mid.y, rw, avail};
        int need = lay_channels(&l, -1, probe, false);
        /* The channels the step touches stay drawn in full (ring, queues) while they can. */
        int need_min = lay_channels_min(&l, probe);
        int ch = iclamp(need, imax(avail * 30 / 100, imin(need_min, avail * 66 / 100)), avail * 66 / 100);
        /* Zoomed so far that the story's channels would lose their rings and
         * queues: reflow as presentation mode does, one channel large. */
        if (s && s->S->chans.len && lay_channels_ring(&l, probe) > avail * 66 / 100) goto present;
        chans = (Rect){rx, mid.y, rw, ch};
        int gy = mid.y + ch + gap, gh = avail - ch - gap;
        int sw = iclamp(rw * 30 / 100, imin(rw / 2, 26 * view_mono_advance(l.f.small)), rw / 2);
        gors = (Rect){rx, gy, rw - sw - gap, gh};
        sched = (Rect){rx + rw - sw, gy, sw, gh};
    } else {
        /* Tall window: one column. */
        int y = mid.y, h = mid.h - 5 * gap;
        int hs = h * 22 / 100, hc = h * 24 / 100, hg = h * 22 / 100, hp = h * 14 / 100;
        src = (Rect){mid.x, y, mid.w, hs};
        y += hs + gap;
        chans = (Rect){mid.x, y, mid.w, hc};
        y += hc + gap;
        gors = (Rect){mid.x, y, mid.w, hg};
        y += hg + gap;
        int half = (mid.w - gap) / 2;
        sched = (Rect){mid.x, y, half, hp};
        out = (Rect){mid.x + half + gap, y, mid.w - half - gap, hp};
        y += hp + gap;
        narr = (Rect){mid.x, y, mid.w, mid.y + mid.h - y};
    }
    Rect c;
    lay_source(&l, src);
    lay_output(&l, out);
    int32_t p = l_panel(&l, chans, UI_PANEL_CHANNELS, NULL, &c);
    lay_channels(&l, p, c, true);
    p = l_panel(&l, gors, UI_PANEL_GOROUTINES, NULL, &c);
    lay_goroutines(&l, p, c);
    p = l_panel(&l, sched, l.S && l.S->preemptive ? UI_PANEL_SCHED_PREEMPT : UI_PANEL_SCHED, NULL, &c);
    lay_sched(&l, p, c);
    p = l_panel(&l, narr, UI_PANEL_NARRATION, NULL, &c);
    lay_narration(&l, p, c);

    lay_links(&l);

overlays:
    if (ui->exporting) return; /* an exported frame: the program's state only */
    if (ui->prompt) lay_message(&l, ui->prompt, tl.h ? tl.y : H);
    else if (ui->toast) lay_message(&l, ui->toast, tl.h ? tl.y : H);
    if (ui->show_outcomes && ui->outcomes) lay_outcomes(&l);
    if (ui->show_choices && ui->choices) lay_choices(&l);
    if (ui->show_races && ui->races_found) lay_races(&l);
    if (ui->help) lay_help(&l);
}

/* ---- the lesson menu ----------------------------------------------------------------------- */

void view_layout_menu(DisplayList *dl, const MenuItem *items, int n, int selected, const ViewUi *ui, const ViewMetrics *m) {
    L l;
    init_l(&l, dl, NULL, ui, m);
    int W = ui->w, H = ui->h, pad = l.f.pad;
    if (W < 40 || H < 40) return;
    int tb = l.f.lh_title + 2 * pad;
    int32_t bar = dl_box(dl, -1, (Rect){0, 0, W, tb}, ROLE_TOPBAR, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_TOPBAR, 0, 0);
    l_text(&l, bar, (Rect){2 * pad, pad, W - 4 * pad, l.f.lh_title}, l.f.title, ROLE_STRONG, ST_BOLD, l_ui(&l, UI_MENU_TITLE));
    Rect area = {l.gap, tb + l.gap, W - 2 * l.gap, H - tb - 2 * l.gap};
    if (area.h <= 0) return;
    int32_t panel = dl_box(dl, -1, area, ROLE_PANEL, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_PANEL, 0, 0);
    if (n == 0) {
        l_text(&l, panel, (Rect){area.x + 2 * pad, area.y + 2 * pad, area.w - 4 * pad, l.f.lh_body}, l.f.body, ROLE_TEXT, 0,
               l_ui(&l, UI_MENU_EMPTY));
        goto help;
    }
    /* The rows that fit; when not all do, the list scrolls (ui->menu_first,
     * clamped here, and moved as little as it takes to show the selection) between a line saying how many are above and one saying
     * how many are below, with a scroll bar at the right. */
    int rowh = l.f.lh_body + l.f.lh_small + 2 * pad, step = rowh + pad;
    int rows = (area.h - 2 * pad) / step;
    bool scrolls = rows < n;
    int ind = l.f.lh_small + pad, sbw = scrolls ? imax(6, 2 * pad) : 0;
    if (scrolls) rows = (area.h - 2 * pad - 2 * ind) / step;
    if (rows <= 0) goto help;
    int first = iclamp(ui->menu_first, 0, imax(0, n - rows));
    /* The selection is always on a row shown. */
    if (selected >= 0 && selected < n) first = iclamp(first, imax(0, selected - rows + 1), selected);
    int top = area.y + 2 * pad + (scrolls ? ind : 0);
    int rw = area.w - 4 * pad - (sbw ? sbw + 2 * pad : 0);
    for (int i = 0; i < rows && first + i < n; i++) {
        int k = first + i;
        Rect r = {area.x + 2 * pad, top + i * step, rw, rowh};
        bool sel = k == selected;
        int32_t b = dl_box(dl, panel, r, sel ? ROLE_LINE_CUR : ROLE_CODE, ROLE_BORDER, ST_FILL | ST_BORDER | (sel ? ST_THICK : 0),
                           TAG_MENU_ITEM, k, 0);
        const char *base = strrchr(items[k].path, '/');
        base = base ? base + 1 : items[k].path;
        char buf[512];
        snprintf(buf, sizeof buf, "%s%2d  %s", sel ? "\xe2\x96\xb6 " : "  ", k + 1, base);
        l_text(&l, b, (Rect){r.x + pad, r.y + pad, r.w - 2 * pad, l.f.lh_body}, l.f.body, ROLE_STRONG, sel ? ST_BOLD : 0, buf);
        if (items[k].title && items[k].title[0])
            l_text(&l, b, (Rect){r.x + pad + 4 * view_mono_advance(l.f.body), r.y + pad + l.f.lh_body,
                                 r.w - 2 * pad - 4 * view_mono_advance(l.f.body), l.f.lh_small},
                   l.f.small, ROLE_DIM, 0, items[k].title);
    }
    if (scrolls) {
        int above = first, below = n - first - rows;
        char buf[200];
        const int keys[2] = {UI_MENU_ABOVE, UI_MENU_BELOW};
        const int counts[2] = {above, below};
        const int ys[2] = {area.y + pad, top + rows * step};
        for (int j = 0; j < 2; j++) {
            if (counts[j] <= 0) continue;
            fill_n(buf, sizeof buf, l_ui(&l, keys[j]), counts[j]);
            Rect t = {area.x + 2 * pad, ys[j], rw, l.f.lh_small};
            int32_t mb = dl_box(dl, panel, t, ROLE_PANEL, ROLE_PANEL, 0, TAG_MORE, j ? 1 : -1, 0);
            l_text(&l, mb, t, l.f.small, ROLE_TEXT, ST_BOLD, buf);
        }
        /* The bar: the track is the whole list, the thumb the rows shown. */
        Rect track = {area.x + area.w - 2 * pad - sbw, top, sbw, rows * step - pad};
        int32_t tb = dl_box(dl, panel, track, ROLE_CODE, ROLE_BORDER, ST_FILL | ST_BORDER, TAG_MORE, 0, 0);
        int th = imax(sbw, (int)((int64_t)track.h * rows / n));
        int ty = track.y + (int)((int64_t)(track.h - th) * first / imax(1, n - rows));
        dl_box(dl, tb, (Rect){track.x, ty, track.w, th}, ROLE_BORDER, ROLE_BORDER, ST_FILL, TAG_MORE, 0, 1);
    }
help:
    if (ui->exporting) return;
    if (ui->toast) lay_message(&l, ui->toast, H); /* e.g. a lesson that does not compile */
    if (ui->help) lay_help(&l);
}
