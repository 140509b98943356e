/* font.h: finding, opening and using the fonts.
 *
 * The main font is the monospace UI font, DejaVu Sans Mono, matched through
 * libfontconfig (then any "monospace" font), with its bold face when the
 * family has one.  A character the main font lacks is drawn with the first
 * font in fontconfig's fallback order that has it: FcFontSort for the main
 * family, WenQuanYi Micro Hei (the CJK font the layout's metrics model
 * describes, see metrics.h) next, each candidate tested with its FcCharSet.
 * Bold text uses the fallback family's bold face where fontconfig knows one
 * that has the character, else the regular face (no synthetic bold: it
 * would widen the glyphs the layout measured).  Text is split into runs by
 * face and each run drawn with its own.
 *
 * HCHANVIZ_FONT, HCHANVIZ_FONT_BOLD and HCHANVIZ_CJK_FONT name font files
 * that replace the main, bold-main and first-fallback choices. */
#ifndef HCHANVIZ_SDL_FONT_H
#define HCHANVIZ_SDL_FONT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdbool.h>

#include "metrics.h"

enum { FONT_CACHE = 24, WIDTH_HASH = 512, FONT_FACES = 16, GLYPH_HASH = 512 };

/* One face of a font file that text can be drawn with. */
typedef struct FontFace {
    char path[1024];
    int index;        /* the face's index in its file (a .ttc holds several) */
    char family[128]; /* fontconfig's family name; "" for a file named by the environment */
    FcCharSet *chars; /* the characters it has (a reference we hold), or NULL: ask probe */
    TTF_Font *probe;  /* open at 16 px when chars is NULL, to ask SDL_ttf about glyphs */
    int bold;         /* faces[] index of its bold face; -1: none, bold text uses this one; -2: not looked up */
} FontFace;

typedef struct Fonts {
    FcConfig *fc;    /* our own fontconfig configuration; NULL when fontconfig could not load one */
    FcFontSet *order; /* the fallback order (FcFontSort, trimmed); its patterns belong to it */
    FontFace faces[FONT_FACES];
    int nfaces;      /* faces[0] is the main font; the others are added as the text needs them */
    int pinned;      /* HCHANVIZ_CJK_FONT's face, asked before the fallback order; -1: none */
    int cjk;         /* the face that draws U+4E2D (line heights count it, as the model does); -1: none */
    /* Which face draws a character >= U+0080, looked up once (cp 0 = free slot). */
    struct { uint32_t cp; int16_t face; } glyphs[GLYPH_HASH];
    int nglyphs;
    /* Faces opened at a size; bit i of tried says faces[i] was opened (or failed to) at px. */
    struct {
        int px;
        TTF_Font *font[FONT_FACES];
        uint32_t tried;
        unsigned last_use;
    } open[FONT_CACHE];
    unsigned clock;
    /* Measured character widths per size: ASCII (+1, 0 = not yet), and a hash of the others. */
    struct { int px; int16_t ascii[128]; uint32_t cp[WIDTH_HASH]; int16_t w[WIDTH_HASH]; int n; } widths[FONT_CACHE];
    ViewMetrics metrics; /* measures with these fonts (ud = this) */
} Fonts;

/* Finds the fonts and checks the main one opens (TTF_Init must have run).
 * On failure frees what it took and returns false with a message for the
 * user in why (the caller prints it and exits 1).  A missing CJK fallback
 * is only a warning on stderr: Chinese then shows as boxes. */
bool fonts_init(Fonts *f, char *why, int cap);
/* Closes every font and releases fontconfig's data; safe to call twice. */
void fonts_free(Fonts *f);
/* Renders s[0..len) at px, fg on bg (opaque, antialiased against bg), the
 * runs in their fonts, into a new surface (NULL on failure or empty text). */
SDL_Surface *fonts_render(Fonts *f, int px, bool bold, const char *s, int len, SDL_Color fg, SDL_Color bg);

#endif
