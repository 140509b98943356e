/* bench_gif.c: the GIF export (`hchanviz export --format gif`) beside PNG
 * frames of the same frames: for lessons 05, 09 and 19 at 1280x720, every
 * step with the animation between steps, as the exporter makes them.
 *
 *   GIF: the palette (a layout-only pass), then each frame laid out, drawn
 *        and added to the GIF (changed box, palette mapping, LZW);
 *   PNG: the same frames laid out, drawn and each saved as a PNG (SDL_image);
 *   draw: the same frames laid out and drawn only, to tell drawing from encoding.
 * Everything is written to memory: the figures are the work, not the disk.
 *
 * Figures ("name value" lines, '#' lines are commentary), for scripts/bench:
 *   gif_frames                total frames over the lessons
 *   gif_ms / png_ms / draw_ms total time of each path
 *   gif_ms_per_100_frames     the worst lesson's GIF time per 100 frames (goal: 1000)
 *   png_ms_per_100_frames     the same lesson's PNG time per 100 frames
 *   gif_bytes / png_bytes     total sizes (goal: the GIF no larger than its PNG frames)
 *   gif_exact_percent         changed pixels whose colour the palette holds exactly
 *
 * Usage: bench_gif [--quick] [ROOT]   (ROOT holds lessons/; default .; --quick: lesson 05 only) */
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
    SDL_RWops *rw = SDL_RWFromMem(ps->buf, (int)ps->cap);
    if (!rw) return false;
    if (IMG_SavePNG_RW((SDL_Surface *)f->surf, rw, 0) != 0) {
        SDL_RWclose(rw);
        return false;
    }
    ps->bytes += (uint64_t)SDL_RWtell(rw);
    ps->frames++;
    SDL_RWclose(rw);
    return true;
}

static bool draw_sink(void *ud, const ExportFrame *f) {
    (void)f;
    ++*(int *)ud;
    return true;
}

int main(int argc, char **argv) {
    bool quick = false;
    const char *root = ".";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) quick = true;
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
    fonts_free(fonts);
    free(fonts);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
#endif
