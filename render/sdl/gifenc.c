/* gifenc.c: animated GIF writing (see gifenc.h for the design).
 *
 * State kept between frames: `canvas`, what a viewer shows after the last
 * stored frame (the pixels as given, before palette mapping, so that a
 * change is a change of the source, never an artefact of mapping), and one
 * pending image, stored only when the next frame differs (then its delay is
 * final) or on close. */
#include "gifenc.h"

#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the palette ------------------------------------------------------------ */

void gifenc_palette_init(GifPalette *p) { memset(p, 0, sizeof *p); }

static bool palette_has(const GifPalette *p, uint32_t rgb) {
    for (int i = 0; i < p->n; i++)
        if (p->rgb[i] == rgb) return true;
    return false;
}

bool gifenc_palette_add(GifPalette *p, uint32_t rgb) {
    rgb &= 0xFFFFFF;
    if (palette_has(p, rgb)) return true;
    if (p->n >= GIFENC_MAX_COLORS) return false;
    p->rgb[p->n++] = rgb;
    return true;
}

static uint32_t blend(uint32_t fg, uint32_t bg, int k, int levels) {
    uint32_t out = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
        int a = (int)(fg >> shift & 0xFF), b = (int)(bg >> shift & 0xFF);
        int v = b + ((a - b) * k * 2 + (levels + 1)) / (2 * (levels + 1)); /* rounded b + (a-b)*k/(levels+1) */
        out |= (uint32_t)v << shift;
    }
    return out;
}

static int by_weight(const void *x, const void *y) {
    const GifRamp *a = x, *b = y;
    return a->weight > b->weight ? -1 : a->weight < b->weight ? 1 : 0;
}

/* How far apart a pair's colours are: the largest channel difference. */
static int contrast(uint32_t a, uint32_t b) {
    int best = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
        int d = abs((int)(a >> shift & 0xFF) - (int)(b >> shift & 0xFF));
        if (d > best) best = d;
    }
    return best;
}

void gifenc_palette_ramps(GifPalette *p, GifRamp *pairs, int n) {
    /* Pairs whose colours are equal have no edge to smooth. */
    int m = 0;
    for (int i = 0; i < n; i++)
        if ((pairs[i].fg & 0xFFFFFF) != (pairs[i].bg & 0xFFFFFF)) pairs[m++] = pairs[i];
    if (m == 0) return;
    qsort(pairs, (size_t)m, sizeof *pairs, by_weight);
    int room = GIFENC_MAX_COLORS - p->n;
    if (room <= 0) return;
    int *levels = calloc((size_t)m, sizeof *levels);
    if (!levels) return;
    /* A pixel of a ramp with L levels is at most contrast / (2 (L + 1)) from
     * an entry.  Each entry goes where that worst error is largest, so a
     * black-on-white ramp gets more levels than grey on light grey; among
     * equals the heavier pair (in weight order) first.  With less room than
     * pairs, only the most contrasting get their half-way blend. */
    for (int given = 0; given < room; given++) {
        int best = -1;
        double best_err = 0;
        for (int i = 0; i < m; i++) {
            if (levels[i] >= GIFENC_MAX_RAMP) continue;
            double err = (double)contrast(pairs[i].fg, pairs[i].bg) / (levels[i] + 1);
            if (err > best_err) best_err = err, best = i;
        }
        if (best < 0) break;
        levels[best]++;
    }
    for (int i = 0; i < m && p->n < GIFENC_MAX_COLORS; i++)
        for (int k = 1; k <= levels[i] && p->n < GIFENC_MAX_COLORS; k++)
            gifenc_palette_add(p, blend(pairs[i].fg, pairs[i].bg, k, levels[i]));
    free(levels);
}

static int distance(uint32_t a, uint32_t b) {
    int dr = (int)(a >> 16 & 0xFF) - (int)(b >> 16 & 0xFF);
    int dg = (int)(a >> 8 & 0xFF) - (int)(b >> 8 & 0xFF);
    int db = (int)(a & 0xFF) - (int)(b & 0xFF);
    return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

int gifenc_palette_nearest(const GifPalette *p, uint32_t rgb) {
    rgb &= 0xFFFFFF;
    int best = 0, bd = 1 << 30;
    for (int i = 0; i < p->n; i++) {
        int d = distance(p->rgb[i], rgb);
        if (d < bd) {
            bd = d;
            best = i;
            if (d == 0) break;
        }
    }
    return best;
}

/* ---- the encoder ------------------------------------------------------------- */

enum { CACHE_BITS = 16 };

struct GifEnc {
    GifFileType *gif;
    GifWriteFn write;
    void *ud;
    bool failed;            /* a write failed: nothing more is written */
    char err[160];          /* the first failure, for gifenc_close */
    int w, h;
    GifPalette pal;
    /* colour -> palette index, direct-mapped: key is rgb | 1 << 24 when set */
    uint32_t *cache_key;
    uint8_t *cache_idx;
    uint32_t *canvas;       /* w*h: the source pixels (as given) of what is shown after the pending image */
    uint8_t *pend;          /* the pending image's indices, px_w*px_h of them */
    int px, py, pw, ph;     /* the pending image's box */
    int pdelay;             /* its delay */
    bool have_pend, pend_transparent;
    GifEncStats st;
};

static void fail(GifEnc *g, const char *what, int gif_err) {
    if (!g->failed) {
        snprintf(g->err, sizeof g->err, "%s%s%s", what, gif_err ? ": " : "", gif_err ? GifErrorString(gif_err) : "");
    }
    g->failed = true;
}

static int put_bytes(GifFileType *gf, const GifByteType *p, int n) {
    GifEnc *g = gf->UserData;
    if (g->failed || n < 0) return 0;
    if (!g->write(g->ud, p, (size_t)n)) {
        fail(g, "write failed", 0);
        return 0;
    }
    g->st.bytes += (uint64_t)n;
    return n;
}

static inline uint8_t map_color(GifEnc *g, uint32_t rgb) {
    rgb &= 0xFFFFFF;
    uint32_t slot = (rgb * 2654435761u) >> (32 - CACHE_BITS);
    if (g->cache_key[slot] == (rgb | 1u << 24)) return g->cache_idx[slot];
    uint8_t idx = (uint8_t)gifenc_palette_nearest(&g->pal, rgb);
    g->cache_key[slot] = rgb | 1u << 24;
    g->cache_idx[slot] = idx;
    return idx;
}

GifEnc *gifenc_open(int w, int h, const GifPalette *pal, GifWriteFn write, void *ud, char *why, int cap) {
    if (w <= 0 || h <= 0 || w > 65535 || h > 65535 || pal->n <= 0 || pal->n > GIFENC_MAX_COLORS) {
        snprintf(why, (size_t)cap, "a GIF must be 1..65535 pixels a side with 1..%d colours (got %dx%d, %d)",
                 GIFENC_MAX_COLORS, w, h, pal->n);
        return NULL;
    }
    GifEnc *g = calloc(1, sizeof *g);
    size_t npx = (size_t)w * (size_t)h;
    if (g) {
        g->cache_key = calloc((size_t)1 << CACHE_BITS, sizeof *g->cache_key);
        g->cache_idx = malloc((size_t)1 << CACHE_BITS);
        g->canvas = malloc(npx * sizeof *g->canvas);
        g->pend = malloc(npx);
    }
    if (!g || !g->cache_key || !g->cache_idx || !g->canvas || !g->pend) {
        if (g) free(g->cache_key), free(g->cache_idx), free(g->canvas), free(g->pend);
        free(g);
        snprintf(why, (size_t)cap, "out of memory for a %dx%d GIF", w, h);
        return NULL;
    }
    g->w = w;
    g->h = h;
    g->pal = *pal;
    g->write = write;
    g->ud = ud;
    int err = 0;
    g->gif = EGifOpen(g, put_bytes, &err);
    if (!g->gif) {
        snprintf(why, (size_t)cap, "giflib: %s", GifErrorString(err));
        free(g->cache_key), free(g->cache_idx), free(g->canvas), free(g->pend);
        free(g);
        return NULL;
    }
    EGifSetGifVersion(g->gif, true);
    GifColorType colors[256];
    memset(colors, 0, sizeof colors);
    for (int i = 0; i < pal->n; i++)
        colors[i] = (GifColorType){(GifByteType)(pal->rgb[i] >> 16), (GifByteType)(pal->rgb[i] >> 8), (GifByteType)pal->rgb[i]};
    ColorMapObject *map = GifMakeMapObject(256, colors);
    if (!map) {
        fail(g, "out of memory", 0);
    } else {
        if (EGifPutScreenDesc(g->gif, w, h, 8, 0, map) == GIF_ERROR) fail(g, "cannot write the screen descriptor", g->gif->Error);
        GifFreeMapObject(map);
    }
    /* NETSCAPE2.0: sub-block 1 holds the loop count, 0 = forever. */
    static const GifByteType loop[3] = {1, 0, 0};
    if (!g->failed && (EGifPutExtensionLeader(g->gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
                       EGifPutExtensionBlock(g->gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
                       EGifPutExtensionBlock(g->gif, 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(g->gif) == GIF_ERROR))
        fail(g, "cannot write the loop extension", g->gif->Error);
    if (g->failed) {
        snprintf(why, (size_t)cap, "%s", g->err);
        EGifCloseFile(g->gif, &err);
        free(g->cache_key), free(g->cache_idx), free(g->canvas), free(g->pend);
        free(g);
        return NULL;
    }
    return g;
}

static bool store_pending(GifEnc *g) {
    if (!g->have_pend || g->failed) return !g->failed;
    g->have_pend = false;
    GraphicsControlBlock gcb = {
        .DisposalMode = DISPOSE_DO_NOT,
        .UserInputFlag = false,
        .DelayTime = g->pdelay > 65535 ? 65535 : g->pdelay,
        .TransparentColor = g->pend_transparent ? GIFENC_TRANSPARENT : NO_TRANSPARENT_COLOR,
    };
    GifByteType ext[4];
    size_t n = EGifGCBToExtension(&gcb, ext);
    if (EGifPutExtension(g->gif, GRAPHICS_EXT_FUNC_CODE, (int)n, ext) == GIF_ERROR ||
        EGifPutImageDesc(g->gif, g->px, g->py, g->pw, g->ph, false, NULL) == GIF_ERROR) {
        fail(g, "cannot write a frame", g->gif->Error);
        return false;
    }
    for (int y = 0; y < g->ph; y++) {
        if (EGifPutLine(g->gif, g->pend + (size_t)y * (size_t)g->pw, g->pw) == GIF_ERROR) {
            fail(g, "cannot write a frame", g->gif->Error);
            return false;
        }
    }
    g->st.frames_out++;
    return true;
}

/* The smallest box holding every pixel that differs from the canvas; false if none does. */
static bool changed_box(const GifEnc *g, const uint32_t *px, int pitch, int *bx, int *by, int *bw, int *bh) {
    int w = g->w, h = g->h, top = -1, bottom = -1;
    for (int y = 0; y < h; y++) {
        if (memcmp(px + (size_t)y * (size_t)pitch, g->canvas + (size_t)y * (size_t)w, (size_t)w * 4) != 0) {
            if (top < 0) top = y;
            bottom = y;
        }
    }
    if (top < 0) return false;
    int left = w, right = -1;
    for (int y = top; y <= bottom; y++) {
        const uint32_t *a = px + (size_t)y * (size_t)pitch, *b = g->canvas + (size_t)y * (size_t)w;
        for (int x = 0; x < left; x++)
            if ((a[x] ^ b[x]) & 0xFFFFFF) {
                left = x;
                break;
            }
        for (int x = w - 1; x > right; x--)
            if ((a[x] ^ b[x]) & 0xFFFFFF) {
                right = x;
                break;
            }
    }
    if (right < left) return false; /* only the ignored top bytes differed */
    *bx = left, *by = top, *bw = right - left + 1, *bh = bottom - top + 1;
    return true;
}

bool gifenc_frame(GifEnc *g, const uint32_t *pixels, int pitch, int delay_cs) {
    if (g->failed) return false;
    if (delay_cs < 0) delay_cs = 0;
    g->st.frames_in++;
    int x0 = 0, y0 = 0, bw = g->w, bh = g->h;
    bool first = g->st.frames_in == 1;
    if (!first && !changed_box(g, pixels, pitch, &x0, &y0, &bw, &bh)) {
        g->pdelay += delay_cs; /* the same picture: show the pending one longer */
        return true;
    }
    if (!store_pending(g)) return false;
    for (int y = 0; y < bh; y++) {
        const uint32_t *src = pixels + (size_t)(y0 + y) * (size_t)pitch + x0;
        uint32_t *cv = g->canvas + (size_t)(y0 + y) * (size_t)g->w + x0;
        uint8_t *out = g->pend + (size_t)y * (size_t)bw;
        for (int x = 0; x < bw; x++) {
            uint32_t c = src[x] & 0xFFFFFF;
            if (!first && ((src[x] ^ cv[x]) & 0xFFFFFF) == 0) {
                out[x] = GIFENC_TRANSPARENT;
                continue;
            }
            uint8_t i = map_color(g, c);
            out[x] = i;
            cv[x] = src[x];
            g->st.changed++;
            if (g->pal.rgb[i] == c) g->st.exact++;
        }
    }
    g->st.pixels += (uint64_t)bw * (uint64_t)bh;
    g->px = x0, g->py = y0, g->pw = bw, g->ph = bh;
    g->pdelay = delay_cs;
    g->pend_transparent = !first;
    g->have_pend = true;
    return true;
}

bool gifenc_close(GifEnc *g, GifEncStats *stats, char *why, int cap) {
    if (g->st.frames_in == 0 && !g->failed) fail(g, "no frames", 0);
    store_pending(g);
    int err = 0;
    EGifCloseFile(g->gif, &err); /* writes the trailer through put_bytes (a failure sets g->failed) */
    bool ok = !g->failed;
    if (!ok) snprintf(why, (size_t)cap, "%s", g->err);
    if (stats) *stats = g->st;
    free(g->cache_key);
    free(g->cache_idx);
    free(g->canvas);
    free(g->pend);
    free(g);
    return ok;
}
