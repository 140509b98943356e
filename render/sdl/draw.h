/* draw.h: the SDL2 backend: draws a display list (render/view/dl.h) with an
 * SDL_Renderer, colours from a theme, text through font.h with a cache of
 * rendered texts (a text drawn in the last frames is not rendered again). */
#ifndef HCHANVIZ_SDL_DRAW_H
#define HCHANVIZ_SDL_DRAW_H

#include <SDL.h>
#include <stdint.h>

#include "dl.h"
#include "font.h"
#include "theme.h"

enum { TEXT_CACHE = 4096 };

typedef struct CachedText {
    uint64_t key;      /* 0: empty */
    SDL_Texture *tex;
    int w, h;
    uint32_t used;     /* frame it was last drawn */
} CachedText;

typedef struct Drawer {
    SDL_Renderer *ren;
    Fonts *fonts;
    CachedText cache[TEXT_CACHE];
    int ncached;
    uint32_t frame;
    SDL_Color colors[THEME__COUNT][ROLE__COUNT]; /* the themes, looked up once */
} Drawer;

void drawer_init(Drawer *d, SDL_Renderer *ren, Fonts *fonts);
/* Frees the cached textures (before the renderer is destroyed). */
void drawer_free(Drawer *d);
/* Draws dl in theme (clears to the background first). */
void draw_list(Drawer *d, const DisplayList *dl, int theme);

#endif
