/* export.c: `hchanviz export PROGRAM.go --out DIR|FILE.gif`: the frames of a
 * run drawn headless (SDL's software renderer on a surface, no display
 * needed) and written as PNG files or JSON display lists into DIR, or as one
 * animated GIF.  A trace (TRACE.json) is loaded by app.c (export_main_with):
 * its program re-run with its recorded choices.
 *
 *   --step N         only step N (step 0 is the state before the first step)
 *   --micro K|all    micro-step K (0-based, the K-th event of the step's log)
 *                    of each step, or every micro-step of each step
 *   --present        presentation mode     --format png|json|gif
 *
 * File names in DIR: step-0012.png, step-0012-micro-03.png (.json alike).
 * Every file is written beside its final name and renamed when complete
 * (outfile.h): a full disk leaves no half-written frame, and exit status 1. */
#include "export.h"

#include <SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "dl_json.h"
#include "gui.h"
#include "outfile.h"
#include "pngenc.h"

/* ---- the frames ------------------------------------------------------------------ */

bool export_canvas_open(ExportCanvas *c, Fonts *fonts, int w, int h, char *why, int cap) {
    memset(c, 0, sizeof *c);
    c->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    c->ren = c->surf ? SDL_CreateSoftwareRenderer(c->surf) : NULL;
    if (!c->ren) {
        snprintf(why, (size_t)cap, "cannot create a %dx%d software renderer: %s", w, h, SDL_GetError());
        if (c->surf) SDL_FreeSurface(c->surf);
        c->surf = NULL;
        return false;
    }
    drawer_init(&c->dr, c->ren, fonts);
    return true;
}

void export_canvas_close(ExportCanvas *c) {
    if (c->ren) {
        drawer_free(&c->dr);
        SDL_DestroyRenderer(c->ren);
    }
    if (c->surf) SDL_FreeSurface(c->surf);
    memset(c, 0, sizeof *c);
}

typedef struct Walk {
    ExportCanvas *canvas;
    int theme;
    ExportSink sink;
    void *ud;
} Walk;

static bool emit(Walk *w, const DisplayList *dl, int32_t step, int micro, int anim, int delay) {
    if (w->canvas) {
        draw_list(&w->canvas->dr, dl, w->theme);
        SDL_RenderPresent(w->canvas->ren);
    }
    ExportFrame f = {dl, w->canvas ? w->canvas->surf : NULL, step, micro, anim, delay};
    return w->sink(w->ud, &f);
}

bool export_walk(Session *s, const ViewUi *ui0, const ExportPlan *p, const ViewMetrics *m, ExportCanvas *canvas,
                 ExportSink sink, void *ud) {
    ViewUi ui = *ui0;
    Walk w = {canvas, ui.theme, sink, ud};
    DisplayList dl, under, frame;
    dl_init(&dl);
    dl_init(&under);
    dl_init(&frame);
    bool ok = true;
    /* The last frame of the export is held longest: find the last step that has a frame. */
    int32_t last_shown = p->last;
    if (p->micro >= 0)
        while (last_shown > p->first && session_step(s, last_shown)->nevents <= p->micro) last_shown--;
    for (int32_t k = p->first; ok && k <= p->last; k++) {
        session_goto(s, k);
        int nev = session_step(s, k)->nevents;
        int m0 = -1, m1 = -1;
        if (p->micro == EXPORT_MICRO_ALL && nev > 0) m0 = 0, m1 = nev - 1;
        else if (p->micro >= 0) {
            if (p->micro >= nev) continue;
            m0 = m1 = p->micro;
        }
        for (int mi = m0; ok && mi <= m1; mi++) {
            /* The movements into this frame, one after another, each over the
             * state before its event (anim.c): the whole step's, or the micro-step's own. */
            if (p->animate && k > 0) {
                AnimPlan ap;
                anim_plan(&ap, s, mi <= 0 ? VIEW_BEFORE_STEP : mi - 1, mi, &ui, m);
                for (int ph = 0; ok && ph < ap.n; ph++) {
                    ui.micro = anim_phase_under(&ap, ph);
                    view_layout(&under, s, &ui, m);
                    for (int i = 0; ok && i < EXPORT_ANIM_FRAMES; i++) {
                        dl_copy(&frame, &under);
                        anim_draw_token(&frame, &ap.ph[ph].tok, (float)i / EXPORT_ANIM_FRAMES, &ui, m);
                        ok = emit(&w, &frame, k, mi, ph * EXPORT_ANIM_FRAMES + i, EXPORT_ANIM_CS);
                    }
                }
            }
            ui.micro = mi;
            view_layout(&dl, s, &ui, m);
            int delay = mi < m1 ? EXPORT_MICRO_CS : EXPORT_STEP_CS;
            if (k == 0 && p->last > 0) delay = EXPORT_FIRST_CS;
            if (k == last_shown && mi == m1) delay = EXPORT_LAST_CS;
            if (ok) ok = emit(&w, &dl, k, mi, -1, delay);
        }
    }
    dl_free(&dl);
    dl_free(&under);
    dl_free(&frame);
    return ok;
}

/* ---- the GIF palette ------------------------------------------------------------------ */

typedef struct PairCount { double w[ROLE__COUNT][ROLE__COUNT]; } PairCount;

static bool count_pairs(void *ud, const ExportFrame *f) {
    PairCount *pc = ud;
    for (int32_t i = 0; i < f->dl->n; i++) {
        const DlCmd *c = &f->dl->cmds[i];
        if (c->kind != DL_TEXT || c->fill >= ROLE__COUNT || c->stroke >= ROLE__COUNT) continue;
        pc->w[c->fill][c->stroke] += (double)c->len * c->px * c->px;
    }
    return true;
}

static uint32_t rgb_of(int theme, int role) {
    Rgb c = theme_color(theme, role);
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

void export_gif_palette(Session *s, const ViewUi *ui, const ExportPlan *plan, const ViewMetrics *m, GifPalette *pal) {
    PairCount *pc = calloc(1, sizeof *pc);
    gifenc_palette_init(pal);
    for (int r = 0; r < ROLE__COUNT; r++) gifenc_palette_add(pal, rgb_of(ui->theme, r));
    if (!pc) return; /* out of memory: the theme's colours alone still make a GIF */
    export_walk(s, ui, plan, m, NULL, count_pairs, pc);
    /* The animation's tokens even when the walk had none to show. */
    pc->w[ROLE_TOKEN_TEXT][ROLE_TOKEN] += 1;
    GifRamp ramps[ROLE__COUNT * ROLE__COUNT];
    int n = 0;
    for (int fg = 0; fg < ROLE__COUNT; fg++)
        for (int bg = 0; bg < ROLE__COUNT; bg++) {
            if (pc->w[fg][bg] <= 0) continue;
            uint32_t a = rgb_of(ui->theme, fg), b = rgb_of(ui->theme, bg);
            /* Roles of equal colours make the same ramp: one entry for them. */
            int j = 0;
            while (j < n && !(ramps[j].fg == a && ramps[j].bg == b)) j++;
            if (j == n) ramps[n++] = (GifRamp){a, b, 0};
            ramps[j].weight += pc->w[fg][bg];
        }
    gifenc_palette_ramps(pal, ramps, n);
    free(pc);
}

static bool count_frame(void *ud, const ExportFrame *f) {
    (void)f;
    ++*(int *)ud;
    return true;
}

int export_count(Session *s, const ViewUi *ui, const ExportPlan *plan, const ViewMetrics *m) {
    int n = 0;
    export_walk(s, ui, plan, m, NULL, count_frame, &n);
    return n;
}

/* ---- the sinks: PNG and JSON files, a GIF --------------------------------------------- */

typedef struct FileSink {
    const char *dir, *ext;
    int digits, mdigits;
    bool json;
    int theme;
    int written;
    char why[1400];
} FileSink;

static bool write_out(void *ud, const void *p, size_t n) { return outfile_write(ud, p, n); }

static bool write_frame_file(void *ud, const ExportFrame *f) {
    FileSink *fs = ud;
    char path[1200], mpart[32] = "";
    if (f->micro >= 0) snprintf(mpart, sizeof mpart, "-micro-%0*d", fs->mdigits, f->micro);
    snprintf(path, sizeof path, "%.1000s/step-%0*d%s.%s", fs->dir, fs->digits, (int)f->step, mpart, fs->ext);
    OutFile out;
    if (!outfile_open(&out, path, fs->why, sizeof fs->why)) return false;
    if (fs->json) {
        DlJsonFrame jf = {f->step, f->micro, fs->theme};
        if (!dl_json_write(out.f, f->dl, &jf)) outfile_fail(&out, errno);
    } else {
        /* A refused write is remembered in out (commit reports its errno); an encoding error is reported here. */
        const SDL_Surface *sf = f->surf;
        char ewhy[256];
        if (!pngenc_write(sf->pixels, sf->w, sf->h, sf->pitch / 4, NULL, write_out, &out, ewhy, sizeof ewhy) &&
            !out.err) {
            outfile_abort(&out);
            snprintf(fs->why, sizeof fs->why, "cannot write %.1100s: %.200s", path, ewhy);
            return false;
        }
    }
    if (!outfile_commit(&out, fs->why, sizeof fs->why)) return false;
    fs->written++;
    return true;
}

typedef struct GifSink { GifEnc *g; } GifSink;

static bool gif_frame(void *ud, const ExportFrame *f) {
    GifSink *gs = ud;
    return gifenc_frame(gs->g, f->surf->pixels, f->surf->pitch / 4, f->delay_cs);
}

/* ---- the command ------------------------------------------------------------------------ */

typedef enum ExportFormat { FORMAT_PNG, FORMAT_JSON, FORMAT_GIF } ExportFormat;

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* mkdir -p */
static bool make_dirs(const char *path) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return false;
        *p = '/';
    }
    return mkdir(buf, 0777) == 0 || errno == EEXIST;
}

static bool load(Session *s, const GuiOptions *o) {
    Choice *cs = NULL;
    int32_t nc = 0;
    if (o->replay) {
        char why[512];
        if (!schedule_read(o->replay, &cs, &nc, why, sizeof why)) {
            fprintf(stderr, "hchanviz: %s\n", why);
            memset(s, 0, sizeof *s);
            return false;
        }
    }
    bool ok = session_load(s, o->file, o->policy, o->seed, cs, nc, stderr);
    free(cs);
    return ok;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int usage(const char *fmt, const char *arg) {
    fprintf(stderr, "hchanviz: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(hchanviz view --help lists export's options)\n");
    return 1;
}

/* The flags alone, before anything is loaded: the format and --micro. */
static int check_flags(const GuiOptions *o, ExportFormat *fmt, int *micro) {
    if (!o->file) return usage("%s", "export needs a program or a trace: hchanviz export PROGRAM.go|TRACE.json --out DIR|FILE.gif");
    if (!o->out || !*o->out) return usage("%s", "export needs --out DIR (PNG or JSON frames) or --out FILE.gif");
    bool gif_name = ends_with(o->out, ".gif");
    if (!o->format) *fmt = gif_name ? FORMAT_GIF : FORMAT_PNG;
    else if (strcmp(o->format, "png") == 0) *fmt = FORMAT_PNG;
    else if (strcmp(o->format, "json") == 0) *fmt = FORMAT_JSON;
    else if (strcmp(o->format, "gif") == 0) *fmt = FORMAT_GIF;
    else return usage("unknown --format '%s': png, json or gif", o->format);
    if (*fmt == FORMAT_GIF && !gif_name)
        return usage("--format gif writes one file: --out must name FILE.gif, not '%s'", o->out);
    if (*fmt != FORMAT_GIF && gif_name)
        return usage("--out %s names a GIF, but PNG and JSON frames go into a directory: use --format gif, or --out DIR",
                     o->out);
    struct stat st;
    if (*fmt != FORMAT_GIF && stat(o->out, &st) == 0 && !S_ISDIR(st.st_mode))
        return usage("--out %s exists and is not a directory (frames go into a directory)", o->out);
    if (*fmt == FORMAT_GIF && stat(o->out, &st) == 0 && !S_ISREG(st.st_mode))
        return usage("--out %s exists and is not a regular file", o->out);
    *micro = EXPORT_MICRO_NONE;
    if (o->micro) {
        char *end;
        errno = 0;
        long k = strtol(o->micro, &end, 10);
        if (strcmp(o->micro, "all") == 0) *micro = EXPORT_MICRO_ALL;
        else if (*o->micro >= '0' && *o->micro <= '9' && !*end && !errno && k <= 65535) *micro = (int)k;
        else return usage("--micro wants a micro-step number (0 is the step's first event) or 'all', got '%s'", o->micro);
    }
    return 0;
}

/* The steps the plan covers, checked against the run: 0, or 1 with a message. */
static int check_plan(const Session *s, const GuiOptions *o, ExportPlan *p) {
    int32_t n = session_nsteps(s);
    if (o->step >= n) {
        fprintf(stderr, "hchanviz: --step %d is past the last step (%d)\n", o->step, n - 1);
        return 1;
    }
    p->first = o->step >= 0 ? o->step : 0;
    p->last = o->step >= 0 ? o->step : n - 1;
    if (p->micro < 0) return 0;
    int with = 0;
    for (int32_t k = p->first; k <= p->last; k++) with += session_step(s, k)->nevents > p->micro;
    if (with > 0) return 0;
    if (o->step >= 0) {
        int nev = session_step(s, o->step)->nevents;
        if (nev == 0) fprintf(stderr, "hchanviz: step %d has no micro-steps (--micro needs a step that logged events)\n", o->step);
        else fprintf(stderr, "hchanviz: step %d has %d micro-steps (--micro 0..%d), not %d\n", o->step, nev, nev - 1, p->micro);
    } else {
        fprintf(stderr, "hchanviz: no step has a micro-step %d\n", p->micro);
    }
    return 1;
}

static int digits_for(int32_t maxv, int min) {
    int d = 1;
    for (int32_t v = maxv; v >= 10; v /= 10) d++;
    return d < min ? min : d;
}

int export_main(const GuiOptions *o) { return export_main_with(o, NULL); }

int export_main_with(const GuiOptions *o, ExportLoader loader) {
    ExportFormat fmt;
    ExportPlan plan = {0};
    int r = check_flags(o, &fmt, &plan.micro);
    if (r) return r;
    Session s;
    if (!(loader ? loader : load)(&s, o)) {
        session_free(&s);
        return 1;
    }
    session_record_all(&s);
    if (check_plan(&s, o, &plan)) {
        session_free(&s);
        return 1;
    }
    const char *rm = getenv("HCHANVIZ_REDUCED_MOTION");
    plan.animate = fmt == FORMAT_GIF && !o->reduced_motion && !(rm && *rm == '1');
    if (fmt != FORMAT_GIF && !make_dirs(o->out)) {
        fprintf(stderr, "hchanviz: cannot create %s: %s\n", o->out, strerror(errno));
        session_free(&s);
        return 1;
    }
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "hchanviz: cannot start SDL: %s\n", SDL_GetError());
        session_free(&s);
        return 1;
    }
    double t0 = now_ms();
    int status = 0;
    char why[1400];
    Fonts *fonts = calloc(1, sizeof *fonts); /* big (width tables): on the heap */
    ExportCanvas canvas = {0};
    if (!fonts) {
        fprintf(stderr, "hchanviz: out of memory\n");
        status = 1;
        goto out;
    }
    if (!fonts_init(fonts, why, sizeof why)) {
        fprintf(stderr, "hchanviz: %s\n", why);
        free(fonts);
        fonts = NULL;
        status = 1;
        goto out;
    }
    ViewUi ui = {0};
    ui.w = o->w > 0 ? o->w : 1920;
    ui.h = o->h > 0 ? o->h : 1080;
    ui.zoom = o->zoom > 0 ? o->zoom : 1;
    ui.theme = o->theme >= 0 ? o->theme : THEME_LIGHT;
    ui.lang = o->lang >= 0 ? o->lang : lang_from_env();
    ui.micro = -1;
    ui.speed = 1;
    ui.present = o->present;
    ui.exporting = true;
    ui.reduced_motion = !plan.animate;
    if (fmt != FORMAT_JSON && !export_canvas_open(&canvas, fonts, ui.w, ui.h, why, sizeof why)) {
        fprintf(stderr, "hchanviz: %s\n", why);
        status = 1;
        goto out;
    }
    const ViewMetrics *m = &fonts->metrics;
    if (fmt == FORMAT_GIF) {
        GifPalette pal;
        export_gif_palette(&s, &ui, &plan, m, &pal);
        double t1 = now_ms();
        OutFile out;
        GifSink gs = {NULL};
        GifEncStats st = {0};
        bool ok = outfile_open(&out, o->out, why, sizeof why);
        if (ok) {
            gs.g = gifenc_open(ui.w, ui.h, &pal, write_out, &out, why, sizeof why);
            ok = gs.g != NULL;
        }
        if (ok) {
            export_walk(&s, &ui, &plan, m, &canvas, gif_frame, &gs);
            char e[200];
            ok = gifenc_close(gs.g, &st, e, sizeof e);
            if (!ok) snprintf(why, sizeof why, "cannot write %s: %s", o->out, out.err ? strerror(out.err) : e);
        }
        if (ok) ok = outfile_commit(&out, why, sizeof why);
        else outfile_abort(&out);
        if (!ok) {
            fprintf(stderr, "hchanviz: %s (nothing written)\n", why);
            status = 1;
        } else {
            printf("wrote %s: %d frames (%d stored), %dx%d, %d colours, %llu bytes\n", o->out, st.frames_in, st.frames_out,
                   ui.w, ui.h, pal.n, (unsigned long long)st.bytes);
            if (getenv("HCHANVIZ_TIMING"))
                fprintf(stderr, "hchanviz: gif: palette %.1f ms, frames %.1f ms (%d frames), %.2f%% of changed pixels exact\n",
                        t1 - t0, now_ms() - t1, st.frames_in, st.changed ? 100.0 * (double)st.exact / (double)st.changed : 100.0);
        }
    } else {
        int32_t maxev = 0;
        for (int32_t k = plan.first; k <= plan.last; k++)
            if (session_step(&s, k)->nevents > maxev) maxev = session_step(&s, k)->nevents;
        FileSink fs = {o->out, fmt == FORMAT_JSON ? "json" : "png", digits_for(session_nsteps(&s) - 1, 4),
                       digits_for(maxev - 1, 2), fmt == FORMAT_JSON, ui.theme, 0, ""};
        if (!export_walk(&s, &ui, &plan, m, fmt == FORMAT_JSON ? NULL : &canvas, write_frame_file, &fs)) {
            fprintf(stderr, "hchanviz: %s (after %d complete frame%s)\n", fs.why, fs.written, fs.written == 1 ? "" : "s");
            status = 1;
        } else {
            printf("wrote %d %s frame%s (%dx%d) to %s\n", fs.written, fs.ext, fs.written == 1 ? "" : "s", ui.w, ui.h, o->out);
            if (getenv("HCHANVIZ_TIMING")) fprintf(stderr, "hchanviz: %s: %.1f ms\n", fs.ext, now_ms() - t0);
        }
    }
out:
    export_canvas_close(&canvas);
    if (fonts) fonts_free(fonts);
    free(fonts);
    TTF_Quit();
    SDL_Quit();
    session_free(&s);
    return status;
}
