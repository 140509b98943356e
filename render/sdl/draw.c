/* draw.c: drawing a display list with SDL_Renderer (see draw.h).
 *
 * Speed matters with the software renderer at 4K: texts are rendered once
 * (opaque, antialiased against their known background, so drawing them is a
 * plain copy without blending) and cached by content, size and colours;
 * boxes filled with the background colour are not filled again. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>

#include "theme.h"

void drawer_init(Drawer *d, SDL_Renderer *ren, Fonts *fonts) {
    memset(d, 0, sizeof *d);
    d->ren = ren;
    d->fonts = fonts;
    for (int t = 0; t < THEME__COUNT; t++)
        for (int r = 0; r < ROLE__COUNT; r++) {
            Rgb c = theme_color(t, r);
            d->colors[t][r] = (SDL_Color){c.r, c.g, c.b, 255};
        }
}

void drawer_free(Drawer *d) {
    for (int i = 0; i < TEXT_CACHE; i++) {
        if (d->cache[i].tex) SDL_DestroyTexture(d->cache[i].tex);
        d->cache[i] = (CachedText){0};
    }
    d->ncached = 0;
}

static SDL_Color color(const Drawer *d, int theme, int role) {
    if (theme < 0 || theme >= THEME__COUNT || role < 0 || role >= ROLE__COUNT) return d->colors[0][ROLE_TEXT];
    return d->colors[theme][role];
}

static void set_color(Drawer *d, int theme, int role) {
    SDL_Color c = color(d, theme, role);
    SDL_SetRenderDrawColor(d->ren, c.r, c.g, c.b, 255);
}

static uint64_t text_key(const char *s, int len, int px, int style, uint32_t fg, uint32_t bg) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (int i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    h ^= (uint64_t)px * 0x9E3779B97F4A7C15ULL;
    h ^= ((uint64_t)fg << 24 | bg) * 0xC2B2AE3D27D4EB4FULL;
    h ^= (uint64_t)(style & ST_BOLD) << 61;
    return h ? h : 1;
}

/* Drops textures not drawn in the last two frames when the cache fills up. */
static void evict(Drawer *d) {
    for (int i = 0; i < TEXT_CACHE; i++) {
        CachedText *c = &d->cache[i];
        if (c->key && d->frame - c->used > 2) {
            if (c->tex) SDL_DestroyTexture(c->tex);
            *c = (CachedText){0};
            d->ncached--;
        }
    }
    /* Open addressing needs the survivors rehashed. */
    CachedText *keep = malloc(sizeof d->cache);
    if (!keep) return;
    memcpy(keep, d->cache, sizeof d->cache);
    memset(d->cache, 0, sizeof d->cache);
    for (int i = 0; i < TEXT_CACHE; i++) {
        if (!keep[i].key) continue;
        uint32_t k = (uint32_t)(keep[i].key % TEXT_CACHE);
        while (d->cache[k].key) k = (k + 1) % TEXT_CACHE;
        d->cache[k] = keep[i];
    }
    free(keep);
}

static CachedText *text_texture(Drawer *d, const DlCmd *c, const char *s, int theme) {
    SDL_Color fg = color(d, theme, c->fill), bg = color(d, theme, c->stroke);
    uint32_t fgv = (uint32_t)fg.r << 16 | fg.g << 8 | fg.b, bgv = (uint32_t)bg.r << 16 | bg.g << 8 | bg.b;
    uint64_t key = text_key(s, c->len, c->px, c->style, fgv, bgv);
    uint32_t k = (uint32_t)(key % TEXT_CACHE);
    while (d->cache[k].key && d->cache[k].key != key) k = (k + 1) % TEXT_CACHE;
    CachedText *e = &d->cache[k];
    if (e->key == key) {
        e->used = d->frame;
        return e;
    }
    if (d->ncached >= TEXT_CACHE * 3 / 4) {
        evict(d);
        if (d->ncached >= TEXT_CACHE * 3 / 4) return NULL; /* everything is in use: draw nothing rather than stall */
        return text_texture(d, c, s, theme);
    }
    SDL_Surface *surf = fonts_render(d->fonts, c->px, (c->style & ST_BOLD) != 0, s, c->len, fg, bg);
    if (!surf) return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(d->ren, surf);
    int w = surf->w, h = surf->h;
    SDL_FreeSurface(surf);
    if (!tex) return NULL;
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_NONE);
    *e = (CachedText){key, tex, w, h, d->frame};
    d->ncached++;
    return e;
}

static int line_w(const DisplayList *dl) { return dl->h >= 1440 ? 2 : 1; }

static void hline(Drawer *d, int x0, int x1, int y, int t) {
    SDL_Rect r = {x0, y, x1 - x0, t};
    SDL_RenderFillRect(d->ren, &r);
}
static void vline(Drawer *d, int x, int y0, int y1, int t) {
    SDL_Rect r = {x, y0, t, y1 - y0};
    SDL_RenderFillRect(d->ren, &r);
}

/* A border of thickness t, solid, dashed or dotted. */
static void border(Drawer *d, SDL_Rect r, int t, int style) {
    if (r.w <= 0 || r.h <= 0) return;
    if (!(style & (ST_DASHED | ST_DOTTED))) {
        hline(d, r.x, r.x + r.w, r.y, t);
        hline(d, r.x, r.x + r.w, r.y + r.h - t, t);
        vline(d, r.x, r.y, r.y + r.h, t);
        vline(d, r.x + r.w - t, r.y, r.y + r.h, t);
        return;
    }
    int on = style & ST_DOTTED ? t * 2 : t * 6, off = style & ST_DOTTED ? t * 2 : t * 4;
    for (int x = r.x; x < r.x + r.w; x += on + off) {
        int e = x + on < r.x + r.w ? x + on : r.x + r.w;
        hline(d, x, e, r.y, t);
        hline(d, x, e, r.y + r.h - t, t);
    }
    for (int y = r.y; y < r.y + r.h; y += on + off) {
        int e = y + on < r.y + r.h ? y + on : r.y + r.h;
        vline(d, r.x, y, e, t);
        vline(d, r.x + r.w - t, y, e, t);
    }
}

/* Diagonal hatching inside r (empty slots). */
static void hatch(Drawer *d, SDL_Rect r, int spacing) {
    for (int k = -r.h; k < r.w; k += spacing) {
        /* the line x - y = k, clipped to r */
        int x0 = k, y0 = 0, x1 = k + r.h, y1 = r.h;
        if (x0 < 0) y0 -= x0, x0 = 0;
        if (x1 > r.w) y1 -= x1 - r.w, x1 = r.w;
        if (y0 >= y1) continue;
        SDL_RenderDrawLine(d->ren, r.x + x0, r.y + y0, r.x + x1 - 1, r.y + y1 - 1);
    }
}

static void line(Drawer *d, const DlCmd *c, int theme, int t) {
    SDL_Color col = color(d, theme, c->fill);
    SDL_SetRenderDrawColor(d->ren, col.r, col.g, col.b, 255);
    float x0 = (float)c->r.x, y0 = (float)c->r.y, x1 = (float)(c->r.x + c->r.w), y1 = (float)(c->r.y + c->r.h);
    float dx = x1 - x0, dy = y1 - y0;
    float len = SDL_sqrtf(dx * dx + dy * dy);
    if (len < 1) return;
    float ux = dx / len, uy = dy / len;
    float head = c->kind == DL_ARROW ? (float)(4 + 3 * t) : 0;
    if (head > len * 0.6f) head = len * 0.6f;
    float ex = x1 - ux * head, ey = y1 - uy * head;
    float w = (float)(c->style & ST_THICK ? 2 * t : t);
    /* The shaft as a quad (dashed: pieces of it). */
    float nx = -uy * w / 2, ny = ux * w / 2;
    float step = c->style & ST_DASHED ? 6.0f * t : len;
    float gapl = c->style & ST_DASHED ? 4.0f * t : 0;
    float shaft = len - head;
    for (float a = 0; a < shaft; a += step + gapl) {
        float b = a + step < shaft ? a + step : shaft;
        SDL_Vertex v[4];
        float px0 = x0 + ux * a, py0 = y0 + uy * a, px1 = x0 + ux * b, py1 = y0 + uy * b;
        v[0] = (SDL_Vertex){{px0 + nx, py0 + ny}, col, {0, 0}};
        v[1] = (SDL_Vertex){{px1 + nx, py1 + ny}, col, {0, 0}};
        v[2] = (SDL_Vertex){{px1 - nx, py1 - ny}, col, {0, 0}};
        v[3] = (SDL_Vertex){{px0 - nx, py0 - ny}, col, {0, 0}};
        int idx[6] = {0, 1, 2, 0, 2, 3};
        SDL_RenderGeometry(d->ren, NULL, v, 4, idx, 6);
    }
    if (c->kind == DL_ARROW) {
        float hw = head * 0.6f;
        SDL_Vertex v[3] = {
            {{x1, y1}, col, {0, 0}},
            {{ex - uy * hw, ey + ux * hw}, col, {0, 0}},
            {{ex + uy * hw, ey - ux * hw}, col, {0, 0}},
        };
        SDL_RenderGeometry(d->ren, NULL, v, 3, NULL, 0);
    }
}

void draw_list(Drawer *d, const DisplayList *dl, int theme) {
    d->frame++;
    SDL_Color bgc = color(d, theme, dl->bg);
    SDL_SetRenderDrawColor(d->ren, bgc.r, bgc.g, bgc.b, 255);
    SDL_RenderClear(d->ren);
    int t = line_w(dl);
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        SDL_Rect r = {c->r.x, c->r.y, c->r.w, c->r.h};
        switch (c->kind) {
        case DL_BOX: {
            if (c->style & ST_FILL) {
                SDL_Color f = color(d, theme, c->fill);
                bool same = c->parent < 0 && !(c->style & ST_OVERLAY) && f.r == bgc.r && f.g == bgc.g && f.b == bgc.b;
                if (!same) {
                    set_color(d, theme, c->fill);
                    SDL_RenderFillRect(d->ren, &r);
                }
            }
            if (c->style & ST_HATCH) {
                set_color(d, theme, c->stroke);
                hatch(d, r, 4 + 4 * t);
            }
            if (c->style & ST_BORDER) {
                set_color(d, theme, c->stroke);
                border(d, r, c->style & ST_THICK ? 3 * t : t, c->style);
            }
            break;
        }
        case DL_TEXT: {
            CachedText *e = text_texture(d, c, dl_str(dl, c), theme);
            if (!e) break;
            int w = e->w < c->r.w ? e->w : c->r.w, h = e->h < c->r.h ? e->h : c->r.h;
            int x = c->r.x;
            if (c->style & ST_CENTER) x += (c->r.w - w) / 2;
            else if (c->style & ST_RIGHT) x += c->r.w - w;
            SDL_Rect src = {0, (e->h - h) / 2, w, h};
            SDL_Rect dst = {x, c->r.y + (c->r.h - h) / 2, w, h};
            /* A text is drawn opaque, on its own background: kept inside its
             * box's border, so that it never paints over it (a thick or
             * dashed border, or 2 px lines at 4K, reach into the padding). */
            if (c->parent >= 0 && c->parent < i && (dl->cmds[c->parent].style & ST_BORDER)) {
                const DlCmd *p = &dl->cmds[c->parent];
                int bt = p->style & ST_THICK ? 3 * t : t;
                SDL_Rect in = {p->r.x + bt, p->r.y + bt, p->r.w - 2 * bt, p->r.h - 2 * bt}, vis;
                if (!SDL_IntersectRect(&dst, &in, &vis)) break;
                src.x += vis.x - dst.x, src.y += vis.y - dst.y, src.w = vis.w, src.h = vis.h;
                dst = vis;
            }
            SDL_RenderCopy(d->ren, e->tex, &src, &dst);
            break;
        }
        case DL_LINE:
        case DL_ARROW:
            line(d, c, theme, t);
            break;
        }
    }
}
