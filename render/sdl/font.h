/* font.h: finding, opening and using the fonts: a monospace main font
 * (DejaVu Sans Mono) with its bold face, and a CJK fallback (WenQuanYi Micro
 * Hei) for every character the main font lacks.  Text is split into runs by
 * font (TTF_GlyphIsProvided32 per character) and each run drawn with its own.
 * Fonts are found through fontconfig's fc-match when it is there, then at
 * the paths Debian installs them; HCHANVIZ_FONT, HCHANVIZ_FONT_BOLD and
 * HCHANVIZ_CJK_FONT override. */
#ifndef HCHANVIZ_SDL_FONT_H
#define HCHANVIZ_SDL_FONT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

#include "metrics.h"

enum { FONT_CACHE = 24, WIDTH_HASH = 512 };

typedef struct Fonts {
    char main_path[1024], bold_path[1024], cjk_path[1024];
    bool has_bold, has_cjk;
    struct {
        int px;
        TTF_Font *main, *bold, *cjk;
        unsigned last_use;
    } open[FONT_CACHE];
    unsigned clock;
    /* Measured character widths per size: ASCII (+1, 0 = not yet), and a hash of the others. */
    struct { int px; int16_t ascii[128]; uint32_t cp[WIDTH_HASH]; int16_t w[WIDTH_HASH]; int n; } widths[FONT_CACHE];
    ViewMetrics metrics; /* measures with these fonts (ud = this) */
} Fonts;

/* Finds the fonts and checks the main one opens.  On failure returns false
 * with a message for the user in why (the caller prints it and exits 1). */
bool fonts_init(Fonts *f, char *why, int cap);
void fonts_free(Fonts *f);
/* Renders s[0..len) at px, fg on bg (opaque, antialiased against bg), the
 * runs in their fonts, into a new surface (NULL on failure or empty text). */
SDL_Surface *fonts_render(Fonts *f, int px, bool bold, const char *s, int len, SDL_Color fg, SDL_Color bg);

#endif
