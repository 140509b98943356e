/* font.c: fonts for the window (see font.h).
 *
 * fontconfig is asked three questions: which file is the main font (a
 * match), which files follow it for missing characters (one sort, kept for
 * the Fonts' lifetime) and which face is a family's bold (a match per
 * family, asked the first time bold text needs it).  Faces are added to
 * faces[] as text needs them and opened per size on first use, so a
 * lesson in English never opens the CJK font. */
#include "font.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static bool readable(const char *p) { return p && *p && access(p, R_OK) == 0; }

static bool face_has(const FontFace *x, uint32_t cp) {
    if (x->chars) return FcCharSetHasChar(x->chars, cp);
    return x->probe && TTF_GlyphIsProvided32(x->probe, cp);
}

/* The face for (path, index), added to faces[] when it is not there yet.
 * With chars NULL the face is probed through SDL_ttf.  Returns its index,
 * or -1 when the table is full or the file does not open. */
static int face_add(Fonts *f, const char *path, int index, FcCharSet *chars, const char *family) {
    for (int i = 0; i < f->nfaces; i++)
        if (f->faces[i].index == index && strcmp(f->faces[i].path, path) == 0) return i;
    if (f->nfaces >= FONT_FACES || strlen(path) >= sizeof f->faces[0].path) return -1;
    FontFace *x = &f->faces[f->nfaces];
    memset(x, 0, sizeof *x);
    snprintf(x->path, sizeof x->path, "%s", path);
    snprintf(x->family, sizeof x->family, "%s", family ? family : "");
    x->index = index;
    x->bold = -2;
    if (chars) {
        x->chars = FcCharSetCopy(chars);
    } else {
        x->probe = TTF_OpenFontIndex(path, 16, index);
        if (!x->probe) return -1;
    }
    return f->nfaces++;
}

/* Drops the last face added (a candidate that did not qualify). */
static void face_drop_last(Fonts *f) {
    FontFace *x = &f->faces[--f->nfaces];
    if (x->probe) TTF_CloseFont(x->probe);
    if (x->chars) FcCharSetDestroy(x->chars);
    memset(x, 0, sizeof *x);
}

/* The face a fontconfig pattern names (its charset decides glyphs unless
 * probe is asked for), or -1. */
static int face_from_pattern(Fonts *f, FcPattern *p, bool probe) {
    FcChar8 *file = NULL, *family = NULL;
    FcCharSet *chars = NULL;
    int index = 0;
    if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch || !readable((const char *)file)) return -1;
    if (FcPatternGetInteger(p, FC_INDEX, 0, &index) != FcResultMatch) index = 0;
    if (FcPatternGetString(p, FC_FAMILY, 0, &family) != FcResultMatch) family = NULL;
    if (!probe && FcPatternGetCharSet(p, FC_CHARSET, 0, &chars) != FcResultMatch) chars = NULL;
    return face_add(f, (const char *)file, index, chars, (const char *)family);
}

/* fontconfig's best match for family at weight (roman, scalable), after the
 * configuration's substitutions; the caller destroys it.  NULL: no fonts. */
static FcPattern *fc_match(Fonts *f, const char *family, int weight) {
    FcPattern *want = FcPatternCreate();
    if (!want) return NULL;
    FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(want, FC_WEIGHT, weight);
    FcPatternAddBool(want, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(f->fc, want, FcMatchPattern);
    FcDefaultSubstitute(want);
    FcResult res;
    FcPattern *got = FcFontMatch(f->fc, want, &res);
    FcPatternDestroy(want);
    return got;
}

/* faces[0] from fontconfig: DejaVu Sans Mono, else whatever "monospace"
 * gives, accepted only when SDL_ttf opens it and calls it fixed-width. */
static bool main_from_fontconfig(Fonts *f) {
    static const char *const families[] = {"DejaVu Sans Mono", "monospace"};
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        FcPattern *m = fc_match(f, families[i], FC_WEIGHT_REGULAR);
        if (!m) continue;
        int k = face_from_pattern(f, m, true);
        FcPatternDestroy(m);
        if (k == 0 && TTF_FontFaceIsFixedWidth(f->faces[0].probe)) return true;
        if (k == 0) face_drop_last(f);
    }
    return false;
}

/* The bold face of faces[i]'s family, looked up once: fontconfig's match for
 * the family at bold weight, if it is that family, roman, really bold and
 * another face.  -1 when there is none. */
static int bold_of(Fonts *f, int i) {
    if (f->faces[i].bold != -2) return f->faces[i].bold;
    f->faces[i].bold = -1;
    if (!f->fc || !f->faces[i].family[0]) return -1;
    FcPattern *m = fc_match(f, f->faces[i].family, FC_WEIGHT_BOLD);
    if (!m) return -1;
    FcChar8 *family = NULL, *file = NULL;
    int weight = 0, slant = 0, index = 0;
    bool ok = FcPatternGetString(m, FC_FAMILY, 0, &family) == FcResultMatch &&
              strcasecmp((const char *)family, f->faces[i].family) == 0 &&
              FcPatternGetInteger(m, FC_WEIGHT, 0, &weight) == FcResultMatch && weight >= FC_WEIGHT_BOLD &&
              (FcPatternGetInteger(m, FC_SLANT, 0, &slant) != FcResultMatch || slant == FC_SLANT_ROMAN) &&
              FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch;
    if (ok && FcPatternGetInteger(m, FC_INDEX, 0, &index) != FcResultMatch) index = 0;
    if (ok && (index != f->faces[i].index || strcmp((const char *)file, f->faces[i].path) != 0)) {
        /* The main font's glyphs are asked of SDL_ttf, so are its bold's. */
        int b = face_from_pattern(f, m, f->faces[i].chars == NULL);
        if (b >= 0 && b != i) f->faces[i].bold = b;
    }
    FcPatternDestroy(m);
    return f->faces[i].bold;
}

/* The fallback order: every font, those nearest the main family first,
 * then WenQuanYi Micro Hei (the metrics model's CJK font) and monospace;
 * trimmed, so a font that adds no character is left out. */
static void load_order(Fonts *f) {
    FcPattern *want = FcPatternCreate();
    if (!want) return;
    if (f->faces[0].family[0]) FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)f->faces[0].family);
    FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)"DejaVu Sans Mono");
    FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)"WenQuanYi Micro Hei");
    FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)"monospace");
    FcPatternAddInteger(want, FC_WEIGHT, FC_WEIGHT_REGULAR);
    FcPatternAddBool(want, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(f->fc, want, FcMatchPattern);
    FcDefaultSubstitute(want);
    FcResult res;
    f->order = FcFontSort(f->fc, want, FcTrue, NULL, &res);
    FcPatternDestroy(want);
}

/* Which face draws cp: the main font, the pinned font, then the first font
 * in the fallback order whose charset has it; the main font (its box for a
 * missing glyph) when none has. */
static int pick_face(Fonts *f, uint32_t cp) {
    if (face_has(&f->faces[0], cp)) return 0;
    if (f->pinned >= 0 && face_has(&f->faces[f->pinned], cp)) return f->pinned;
    for (int i = 0; f->order && i < f->order->nfont; i++) {
        FcPattern *p = f->order->fonts[i];
        FcCharSet *chars = NULL;
        FcBool scalable = FcTrue;
        if (FcPatternGetCharSet(p, FC_CHARSET, 0, &chars) != FcResultMatch || !FcCharSetHasChar(chars, cp)) continue;
        if (FcPatternGetBool(p, FC_SCALABLE, 0, &scalable) == FcResultMatch && !scalable) continue;
        int k = face_from_pattern(f, p, false);
        if (k > 0) return k;
    }
    return 0;
}

static int face_for(Fonts *f, uint32_t cp) {
    if (cp < 0x80 || !f->nfaces) return 0;
    uint32_t h = (cp * 2654435761u) % GLYPH_HASH;
    for (int n = 0; n < GLYPH_HASH; n++, h = (h + 1) % GLYPH_HASH) {
        if (f->glyphs[h].cp == cp) return f->glyphs[h].face;
        if (f->glyphs[h].cp == 0) break;
    }
    int face = pick_face(f, cp);
    if (f->glyphs[h].cp == 0 && f->nglyphs < GLYPH_HASH * 3 / 4) {
        f->glyphs[h].cp = cp;
        f->glyphs[h].face = (int16_t)face;
        f->nglyphs++;
    }
    return face;
}

static int measure(void *ud, int px, const char *s, int len);
static int line_height(void *ud, int px);

/* fonts_init's way out: the message is in why; nothing stays taken. */
static bool give_up(Fonts *f) {
    fonts_free(f);
    return false;
}

bool fonts_init(Fonts *f, char *why, int cap) {
    memset(f, 0, sizeof *f);
    f->pinned = f->cjk = -1;
    /* Our own configuration (not FcInit's process-wide one), freed with the Fonts. */
    f->fc = FcInitLoadConfigAndFonts();
    const char *env = getenv("HCHANVIZ_FONT"), *fcfile = getenv("FONTCONFIG_FILE");
    size_t n = (size_t)cap;
    if (env && *env) {
        if (!readable(env)) {
            snprintf(why, n, "HCHANVIZ_FONT names %s, which cannot be read", env);
            return give_up(f);
        }
        if (face_add(f, env, 0, NULL, "") != 0) {
            snprintf(why, n, "cannot open the font %s (HCHANVIZ_FONT): %s", env, TTF_GetError());
            return give_up(f);
        }
    } else if (!f->fc) {
        snprintf(why, n,
                 "fontconfig could not load its configuration%s%s, so no font can be found;\n"
                 "check the fontconfig setup, or set HCHANVIZ_FONT=/path/to/font.ttf",
                 fcfile ? " from FONTCONFIG_FILE=" : "", fcfile ? fcfile : "");
        return give_up(f);
    } else if (!main_from_fontconfig(f)) {
        snprintf(why, n,
                 "no monospace font found (asked fontconfig for DejaVu Sans Mono, then monospace%s%s);\n"
                 "install one (Debian: apt-get install fonts-dejavu-core) or set HCHANVIZ_FONT=/path/to/font.ttf",
                 fcfile ? ", with FONTCONFIG_FILE=" : "", fcfile ? fcfile : "");
        return give_up(f);
    }
    env = getenv("HCHANVIZ_FONT_BOLD");
    if (env && *env) {
        int b = readable(env) ? face_add(f, env, 0, NULL, "") : -1;
        if (b > 0) f->faces[0].bold = b;
        else fprintf(stderr, "hchanviz: HCHANVIZ_FONT_BOLD names %s, which does not open: bold text uses the regular face\n", env);
    }
    env = getenv("HCHANVIZ_CJK_FONT");
    if (env && *env) {
        f->pinned = readable(env) ? face_add(f, env, 0, NULL, "") : -1;
        if (f->pinned == 0) f->pinned = -1;
        if (f->pinned < 0) fprintf(stderr, "hchanviz: HCHANVIZ_CJK_FONT names %s, which does not open: using fontconfig's choice\n", env);
    }
    if (f->fc) load_order(f);
    if (!face_has(&f->faces[0], 0x4E2D)) {
        int c = face_for(f, 0x4E2D);
        if (c > 0) f->cjk = c;
        else fprintf(stderr, "hchanviz: no CJK font found: Chinese text will show as boxes "
                             "(Debian: apt-get install fonts-wqy-microhei, or set HCHANVIZ_CJK_FONT)\n");
    }
    f->metrics = (ViewMetrics){measure, line_height, f};
    return true;
}

void fonts_free(Fonts *f) {
    for (int i = 0; i < FONT_CACHE; i++) {
        for (int j = 0; j < FONT_FACES; j++)
            if (f->open[i].font[j]) TTF_CloseFont(f->open[i].font[j]);
        memset(&f->open[i], 0, sizeof f->open[i]);
    }
    while (f->nfaces > 0) face_drop_last(f);
    if (f->order) FcFontSetDestroy(f->order);
    if (f->fc) FcConfigDestroy(f->fc);
    f->order = NULL;
    f->fc = NULL;
}

/* The slot of the fonts at px, its main font opened (the least recently
 * used slot is closed and reused when all are taken). */
static int at_size(Fonts *f, int px) {
    f->clock++;
    int lru = 0;
    for (int i = 0; i < FONT_CACHE; i++) {
        if (f->open[i].tried && f->open[i].px == px) {
            f->open[i].last_use = f->clock;
            return i;
        }
        if (!f->open[i].tried || f->open[i].last_use < f->open[lru].last_use) lru = i;
        if (!f->open[i].tried) break;
    }
    for (int j = 0; j < FONT_FACES; j++)
        if (f->open[lru].font[j]) TTF_CloseFont(f->open[lru].font[j]);
    memset(&f->open[lru], 0, sizeof f->open[lru]);
    f->open[lru].px = px;
    f->open[lru].last_use = f->clock;
    f->open[lru].tried = 1;
    if (f->nfaces > 0) f->open[lru].font[0] = TTF_OpenFontIndex(f->faces[0].path, px, f->faces[0].index);
    return lru;
}

/* faces[face] at the size of slot k, opened on first use (NULL if it does not open). */
static TTF_Font *font_at(Fonts *f, int k, int face) {
    if (face < 0 || face >= f->nfaces) return NULL;
    if (!(f->open[k].tried & (1u << face))) {
        f->open[k].tried |= 1u << face;
        f->open[k].font[face] = TTF_OpenFontIndex(f->faces[face].path, f->open[k].px, f->faces[face].index);
    }
    return f->open[k].font[face];
}

/* Splits s into runs by font: calls fn for each (font, start, length). */
typedef void (*RunFn)(void *ctx, TTF_Font *font, const char *s, int len);

static void runs(Fonts *f, int px, bool bold, const char *s, int len, RunFn fn, void *ctx) {
    int k = at_size(f, px);
    TTF_Font *mainf = f->open[k].font[0];
    if (!mainf) return;
    int start = 0;
    TTF_Font *cur = NULL;
    for (int i = 0; i < len;) {
        int at = i;
        uint32_t cp = utf8_next(s, len, &i);
        int face = face_for(f, cp);
        if (bold) {
            int b = bold_of(f, face);
            if (b >= 0 && (cp < 0x80 || face_has(&f->faces[b], cp))) face = b;
        }
        TTF_Font *want = font_at(f, k, face);
        if (!want) want = mainf;
        if (want != cur) {
            if (cur && at > start) fn(ctx, cur, s + start, at - start);
            cur = want;
            start = at;
        }
    }
    if (cur && len > start) fn(ctx, cur, s + start, len - start);
}

/* A run's width is the sum of its glyphs' advances: where the next text
 * starts.  (TTF_SizeUTF8 would add the ink that hangs past the last
 * advance, e.g. a "w" at 10 px, which summed per character would drift.) */
static int run_advance(TTF_Font *font, const char *s, int len) {
    int w = 0;
    for (int i = 0; i < len;) {
        uint32_t cp = utf8_next(s, len, &i);
        int adv = 0;
        if (TTF_GlyphMetrics32(font, cp, NULL, NULL, NULL, NULL, &adv) == 0) w += adv;
    }
    return w;
}

typedef struct MeasureCtx { int w; } MeasureCtx;

static void measure_run(void *ctx, TTF_Font *font, const char *s, int len) {
    ((MeasureCtx *)ctx)->w += run_advance(font, s, len);
}

/* Widths add up for these fonts (monospace, and CJK without kerning), so a
 * text's width is the sum of its characters' advances, each asked once and
 * kept per size: layout measures a lot. */
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
    TTF_Font *mainf = f->open[k].font[0], *cjk = font_at(f, k, f->cjk);
    int h = mainf ? TTF_FontHeight(mainf) : px;
    if (cjk && TTF_FontHeight(cjk) > h) h = TTF_FontHeight(cjk);
    return h;
}

typedef struct RenderCtx {
    SDL_Surface *parts[64];
    TTF_Font *fonts[64];
    int at[64]; /* where each part's pen starts */
    int n, pen;
    SDL_Color fg, bg;
} RenderCtx;

static void render_run(void *ctx, TTF_Font *font, const char *s, int len) {
    RenderCtx *c = ctx;
    if (c->n >= 64) return;
    char buf[1024];
    if (len >= (int)sizeof buf) len = (int)sizeof buf - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    int at = c->pen;
    c->pen += run_advance(font, buf, len);
    SDL_Surface *part = TTF_RenderUTF8_Shaded(font, buf, c->fg, c->bg);
    if (!part) return;
    c->fonts[c->n] = font;
    c->at[c->n] = at;
    c->parts[c->n++] = part;
}

SDL_Surface *fonts_render(Fonts *f, int px, bool bold, const char *s, int len, SDL_Color fg, SDL_Color bg) {
    RenderCtx c = {.fg = fg, .bg = bg};
    if (len <= 0) return NULL;
    runs(f, px, bold, s, len, render_run, &c);
    if (c.n == 0) return NULL;
    /* Runs stand at their pens, as measure() counts them; the surface also
     * holds the ink of the last glyph that hangs past its advance. */
    int w = c.pen, h = 0, asc = 0;
    for (int i = 0; i < c.n; i++) {
        if (c.at[i] + c.parts[i]->w > w) w = c.at[i] + c.parts[i]->w;
        if (TTF_FontAscent(c.fonts[i]) > asc) asc = TTF_FontAscent(c.fonts[i]);
    }
    for (int i = 0; i < c.n; i++) {
        int top = asc - TTF_FontAscent(c.fonts[i]);
        if (top + c.parts[i]->h > h) h = top + c.parts[i]->h;
    }
    SDL_Surface *out = w > 0 && h > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    if (out) {
        SDL_FillRect(out, NULL, SDL_MapRGB(out->format, bg.r, bg.g, bg.b));
        for (int i = 0; i < c.n; i++) {
            SDL_Rect d = {c.at[i], asc - TTF_FontAscent(c.fonts[i]), c.parts[i]->w, c.parts[i]->h};
            SDL_SetSurfaceBlendMode(c.parts[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(c.parts[i], NULL, out, &d);
        }
    }
    for (int i = 0; i < c.n; i++) SDL_FreeSurface(c.parts[i]);
    return out;
}
