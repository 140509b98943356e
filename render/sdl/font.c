/* font.c: fonts for the window (see font.h). */
#include "font.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool readable(const char *p) { return p && *p && access(p, R_OK) == 0; }

/* fc-match's answer for pattern, if fontconfig is installed and it names a readable file. */
static bool fc_match(const char *pattern, char *out, size_t cap) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "fc-match -f '%%{file}' '%s' 2>/dev/null", pattern);
    FILE *p = popen(cmd, "r");
    if (!p) return false;
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    pclose(p);
    return n > 0 && readable(out);
}

static bool first_of(const char *const *paths, char *out, size_t cap) {
    for (int i = 0; paths[i]; i++) {
        if (readable(paths[i])) {
            snprintf(out, cap, "%s", paths[i]);
            return true;
        }
    }
    return false;
}

static bool is_mono(const char *path) {
    TTF_Font *t = TTF_OpenFont(path, 16);
    if (!t) return false;
    bool mono = TTF_FontFaceIsFixedWidth(t);
    TTF_CloseFont(t);
    return mono;
}

bool fonts_init(Fonts *f, char *why, int cap);

static int measure(void *ud, int px, const char *s, int len);
static int line_height(void *ud, int px);

bool fonts_init(Fonts *f, char *why, int cap) {
    memset(f, 0, sizeof *f);
    static const char *const mains[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                                        "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
                                        "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
                                        "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", NULL};
    static const char *const bolds[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
                                        "/usr/share/fonts/TTF/DejaVuSansMono-Bold.ttf",
                                        "/usr/share/fonts/dejavu/DejaVuSansMono-Bold.ttf", NULL};
    static const char *const cjks[] = {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                                       "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                                       "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                       "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", NULL};
    const char *env = getenv("HCHANVIZ_FONT");
    if (env && *env) {
        if (!readable(env)) {
            snprintf(why, (size_t)cap, "HCHANVIZ_FONT names %s, which cannot be read", env);
            return false;
        }
        snprintf(f->main_path, sizeof f->main_path, "%s", env);
    } else if (!first_of(mains, f->main_path, sizeof f->main_path)) {
        /* Not at the usual places: ask fontconfig, and accept only a monospace font. */
        if (!fc_match("DejaVu Sans Mono", f->main_path, sizeof f->main_path) || !is_mono(f->main_path)) {
            if (!fc_match("monospace", f->main_path, sizeof f->main_path) || !is_mono(f->main_path)) {
                snprintf(why, (size_t)cap,
                         "no monospace font found (looked for DejaVu Sans Mono with fc-match and in /usr/share/fonts);\n"
                         "install one (Debian: apt-get install fonts-dejavu-core) or set HCHANVIZ_FONT=/path/to/font.ttf");
                return false;
            }
        }
    }
    TTF_Font *probe = TTF_OpenFont(f->main_path, 16);
    if (!probe) {
        snprintf(why, (size_t)cap, "cannot open the font %s: %s", f->main_path, TTF_GetError());
        return false;
    }
    TTF_CloseFont(probe);
    env = getenv("HCHANVIZ_FONT_BOLD");
    if (env && readable(env)) snprintf(f->bold_path, sizeof f->bold_path, "%s", env), f->has_bold = true;
    else if (!getenv("HCHANVIZ_FONT")) f->has_bold = first_of(bolds, f->bold_path, sizeof f->bold_path);
    env = getenv("HCHANVIZ_CJK_FONT");
    if (env && readable(env)) snprintf(f->cjk_path, sizeof f->cjk_path, "%s", env), f->has_cjk = true;
    else f->has_cjk = first_of(cjks, f->cjk_path, sizeof f->cjk_path) ||
                      fc_match("WenQuanYi Micro Hei", f->cjk_path, sizeof f->cjk_path) ||
                      fc_match(":lang=zh", f->cjk_path, sizeof f->cjk_path);
    if (f->has_cjk) {
        TTF_Font *c = TTF_OpenFont(f->cjk_path, 16);
        f->has_cjk = c && TTF_GlyphIsProvided32(c, 0x4E2D);
        if (c) TTF_CloseFont(c);
    }
    if (!f->has_cjk)
        fprintf(stderr, "hchanviz: no CJK font found: Chinese text will show as boxes "
                        "(Debian: apt-get install fonts-wqy-microhei, or set HCHANVIZ_CJK_FONT)\n");
    f->metrics = (ViewMetrics){measure, line_height, f};
    return true;
}

void fonts_free(Fonts *f) {
    for (int i = 0; i < FONT_CACHE; i++) {
        if (f->open[i].main) TTF_CloseFont(f->open[i].main);
        if (f->open[i].bold) TTF_CloseFont(f->open[i].bold);
        if (f->open[i].cjk) TTF_CloseFont(f->open[i].cjk);
    }
    memset(f->open, 0, sizeof f->open);
}

/* The fonts at px, opened on first use (least recently used closed when full). */
static int at_size(Fonts *f, int px) {
    f->clock++;
    int lru = 0;
    for (int i = 0; i < FONT_CACHE; i++) {
        if (f->open[i].main && f->open[i].px == px) {
            f->open[i].last_use = f->clock;
            return i;
        }
        if (!f->open[i].main || f->open[i].last_use < f->open[lru].last_use) lru = i;
        if (!f->open[i].main) break;
    }
    if (f->open[lru].main) TTF_CloseFont(f->open[lru].main);
    if (f->open[lru].bold) TTF_CloseFont(f->open[lru].bold);
    if (f->open[lru].cjk) TTF_CloseFont(f->open[lru].cjk);
    f->open[lru].px = px;
    f->open[lru].last_use = f->clock;
    f->open[lru].main = TTF_OpenFont(f->main_path, px);
    f->open[lru].bold = f->has_bold ? TTF_OpenFont(f->bold_path, px) : NULL;
    f->open[lru].cjk = f->has_cjk ? TTF_OpenFont(f->cjk_path, px) : NULL;
    return lru;
}

/* Splits s into runs by font: calls fn for each (start, end, font). */
typedef void (*RunFn)(void *ctx, TTF_Font *font, const char *s, int len);

static void runs(Fonts *f, int px, bool bold, const char *s, int len, RunFn fn, void *ctx) {
    int k = at_size(f, px);
    TTF_Font *mainf = bold && f->open[k].bold ? f->open[k].bold : f->open[k].main, *cjk = f->open[k].cjk;
    if (!mainf) return;
    int start = 0;
    TTF_Font *cur = NULL;
    for (int i = 0; i < len;) {
        int at = i;
        uint32_t cp = utf8_next(s, len, &i);
        TTF_Font *want = mainf;
        if (cjk && cp > 0x7F && !TTF_GlyphIsProvided32(mainf, cp) && TTF_GlyphIsProvided32(cjk, cp)) want = cjk;
        if (want != cur) {
            if (cur && at > start) fn(ctx, cur, s + start, at - start);
            cur = want;
            start = at;
        }
    }
    if (cur && len > start) fn(ctx, cur, s + start, len - start);
}

typedef struct MeasureCtx { int w; } MeasureCtx;

static void measure_run(void *ctx, TTF_Font *font, const char *s, int len) {
    char buf[1024];
    if (len >= (int)sizeof buf) len = (int)sizeof buf - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, buf, &w, &h) == 0) ((MeasureCtx *)ctx)->w += w;
}

/* Widths add up for these fonts (monospace, and CJK without kerning), so a
 * text's width is the sum of its characters' widths, each measured once
 * with TTF_SizeUTF8 and kept per size: layout measures a lot. */
static int char_width(Fonts *f, int px, const char *s, int len, uint32_t cp) {
    int slot = -1;
    for (int i = 0; i < FONT_CACHE; i++)
        if (f->widths[i].px == px) slot = i;
    if (slot < 0) {
        slot = (int)(f->clock % FONT_CACHE);
        memset(&f->widths[slot], 0, sizeof f->widths[slot]);
        f->widths[slot].px = px;
    }
    if (cp < 128) {
        if (!f->widths[slot].ascii[cp]) {
            MeasureCtx c = {0};
            runs(f, px, false, s, len, measure_run, &c);
            f->widths[slot].ascii[cp] = (int16_t)(c.w + 1); /* +1: 0 means not measured */
        }
        return f->widths[slot].ascii[cp] - 1;
    }
    /* Others: a small open-addressed table per size. */
    uint32_t h = (cp * 2654435761u) % WIDTH_HASH;
    for (int probe = 0; probe < WIDTH_HASH; probe++, h = (h + 1) % WIDTH_HASH) {
        if (f->widths[slot].cp[h] == cp) return f->widths[slot].w[h];
        if (f->widths[slot].cp[h] == 0) break;
    }
    MeasureCtx c = {0};
    runs(f, px, false, s, len, measure_run, &c);
    if (f->widths[slot].cp[h] == 0 && f->widths[slot].n < WIDTH_HASH / 2) {
        f->widths[slot].cp[h] = cp;
        f->widths[slot].w[h] = (int16_t)c.w;
        f->widths[slot].n++;
    }
    return c.w;
}

static int measure(void *ud, int px, const char *s, int len) {
    Fonts *f = ud;
    int w = 0;
    for (int i = 0; i < len;) {
        int at = i;
        uint32_t cp = utf8_next(s, len, &i);
        w += char_width(f, px, s + at, i - at, cp);
    }
    return w;
}

static int line_height(void *ud, int px) {
    Fonts *f = ud;
    int k = at_size(f, px);
    int h = f->open[k].main ? TTF_FontHeight(f->open[k].main) : px;
    if (f->open[k].cjk && TTF_FontHeight(f->open[k].cjk) > h) h = TTF_FontHeight(f->open[k].cjk);
    return h;
}

typedef struct RenderCtx {
    SDL_Surface *parts[64];
    TTF_Font *fonts[64];
    int n;
    SDL_Color fg, bg;
} RenderCtx;

static void render_run(void *ctx, TTF_Font *font, const char *s, int len) {
    RenderCtx *c = ctx;
    if (c->n >= 64) return;
    char buf[1024];
    if (len >= (int)sizeof buf) len = (int)sizeof buf - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    SDL_Surface *part = TTF_RenderUTF8_Shaded(font, buf, c->fg, c->bg);
    if (!part) return;
    c->fonts[c->n] = font;
    c->parts[c->n++] = part;
}

SDL_Surface *fonts_render(Fonts *f, int px, bool bold, const char *s, int len, SDL_Color fg, SDL_Color bg) {
    RenderCtx c = {.fg = fg, .bg = bg};
    if (len <= 0) return NULL;
    runs(f, px, bold, s, len, render_run, &c);
    if (c.n == 0) return NULL;
    int w = 0, h = 0, asc = 0;
    for (int i = 0; i < c.n; i++) {
        w += c.parts[i]->w;
        if (TTF_FontAscent(c.fonts[i]) > asc) asc = TTF_FontAscent(c.fonts[i]);
    }
    for (int i = 0; i < c.n; i++) {
        int top = asc - TTF_FontAscent(c.fonts[i]);
        if (top + c.parts[i]->h > h) h = top + c.parts[i]->h;
    }
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out) {
        SDL_FillRect(out, NULL, SDL_MapRGB(out->format, bg.r, bg.g, bg.b));
        int x = 0;
        for (int i = 0; i < c.n; i++) {
            SDL_Rect d = {x, asc - TTF_FontAscent(c.fonts[i]), c.parts[i]->w, c.parts[i]->h};
            SDL_SetSurfaceBlendMode(c.parts[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(c.parts[i], NULL, out, &d);
            x += c.parts[i]->w;
        }
    }
    for (int i = 0; i < c.n; i++) SDL_FreeSurface(c.parts[i]);
    return out;
}
