/* export.c: `hchanviz export PROGRAM.go --out DIR`: PNG frames of a run,
 * drawn headless with SDL's software renderer on a surface, saved with
 * SDL_image.  One PNG per step (step-0000.png is the state before the first
 * step), or only --step N. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "draw.h"
#include "gui.h"
#include "view.h"

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
            return false;
        }
    }
    bool ok = session_load(s, o->file, o->policy, o->seed, cs, nc, stderr);
    free(cs);
    return ok;
}

int export_main(const GuiOptions *o) {
    if (!o->file) {
        fprintf(stderr, "hchanviz: export needs a program: hchanviz export PROGRAM.go --out DIR\n");
        return 1;
    }
    if (!o->out) {
        fprintf(stderr, "hchanviz: export needs --out DIR\n");
        return 1;
    }
    int w = o->w > 0 ? o->w : 1920, h = o->h > 0 ? o->h : 1080;
    Session s;
    if (!load(&s, o)) {
        session_free(&s);
        return 1;
    }
    session_record_all(&s);
    int32_t n = session_nsteps(&s);
    if (o->step >= n) {
        fprintf(stderr, "hchanviz: --step %d is past the last step (%d)\n", o->step, n - 1);
        session_free(&s);
        return 1;
    }
    if (!make_dirs(o->out)) {
        fprintf(stderr, "hchanviz: cannot create %s: %s\n", o->out, strerror(errno));
        session_free(&s);
        return 1;
    }
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "hchanviz: cannot start SDL: %s\n", SDL_GetError());
        session_free(&s);
        return 1;
    }
    int status = 0;
    Fonts fonts;
    char why[512];
    SDL_Surface *surf = NULL;
    SDL_Renderer *ren = NULL;
    if (!fonts_init(&fonts, why, sizeof why)) {
        fprintf(stderr, "hchanviz: %s\n", why);
        status = 1;
        goto out;
    }
    surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    if (!ren) {
        fprintf(stderr, "hchanviz: cannot create a %dx%d software renderer: %s\n", w, h, SDL_GetError());
        status = 1;
        goto out_fonts;
    }
    Drawer dr;
    drawer_init(&dr, ren, &fonts);
    DisplayList dl;
    dl_init(&dl);
    ViewUi ui = {0};
    ui.w = w;
    ui.h = h;
    ui.zoom = o->zoom > 0 ? o->zoom : 1;
    ui.theme = o->theme >= 0 ? o->theme : THEME_LIGHT;
    ui.lang = o->lang >= 0 ? o->lang : lang_from_env();
    ui.micro = -1;
    ui.speed = 1;
    int digits = 4;
    for (int32_t m = n - 1; m >= 10000; m /= 10) digits++;
    int32_t first = o->step >= 0 ? o->step : 0, last = o->step >= 0 ? o->step : n - 1;
    int written = 0;
    for (int32_t k = first; k <= last; k++) {
        session_goto(&s, k);
        view_layout(&dl, &s, &ui, &fonts.metrics);
        draw_list(&dr, &dl, ui.theme);
        SDL_RenderPresent(ren);
        char path[1100];
        snprintf(path, sizeof path, "%.1000s/step-%0*d.png", o->out, digits > 9 ? 9 : digits, k % 1000000000);
        if (IMG_SavePNG(surf, path) != 0) {
            fprintf(stderr, "hchanviz: cannot write %s: %s\n", path, IMG_GetError());
            status = 1;
            break;
        }
        written++;
    }
    if (status == 0) printf("wrote %d frame%s (%dx%d) to %s\n", written, written == 1 ? "" : "s", w, h, o->out);
    dl_free(&dl);
    drawer_free(&dr);
    SDL_DestroyRenderer(ren);
out_fonts:
    fonts_free(&fonts);
out:
    if (surf) SDL_FreeSurface(surf);
    TTF_Quit();
    SDL_Quit();
    session_free(&s);
    return status;
}
