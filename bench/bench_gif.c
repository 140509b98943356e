/* bench_gif.c: the GIF export (`hchanviz export --format gif`) beside PNG
 * frames of the same frames: for lessons 05, 09 and 19 at 1280x720, every
 * step with the animation between steps, as the exporter makes them.
 *
 *   GIF: the palette (a layout-only pass), then each frame laid out, drawn
 *        and added to the GIF (changed box, palette mapping, LZW);
 *   PNG: the same frames laid out, drawn and each saved as a PNG (pngenc.c,
 *        as export writes them);
 *   draw: the same frames laid out and drawn only, to tell drawing from encoding.
 * Then PNG frames at 1920x1080 (the same lessons, every step, no animation):
 * the encoding alone, per frame, with export's encoder and with SDL_image's
 * IMG_SavePNG_RW (what export used before, libpng's defaults), each frame's
 * pixels checked to decode the same from both.
 * Everything is written to memory: the figures are the work, not the disk.
 *
 * Figures ("name value" lines, '#' lines are commentary), for scripts/bench:
 *   gif_frames                total frames over the lessons
 *   gif_ms / png_ms / draw_ms total time of each path
 *   gif_ms_per_100_frames     the worst lesson's GIF time per 100 frames (goal: 1000)
 *   png_ms_per_100_frames     the same lesson's PNG time per 100 frames
 *   gif_bytes / png_bytes     total sizes (goal: the GIF no larger than its PNG frames)
 *   gif_exact_percent         changed pixels whose colour the palette holds exactly
 *   png_1080_ms               mean time to encode a 1080p frame as export does (goal: 25)
 *   png_1080_max_ms           the slowest such frame
 *   png_1080_sdl_image_ms     the same frames through IMG_SavePNG_RW
 *   png_1080_bytes / png_1080_sdl_image_bytes   mean bytes per frame of each
 *
 * Usage: bench_gif [--quick] [--png-sweep] [ROOT]   (ROOT holds lessons/; default .;
 *   --quick: lesson 05 only; --png-sweep: also the 1080p frames at zlib levels
 *   1-6 with each row filter, a table on stdout as '#' lines) */
#include <stdio.h>

#ifndef HCHANVIZ_HAVE_GUI
int main(void) {
    puts("# bench_gif: built without the window (HCHANVIZ_GUI=OFF): no figures");
    return 0;
}
#else

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "pngenc.h"

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

typedef struct Mem { unsigned char *p; size_t n, cap; } Mem;

static bool mem_write(void *ud, const void *p, size_t n) {
    Mem *m = ud;
    if (m->n + n > m->cap) {
        size_t cap = (m->n + n) * 2;
        unsigned char *q = realloc(m->p, cap);
        if (!q) return false;
        m->p = q, m->cap = cap;
    }
    memcpy(m->p + m->n, p, n);
    m->n += n;
    return true;
}

static bool gif_sink(void *ud, const ExportFrame *f) {
    return gifenc_frame(ud, f->surf->pixels, f->surf->pitch / 4, f->delay_cs);
}

typedef struct PngSink { unsigned char *buf; size_t cap; uint64_t bytes; int frames; } PngSink;

static bool png_sink(void *ud, const ExportFrame *f) {
    PngSink *ps = ud;
    Mem m = {ps->buf, 0, ps->cap};
    char why[256];
    if (!pngenc_write(f->surf->pixels, f->surf->w, f->surf->h, f->surf->pitch / 4, NULL, mem_write, &m, why,
                      sizeof why)) {
        fprintf(stderr, "bench_gif: %s\n", why);
        return false;
    }
    ps->buf = m.p, ps->cap = m.cap;
    ps->bytes += m.n;
    ps->frames++;
    return true;
}

/* ---- PNG frames at 1080p ---------------------------------------------------------------- */

/* One encoder's totals over the frames of a walk (encoding time only). */
typedef struct Png1080 {
    const PngEncOptions *opt;   /* NULL: SDL_image's IMG_SavePNG_RW */
    Mem out, ref;               /* this frame's bytes; ref: SDL_image's, for the pixel check */
    double ms, max_ms;
    uint64_t bytes;
    int frames, mismatched;
    bool check;                 /* also encode with SDL_image and compare the decoded pixels */
} Png1080;

static bool sdl_image_png(SDL_Surface *surf, Mem *m) {
    SDL_RWops *rw = SDL_RWFromMem(m->p, (int)m->cap);
    if (!rw) return false;
    bool ok = IMG_SavePNG_RW(surf, rw, 0) == 0;
    m->n = ok ? (size_t)SDL_RWtell(rw) : 0;
    SDL_RWclose(rw);
    return ok;
}

/* Whether two encoded PNGs decode to the same ARGB pixels. */
static bool same_pixels(const Mem *a, const Mem *b) {
    SDL_Surface *sa = IMG_Load_RW(SDL_RWFromConstMem(a->p, (int)a->n), 1);
    SDL_Surface *sb = IMG_Load_RW(SDL_RWFromConstMem(b->p, (int)b->n), 1);
    SDL_Surface *ca = sa ? SDL_ConvertSurfaceFormat(sa, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_Surface *cb = sb ? SDL_ConvertSurfaceFormat(sb, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    bool same = ca && cb && ca->w == cb->w && ca->h == cb->h;
    for (int y = 0; same && y < ca->h; y++)
        same = memcmp((char *)ca->pixels + (size_t)y * (size_t)ca->pitch, (char *)cb->pixels + (size_t)y * (size_t)cb->pitch,
                      (size_t)ca->w * 4) == 0;
    SDL_FreeSurface(ca), SDL_FreeSurface(cb), SDL_FreeSurface(sa), SDL_FreeSurface(sb);
    return same;
}

static bool png1080_sink(void *ud, const ExportFrame *f) {
    Png1080 *p = ud;
    SDL_Surface *surf = (SDL_Surface *)f->surf;
    char why[256];
    p->out.n = 0;
    double t0 = now_ms();
    bool ok = p->opt ? pngenc_write(surf->pixels, surf->w, surf->h, surf->pitch / 4, p->opt, mem_write, &p->out, why,
                                    sizeof why)
                     : sdl_image_png(surf, &p->out);
    double t = now_ms() - t0;
    if (!ok) {
        fprintf(stderr, "bench_gif: %s\n", p->opt ? why : IMG_GetError());
        return false;
    }
    if (p->check) {
        if (!sdl_image_png(surf, &p->ref)) return false;
        if (!same_pixels(&p->out, &p->ref)) p->mismatched++;
    }
    p->ms += t;
    if (t > p->max_ms) p->max_ms = t;
    p->bytes += p->out.n;
    p->frames++;
    return true;
}

/* Walks every step of each lesson at 1920x1080 into p (its totals reset first). */
static bool png1080_run(Png1080 *p, Session *ss, int nss, ExportCanvas *canvas, const ViewMetrics *m) {
    p->ms = p->max_ms = 0, p->bytes = 0, p->frames = p->mismatched = 0;
    for (int i = 0; i < nss; i++) {
        ViewUi ui = {0};
        ui.w = 1920, ui.h = 1080, ui.zoom = 1, ui.theme = THEME_LIGHT, ui.lang = LANG_EN, ui.micro = -1, ui.speed = 1;
        ui.exporting = true;
        ExportPlan plan = {0, session_nsteps(&ss[i]) - 1, EXPORT_MICRO_NONE, false};
        if (!export_walk(&ss[i], &ui, &plan, m, canvas, png1080_sink, p)) return false;
    }
    return p->frames > 0;
}

static bool draw_sink(void *ud, const ExportFrame *f) {
    (void)f;
    ++*(int *)ud;
    return true;
}

int main(int argc, char **argv) {
    bool quick = false, sweep = false;
    const char *root = ".";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) quick = true;
        else if (strcmp(argv[i], "--png-sweep") == 0) sweep = true;
        else root = argv[i];
    }
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "bench_gif: SDL: %s\n", SDL_GetError());
        return 1;
    }
    Fonts *fonts = calloc(1, sizeof *fonts);
    char why[512];
    if (!fonts || !fonts_init(fonts, why, sizeof why)) {
        fprintf(stderr, "bench_gif: %s\n", fonts ? why : "out of memory");
        return 1;
    }
    enum { W = 1280, H = 720 };
    ExportCanvas canvas;
    if (!export_canvas_open(&canvas, fonts, W, H, why, sizeof why)) {
        fprintf(stderr, "bench_gif: %s\n", why);
        return 1;
    }
    PngSink ps = {malloc((size_t)W * H * 4 + 65536), (size_t)W * H * 4 + 65536, 0, 0};
    if (!ps.buf) {
        fprintf(stderr, "bench_gif: out of memory\n");
        return 1;
    }
    const char *lessons[] = {"05-recv-rotate.go", "09-close-wakes-receivers.go", "19-session-race.go"};
    int nlessons = quick ? 1 : 3;
    double gif_ms = 0, png_ms = 0, draw_ms = 0, worst100 = 0, worst_png100 = 0;
    uint64_t gif_bytes = 0, png_bytes = 0, changed = 0, exact = 0;
    int frames = 0;
    char worst_name[64] = "";
    printf("# lesson: frames, GIF ms / bytes, PNG ms / bytes, draw-only ms (1280x720, light)\n");
    for (int li = 0; li < nlessons; li++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/lessons/%s", root, lessons[li]);
        Session s;
        if (!session_load(&s, path, SESSION_POLICY_DEFAULT, 0, NULL, 0, stderr)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        ViewUi ui = {0};
        ui.w = W, ui.h = H, ui.zoom = 1, ui.theme = THEME_LIGHT, ui.lang = LANG_EN, ui.micro = -1, ui.speed = 1;
        ui.exporting = true;
        ExportPlan plan = {0, session_nsteps(&s) - 1, EXPORT_MICRO_NONE, true};
        const ViewMetrics *m = &fonts->metrics;
        /* Each path run twice, the faster kept (the first warms the text cache and the allocator). */
        double g_best = 1e18, p_best = 1e18, d_best = 1e18;
        Mem mem = {0};
        GifEncStats st = {0};
        int n = 0;
        for (int rep = 0; rep < 2; rep++) {
            double t0 = now_ms();
            GifPalette pal;
            export_gif_palette(&s, &ui, &plan, m, &pal);
            mem.n = 0;
            GifEnc *g = gifenc_open(W, H, &pal, mem_write, &mem, why, sizeof why);
            if (!g) {
                fprintf(stderr, "bench_gif: %s\n", why);
                return 1;
            }
            export_walk(&s, &ui, &plan, m, &canvas, gif_sink, g);
            if (!gifenc_close(g, &st, why, sizeof why)) {
                fprintf(stderr, "bench_gif: %s\n", why);
                return 1;
            }
            double t1 = now_ms();
            ps.bytes = 0, ps.frames = 0;
            export_walk(&s, &ui, &plan, m, &canvas, png_sink, &ps);
            double t2 = now_ms();
            n = 0;
            export_walk(&s, &ui, &plan, m, &canvas, draw_sink, &n);
            double t3 = now_ms();
            if (t1 - t0 < g_best) g_best = t1 - t0;
            if (t2 - t1 < p_best) p_best = t2 - t1;
            if (t3 - t2 < d_best) d_best = t3 - t2;
        }
        printf("#   %-30s %4d frames  GIF %7.1f ms %9zu B   PNG %7.1f ms %9llu B   draw %6.1f ms   GIF/PNG size %.3f\n",
               s.name, st.frames_in, g_best, mem.n, p_best, (unsigned long long)ps.bytes, d_best,
               ps.bytes ? (double)mem.n / (double)ps.bytes : 0);
        double per100 = st.frames_in ? g_best * 100 / st.frames_in : 0;
        if (per100 > worst100) {
            worst100 = per100;
            worst_png100 = st.frames_in ? p_best * 100 / st.frames_in : 0;
            snprintf(worst_name, sizeof worst_name, "%s", s.name);
        }
        gif_ms += g_best, png_ms += p_best, draw_ms += d_best;
        gif_bytes += mem.n, png_bytes += ps.bytes;
        changed += st.changed, exact += st.exact;
        frames += st.frames_in;
        free(mem.p);
        session_free(&s);
    }
    if (frames == 0) {
        fprintf(stderr, "bench_gif: no lessons under %s\n", root);
        return 1;
    }
    printf("# worst per 100 frames: %s (goal 1000 ms); GIF/PNG size %.3f, time %.3f\n", worst_name,
           (double)gif_bytes / (double)png_bytes, gif_ms / png_ms);
    printf("gif_frames %d\n", frames);
    printf("gif_ms %.1f\n", gif_ms);
    printf("png_ms %.1f\n", png_ms);
    printf("draw_ms %.1f\n", draw_ms);
    printf("gif_ms_per_100_frames %.1f\n", worst100);
    printf("png_ms_per_100_frames %.1f\n", worst_png100);
    printf("gif_bytes %llu\n", (unsigned long long)gif_bytes);
    printf("png_bytes %llu\n", (unsigned long long)png_bytes);
    printf("gif_exact_percent %.2f\n", changed ? 100.0 * (double)exact / (double)changed : 100.0);
    free(ps.buf);
    export_canvas_close(&canvas);

    /* PNG frames at 1080p: export's encoder (best of two walks) beside SDL_image's. */
    Session ss[3];
    int nss = 0;
    for (int li = 0; li < nlessons; li++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/lessons/%s", root, lessons[li]);
        if (!session_load(&ss[nss], path, SESSION_POLICY_DEFAULT, 0, NULL, 0, stderr)) {
            session_free(&ss[nss]);
            continue;
        }
        session_record_all(&ss[nss++]);
    }
    ExportCanvas big;
    if (!export_canvas_open(&big, fonts, 1920, 1080, why, sizeof why)) {
        fprintf(stderr, "bench_gif: %s\n", why);
        return 1;
    }
    size_t room = (size_t)1920 * 1080 * 4 + 65536; /* SDL_image writes into a fixed buffer */
    Png1080 now = {&pngenc_default, {malloc(room), 0, room}, {malloc(room), 0, room}, 0, 0, 0, 0, 0, true};
    Png1080 old = {NULL, {malloc(room), 0, room}, {0}, 0, 0, 0, 0, 0, false};
    if (!now.out.p || !now.ref.p || !old.out.p || !png1080_run(&now, ss, nss, &big, &fonts->metrics)) {
        fprintf(stderr, "bench_gif: the 1080p PNG frames failed\n");
        return 1;
    }
    int mismatched = now.mismatched;
    now.check = false;
    double best = now.ms, best_max = now.max_ms;
    if (!png1080_run(&now, ss, nss, &big, &fonts->metrics) || !png1080_run(&old, ss, nss, &big, &fonts->metrics)) {
        fprintf(stderr, "bench_gif: the 1080p PNG frames failed\n");
        return 1;
    }
    if (now.ms < best) best = now.ms, best_max = now.max_ms;
    printf("# PNG at 1920x1080, %d frames (every step, light): export (zlib level %d, filters 0x%02x) %.1f ms a frame "
           "(slowest %.1f), %.0f B; SDL_image %.1f ms, %.0f B; frames decoding differently: %d\n",
           now.frames, pngenc_default.level, pngenc_default.filters, best / now.frames, best_max,
           (double)now.bytes / now.frames, old.ms / old.frames, (double)old.bytes / old.frames, mismatched);
    printf("png_1080_ms %.2f\n", best / now.frames);
    printf("png_1080_max_ms %.2f\n", best_max);
    printf("png_1080_sdl_image_ms %.2f\n", old.ms / old.frames);
    printf("png_1080_bytes %.0f\n", (double)now.bytes / now.frames);
    printf("png_1080_sdl_image_bytes %.0f\n", (double)old.bytes / old.frames);
    printf("png_1080_mismatched_frames %d\n", mismatched);
    if (sweep) {
        static const struct { const char *name; int bits; } filters[] = {
            {"NONE", PNGENC_FILTER_NONE}, {"SUB", PNGENC_FILTER_SUB},     {"UP", PNGENC_FILTER_UP},
            {"PAETH", PNGENC_FILTER_PAETH}, {"adaptive", PNGENC_FILTER_ALL},
        };
        printf("# level filter    ms/frame  slowest   bytes/frame  (1920x1080, %d frames, best of 2)\n", now.frames);
        for (int level = 1; level <= 6; level++) {
            for (size_t fi = 0; fi < sizeof filters / sizeof filters[0]; fi++) {
                PngEncOptions opt = {level, filters[fi].bits};
                now.opt = &opt;
                double ms = 1e18, mx = 0;
                for (int rep = 0; rep < 2; rep++) {
                    if (!png1080_run(&now, ss, nss, &big, &fonts->metrics)) return 1;
                    if (now.ms < ms) ms = now.ms, mx = now.max_ms;
                }
                printf("# %5d %-8s %9.2f %8.2f %13.0f\n", level, filters[fi].name, ms / now.frames, mx,
                       (double)now.bytes / now.frames);
            }
        }
    }
    free(now.out.p), free(now.ref.p), free(old.out.p);
    export_canvas_close(&big);
    for (int i = 0; i < nss; i++) session_free(&ss[i]);
    fonts_free(fonts);
    free(fonts);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
#endif
