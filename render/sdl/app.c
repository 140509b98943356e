/* app.c: the window: `hchanviz view PROGRAM.go`, `hchanviz PROGRAM.go`, and
 * with no argument a menu of the lessons (lessons/).
 *
 * The loop: input changes the view state (ViewUi) or the step shown
 * (Session); the layout is recomputed only when one of them changed; each
 * frame draws the display list, plus the animation's tokens while a step
 * animates.  Recording continues a slice per frame until the run is known
 * to its end, so the first frame comes at once even for long runs.
 *
 * Keys (also in the help overlay, H):
 *   Right Space PageDown  next step      Left PageUp   previous (instant)
 *   Down / Up             into / out of the runtime's micro-steps (Down goes on
 *                         through the next steps' micro-steps)
 *   Home End              first / last  P  play/pause   + -  speed
 *   G digits Enter        go to step N  M  manual scheduling (click a goroutine
 *                                          or type its number; Enter: Go's choice)
 *   S  save the schedule into the per-user data directory (schedule_dir();
 *      --sched replay:FILE loads it)
 *   F5 presentation mode (--present)   V hidden source lines   O reveal the run
 *   F11 full screen       Ctrl+ Ctrl- Ctrl0  zoom    T theme  L language
 *   R  reduced motion     H F1 help
 *   Esc  back: closes the help or a prompt, else leaves the lesson for the menu
 *        it was opened from, else quits          Q  quit
 * Mouse: click a goroutine (manual) or the timeline; point at the timeline
 * for a step's goroutine and channel; the wheel steps (scrolls the menu).
 *
 * With no display (no DISPLAY / WAYLAND_DISPLAY, or SDL cannot start video)
 * a program is printed step by step instead (`hchanviz steps`). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "draw.h"
#include "choicepoints.h"
#include "explore.h"
#include "race.h"
#include "export.h"
#include "lesson.h"
#include "gui.h"
#include "narrate.h"
#include "program.h"
#include "trace_cli.h"
#include "view.h"

static const char usage_text[] =
    "usage: hchanviz view PROGRAM.go [options]     the window (also: hchanviz PROGRAM.go)\n"
    "       hchanviz view TRACE.json [options]     a trace (docs/trace.md): its program re-run with its recorded\n"
    "                                              choices and checked as verify does; a difference is shown\n"
    "       hchanviz [view] [options]              the lesson menu (the lessons directory)\n"
    "       hchanviz export PROGRAM.go|TRACE.json --out DIR|FILE.gif [--format png|json|gif] [--step N] [--micro K|all]\n"
    "                       [--present] [--size WxH] [--theme T] [--lang en|zh]   frames, headless\n"
    "\n"
    "  --sched go|random:SEED|replay:FILE   scheduling (a FILE saved with S in the window)\n"
    "  --theme light|dark|high-contrast     --lang en|zh      --zoom Z\n"
    "  --size WxH        window size, or the size of exported frames (default 1920x1080;\n"
    "                    from 64x64 to 7680x4320, 8K UHD)\n"
    "  --step N          open at step N; export only step N\n"
    "  --fullscreen  --reduced-motion  --software (software renderer)\n"
    "  --present         presentation mode: projector-sized text (F5 in the window)\n"
    "  --explore         open with every schedule explored: the Outcomes panel (X in the window);\n"
    "                    Enter runs an outcome's witness, its departures from Go's schedule marked\n"
    "  --race            open with the run's data races found: the Races panel (W in the window)\n"
    "  --screenshot FILE save the first frame as PNG and quit (after --keys)\n"
    "  --keys K,K,...    press these keys first (SDL key names: Right,Down,M,2,Return,Ctrl+=...)\n"
    "  export of a trace that differs from its re-run: the first difference, exit 1, nothing written\n"
    "  export: --format png (default) or json: one file a frame in DIR (step-0012.png, step-0012-micro-03.png);\n"
    "          gif (or --out ending in .gif): one animated GIF of the run with the moves between steps;\n"
    "          --micro K: micro-step K (0-based) of each step; all: every micro-step (docs/export.md)\n";

bool gui_is_program_arg(const char *arg) {
    size_t n = strlen(arg);
    return (n > 3 && strcmp(arg + n - 3, ".go") == 0) || (n > 5 && strcmp(arg + n - 5, ".json") == 0);
}

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "hchanviz: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(hchanviz --help lists the commands)\n");
    return 1;
}

static bool parse_int(const char *s, long lo, long hi, long *out) {
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

static int parse_options(int argc, char **argv, int first, GuiOptions *o) {
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *eq = strchr(a, '=');
        char flag[64];
        snprintf(flag, sizeof flag, "%.*s", eq && a[0] == '-' ? (int)(eq - a) : (int)strlen(a), a);
        bool takes = strcmp(flag, "--sched") == 0 || strcmp(flag, "--theme") == 0 || strcmp(flag, "--lang") == 0 ||
                     strcmp(flag, "--zoom") == 0 || strcmp(flag, "--size") == 0 || strcmp(flag, "--step") == 0 ||
                     strcmp(flag, "--out") == 0 || strcmp(flag, "--screenshot") == 0 || strcmp(flag, "--keys") == 0 ||
                     strcmp(flag, "--micro") == 0 || strcmp(flag, "--format") == 0;
        const char *v = NULL;
        if (takes) {
            v = eq && a[0] == '-' ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return usage_error("%s needs a value", flag);
        }
        long n;
        if (strcmp(flag, "--sched") == 0) {
            if (strcmp(v, "go") == 0) o->policy = SCHED_GO;
            else if (strncmp(v, "random:", 7) == 0 && parse_int(v + 7, 0, LONG_MAX, &n)) o->policy = SCHED_RANDOM, o->seed = (uint64_t)n;
            else if (strncmp(v, "replay:", 7) == 0 && v[7]) o->policy = SCHED_REPLAY, o->replay = v + 7;
            else return usage_error("bad --sched value '%s': want go, random:SEED or replay:FILE", v);
        } else if (strcmp(flag, "--theme") == 0) {
            if ((o->theme = theme_from_name(v)) < 0) return usage_error("unknown theme '%s': light, dark or high-contrast", v);
        } else if (strcmp(flag, "--lang") == 0) {
            if ((o->lang = lang_from_name(v)) < 0) return usage_error("unknown language '%s': en or zh", v);
        } else if (strcmp(flag, "--zoom") == 0) {
            char *end;
            o->zoom = strtof(v, &end);
            if (*end || !(o->zoom >= 0.3f && o->zoom <= 4)) return usage_error("--zoom wants a number from 0.3 to 4, got '%s'", v);
        } else if (strcmp(flag, "--size") == 0) {
            int w = 0, h = 0;
            char x = 0, extra = 0;
            if (sscanf(v, "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || w < 64 || h < 64 || w > 7680 || h > 4320)
                return usage_error("--size wants WxH from 64x64 to 7680x4320, got '%s'", v);
            o->w = w, o->h = h;
        } else if (strcmp(flag, "--step") == 0) {
            if (!parse_int(v, 0, INT32_MAX, &n)) return usage_error("--step wants a step number, got '%s'", v);
            o->step = (int32_t)n;
        } else if (strcmp(flag, "--out") == 0) {
            o->out = v;
        } else if (strcmp(flag, "--micro") == 0) {
            o->micro = v;
        } else if (strcmp(flag, "--format") == 0) {
            o->format = v;
        } else if (strcmp(flag, "--screenshot") == 0) {
            o->screenshot = v;
        } else if (strcmp(flag, "--keys") == 0) {
            o->keys = v;
        } else if (strcmp(a, "--fullscreen") == 0) {
            o->fullscreen = true;
        } else if (strcmp(a, "--reduced-motion") == 0) {
            o->reduced_motion = true;
        } else if (strcmp(a, "--software") == 0) {
            o->software = true;
        } else if (strcmp(a, "--present") == 0) {
            o->present = true;
        } else if (strcmp(a, "--explore") == 0) {
            o->explore = true;
        } else if (strcmp(a, "--race") == 0) {
            o->race = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return -1;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown flag %s", a);
        } else if (!o->file) {
            o->file = a;
        } else {
            return usage_error("one program at a time (got a second: %s)", a);
        }
    }
    return 0;
}

/* ---- lessons ------------------------------------------------------------------ */

typedef struct Lessons {
    char **paths;
    char (*titles)[LANG__COUNT][200];
    MenuItem *items;  /* titles in the language shown */
    int n;
} Lessons;

/* The lessons (sim/lesson.c finds the directory: $HCHANVIZ_LESSONS,
 * ./lessons, or next to the executable) with their titles. */
static void lessons_find(Lessons *ls, const char *argv0) {
    memset(ls, 0, sizeof *ls);
    char dir[PATH_MAX];
    if (!lesson_dir(NULL, argv0, dir, sizeof dir)) return;
    int n = lesson_files(dir, &ls->paths);
    if (n <= 0) return;
    ls->n = n;
    ls->titles = calloc((size_t)n, sizeof *ls->titles);
    ls->items = calloc((size_t)n, sizeof *ls->items);
    if (!ls->titles || !ls->items) abort();
    for (int i = 0; i < n; i++) {
        ls->items[i].path = ls->paths[i];
        FILE *f = fopen(ls->paths[i], "rb");
        if (!f) continue;
        char *src = malloc(1 << 16);
        size_t got = src ? fread(src, 1, (1 << 16) - 1, f) : 0;
        fclose(f);
        if (!src) continue;
        src[got] = '\0';
        Lesson L;
        if (lesson_parse(&L, ls->paths[i], src, got, 0, NULL)) {
            snprintf(ls->titles[i][LANG_EN], sizeof ls->titles[i][LANG_EN], "%s", L.title_en ? L.title_en : "");
            snprintf(ls->titles[i][LANG_ZH], sizeof ls->titles[i][LANG_ZH], "%s", L.title_zh ? L.title_zh : ls->titles[i][LANG_EN]);
            lesson_free(&L);
        }
        if (!ls->titles[i][LANG_EN][0]) {
            source_title(src, got, ls->titles[i][LANG_EN], sizeof ls->titles[i][LANG_EN]);
            memcpy(ls->titles[i][LANG_ZH], ls->titles[i][LANG_EN], sizeof ls->titles[i][LANG_EN]);
        }
        free(src);
    }
}

static void lessons_lang(Lessons *ls, int lang) {
    for (int i = 0; i < ls->n; i++) ls->items[i].title = ls->titles[i][lang];
}

static void lessons_free(Lessons *ls) {
    for (int i = 0; i < ls->n; i++) free(ls->paths[i]);
    free(ls->paths);
    free(ls->items);
    free(ls->titles);
    memset(ls, 0, sizeof *ls);
}

/* ---- the application ------------------------------------------------------------ */

typedef struct App {
    GuiOptions o;
    SDL_Window *win;
    SDL_Renderer *ren;
    Fonts fonts;
    Drawer dr;
    Session s;
    bool loaded;
    ViewUi ui;
    DisplayList dl, prev, frame, under;
    AnimPlan anim;       /* the movements being played, one after another */
    int anim_phase;      /* the one in flight */
    bool animating;
    uint64_t anim_start, anim_ms; /* the phase's start and length */
    bool dirty, redraw, quit;
    uint64_t next_play;
    /* prompts */
    bool jumping;
    char digits[16];
    char prompt[128];
    char toast[512];
    uint64_t toast_until;
    /* A trace that differs from its re-run: said for as long as it is shown
     * (the toast whenever no other is up). */
    char warning[512];
    /* menu */
    Lessons lessons;
    bool in_menu, from_menu;
    int sel;
    int status;
    /* the timeline step under the pointer: the channel it touched (ViewUi.hover_chan) */
    char hover_chan[64];
    /* the panic or fatal report of the run shown (ViewUi.crash_report), made once per run */
    char *crash;
    bool crash_made;
    /* X: what exploring every schedule of the program found (the Outcomes panel) */
    ExploreResult ex;
    ViewOutcome *ex_items;
    ViewOutcomes ex_view;
    char ex_path[1024];
    bool ex_done;
    /* C: the choice points of the run shown (the Choices panel) */
    ChoicePoints cp;
    bool cp_done;
    /* W: the data races of the run shown (the Races panel) */
    RaceInfo *races;
} App;

static uint64_t now_ms(void) { return SDL_GetTicks64(); }

static void set_toast(App *a, const char *msg) {
    size_t n = strlen(msg);
    if (n >= sizeof a->toast) n = sizeof a->toast - 1;
    memcpy(a->toast, msg, n);
    a->toast[n] = '\0';
    a->ui.toast = a->toast;
    a->toast_until = now_ms() + 3500;
    a->dirty = true;
}

static void update_size(App *a) {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(a->ren, &w, &h) != 0 || w <= 0) SDL_GetWindowSize(a->win, &w, &h);
    if (w != a->ui.w || h != a->ui.h) {
        a->ui.w = w;
        a->ui.h = h;
        a->dirty = true;
    }
}

/* Forgets the crash report (a new run, or a new future after a pick). */
static void crash_forget(App *a) {
    free(a->crash);
    a->crash = NULL;
    a->crash_made = false;
    a->ui.crash_report = NULL;
}

/* At the last step of a run that panicked or died, the report `hchanviz run`
 * prints on stderr, written by the same function (program_crash_report) from
 * the Sim as it is there, for the Output panel. */
static void crash_update(App *a) {
    Session *s = &a->s;
    bool last = a->loaded && s->done && s->cur == session_nsteps(s) - 1;
    if (!last || a->crash_made || (s->end_state != SIM_PANICKED && s->end_state != SIM_FATAL)) return;
    a->crash_made = true;
    Loaded l;
    memset(&l, 0, sizeof l);
    l.S = s->S;
    l.path = s->path;
    if (!realpath(s->path, l.abspath)) snprintf(l.abspath, sizeof l.abspath, "%s", s->path);
    size_t len = 0;
    FILE *f = open_memstream(&a->crash, &len);
    if (!f) return;
    program_crash_report(&l, f);
    fclose(f);
    a->ui.crash_report = a->crash;
}

/* The frame the phase in flight flies over: the state before its event. */
static void lay_under(App *a) {
    ViewUi ui = a->ui;
    ui.micro = anim_phase_under(&a->anim, a->anim_phase);
    view_layout(&a->under, &a->s, &ui, &a->fonts.metrics);
}

static void relayout(App *a) {
    crash_update(a);
    if (a->in_menu) lessons_lang(&a->lessons, a->ui.lang);
    if (a->in_menu) view_layout_menu(&a->dl, a->lessons.items, a->lessons.n, a->sel, &a->ui, &a->fonts.metrics);
    else view_layout(&a->dl, &a->s, &a->ui, &a->fonts.metrics);
    a->dirty = false;
    a->redraw = true;
}

/* Once a program is loaded into a->s: the window follows it. */
static void opened(App *a, const char *title_extra) {
    crash_forget(a);
    a->loaded = true;
    a->in_menu = false;
    a->ui.hover_step = -1;
    a->ui.micro = -1;
    char title[1600];
    snprintf(title, sizeof title, "hchanviz \xe2\x80\x94 %s%s", a->s.name, title_extra);
    SDL_SetWindowTitle(a->win, title);
    a->dirty = true;
}

static void go_to(App *a, int32_t k, bool animate);

/* A trace: its embedded program re-run with its recorded choices, checked as
 * `hchanviz verify` checks it.  If the re-run differs, the window still
 * opens on it -- at the first step that differs, unless --step says
 * otherwise -- and says so on stderr and in a banner that stays: what the
 * program really does there is what a reviewer needs to see, and the banner
 * keeps the re-run from passing for the file's content.  (Export, whose
 * frames stand for the trace, refuses instead.) */
static bool open_trace(App *a, const char *path) {
    if (a->o.policy != SESSION_POLICY_DEFAULT) {
        fprintf(stderr, "hchanviz: %s is a trace: it replays its own recorded choices (--sched is for a program)\n", path);
        return false;
    }
    TraceCheck tc;
    if (!trace_cli_open(&a->s, path, &tc, stderr)) {
        trace_check_free(&tc);
        session_free(&a->s);
        return false;
    }
    const char *slash = strrchr(path, '/');
    char extra[1100];
    snprintf(extra, sizeof extra, " (trace %s)", slash ? slash + 1 : path);
    opened(a, extra);
    if (tc.status == TRACE_CHECK_DIFFERS) {
        fprintf(stderr,
                "hchanviz: warning: %s\nhchanviz: warning: %s is not what its program does with its recorded choices; "
                "the window shows the re-run\n",
                tc.why, path);
        /* The banner without the file name (the title has it). */
        size_t n = strlen(path);
        const char *why = strncmp(tc.why, path, n) == 0 && strncmp(tc.why + n, ": ", 2) == 0 ? tc.why + n + 2 : tc.why;
        snprintf(a->warning, sizeof a->warning, "Not as in the trace (shown: the re-run): %.400s", why);
        a->ui.toast = a->warning;
        a->toast_until = 0;
        if (a->o.step < 0 && tc.differs_at > 0) go_to(a, (int32_t)tc.differs_at, false);
    }
    trace_check_free(&tc);
    return true;
}

static bool open_program(App *a, const char *path) {
    if (trace_cli_is_trace(path)) return open_trace(a, path);
    Choice *cs = NULL;
    int32_t nc = 0;
    if (a->o.replay) {
        char why[512];
        if (!schedule_read(a->o.replay, &cs, &nc, why, sizeof why)) {
            fprintf(stderr, "hchanviz: %s\n", why);
            return false;
        }
    }
    /* Compile errors go to stderr and, in the menu, to a toast. */
    char *buf = NULL;
    size_t blen = 0;
    FILE *err = open_memstream(&buf, &blen);
    bool ok = session_load(&a->s, path, a->o.policy, a->o.seed, cs, nc, err ? err : stderr);
    if (err) fclose(err);
    free(cs);
    if (!ok) {
        if (buf && blen) fputs(buf, stderr);
        if (buf) {
            char *nl = strchr(buf, '\n');
            if (nl) *nl = '\0';
            set_toast(a, buf);
        }
        free(buf);
        session_free(&a->s);
        return false;
    }
    free(buf);
    opened(a, "");
    return true;
}

/* ---- the Outcomes panel (X): every schedule the program could take ---------- */

static void explored_free(App *a) {
    explore_result_free(&a->ex);
    free(a->ex_items);
    a->ex_items = NULL;
    a->ex_done = false;
    a->ui.outcomes = NULL;
    a->ui.show_outcomes = false;
}

/* Explores the program shown (a few seconds at most) and opens the panel. */
static void explore_shown(App *a) {
    if (a->ex_done && strcmp(a->ex_path, a->s.path) == 0) {
        a->ui.show_outcomes = !a->ui.show_outcomes;
        a->dirty = true;
        return;
    }
    if (a->s.from_source) {
        set_toast(a, "explore: open the program itself (a trace replays one schedule)");
        return;
    }
    explored_free(a);
    Loaded l;
    FILE *null = fopen("/dev/null", "w");
    bool ok = program_load(&l, a->s.path, 0, 0, null ? null : stderr);
    if (null) fclose(null);
    if (!ok) {
        program_unload(&l);
        set_toast(a, "explore: the program does not load");
        return;
    }
    ExploreOptions eo = {.preemptions = -1, .seconds = 3};
    explore_run(l.S, &eo, &a->ex);
    program_unload(&l);
    a->ex_items = calloc((size_t)(a->ex.n ? a->ex.n : 1), sizeof *a->ex_items);
    if (!a->ex_items) abort();
    for (int32_t i = 0; i < a->ex.n; i++) {
        const ExploreOutcome *oc = &a->ex.outcomes[i];
        a->ex_items[i] = (ViewOutcome){oc->out, oc->err, oc->exit, oc->count, oc->preemptions, oc->departures,
                                       oc->kind == OUTCOME_PANIC, oc->deadlock, oc->leak, oc->leaks};
    }
    a->ex_view = (ViewOutcomes){a->ex_items, a->ex.n, a->ex.exhaustive, a->ex.bound, a->ex.executions, -1};
    snprintf(a->ex_path, sizeof a->ex_path, "%s", a->s.path);
    a->ex_done = true;
    a->ui.outcomes = &a->ex_view;
    a->ui.show_outcomes = true;
    a->ui.outcome_sel = 0;
    a->dirty = true;
}

static void close_program(App *a);
static void go_to(App *a, int32_t k, bool animate);

/* ---- the Choices panel (C): where the run shown could have gone another way --- */

static void choices_forget(App *a) {
    choicepoints_free(&a->cp);
    a->cp_done = false;
    a->ui.choices = NULL;
    a->ui.show_choices = false;
}

/* Finds the choice points of the whole recorded run, runs their
 * alternatives, and opens the panel at the point of the step shown. */
static void choices_shown(App *a) {
    if (!a->loaded) return;
    if (a->cp_done) {
        a->ui.show_choices = !a->ui.show_choices;
        a->dirty = true;
        return;
    }
    session_record_all(&a->s);
    if (a->s.hist.snaps.len == 0) return;
    Sim *T = sim_new(0);
    vm_start(T, &a->s.prog);
    snapshot_restore(T, a->s.hist.snaps.items[0]);
    bool ok = choicepoints_find(T, a->s.hist.choices.items, a->s.hist.choices.len, 400, 400, &a->cp);
    sim_free(T);
    if (!ok) {
        set_toast(a, "choices: the run does not replay");
        return;
    }
    a->cp_done = true;
    a->ui.choices = &a->cp;
    a->ui.show_choices = true;
    a->ui.show_outcomes = false;
    a->ui.choice_sel = 0;
    for (int32_t k = 0; k < a->cp.n; k++)
        if ((int64_t)a->cp.items[k].step + 1 <= a->s.cur) a->ui.choice_sel = k;
    a->dirty = true;
}

/* Keys while the Choices panel is open; true if the key was the panel's. */
static bool choices_key(App *a, SDL_Keycode k) {
    if (!a->ui.show_choices || !a->cp_done) return false;
    int n = a->cp.n, sel = a->ui.choice_sel;
    switch (k) {
    case SDLK_UP: sel--; break;
    case SDLK_DOWN: sel++; break;
    case SDLK_PAGEUP: sel -= 5; break;
    case SDLK_PAGEDOWN: sel += 5; break;
    case SDLK_HOME: sel = 0; break;
    case SDLK_END: sel = n - 1; break;
    case SDLK_RETURN: case SDLK_KP_ENTER:
        /* the step where the choice is made: the state it chooses from */
        if (sel >= 0 && sel < n) go_to(a, (int32_t)a->cp.items[sel].step, false);
        a->ui.show_choices = false;
        a->dirty = true;
        return true;
    case SDLK_ESCAPE: case SDLK_c: a->ui.show_choices = false; break;
    default: return false;
    }
    a->ui.choice_sel = sel < 0 ? 0 : sel >= n ? (n > 0 ? n - 1 : 0) : sel;
    a->dirty = true;
    return true;
}

/* ---- the Races panel (W): the data races of the run shown ----------------------- */

static void races_forget(App *a) {
    free(a->races);
    a->races = NULL;
    a->ui.races = NULL;
    a->ui.nraces = 0;
    a->ui.races_found = false;
    a->ui.show_races = false;
}

/* Runs the race detector over the whole recorded run (its own choices, on
 * a Sim of its own) and opens the panel. */
static void races_shown(App *a) {
    if (!a->loaded) return;
    if (a->ui.races_found) {
        a->ui.show_races = !a->ui.show_races;
        a->dirty = true;
        return;
    }
    session_record_all(&a->s);
    if (a->s.hist.snaps.len == 0) return;
    char abspath[4096];
    if (!realpath(a->s.path, abspath)) snprintf(abspath, sizeof abspath, "%s", a->s.path);
    Sim *T = sim_new(0);
    vm_start(T, &a->s.prog);
    snapshot_restore(T, a->s.hist.snaps.items[0]);
    sim_set_replay(T, a->s.hist.choices.items, a->s.hist.choices.len);
    T->logging = false;
    Race *R = race_new(T, NULL, abspath);
    while (sim_step(T) == SIM_RUNNING) {
    }
    int n = race_count(R);
    a->races = calloc((size_t)(n ? n : 1), sizeof *a->races);
    if (!a->races) abort();
    for (int i = 0; i < n; i++) a->races[i] = *race_info(R, i);
    /* fn names are static strings of the detector; nothing else points into R */
    race_free(R);
    sim_free(T);
    a->ui.races = a->races;
    a->ui.nraces = n;
    a->ui.races_found = true;
    a->ui.show_races = true;
    a->ui.show_outcomes = a->ui.show_choices = false;
    a->ui.race_sel = 0;
    a->dirty = true;
}

/* Keys while the Races panel is open; true if the key was the panel's. */
static bool races_key(App *a, SDL_Keycode k) {
    if (!a->ui.show_races || !a->ui.races_found) return false;
    int n = a->ui.nraces, sel = a->ui.race_sel;
    switch (k) {
    case SDLK_UP: sel--; break;
    case SDLK_DOWN: sel++; break;
    case SDLK_HOME: sel = 0; break;
    case SDLK_END: sel = n - 1; break;
    case SDLK_RETURN: case SDLK_KP_ENTER:
        if (sel >= 0 && sel < n) {
            const RaceInfo *ri = &a->races[sel];
            go_to(a, (int32_t)ri->step + 1, false);
            char msg[300];
            snprintf(msg, sizeof msg, "race %d: this step's %s at line %d races with step %llu's %s at line %d (G%d)",
                     sel + 1, ri->write ? "write" : "read", ri->line, (unsigned long long)ri->prev_step + 1,
                     ri->prev_write ? "write" : "read", ri->prev_line, ri->prev_g);
            set_toast(a, msg);
        }
        a->ui.show_races = false;
        a->dirty = true;
        return true;
    case SDLK_ESCAPE: case SDLK_w: a->ui.show_races = false; break;
    default: return false;
    }
    a->ui.race_sel = sel < 0 ? 0 : sel >= n ? (n > 0 ? n - 1 : 0) : sel;
    a->dirty = true;
    return true;
}

/* Enter in the panel: the selected outcome's witness replayed, shown from
 * the first step where it leaves Go's own schedule. */
static void load_witness(App *a, int k) {
    if (k < 0 || k >= a->ex.n) return;
    const ExploreOutcome *oc = &a->ex.outcomes[k];
    char path[1024];
    snprintf(path, sizeof path, "%s", a->ex_path);
    close_program(a);
    if (!session_load(&a->s, path, SCHED_REPLAY, 0, oc->witness, oc->nwitness, stderr)) {
        session_free(&a->s);
        set_toast(a, "explore: the witness does not load");
        return;
    }
    opened(a, "");
    a->ex_view.shown = k;
    a->ui.outcomes = &a->ex_view;
    a->ui.show_outcomes = false;
    session_record_all(&a->s);
    int32_t first = 0;
    for (int32_t i = 1; i < session_nsteps(&a->s) && !first; i++)
        if (a->s.steps.items[i].marks & MARK_DEPART) first = i;
    go_to(a, first ? first : 0, false);
    char msg[600];
    snprintf(msg, sizeof msg, "outcome %d: its witness (%d preemptions); the timeline's 'departs' row marks them", k + 1,
             oc->preemptions);
    set_toast(a, msg);
}

/* Keys while the panel is open; true if the key was the panel's. */
static bool outcomes_key(App *a, SDL_Keycode k) {
    if (!a->ui.show_outcomes || !a->ex_done) return false;
    int n = a->ex.n, sel = a->ui.outcome_sel;
    switch (k) {
    case SDLK_UP: sel--; break;
    case SDLK_DOWN: sel++; break;
    case SDLK_PAGEUP: sel -= 5; break;
    case SDLK_PAGEDOWN: sel += 5; break;
    case SDLK_HOME: sel = 0; break;
    case SDLK_END: sel = n - 1; break;
    case SDLK_RETURN: case SDLK_KP_ENTER: load_witness(a, sel); return true;
    case SDLK_ESCAPE: case SDLK_x: a->ui.show_outcomes = false; break;
    default: return false;
    }
    a->ui.outcome_sel = sel < 0 ? 0 : sel >= n ? (n > 0 ? n - 1 : 0) : sel;
    a->dirty = true;
    return true;
}

static void close_program(App *a) {
    if (!a->loaded) return;
    if (a->ui.toast == a->warning) a->ui.toast = NULL;
    a->warning[0] = '\0';
    session_free(&a->s);
    crash_forget(a);
    choices_forget(a);
    races_forget(a);
    a->loaded = false;
    a->animating = false;
    a->ui.playing = false;
    a->ui.need_pick = false;
}

/* Plays the movements from micro-step `from` to `to` of the step shown
 * (anim_plan): each token flies over the state before its event, and the
 * event's state shows when it lands.  Nothing plays with reduced motion. */
static void start_anim(App *a, int from, int to) {
    a->animating = false;
    int ms = anim_phase_ms(a->ui.speed, a->ui.playing);
    if (a->ui.reduced_motion || ms == 0) return;
    anim_plan(&a->anim, &a->s, from, to, &a->ui, &a->fonts.metrics);
    if (a->anim.n == 0) return;
    /* A busy step plays its movements faster: at most about 2.5 s in all. */
    if (a->anim.n * ms > 2500) ms = 2500 / a->anim.n > 120 ? 2500 / a->anim.n : 120;
    a->anim_ms = (uint64_t)ms;
    a->anim_phase = 0;
    a->anim_start = now_ms();
    a->animating = true;
    lay_under(a);
}

/* Moves to step k; animates a single step forward. */
static void go_to(App *a, int32_t k, bool animate) {
    if (!a->loaded) return;
    int32_t n = session_nsteps(&a->s);
    if (k >= n && !a->s.done) {
        while (k >= session_nsteps(&a->s) && !session_record(&a->s, 50000)) {}
        n = session_nsteps(&a->s);
    }
    if (k < 0) k = 0;
    if (k >= n) k = n - 1;
    int32_t old = a->s.cur;
    if (k == old && a->ui.micro < 0) return;
    dl_copy(&a->prev, &a->dl);
    session_goto(&a->s, k);
    a->ui.micro = -1;
    a->ui.need_pick = false;
    a->digits[0] = '\0';
    relayout(a);
    a->animating = false;
    if (animate && k == old + 1) start_anim(a, VIEW_BEFORE_STEP, -1);
}

/* B: back on the lesson's path, at the step where the run left it. */
static void rejoin(App *a) {
    if (!a->loaded || !a->s.diverged_at) {
        set_toast(a, ui_str(a->ui.lang, UI_ON_PATH));
        return;
    }
    if (!session_rejoin(&a->s, stderr)) {
        set_toast(a, ui_str(a->ui.lang, UI_REJOIN_FAILED));
        if (!a->s.S) a->loaded = false; /* the file no longer loads: back to the menu */
        return;
    }
    a->ui.micro = -1;
    a->ui.need_pick = false;
    a->animating = false;
    relayout(a);
}

static void pick(App *a, GoId g) {
    dl_copy(&a->prev, &a->dl);
    int32_t old = a->s.cur;
    if (!session_pick(&a->s, g)) {
        char msg[96];
        snprintf(msg, sizeof msg, "G%d is not runnable", g);
        set_toast(a, msg);
        return;
    }
    a->ui.need_pick = false;
    a->ui.micro = -1;
    a->digits[0] = '\0';
    crash_forget(a); /* the run has a new future */
    a->ui.hover_step = -1;
    relayout(a);
    if (a->s.cur == old + 1) start_anim(a, VIEW_BEFORE_STEP, -1);
}

static void step_forward(App *a) {
    if (!a->loaded) return;
    if (a->ui.manual && !a->ui.need_pick && session_needs_pick(&a->s)) {
        a->ui.need_pick = true;
        a->ui.playing = false;
        a->digits[0] = '\0';
        a->dirty = true;
        return;
    }
    if (a->s.cur + 1 >= session_nsteps(&a->s) && a->s.done) {
        a->ui.playing = false;
        a->dirty = true;
        return;
    }
    go_to(a, a->s.cur + 1, true);
}

/* Makes every missing directory of path (like mkdir -p); false with errno set. */
static bool mkdir_parents(const char *path) {
    char buf[PATH_MAX];
    int n = snprintf(buf, sizeof buf, "%s", path);
    if (n <= 0 || n >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return false;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0') continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST) return false;
        struct stat st;
        if (stat(buf, &st) != 0) return false;
        if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            return false;
        }
        if (c == '\0') return true;
        *p = c;
    }
}

/* Where saved schedules go: $XDG_DATA_HOME/hchanviz/schedules, or
 * ~/.local/share/hchanviz/schedules (the XDG base directory default; a
 * relative XDG_DATA_HOME is ignored, as the specification says), never the
 * current directory.  Creates it if missing.  False with the reason in why. */
static bool schedule_dir(char *out, size_t cap, char *why, int wcap) {
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/') n = snprintf(out, cap, "%s/hchanviz/schedules", xdg);
    else if (home && home[0] == '/') n = snprintf(out, cap, "%s/.local/share/hchanviz/schedules", home);
    else {
        snprintf(why, (size_t)wcap, "neither XDG_DATA_HOME nor HOME names a directory");
        return false;
    }
    if (n <= 0 || (size_t)n >= cap) {
        snprintf(why, (size_t)wcap, "the data directory's path is too long");
        return false;
    }
    if (!mkdir_parents(out)) {
        snprintf(why, (size_t)wcap, "%s: %s", out, strerror(errno));
        return false;
    }
    return true;
}

/* S: the run's choices as a schedule file in schedule_dir(), named after the
 * program (NAME.sched.json, or NAME-2.sched.json... not to overwrite an
 * earlier one); the toast names the full path. */
static void save_schedule(App *a) {
    char dir[PATH_MAX], path[PATH_MAX + 300], base[256];
    char why[PATH_MAX + 100], msg[3 * PATH_MAX];
    snprintf(base, sizeof base, "%.200s", a->s.name);
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".go") == 0) base[n - 3] = '\0';
    bool ok = schedule_dir(dir, sizeof dir, why, (int)sizeof why);
    if (ok) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s.sched.json", dir, base);
        for (int k = 2; k < 1000 && stat(path, &st) == 0; k++) snprintf(path, sizeof path, "%s/%s-%d.sched.json", dir, base, k);
        session_record_all(&a->s);
        ok = session_save_schedule(&a->s, path, why, (int)sizeof why);
    }
    if (ok) snprintf(msg, sizeof msg, "%s %s (--sched replay:%s)", ui_str(a->ui.lang, UI_SAVED), path, path);
    else snprintf(msg, sizeof msg, "%s %s", ui_str(a->ui.lang, UI_SAVE_FAILED), why);
    set_toast(a, msg);
}

/* Digits typed while a pick is pending: pick as soon as they name one runnable goroutine. */
static void pick_digits(App *a, bool enter) {
    GoId rs[256];
    int n = sim_runnable(a->s.S, rs, 256);
    if (n > 256) n = 256;
    if (enter && !a->digits[0]) { /* Go's own choice: the recorded next step */
        a->ui.need_pick = false;
        go_to(a, a->s.cur + 1, true);
        return;
    }
    long v = strtol(a->digits, NULL, 10);
    bool exact = false, longer = false;
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "%d", rs[i]);
        if (rs[i] == v) exact = true;
        else if (strncmp(id, a->digits, strlen(a->digits)) == 0) longer = true;
    }
    if (exact && (!longer || enter)) pick(a, (GoId)v);
    else if (enter || (!exact && !longer)) {
        char msg[96];
        snprintf(msg, sizeof msg, "G%s is not runnable", a->digits);
        set_toast(a, msg);
        a->digits[0] = '\0';
    }
}

static void update_prompt(App *a) {
    if (a->jumping) {
        snprintf(a->prompt, sizeof a->prompt, "%s %s_", ui_str(a->ui.lang, UI_JUMP_PROMPT), a->digits);
        a->ui.prompt = a->prompt;
    } else if (a->ui.need_pick && a->digits[0]) {
        snprintf(a->prompt, sizeof a->prompt, "G%s_", a->digits);
        a->ui.prompt = a->prompt;
    } else {
        a->ui.prompt = NULL;
    }
    a->dirty = true;
}

static void toggle_fullscreen(App *a) {
    Uint32 f = SDL_GetWindowFlags(a->win);
    SDL_SetWindowFullscreen(a->win, f & SDL_WINDOW_FULLSCREEN_DESKTOP ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
    update_size(a);
}

/* The menu rows the last layout showed: [*first, *first + *count). */
static void menu_shown(const App *a, int *first, int *count) {
    *first = 0, *count = 0;
    for (int32_t i = 0; i < a->dl.n; i++) {
        const DlCmd *c = &a->dl.cmds[i];
        if (c->kind != DL_BOX || c->tag != TAG_MENU_ITEM) continue;
        if (*count == 0) *first = c->id;
        (*count)++;
    }
}

/* Scrolls the menu by rows, the selection moving along to stay on a row
 * shown (the layout always shows it). */
static void menu_scroll(App *a, int rows) {
    int first, count, n = a->lessons.n;
    if (a->dirty) relayout(a);
    menu_shown(a, &first, &count);
    if (count <= 0 || n <= 0) return;
    int nf = first + rows;
    if (nf > n - count) nf = n - count;
    if (nf < 0) nf = 0;
    a->ui.menu_first = nf;
    if (a->sel < nf) a->sel = nf;
    if (a->sel >= nf + count) a->sel = nf + count - 1;
    a->dirty = true;
}

/* Moves the selection to k (clamped) and scrolls so that it is shown. */
static void menu_select(App *a, int k) {
    int n = a->lessons.n, first, count;
    if (n <= 0) return;
    if (a->dirty) relayout(a);
    a->sel = k < 0 ? 0 : k >= n ? n - 1 : k;
    menu_shown(a, &first, &count);
    if (count > 0) {
        if (a->sel < first) a->ui.menu_first = a->sel;
        else if (a->sel >= first + count) a->ui.menu_first = a->sel - count + 1;
        else a->ui.menu_first = first;
    }
    a->dirty = true;
}

static void menu_key(App *a, SDL_Keycode k) {
    int n = a->lessons.n, first, page;
    if (a->dirty) relayout(a); /* the page is what the layout shows now */
    menu_shown(a, &first, &page);
    if (page < 1) page = 1;
    switch (k) {
    case SDLK_UP: menu_select(a, a->sel - 1); break;
    case SDLK_DOWN: menu_select(a, a->sel + 1); break;
    case SDLK_PAGEUP: menu_select(a, a->sel - page); break;
    case SDLK_PAGEDOWN: menu_select(a, a->sel + page); break;
    case SDLK_HOME: menu_select(a, 0); break;
    case SDLK_END: menu_select(a, n - 1); break;
    case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_RIGHT: case SDLK_SPACE:
        if (n) {
            a->from_menu = true;
            open_program(a, a->lessons.items[a->sel].path);
        }
        break;
    case SDLK_q: case SDLK_ESCAPE: a->quit = true; break; /* the menu is the first level: back is out */
    default:
        if (k >= SDLK_1 && k <= SDLK_9 && k - SDLK_1 < n) {
            a->sel = k - SDLK_1;
            a->from_menu = true;
            open_program(a, a->lessons.items[a->sel].path);
        }
    }
}

/* F5, V, O: a mode on or off, told in a toast. */
static void toggle_mode(App *a, bool *mode, int name) {
    *mode = !*mode;
    char msg[160];
    snprintf(msg, sizeof msg, "%s: %s", ui_str(a->ui.lang, name), ui_str(a->ui.lang, *mode ? UI_MODE_ON : UI_MODE_OFF));
    set_toast(a, msg);
    a->dirty = true;
}

/* Esc when no prompt is open: leaves the lesson for the menu it was opened
 * from, else quits (the help says so: UI_KEY_BACK). */
static void go_back(App *a) {
    if (a->from_menu && !a->in_menu) {
        close_program(a);
        a->in_menu = true;
        menu_select(a, a->sel);
        SDL_SetWindowTitle(a->win, "hchanviz");
        a->dirty = true;
    } else {
        a->quit = true;
    }
}

static void key(App *a, const SDL_Keysym *ks) {
    SDL_Keycode k = ks->sym;
    bool ctrl = (ks->mod & KMOD_CTRL) != 0, shift = (ks->mod & KMOD_SHIFT) != 0;
    /* Keys that work everywhere. */
    if (k == SDLK_F11) return toggle_fullscreen(a);
    if (ctrl && (k == SDLK_EQUALS || k == SDLK_PLUS || k == SDLK_KP_PLUS)) {
        a->ui.zoom = a->ui.zoom * 1.1f > 3 ? 3 : a->ui.zoom * 1.1f;
        a->dirty = true;
        return;
    }
    if (ctrl && (k == SDLK_MINUS || k == SDLK_KP_MINUS)) {
        a->ui.zoom = a->ui.zoom / 1.1f < 0.5f ? 0.5f : a->ui.zoom / 1.1f;
        a->dirty = true;
        return;
    }
    if (ctrl && (k == SDLK_0 || k == SDLK_KP_0)) {
        a->ui.zoom = 1;
        a->dirty = true;
        return;
    }
    if (k == SDLK_t && !a->jumping) {
        a->ui.theme = (a->ui.theme + 1) % THEME__COUNT;
        a->redraw = true;
        return;
    }
    if (k == SDLK_l && !a->jumping) {
        a->ui.lang = (a->ui.lang + 1) % LANG__COUNT;
        update_prompt(a);
        return;
    }
    if ((k == SDLK_h || k == SDLK_F1) && !a->jumping) {
        a->ui.help = !a->ui.help;
        a->dirty = true;
        return;
    }
    if (k == SDLK_q) {
        a->quit = true;
        return;
    }
    if (k == SDLK_ESCAPE && a->ui.help) { /* Esc closes the help first, in the menu too */
        a->ui.help = false;
        a->dirty = true;
        return;
    }
    if (k == SDLK_F5) return toggle_mode(a, &a->ui.present, UI_MODE_PRESENT);
    if (a->in_menu) return menu_key(a, k);
    if (outcomes_key(a, k)) return;
    if (choices_key(a, k)) return;
    if (races_key(a, k)) return;

    /* Prompts take digits, Enter, Backspace, Escape. */
    bool digit = (k >= SDLK_0 && k <= SDLK_9) || (k >= SDLK_KP_1 && k <= SDLK_KP_0);
    char dch = k >= SDLK_0 && k <= SDLK_9 ? (char)('0' + (k - SDLK_0)) : k == SDLK_KP_0 ? '0' : (char)('1' + (k - SDLK_KP_1));
    if (a->jumping || a->ui.need_pick) {
        size_t n = strlen(a->digits);
        if (digit && !shift) {
            if (n < 9) a->digits[n] = dch, a->digits[n + 1] = '\0';
            if (a->ui.need_pick) pick_digits(a, false);
            update_prompt(a);
            return;
        }
        if (k == SDLK_BACKSPACE) {
            if (n) a->digits[n - 1] = '\0';
            update_prompt(a);
            return;
        }
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            if (a->jumping) {
                a->jumping = false;
                if (a->digits[0]) go_to(a, (int32_t)strtol(a->digits, NULL, 10), false);
                a->digits[0] = '\0';
            } else {
                pick_digits(a, true);
            }
            update_prompt(a);
            return;
        }
        if (k == SDLK_ESCAPE) {
            a->jumping = false;
            a->ui.need_pick = false;
            a->digits[0] = '\0';
            update_prompt(a);
            return;
        }
    }
    if (a->ui.need_pick && (k == SDLK_RIGHT || k == SDLK_SPACE || k == SDLK_PAGEDOWN)) {
        a->digits[0] = '\0';
        pick_digits(a, true);
        update_prompt(a);
        return;
    }
    switch (k) {
    case SDLK_RIGHT: case SDLK_SPACE: case SDLK_PAGEDOWN:
        step_forward(a);
        break;
    case SDLK_LEFT: case SDLK_PAGEUP:
        go_to(a, a->s.cur - 1, false);
        break;
    case SDLK_DOWN:
        /* Through the micro-steps; past the last one, on to the next step's first. */
        if (a->s.S->log.len && a->ui.micro + 1 < a->s.S->log.len) {
            a->ui.micro++;
            a->dirty = true;
            start_anim(a, a->ui.micro - 1 < 0 ? VIEW_BEFORE_STEP : a->ui.micro - 1, a->ui.micro);
        } else if (a->ui.micro >= 0 || a->s.S->log.len == 0) {
            int32_t before = a->s.cur;
            step_forward(a);
            if (a->s.cur != before && a->s.S->log.len) {
                a->ui.micro = 0;
                a->dirty = true;
                start_anim(a, VIEW_BEFORE_STEP, 0); /* the new step's first movement only */
            }
        }
        break;
    case SDLK_UP:
        if (a->ui.micro >= 0) {
            a->ui.micro--;
            a->dirty = true;
        }
        break;
    case SDLK_HOME: go_to(a, 0, false); break;
    case SDLK_END:
        session_record_all(&a->s);
        go_to(a, session_nsteps(&a->s) - 1, false);
        break;
    case SDLK_p:
        if (!a->ui.playing && a->s.done && a->s.cur == session_nsteps(&a->s) - 1) go_to(a, 0, false);
        a->ui.playing = !a->ui.playing;
        a->next_play = now_ms();
        a->dirty = true;
        break;
    case SDLK_PLUS: case SDLK_KP_PLUS: case SDLK_EQUALS:
        if (a->ui.speed + 1 < SPEED_COUNT) a->ui.speed++;
        a->dirty = true;
        break;
    case SDLK_MINUS: case SDLK_KP_MINUS:
        if (a->ui.speed > 0) a->ui.speed--;
        a->dirty = true;
        break;
    case SDLK_g:
        a->jumping = true;
        a->digits[0] = '\0';
        update_prompt(a);
        break;
    case SDLK_m:
        a->ui.manual = !a->ui.manual;
        a->ui.need_pick = false;
        a->dirty = true;
        break;
    case SDLK_s: save_schedule(a); break;
    case SDLK_x: explore_shown(a); break;
    case SDLK_c: choices_shown(a); break;
    case SDLK_w: races_shown(a); break;
    case SDLK_r:
        a->ui.reduced_motion = !a->ui.reduced_motion;
        a->animating = false;
        a->dirty = true;
        break;
    case SDLK_v: toggle_mode(a, &a->ui.show_hidden, UI_MODE_HIDDEN); break;
    case SDLK_b: rejoin(a); break;
    case SDLK_o: toggle_mode(a, &a->ui.reveal, UI_MODE_REVEAL); break;
    case SDLK_ESCAPE: go_back(a); break;
    }
}

/* Window coordinates (events) to output pixels (the layout's): they differ on a HiDPI screen. */
static void to_output(const App *a, int wx, int wy, int *x, int *y) {
    int ww, wh;
    SDL_GetWindowSize(a->win, &ww, &wh);
    *x = ww ? (int)((int64_t)wx * a->ui.w / ww) : wx;
    *y = wh ? (int)((int64_t)wy * a->ui.h / wh) : wy;
}

/* The channel step k touched, found by moving the shown Sim to k and back
 * (at most two replays from a snapshot): the same rule the timeline uses for
 * the step shown, the step's main event's channel, else the first one named. */
static void hover_lookup(App *a, int32_t k) {
    Session *s = &a->s;
    int32_t cur = s->cur;
    a->hover_chan[0] = '\0';
    session_goto(s, k);
    const Sim *S = s->S;
    int main_event = session_step(s, k)->main_event;
    ChanId c = 0;
    for (int32_t i = 0; i < S->log.len && !c; i++)
        if (S->log.items[i].kind == main_event && S->log.items[i].c > 0) c = S->log.items[i].c;
    for (int32_t i = 0; i < S->log.len && !c; i++)
        if (S->log.items[i].c > 0) c = S->log.items[i].c;
    if (c) view_chan_name(S, c, a->hover_chan, (int)sizeof a->hover_chan);
    session_goto(s, cur);
    a->ui.hover_step = k;
    a->ui.hover_chan = a->hover_chan[0] ? a->hover_chan : NULL;
}

/* The pointer moved: the timeline's hover label follows it. */
static void mouse_moved(App *a, int wx, int wy) {
    int x, y;
    to_output(a, wx, wy, &x, &y);
    if (a->in_menu || !a->loaded) return;
    const DlCmd *tl = dl_find(&a->dl, TAG_PANEL, UI_PANEL_TIMELINE, -1);
    bool was = false;
    for (int32_t i = 0; i < a->dl.n && !was; i++)
        was = a->dl.cmds[i].kind == DL_BOX && a->dl.cmds[i].tag == TAG_CURSOR && a->dl.cmds[i].sub == 1;
    bool over = tl && rect_contains(tl->r, (Rect){x, y, 1, 1});
    a->ui.mouse_x = x, a->ui.mouse_y = y;
    if (!over && !was) return;
    relayout(a);
    /* The label names its step; its channel needs that step's events. */
    for (int32_t i = 0; i < a->dl.n; i++) {
        const DlCmd *c = &a->dl.cmds[i];
        if (c->kind == DL_BOX && c->tag == TAG_CURSOR && c->sub == 1) {
            if (c->id != a->ui.hover_step) {
                hover_lookup(a, c->id);
                relayout(a);
            }
            break;
        }
    }
}

static void menu_wheel(App *a, int dy) { menu_scroll(a, dy > 0 ? -3 : 3); }

static void click(App *a, int wx, int wy) {
    int x, y;
    to_output(a, wx, wy, &x, &y);
    const DlCmd *c = dl_hit(&a->dl, x, y);
    if (!c) return;
    if (a->in_menu) {
        if (c->tag == TAG_MENU_ITEM) {
            a->sel = c->id;
            a->from_menu = true;
            open_program(a, a->lessons.items[a->sel].path);
        } else if (c->tag == TAG_MORE) {
            int first, count;
            menu_shown(a, &first, &count);
            if (c->id != 0) {
                menu_scroll(a, c->id * (count > 1 ? count - 1 : 1)); /* the "more" lines: a page */
            } else {
                /* The scroll bar: the row under the pointer comes to the middle. */
                const DlCmd *t = c->sub ? &a->dl.cmds[c->parent] : c;
                int n = a->lessons.n;
                int row = t->r.h > 0 ? (int)((int64_t)(y - t->r.y) * n / t->r.h) : 0;
                menu_scroll(a, row - count / 2 - first);
            }
        }
        return;
    }
    if ((c->tag == TAG_TIMELINE || c->tag == TAG_TIMELINE_MARK) && a->loaded) {
        const DlCmd *t = dl_find(&a->dl, TAG_TIMELINE, 0, -1);
        if (t && t->r.w > 2) {
            int32_t n = session_nsteps(&a->s);
            int32_t k = (int32_t)((int64_t)(x - t->r.x) * (n - 1) / (t->r.w - 2));
            go_to(a, k, false);
        }
    } else if (c->tag == TAG_G && a->ui.need_pick) {
        pick(a, c->id);
    } else if (c->tag == TAG_G && a->ui.manual && session_needs_pick(&a->s)) {
        a->ui.need_pick = true;
        pick(a, c->id);
    }
}

static bool save_screenshot(App *a, const char *path) {
    int w = a->ui.w, h = a->ui.h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) return false;
    bool ok = SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0 && IMG_SavePNG(s, path) == 0;
    if (!ok) fprintf(stderr, "hchanviz: cannot save the screenshot %s: %s\n", path, SDL_GetError());
    SDL_FreeSurface(s);
    return ok;
}

static void frame(App *a) {
    uint64_t t = now_ms();
    if (a->ui.toast && a->ui.toast != a->warning && t > a->toast_until) {
        a->ui.toast = a->warning[0] ? a->warning : NULL;
        a->dirty = true;
    }
    if (a->loaded && !a->s.done) {
        session_record(&a->s, 20000);
        a->dirty = true; /* the timeline grows */
    }
    if (a->loaded && a->ui.playing && !a->animating && t >= a->next_play) {
        step_forward(a);
        a->next_play = t + (uint64_t)(1000.0f / view_speeds[a->ui.speed]);
    }
    if (a->dirty) relayout(a);
    const DisplayList *show = &a->dl;
    if (a->animating) {
        float u = (float)(t - a->anim_start) / (float)(a->anim_ms ? a->anim_ms : 1);
        while (u >= 1 && a->animating) { /* landed: on to the next movement */
            if (++a->anim_phase >= a->anim.n) {
                a->animating = false;
                break;
            }
            a->anim_start += a->anim_ms;
            u = (float)(t - a->anim_start) / (float)(a->anim_ms ? a->anim_ms : 1);
            lay_under(a);
        }
        if (a->animating) {
            dl_copy(&a->frame, &a->under);
            anim_draw_token(&a->frame, &a->anim.ph[a->anim_phase].tok, u, &a->ui, &a->fonts.metrics);
            show = &a->frame;
        }
        a->redraw = true;
    }
    if (!a->redraw) return;
    draw_list(&a->dr, show, a->ui.theme);
    SDL_RenderPresent(a->ren);
    a->redraw = false;
}

/* --keys: queues key presses as if typed, so they go through the real event handling. */
static bool push_keys(const char *list) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *save = NULL, *k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
        SDL_Event e = {0};
        e.type = SDL_KEYDOWN;
        e.key.state = SDL_PRESSED;
        if (strncmp(k, "Ctrl+", 5) == 0) {
            e.key.keysym.mod = KMOD_LCTRL;
            k += 5;
        }
        e.key.keysym.sym = SDL_GetKeyFromName(k);
        if (e.key.keysym.sym == SDLK_UNKNOWN) {
            fprintf(stderr, "hchanviz: --keys: unknown key '%s' (SDL key names: Right, Down, Return, M, 2...)\n", k);
            return false;
        }
        SDL_PushEvent(&e);
    }
    return true;
}

static int no_display(const GuiOptions *o, const char *why) {
    if (!o->file) {
        Lessons ls;
        lessons_find(&ls, o->argv0);
        lessons_lang(&ls, lang_from_env());
        fprintf(stderr, "hchanviz: no display (%s); the lessons are:\n", why);
        for (int i = 0; i < ls.n; i++) printf("  %s  %s\n", ls.items[i].path, ls.items[i].title);
        if (ls.n == 0) fprintf(stderr, "  (none found in ./lessons)\n");
        fprintf(stderr, "run one as text with: hchanviz steps LESSON.go\n");
        lessons_free(&ls);
        return 1;
    }
    if (trace_cli_is_trace(o->file)) {
        fprintf(stderr,
                "hchanviz: no display (%s): a trace opens in the window; without one, `hchanviz export %s --out DIR` "
                "draws its frames and `hchanviz verify %s` checks it\n",
                why, o->file, o->file);
        return 1;
    }
    fprintf(stderr, "hchanviz: no display (%s): printing the steps as text instead\n", why);
    Options co = {0};
    co.cmd = "steps";
    co.file = o->file;
    co.policy = o->policy == SCHED_RANDOM ? SCHED_RANDOM : SCHED_GO;
    co.sched_set = o->policy != SESSION_POLICY_DEFAULT && o->policy != SCHED_REPLAY;
    co.seed = o->seed;
    co.max_steps = 10000000;
    if (o->policy == SCHED_REPLAY) co.policy = SCHED_REPLAY, co.replay = o->replay, co.sched_set = true;
    return cli_run(&co, true);
}

static int app_run(const GuiOptions *o) {
    const char *disp = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY"), *drv = getenv("SDL_VIDEODRIVER");
    if ((!disp || !*disp) && (!wl || !*wl) && (!drv || !*drv)) return no_display(o, "DISPLAY and WAYLAND_DISPLAY are not set");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        char why[300];
        snprintf(why, sizeof why, "SDL cannot start video: %s", SDL_GetError());
        SDL_Quit();
        return no_display(o, why);
    }
    App *a = calloc(1, sizeof *a); /* big (the fonts' width tables): on the heap */
    if (!a) {
        SDL_Quit();
        fprintf(stderr, "hchanviz: out of memory\n");
        return 1;
    }
    a->o = *o;
    a->status = 0;
    if (TTF_Init() != 0) {
        fprintf(stderr, "hchanviz: cannot start SDL_ttf: %s\n", TTF_GetError());
        SDL_Quit();
        free(a);
        return 1;
    }
    char why[512];
    if (!fonts_init(&a->fonts, why, sizeof why)) {
        fprintf(stderr, "hchanviz: %s\n", why);
        TTF_Quit();
        SDL_Quit();
        free(a);
        return 1;
    }
    /* Without --size: nine tenths of the screen's usable area, whatever its
     * size (a 4K screen gets a 4K window: the layout scales text with the
     * output's pixels, so it gets 4K text too).  The bounds are in screen
     * coordinates; on a HiDPI screen the renderer's output has more pixels
     * than the window (SDL_WINDOW_ALLOW_HIGHDPI), and update_size takes the
     * output's size, so text is sized in real pixels there as well. */
    int w = o->w, h = o->h;
    if (w <= 0 || h <= 0) {
        SDL_Rect ub;
        w = 1280, h = 720;
        if (SDL_GetDisplayUsableBounds(0, &ub) == 0 && ub.w > 0 && ub.h > 0) {
            w = ub.w * 9 / 10, h = ub.h * 9 / 10;
            if (w < 640) w = ub.w;
            if (h < 400) h = ub.h;
        }
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | (o->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    a->win = SDL_CreateWindow("hchanviz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!a->win) {
        fprintf(stderr, "hchanviz: cannot open a window: %s\n", SDL_GetError());
        fonts_free(&a->fonts);
        TTF_Quit();
        SDL_Quit();
        free(a);
        return no_display(o, "no window");
    }
    const char *sw = getenv("HCHANVIZ_SOFTWARE");
    if (!o->software && !(sw && *sw == '1')) a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->ren) a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren) {
        fprintf(stderr, "hchanviz: cannot create a renderer: %s\n", SDL_GetError());
        SDL_DestroyWindow(a->win);
        fonts_free(&a->fonts);
        TTF_Quit();
        SDL_Quit();
        free(a);
        return 1;
    }
    drawer_init(&a->dr, a->ren, &a->fonts);
    dl_init(&a->dl);
    dl_init(&a->prev);
    dl_init(&a->frame);
    dl_init(&a->under);
    a->ui.zoom = o->zoom > 0 ? o->zoom : 1;
    a->ui.theme = o->theme >= 0 ? o->theme : THEME_LIGHT;
    a->ui.lang = o->lang >= 0 ? o->lang : lang_from_env();
    a->ui.micro = -1;
    a->ui.speed = 1;
    a->ui.present = o->present;
    a->ui.hover_step = -1;
    const char *rm = getenv("HCHANVIZ_REDUCED_MOTION");
    a->ui.reduced_motion = o->reduced_motion || (rm && *rm == '1');
    update_size(a);

    if (o->file) {
        if (!open_program(a, o->file)) {
            a->status = 1;
            goto done;
        }
        if (o->step >= 0) go_to(a, o->step, false);
        if (o->explore) explore_shown(a);
        if (o->race) races_shown(a);
    } else {
        lessons_find(&a->lessons, o->argv0);
        a->in_menu = true;
    }
    a->dirty = true;
    if (o->keys && !push_keys(o->keys)) {
        a->status = 1;
        goto done;
    }
    bool first = true;
    while (!a->quit) {
        SDL_Event e;
        bool busy = a->animating || a->ui.playing || (a->loaded && !a->s.done) || a->dirty || a->redraw;
        if (busy ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, 250)) {
            do {
                switch (e.type) {
                case SDL_QUIT: a->quit = true; break;
                case SDL_KEYDOWN: key(a, &e.key.keysym); break;
                case SDL_MOUSEBUTTONDOWN:
                    if (e.button.button == SDL_BUTTON_LEFT) click(a, e.button.x, e.button.y);
                    break;
                case SDL_MOUSEMOTION: mouse_moved(a, e.motion.x, e.motion.y); break;
                case SDL_MOUSEWHEEL:
                    if (a->in_menu) {
                        if (e.wheel.y) menu_wheel(a, e.wheel.y);
                    } else if (a->loaded) {
                        if (e.wheel.y < 0) step_forward(a);
                        else if (e.wheel.y > 0) go_to(a, a->s.cur - 1, false);
                    }
                    break;
                case SDL_WINDOWEVENT:
                    if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED) update_size(a);
                    if (e.window.event == SDL_WINDOWEVENT_EXPOSED) a->redraw = true;
                    if (e.window.event == SDL_WINDOWEVENT_LEAVE && (a->ui.mouse_x || a->ui.mouse_y)) {
                        a->ui.mouse_x = a->ui.mouse_y = 0; /* the pointer left: no hover label */
                        a->dirty = true;
                    }
                    break;
                }
            } while (!a->quit && SDL_PollEvent(&e));
        }
        if (a->quit) break;
        frame(a);
        if (first && getenv("HCHANVIZ_TIMING"))
            fprintf(stderr, "hchanviz: first frame %.1f ms after start\n",
                    (double)(SDL_GetPerformanceCounter() - o->t0) * 1000.0 / (double)SDL_GetPerformanceFrequency());
        if (first && o->screenshot) {
            if (a->loaded) session_record_all(&a->s);
            relayout(a);
            draw_list(&a->dr, &a->dl, a->ui.theme);
            if (!save_screenshot(a, o->screenshot)) a->status = 1;
            SDL_RenderPresent(a->ren);
            break;
        }
        first = false;
        if (a->animating || a->ui.playing) SDL_Delay(8);
    }
done:
    close_program(a);
    explored_free(a);
    lessons_free(&a->lessons);
    dl_free(&a->dl);
    dl_free(&a->prev);
    dl_free(&a->frame);
    dl_free(&a->under);
    drawer_free(&a->dr);
    SDL_DestroyRenderer(a->ren);
    SDL_DestroyWindow(a->win);
    fonts_free(&a->fonts);
    TTF_Quit();
    SDL_Quit();
    int status = a->status;
    free(a);
    return status;
}

/* export's loader for a trace (export_main_with).  Frames of a re-run that
 * differs from the trace would stand for neither: the first difference is
 * reported and nothing is written. */
static bool export_load_trace(Session *s, const GuiOptions *o) {
    if (o->policy != SESSION_POLICY_DEFAULT) {
        fprintf(stderr, "hchanviz: %s is a trace: it replays its own recorded choices (--sched is for a program)\n",
                o->file);
        memset(s, 0, sizeof *s);
        return false;
    }
    TraceCheck tc;
    bool ok = trace_cli_open(s, o->file, &tc, stderr);
    if (ok && tc.status == TRACE_CHECK_DIFFERS) {
        fprintf(stderr,
                "hchanviz: export: %s\nhchanviz: export: %s is not what its program does with its recorded choices "
                "(`hchanviz verify` checks a trace); nothing written\n",
                tc.why, o->file);
        ok = false;
    }
    trace_check_free(&tc);
    return ok;
}

int gui_main(int argc, char **argv) {
    GuiOptions o = {0};
    o.t0 = SDL_GetPerformanceCounter();
    o.argv0 = argv[0];
    o.policy = SESSION_POLICY_DEFAULT;
    o.theme = -1;
    o.lang = -1;
    o.step = -1;
    const char *cmd = argc >= 2 ? argv[1] : NULL;
    bool export = cmd && strcmp(cmd, "export") == 0;
    int first = cmd && (export || strcmp(cmd, "view") == 0) ? 2 : 1;
    int r = parse_options(argc, argv, first, &o);
    if (r) return r < 0 ? 0 : r;
    if (export) return export_main_with(&o, o.file && trace_cli_is_trace(o.file) ? export_load_trace : NULL);
    return app_run(&o);
}
