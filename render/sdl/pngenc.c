/* pngenc.c: a frame as a PNG through libpng (see pngenc.h).
 *
 * Why not SDL_image's IMG_SavePNG: it writes with libpng's defaults (zlib
 * level 6, adaptive filters), and at 1080p that spent about 90 ms a frame,
 * nearly all of it in zlib.  The frames are flat: long runs of one colour
 * that zlib finds at any level, so a low level loses little size and most of
 * the time.  The level and filter below are chosen by measurement
 * (bench_gif --png-sweep): small files well within the 25 ms goal.
 *
 * libpng reports errors by longjmp: everything the error path frees is
 * allocated before setjmp and held in PngCtx, so no local changes under it. */
#include "pngenc.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Measured at 1080p (lesson 05, every step): no filter beats every other at
 * every level, both in time and in size (the backgrounds are one colour
 * whatever the filter; on anti-aliased text a filter only spreads the
 * values).  Levels 1-3 (zlib's fast path) take about 15 ms a frame, 4 and up
 * (lazy matching) 23-26 ms; level 3 is the smallest of the fast ones, 6%
 * larger than level 4, which is within the machine's noise of the goal. */
const PngEncOptions pngenc_default = {3, PNGENC_FILTER_NONE};

typedef struct PngCtx {
    PngEncWrite write;
    void *ud;
    bool write_failed;
    char msg[200];
} PngCtx;

static void pngenc_on_error(png_structp png, png_const_charp msg) {
    PngCtx *c = png_get_error_ptr(png);
    snprintf(c->msg, sizeof c->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void pngenc_on_warning(png_structp png, png_const_charp msg) {
    (void)png, (void)msg;
}

static void pngenc_on_write(png_structp png, png_bytep p, size_t n) {
    PngCtx *c = png_get_io_ptr(png);
    if (!c->write(c->ud, p, n)) {
        c->write_failed = true;
        png_error(png, "write failed");
    }
}

static void pngenc_on_flush(png_structp png) { (void)png; }

static bool pngenc_opaque(const uint32_t *argb, int w, int h, int pitch) {
    for (int y = 0; y < h; y++) {
        const uint32_t *row = argb + (size_t)y * (size_t)pitch;
        uint32_t all = 0xff000000u;
        for (int x = 0; x < w; x++) all &= row[x];
        if (all != 0xff000000u) return false;
    }
    return true;
}

/* The libpng calls; an error longjmps out of here to pngenc_write's setjmp. */
static void pngenc_encode(png_structp png, png_infop info, PngCtx *ctx, const uint32_t *argb, int w, int h, int pitch,
                          const PngEncOptions *opt, bool opaque, unsigned char *row) {
    png_set_write_fn(png, ctx, pngenc_on_write, pngenc_on_flush);
    png_set_compression_level(png, opt->level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, opt->filters);
    /* Bigger zlib output chunks: fewer calls into write. */
    png_set_compression_buffer_size(png, 1u << 16);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        const uint32_t *src = argb + (size_t)y * (size_t)pitch;
        unsigned char *d = row;
        for (int x = 0; x < w; x++) {
            uint32_t p = src[x];
            *d++ = (unsigned char)(p >> 16);
            *d++ = (unsigned char)(p >> 8);
            *d++ = (unsigned char)p;
            if (!opaque) *d++ = (unsigned char)(p >> 24);
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
}

bool pngenc_write(const uint32_t *argb, int w, int h, int pitch, const PngEncOptions *opt, PngEncWrite write,
                  void *ud, char *why, int cap) {
    if (w <= 0 || h <= 0 || pitch < w) {
        snprintf(why, (size_t)cap, "cannot encode a %dx%d PNG", w, h);
        return false;
    }
    bool opaque = pngenc_opaque(argb, w, h, pitch);
    unsigned char *row = malloc((size_t)w * (opaque ? 3u : 4u));
    PngCtx ctx = {write, ud, false, ""};
    png_structp png = row ? png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, pngenc_on_error, pngenc_on_warning)
                          : NULL;
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        if (png) png_destroy_write_struct(&png, NULL);
        free(row);
        snprintf(why, (size_t)cap, "cannot encode a PNG: out of memory");
        return false;
    }
    bool ok = false;
    if (setjmp(png_jmpbuf(png)) == 0) {
        pngenc_encode(png, info, &ctx, argb, w, h, pitch, opt ? opt : &pngenc_default, opaque, row);
        ok = true;
    } else if (ctx.write_failed) {
        snprintf(why, (size_t)cap, "write failed");
    } else {
        snprintf(why, (size_t)cap, "cannot encode a PNG: %s", ctx.msg);
    }
    png_destroy_write_struct(&png, &info);
    free(row);
    return ok;
}
