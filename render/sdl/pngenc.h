/* pngenc.h: an ARGB8888 frame written as a PNG through libpng, for
 * `hchanviz export` and bench/bench_gif.c.
 *
 * The frames are flat UI images (large areas of one colour, anti-aliased
 * text), so the defaults are a fast zlib level and no row filter:
 * the choice is measured by `bench_gif --png-sweep` (see pngenc.c).
 * A frame whose pixels are all opaque is written as RGB, otherwise as RGBA;
 * either way it decodes to exactly the surface's pixels. */
#ifndef HCHANVIZ_SDL_PNGENC_H
#define HCHANVIZ_SDL_PNGENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Row filters (the values are libpng's PNG_FILTER_* bits, so they combine:
 * more than one bit lets libpng pick per row, "adaptive"). */
enum {
    PNGENC_FILTER_NONE = 0x08,
    PNGENC_FILTER_SUB = 0x10,
    PNGENC_FILTER_UP = 0x20,
    PNGENC_FILTER_AVG = 0x40,
    PNGENC_FILTER_PAETH = 0x80,
    PNGENC_FILTER_ALL = 0xf8,
};

typedef struct PngEncOptions {
    int level;     /* zlib level, 0..9 */
    int filters;   /* PNGENC_FILTER_* bits */
} PngEncOptions;

/* What export uses (chosen by measurement; see pngenc.c). */
extern const PngEncOptions pngenc_default;

/* Receives the encoded bytes in order; returns false if it could not take
 * them (the encoding then stops and pngenc_write returns false). */
typedef bool (*PngEncWrite)(void *ud, const void *p, size_t n);

/* Encodes the w x h frame at argb (pitch: pixels per row; each pixel
 * 0xAARRGGBB) with opt (NULL: pngenc_default) and hands the bytes to write.
 * Returns false with the reason in why if libpng fails or write refuses
 * bytes (why then says "write failed": the writer knows its own error). */
bool pngenc_write(const uint32_t *argb, int w, int h, int pitch, const PngEncOptions *opt, PngEncWrite write,
                  void *ud, char *why, int cap);

#endif
