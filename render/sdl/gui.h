/* gui.h: the window (`hchanviz view`, `hchanviz PROGRAM.go`, the lesson
 * menu) and the PNG export (`hchanviz export`). */
#ifndef HCHANVIZ_SDL_GUI_H
#define HCHANVIZ_SDL_GUI_H

#include <stdbool.h>
#include <stdint.h>

/* Options of view and export. */
typedef struct GuiOptions {
    const char *argv0;
    const char *file;        /* the program; NULL: the lesson menu */
    int policy;              /* SESSION_POLICY_DEFAULT, SCHED_GO, SCHED_RANDOM, SCHED_REPLAY */
    uint64_t seed;
    const char *replay;      /* --sched replay:FILE */
    int theme, lang;         /* -1: default */
    float zoom;
    int w, h;                /* --size WxH (export) or the window's size */
    int32_t step;            /* --step N: export only that step / open at it; -1 none */
    const char *out;         /* export: --out DIR or FILE.gif */
    const char *micro;       /* export: --micro K|all (checked by export.c) */
    const char *format;      /* export: --format png|json|gif (checked by export.c) */
    const char *screenshot;  /* view: --screenshot FILE: save the first frame as PNG and quit */
    const char *keys;        /* view: --keys K1,K2,...: key presses to replay at start (tests) */
    bool fullscreen, reduced_motion, software;
    bool present;            /* --present: presentation mode (ViewUi.present) */
    bool explore;            /* --explore: open with every schedule explored, the Outcomes panel shown */
    bool race;               /* --race: open with the run's data races found, the Races panel shown */
    uint64_t t0;             /* SDL_GetPerformanceCounter() at start (HCHANVIZ_TIMING=1 reports the first frame) */
} GuiOptions;

/* Entry from main(): argv[1] is "view", "export", a .go file, or absent.
 * Returns the process's exit status. */
int gui_main(int argc, char **argv);
/* True if arg names a Go program or a trace to open directly (`hchanviz PROGRAM.go`, `hchanviz TRACE.json`). */
bool gui_is_program_arg(const char *arg);
/* The export (export.c). */
int export_main(const GuiOptions *o);

#endif
