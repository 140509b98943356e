/* bench_frame.c: how long a frame of the window takes, beside the 16.7 ms
 * budget of 60 Hz: for the busiest step of every lesson (the step whose
 * state holds the most goroutines, sudogs and slots), drawn headless with
 * SDL's software renderer at 1920x1080 and 3840x2160.  And the start-up: from
 * nothing to the first frame of the first lesson (fonts, compiling, the
 * first slice of recording, layout, drawing).
 *
 * Figures ("name value" lines, '#' lines are commentary), for scripts/bench:
 *   frame_1080_ms / frame_4k_ms       layout + draw of a new step, worst lesson
 *   frame_1080_mean_ms / frame_4k_mean_ms   the same, mean over lessons
 *   draw_1080_ms / draw_4k_ms         redraw of an unchanged layout (animation frames), worst
 *   layout_1080_ms                    layout alone, worst
 *   micro_1080_ms / micro_4k_ms       the same at the busiest step's micro-steps (the
 *                                     state derived from its events, what changed marked), worst
 *   present_1080_ms / present_4k_ms   presentation mode, the busiest step and its micro-steps, worst
 *   first_frame_ms                    start-up to the first frame, 1080p
 * Goals: a frame within 2 ms at 1080p and 8 ms at 4K; the first frame within 200 ms.
 *
 * Usage: bench_frame [--quick] [ROOT]   (ROOT holds lessons/; default .) */
#include <stdio.h>

#ifndef HCHANVIZ_HAVE_GUI
int main(void) {
    puts("# bench_frame: built without the window (HCHANVIZ_GUI=OFF): no figures");
    return 0;
}
#else

#include <SDL.h>
#include <SDL_ttf.h>
#include <glob.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "view.h"

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

typedef struct Target { int w, h; SDL_Surface *surf; SDL_Renderer *ren; Drawer dr; } Target;

static bool target_open(Target *t, int w, int h, Fonts *f) {
    t->w = w;
    t->h = h;
    t->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    t->ren = t->surf ? SDL_CreateSoftwareRenderer(t->surf) : NULL;
    if (!t->ren) return false;
    drawer_init(&t->dr, t->ren, f);
    return true;
}

static void target_close(Target *t) {
    drawer_free(&t->dr);
    SDL_DestroyRenderer(t->ren);
    SDL_FreeSurface(t->surf);
}

static ViewUi ui_for(const Target *t) {
    ViewUi ui = {0};
    ui.w = t->w;
    ui.h = t->h;
    ui.zoom = 1;
    ui.micro = -1;
    ui.speed = 1;
    ui.theme = THEME_LIGHT;
    return ui;
}

int main(int argc, char **argv) {
    bool quick = false;
    const char *root = ".";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) quick = true;
        else root = argv[i];
    }
    double t0 = now_ms();
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "bench_frame: SDL: %s\n", SDL_GetError());
        return 1;
    }
    Fonts fonts;
    char why[512];
    if (!fonts_init(&fonts, why, sizeof why)) {
        fprintf(stderr, "bench_frame: %s\n", why);
        return 1;
    }
    char pat[1024];
    glob_t g = {0};
    snprintf(pat, sizeof pat, "%s/lessons/*.go", root);
    if (glob(pat, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
        globfree(&g);
        snprintf(pat, sizeof pat, "%s/tests/go/seed_*.go", root);
        if (glob(pat, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
            fprintf(stderr, "bench_frame: no lessons under %s\n", root);
            return 1;
        }
    }

    /* Start-up to the first frame: what `hchanviz LESSON.go` does before it shows anything. */
    Target t1080, t4k;
    DisplayList dl;
    dl_init(&dl);
    double first_frame;
    {
        Session s;
        if (!target_open(&t1080, 1920, 1080, &fonts) || !session_load(&s, g.gl_pathv[0], SESSION_POLICY_DEFAULT, 0, NULL, 0, stderr)) {
            fprintf(stderr, "bench_frame: cannot start\n");
            return 1;
        }
        ViewUi ui = ui_for(&t1080);
        view_layout(&dl, &s, &ui, &fonts.metrics);
        draw_list(&t1080.dr, &dl, ui.theme);
        SDL_RenderPresent(t1080.ren);
        first_frame = now_ms() - t0;
        session_free(&s);
    }
    if (!target_open(&t4k, 3840, 2160, &fonts)) {
        fprintf(stderr, "bench_frame: cannot make a 4K surface\n");
        return 1;
    }

    int reps = quick ? 3 : 20;
    double worst[2] = {0}, sum[2] = {0}, draw_worst[2] = {0}, layout_worst = 0, micro_worst[2] = {0}, present_worst[2] = {0};
    char worst_name[2][64] = {"", ""};
    int n = 0;
    printf("# lesson, busiest step, frame ms (layout + draw) at 1080p / 4K, commands\n");
    for (size_t i = 0; i < g.gl_pathc; i++) {
        Session s;
        if (!session_load(&s, g.gl_pathv[i], SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        int32_t busiest = 0;
        for (int32_t k = 0; k < session_nsteps(&s); k++)
            if (session_step(&s, k)->weight > session_step(&s, busiest)->weight) busiest = k;
        Target *ts[2] = {&t1080, &t4k};
        double ms[2];
        for (int z = 0; z < 2; z++) {
            ViewUi ui = ui_for(ts[z]);
            /* A step change: move, lay out, draw (texts of the new step rendered once). */
            double best = 1e9, dbest = 1e9, lbest = 1e9;
            for (int r = 0; r < reps; r++) {
                session_goto(&s, busiest > 0 ? busiest - 1 : 1);
                view_layout(&dl, &s, &ui, &fonts.metrics);
                draw_list(&ts[z]->dr, &dl, ui.theme);
                session_goto(&s, busiest);
                double a = now_ms();
                view_layout(&dl, &s, &ui, &fonts.metrics);
                double b = now_ms();
                draw_list(&ts[z]->dr, &dl, ui.theme);
                SDL_RenderPresent(ts[z]->ren);
                double c = now_ms();
                draw_list(&ts[z]->dr, &dl, ui.theme); /* an animation frame: same layout */
                SDL_RenderPresent(ts[z]->ren);
                double d = now_ms();
                if (c - a < best) best = c - a;
                if (d - c < dbest) dbest = d - c;
                if (b - a < lbest) lbest = b - a;
            }
            /* Its micro-steps (derived states, changes marked), in the window and in presentation mode. */
            for (int pm = 0; pm < 2; pm++) {
                ViewUi mu = ui;
                mu.present = pm == 1;
                for (int mi = pm ? -1 : 0; mi < (int)session_step(&s, busiest)->nevents; mi++) {
                    double mb = 1e9;
                    for (int r = 0; r < (quick ? 1 : 5); r++) {
                        /* a change of micro-step: derive, lay out, draw */
                        mu.micro = mi > 0 ? mi - 1 : -1;
                        view_layout(&dl, &s, &mu, &fonts.metrics);
                        mu.micro = mi;
                        double a = now_ms();
                        view_layout(&dl, &s, &mu, &fonts.metrics);
                        draw_list(&ts[z]->dr, &dl, mu.theme);
                        SDL_RenderPresent(ts[z]->ren);
                        double b = now_ms();
                        if (b - a < mb) mb = b - a;
                    }
                    double *w = pm ? &present_worst[z] : &micro_worst[z];
                    if (mb > *w) *w = mb;
                }
            }
            ms[z] = best;
            sum[z] += best;
            if (best > worst[z]) worst[z] = best, snprintf(worst_name[z], sizeof worst_name[z], "%s", s.name);
            if (dbest > draw_worst[z]) draw_worst[z] = dbest;
            if (z == 0 && lbest > layout_worst) layout_worst = lbest;
        }
        printf("#   %-34s step %-5d %6.2f / %6.2f ms  %d\n", s.name, busiest, ms[0], ms[1], dl.n);
        n++;
        session_free(&s);
    }
    printf("# worst at 1080p: %s; at 4K: %s (budget at 60 Hz: 16.7 ms; goals 2 ms / 8 ms)\n", worst_name[0], worst_name[1]);
    printf("frame_1080_ms %.3f\n", worst[0]);
    printf("frame_4k_ms %.3f\n", worst[1]);
    printf("frame_1080_mean_ms %.3f\n", n ? sum[0] / n : 0);
    printf("frame_4k_mean_ms %.3f\n", n ? sum[1] / n : 0);
    printf("draw_1080_ms %.3f\n", draw_worst[0]);
    printf("draw_4k_ms %.3f\n", draw_worst[1]);
    printf("layout_1080_ms %.3f\n", layout_worst);
    printf("micro_1080_ms %.3f\n", micro_worst[0]);
    printf("micro_4k_ms %.3f\n", micro_worst[1]);
    printf("present_1080_ms %.3f\n", present_worst[0]);
    printf("present_4k_ms %.3f\n", present_worst[1]);
    printf("first_frame_ms %.3f\n", first_frame);
    dl_free(&dl);
    target_close(&t1080);
    target_close(&t4k);
    fonts_free(&fonts);
    globfree(&g);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
#endif
