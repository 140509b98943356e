/* layout_int.h: what the layout files share: the context of one layout
 * pass and the small helpers every panel uses.  Internal to render/view/. */
#ifndef HCHANVIZ_LAYOUT_INT_H
#define HCHANVIZ_LAYOUT_INT_H

#include <string.h>

#include "narrate.h"
#include "statediff.h"
#include "view.h"

enum { LAYOUT_MAX_DIFFS = 256 };

typedef struct L {
    DisplayList *dl;
    const Session *s;  /* NULL for the menu */
    const Sim *S;      /* the state shown: after the step, or at the micro-step (session_state_at) */
    const Sim *from;   /* the state the step or micro-step started from (what changed: from -> S) */
    StateDiff diffs[LAYOUT_MAX_DIFFS];
    int32_t ndiffs;    /* statediff(from, S); may exceed LAYOUT_MAX_DIFFS (the rest are not marked) */
    const ViewUi *ui;
    const ViewMetrics *m;
    ViewFonts f;
    int lang;
    int tiny, lh_tiny; /* the timeline's labels */
    int gap;           /* between panels and items */
} L;

static inline int l_tw(const L *l, int px, const char *s) {
    return l->m->text_width(l->m->ud, px, s, (int)strlen(s));
}
static inline int l_lh(const L *l, int px) { return l->m->line_height(l->m->ud, px); }
static inline const char *l_ui(const L *l, int key) { return ui_str(l->lang, key); }
static inline int imax(int a, int b) { return a > b ? a : b; }
static inline int imin(int a, int b) { return a < b ? a : b; }
static inline int iclamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* A text in r (elided to r.w); nothing if r is too small for one line.
 * Returns the command's index or -1. */
int l_text(L *l, int32_t parent, Rect r, int px, int role, int style, const char *s);
int l_textn(L *l, int32_t parent, Rect r, int px, int role, int style, const char *s, int len);
/* A panel: a bordered box with a title; *content receives the inner area.
 * Returns the box's index. */
int32_t l_panel(L *l, Rect r, int key, const char *extra, Rect *content);
/* Wrapped text in r from y: lines of px; returns the y after the last line
 * drawn (stops at r's bottom, the last line elided if more would follow).
 * emit=false only measures (returns the y it would reach without a bottom). */
int l_para(L *l, int32_t parent, Rect r, int y, int px, int role, int style, const char *s, int len, bool emit);

/* Panels of layout_state.c. */
int lay_channels(L *l, int32_t parent, Rect r, bool emit);
void lay_goroutines(L *l, int32_t parent, Rect r);
void lay_sched(L *l, int32_t parent, Rect r);
void lay_narration(L *l, int32_t parent, Rect r);

/* The goroutine whose step is shown, and its line. */
GoId l_actor(const L *l);

#endif
