/* metrics.h: measuring text for layout, and the text helpers built on it
 * (UTF-8 decoding, eliding to a width, wrapping to a width). */
#ifndef HCHANVIZ_METRICS_H
#define HCHANVIZ_METRICS_H

#include <stdbool.h>
#include <stdint.h>

/* Measures text: the width in pixels of s[0..len) (UTF-8) at font size px,
 * and the height of a line of text at px.  Widths must add up: the width of
 * a string is the sum of the widths of its characters (true of the fonts
 * hchanviz uses: a monospace font and a CJK font without kerning). */
typedef struct ViewMetrics {
    int (*text_width)(void *ud, int px, const char *s, int len);
    int (*line_height)(void *ud, int px);
    void *ud;
} ViewMetrics;

/* The fonts hchanviz draws with, modelled exactly: DejaVu Sans Mono for
 * every character it has (advance round(px * 1233 / 2048), its unitsPerEm
 * being 2048 and every advance 1233), WenQuanYi Micro Hei for the rest (CJK:
 * advance px).  Line height: the taller of the two fonts' TTF_FontHeight,
 * tabulated from SDL_ttf 2.20 for 6..200 px.  Measured once with SDL_ttf
 * (TTF_SizeUTF8) for every size from 10 to 200 px on many strings: exact. */
extern const ViewMetrics view_metrics_dejavu;
/* True for a code point the main (monospace) font lacks, drawn by the CJK font. */
bool view_cp_is_wide(uint32_t cp);
int view_mono_advance(int px);
int view_line_height(int px);

/* Decodes the UTF-8 character at s[*i] (i < len) and advances *i; invalid
 * bytes decode as U+FFFD one byte at a time. */
uint32_t utf8_next(const char *s, int len, int *i);

/* Fits s[0..len) into maxw pixels: copies it into out (cap bytes), cut at a
 * character boundary with "…" appended when it is too wide.  Returns the
 * length written (0 if not even "…" fits). */
int text_fit(const ViewMetrics *m, int px, const char *s, int len, int maxw, char *out, int cap);

/* Breaks s[0..len) into lines no wider than maxw: at spaces, at any CJK
 * character, at newlines, and inside a word that is wider than a line.
 * Fills up to max lines (off, len) and returns how many lines it needs. */
typedef struct TextLine { int off, len; } TextLine;
int text_wrap(const ViewMetrics *m, int px, const char *s, int len, int maxw, TextLine *lines, int max);

#endif
