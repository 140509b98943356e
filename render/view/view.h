/* view.h: what the window shows, computed without a window.
 *
 * The view turns one step of a recorded run (session.h) into a display list
 * (dl.h): boxes, texts, lines and arrows in window pixels, each with a
 * colour *role* (theme.h) and a style, and each tagged with what it stands
 * for (a channel, a buffer slot, a sudog, a goroutine...) so that the
 * window can hit-test it, the animation can find where things are, and the
 * tests can check the layout numerically: nothing overlaps but what is
 * meant to contain, everything is inside the window, every text fits its
 * box.  Nothing here includes SDL: render/sdl/ draws the list.
 *
 * Layout reads the Sim (const) and never changes it.  Text is measured
 * through a ViewMetrics callback: the SDL backend measures with the real
 * fonts; tests use view_metrics_dejavu, an exact model of DejaVu Sans Mono
 * plus WenQuanYi Micro Hei for CJK (see metrics.c). */
#ifndef HCHANVIZ_VIEW_H
#define HCHANVIZ_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "choicepoints.h"
#include "dl.h"
#include "race.h"
#include "session.h"
#include "lang.h"
#include "metrics.h"
#include "theme.h"

enum { SPEED_COUNT = 7 };
/* Playback speeds in steps per second, index ViewUi.speed. */
extern const float view_speeds[SPEED_COUNT];

/* What exploring every schedule found (sim/explore.h), as the Outcomes
 * panel lists it: one row per distinct outcome, with its count and the
 * witness the window can load. */
typedef struct ViewOutcome {
    const char *out;     /* stdout */
    const char *err;     /* the first line of stderr ("" if none) */
    int exit;            /* exit status */
    long long count;     /* executions that ended this way */
    int preemptions;     /* of its minimal witness */
    int departures;      /* of its witness from Go's own schedule */
    bool panic, deadlock, leak;
    const char *leaks;   /* "G3 chan receive, G4 select" when leak */
} ViewOutcome;
typedef struct ViewOutcomes {
    const ViewOutcome *items;
    int n;
    bool exhaustive;     /* every schedule (under `bound` preemptions) was explored */
    int bound;           /* the preemption bound reached (-1: none) */
    long long executions;
    int shown;           /* the outcome whose witness the session replays (-1: the program's own run) */
} ViewOutcomes;

/* The window's state that the layout shows (everything but the Sim). */
typedef struct ViewUi {
    int w, h;            /* output size in pixels */
    float zoom;          /* 1 = default text size for the window height */
    int theme;           /* ThemeId (colours only: not used by layout) */
    int lang;            /* Lang */
    int micro;           /* -1: the whole step; else the micro-step (event index) shown */
    bool playing;
    int speed;           /* index into view_speeds */
    bool manual;         /* manual scheduling */
    bool need_pick;      /* manual: the next step needs a goroutine picked */
    bool reduced_motion;
    bool help;           /* the help overlay */
    const char *prompt;  /* a prompt line ("go to step: 12_"), or NULL */
    const char *toast;   /* a passing message ("schedule saved to ..."), or NULL */
    bool present;        /* presentation mode: projector-sized text, the step's channels large */
    bool exporting;      /* an exported frame: no UI chrome (play state, key hints) */
    bool show_hidden;    /* the source shows narration and //hchanviz: directive lines */
    bool reveal;         /* spoilers shown: the whole timeline and the lesson's outcome */
    int mouse_x, mouse_y;    /* the pointer in output pixels, for hover labels (0,0: the top bar, no label) */
    const char *hover_chan;  /* the channel the timeline step under the pointer touched ("ch"), found by the
                                window for hover_step; NULL: none or not known */
    int32_t hover_step;      /* the step hover_chan belongs to (-1: none) */
    const char *crash_report;/* the run's panic or fatal report as `hchanviz run` prints it on stderr;
                                the Output panel shows it at the last step (NULL: none) */
    int menu_first;          /* the lesson menu's first row shown (it scrolls); the layout clamps it */
    const ViewOutcomes *outcomes; /* what explore found (NULL: not explored) */
    bool show_outcomes;      /* the Outcomes panel is open */
    int outcome_sel;         /* its selected row */
    const ChoicePoints *choices; /* the choice points of the run shown (NULL: not found yet) */
    bool show_choices;       /* the Choices panel is open */
    int choice_sel;          /* its selected row */
    const RaceInfo *races;   /* the data races of the run shown (sim/race.h), when looked for */
    int nraces;
    bool races_found;        /* the run was checked (nraces may be 0) */
    bool show_races;         /* the Races panel is open */
    int race_sel;            /* its selected row */
} ViewUi;

/* Font sizes (px) the layout uses for a window; derived from h and zoom. */
typedef struct ViewFonts { int body, small, title; int lh_body, lh_small, lh_title; int pad; } ViewFonts;
void view_fonts(ViewFonts *f, const ViewUi *ui, const ViewMetrics *m);

/* Lays out the session's current step (s->cur) into dl (cleared first). */
void view_layout(DisplayList *dl, const Session *s, const ViewUi *ui, const ViewMetrics *m);

/* A lesson menu entry: file path and its one-line description. */
typedef struct MenuItem { const char *path; const char *title; } MenuItem;
/* Lays out the lesson menu (selected: highlighted index). */
void view_layout_menu(DisplayList *dl, const MenuItem *items, int n, int selected, const ViewUi *ui,
                      const ViewMetrics *m);

/* ---- animation, one micro-step at a time ---------------------------------------- */

/* ViewUi.micro for the state before the step shown (its events not yet
 * applied): the frame the step's first movement flies over. */
enum { VIEW_BEFORE_STEP = SESSION_BEFORE_STEP };

enum { ANIM_MAX = 64 };
typedef struct AnimToken {
    Rect from, to;
    char text[48];
    uint8_t role;        /* Role of the token's border */
} AnimToken;

/* One movement: the token event `micro` moves.  It flies over the state
 * before that event (ViewUi.micro = micro - 1, or VIEW_BEFORE_STEP for the
 * step's first event) and lands where the state at `micro` has it, so a
 * destination never shows its new value before the token arrives. */
typedef struct AnimPhase { int micro; AnimToken tok; } AnimPhase;
typedef struct AnimPlan { AnimPhase ph[ANIM_MAX]; int n; } AnimPlan;

/* The movements from micro-step `from` to micro-step `to` of the step
 * shown (ViewUi.micro values: VIEW_BEFORE_STEP -> -1 is the whole step,
 * k - 1 -> k one micro-step), one phase per event in between that moves a
 * value from a stack to a slot or between stacks, a sudog into or out of a
 * queue, or a readied goroutine into a run queue.  Lays out the frames it
 * needs with ui's size and fonts (ui->micro is ignored). */
void anim_plan(AnimPlan *p, const Session *s, int from, int to, const ViewUi *ui, const ViewMetrics *m);
/* The ViewUi.micro of the frame phase i flies over. */
static inline int anim_phase_under(const AnimPlan *p, int i) { return p->ph[i].micro > 0 ? p->ph[i].micro - 1 : VIEW_BEFORE_STEP; }
/* Appends the token at u in [0,1] of its flight to dl as an overlay. */
void anim_draw_token(DisplayList *dl, const AnimToken *t, float u, const ViewUi *ui, const ViewMetrics *m);
/* How long one movement takes at playback speed index `speed` (ms). */
int anim_phase_ms(int speed, bool playing);

/* ---- checks (tests, and debug builds) -------------------------------------- */

/* Checks the layout rules: every box and text inside the window and inside
 * its parent; no two siblings (same parent, neither an overlay) overlap;
 * every text's measured width and line height fit its box.  Returns true,
 * or false with the first problem described in why. */
bool view_validate(const DisplayList *dl, const ViewMetrics *m, char *why, int cap);

#endif
