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
    bool presenting;   /* the frame is laid out as presentation mode (F5, or zoomed that far) */
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
/* The height the channels need with those the step touched drawn in full (and the rest compact). */
int lay_channels_min(L *l, Rect r);
/* The same with their fields folded to one line: the least that keeps their rings and queues. */
int lay_channels_ring(L *l, Rect r);
void lay_goroutines(L *l, int32_t parent, Rect r);
void lay_sched(L *l, int32_t parent, Rect r);
void lay_narration(L *l, int32_t parent, Rect r);
/* The height the explanation's words need in a panel content width w (micro-steps aside). */
int lay_narration_height(L *l, int w);

/* What layout_state.c and layout_present.c share. */
enum { NFIELDS = 11 };                       /* hchan's fields, as the struct lists them */
extern const char *const l_field_names[NFIELDS];
/* The difference from l->from of this kind for id (and field, if >= 0), or NULL. */
const StateDiff *l_changed(const L *l, int kind, int32_t id, int32_t field);
/* Each field's value as shown, "old->new" where the step changed it. */
void l_field_values(const L *l, ChanId c, char vals[NFIELDS][64]);
/* Is slot i of ch counted by qcount? */
bool l_slot_full(const Chan *ch, uint32_t i);
/* A slot the step changed as "old->new"; false if it did not change. */
bool l_slot_text(const L *l, ChanId c, uint32_t i, char *out, int cap);
/* The latest step at or before the one shown that touched a channel (the
 * story's channels: the diagram does not fold away while the code prints), or NULL. */
const StepRec *l_focus_step(const L *l);
/* Where a runnable goroutine waits for the P: 0 runnext, 1 local (*pos), 2 global (*pos), -1 nowhere. */
int l_runq_where(const Sim *S, GoId g, int *pos);
/* "G3", or "none" for 0. */
void l_g_name(const L *l, GoId g, char *out, int cap);
/* Line text with tabs as 4 spaces (carriage returns dropped); returns its length. */
int l_detab(const char *p, int n, char *out, int cap);
/* The function g is in (its innermost frame), as Go names it. */
const char *l_g_fn(const L *l, GoId g);
/* g's status line ("waiting->runnable . in runnext" when the step changed it). */
void l_g_status(const L *l, GoId g, char *out, int cap);
/* Did the step's events touch channel c? */
bool l_chan_involved(const L *l, ChanId c);
/* The explanation: banners, the lesson's words, the step's headline (and in
 * presentation mode the micro-step's sentence).  emit = false measures;
 * returns the y reached. */
int lay_explanation(L *l, int32_t parent, Rect r, bool emit);
/* The scheduling game (layout_pick.c): why Go would or would not run g now;
 * the runnable goroutines as columns of their code (false: r too small). */
void l_pick_reason(const L *l, GoId g, char *out, int cap);
bool lay_pick_columns(L *l, int32_t parent, Rect r);
/* Presentation mode: the whole window (layout_present.c). */
void lay_present(L *l);
/* The Outcomes panel, an overlay (layout_outcomes.c). */
void lay_outcomes(L *l);
void lay_choices(L *l);
void lay_races(L *l);

/* The goroutine whose step is shown, and its line. */
GoId l_actor(const L *l);

#endif
