/* export.h: the frames of a run, drawn headless, for `hchanviz export` and
 * for bench/bench_gif.c.
 *
 * export_walk visits the frames an export holds in order: per step, the
 * animation into it (when asked: the in-between frames of anim.c, as the
 * window plays them) and then the step itself, or its micro-steps.  Each
 * frame is laid out (and drawn, given a canvas) and handed to a sink, which
 * writes it as PNG, JSON or one more GIF frame. */
#ifndef HCHANVIZ_SDL_EXPORT_H
#define HCHANVIZ_SDL_EXPORT_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "draw.h"
#include "gifenc.h"
#include "view.h"

enum {
    EXPORT_MICRO_NONE = -1,   /* ExportPlan.micro: the whole step */
    EXPORT_MICRO_ALL = -2,    /* every micro-step of each step */
    EXPORT_ANIM_FRAMES = 6,   /* in-between frames of one movement (GIF) */
    EXPORT_ANIM_CS = 5,       /* each shown this long: 6 x 50 ms a movement, about the window's 350 ms */
    EXPORT_STEP_CS = 120,     /* a step's final frame */
    EXPORT_MICRO_CS = 80,     /* a micro-step's frame */
    EXPORT_FIRST_CS = 150,    /* the state before the first step */
    EXPORT_LAST_CS = 300,     /* the last frame, before the GIF loops */
};

/* Which frames: steps first..last; micro EXPORT_MICRO_NONE, EXPORT_MICRO_ALL
 * or K (micro-step K of each step that has one: steps with fewer are
 * skipped); animate: the in-between frames of the movements into each frame
 * (a whole step's, in turn, or a micro-step's own). */
typedef struct ExportPlan {
    int32_t first, last;
    int micro;
    bool animate;
} ExportPlan;

typedef struct ExportFrame {
    const DisplayList *dl;     /* what the frame shows (with the animation's tokens) */
    const SDL_Surface *surf;   /* it drawn (ARGB8888); NULL in a layout-only walk */
    int32_t step;
    int micro;                 /* -1: the whole step */
    int anim;                  /* -1: a step or micro-step frame; else the in-between frame's number */
    int delay_cs;              /* how long an animation shows it */
} ExportFrame;

/* Returns false to stop the walk (a write failed; the sink reports why). */
typedef bool (*ExportSink)(void *ud, const ExportFrame *f);

/* A surface with a software renderer to draw frames on. */
typedef struct ExportCanvas {
    SDL_Surface *surf;
    SDL_Renderer *ren;
    Drawer dr;
} ExportCanvas;

bool export_canvas_open(ExportCanvas *c, Fonts *fonts, int w, int h, char *why, int cap);
void export_canvas_close(ExportCanvas *c);

/* Visits plan's frames of s (recorded to its end) as ui shows them (ui->w,
 * ui->h the size; micro is set per frame).  canvas NULL: layout only.
 * Returns false if the sink stopped it. */
bool export_walk(Session *s, const ViewUi *ui, const ExportPlan *plan, const ViewMetrics *m, ExportCanvas *canvas,
                 ExportSink sink, void *ud);
/* The GIF palette for plan's frames in ui's theme: every colour of the
 * theme exactly, then blends for the (text, background) pairs the frames
 * draw, weighted by how much text each pair has (a layout-only walk). */
void export_gif_palette(Session *s, const ViewUi *ui, const ExportPlan *plan, const ViewMetrics *m, GifPalette *pal);
/* Number of frames in plan (a layout-only walk). */
int export_count(Session *s, const ViewUi *ui, const ExportPlan *plan, const ViewMetrics *m);

/* `hchanviz export` (gui.h's export_main) with another way to load o->file
 * into s, after the flags are checked: a trace (app.c).  The loader returns
 * false, with the message printed and s safe to session_free, to fail. */
struct GuiOptions;
typedef bool (*ExportLoader)(Session *s, const struct GuiOptions *o);
int export_main_with(const struct GuiOptions *o, ExportLoader loader);

#endif
