/* The GIF writer (render/sdl/gifenc.c), read back with giflib's decoder:
 *
 *  - the palette holds every colour of every theme exactly, however many
 *    (text, background) ramps ask for room, and never more than 255 entries;
 *  - a ramp's blends lie between its two colours, evenly;
 *  - frames: the first stored whole, later ones as the box of what changed
 *    with the transparent index for unchanged pixels, an unchanged frame
 *    merged into the one before (delays added); composing the stored images
 *    gives back every source frame exactly; the NETSCAPE2.0 extension loops
 *    forever;
 *  - a write that fails makes the writer fail and say so. */
#include "testutil.h"

#include <gif_lib.h>
#include <stdlib.h>
#include <string.h>

#include "gifenc.h"
#include "theme.h"

/* ---- helpers ------------------------------------------------------------------ */

typedef struct Mem { unsigned char *p; size_t n, cap, limit, pos; } Mem;

static bool mem_write(void *ud, const void *p, size_t n) {
    Mem *m = ud;
    if (m->limit && m->n + n > m->limit) return false;
    if (m->n + n > m->cap) {
        m->cap = (m->n + n) * 2;
        m->p = realloc(m->p, m->cap);
        assert_non_null(m->p);
    }
    memcpy(m->p + m->n, p, n);
    m->n += n;
    return true;
}

static int mem_read(GifFileType *gf, GifByteType *out, int n) {
    Mem *m = gf->UserData;
    size_t k = m->n - m->pos < (size_t)n ? m->n - m->pos : (size_t)n;
    memcpy(out, m->p + m->pos, k);
    m->pos += k;
    return (int)k;
}

static GifFileType *decode(Mem *m) {
    int err = 0;
    m->pos = 0;
    GifFileType *gf = DGifOpen(m, mem_read, &err);
    assert_non_null(gf);
    assert_int_equal(DGifSlurp(gf), GIF_OK);
    return gf;
}

static uint32_t rgb_of(int theme, int role) {
    Rgb c = theme_color(theme, role);
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

/* ---- the palette ---------------------------------------------------------------- */

static void every_theme_colour_exact(void **state) {
    (void)state;
    for (int t = 0; t < THEME__COUNT; t++) {
        GifPalette pal;
        gifenc_palette_init(&pal);
        for (int r = 0; r < ROLE__COUNT; r++) assert_true(gifenc_palette_add(&pal, rgb_of(t, r)));
        /* The worst case: every role on every role asks for a ramp. */
        static GifRamp pairs[ROLE__COUNT * ROLE__COUNT];
        int n = 0;
        for (int fg = 0; fg < ROLE__COUNT; fg++)
            for (int bg = 0; bg < ROLE__COUNT; bg++) pairs[n++] = (GifRamp){rgb_of(t, fg), rgb_of(t, bg), (double)(fg + bg)};
        gifenc_palette_ramps(&pal, pairs, n);
        assert_true(pal.n <= GIFENC_MAX_COLORS);
        for (int r = 0; r < ROLE__COUNT; r++) {
            uint32_t c = rgb_of(t, r);
            int i = gifenc_palette_nearest(&pal, c);
            if (pal.rgb[i] != c) fail_msg("theme %s role %d: #%06X is not in the palette (nearest #%06X)", theme_name(t), r, c, pal.rgb[i]);
        }
        for (int i = 0; i < pal.n; i++)
            for (int j = i + 1; j < pal.n; j++) assert_int_not_equal(pal.rgb[i], pal.rgb[j]);
    }
}

static void ramps_are_even_blends(void **state) {
    (void)state;
    GifPalette pal;
    gifenc_palette_init(&pal);
    gifenc_palette_add(&pal, 0x000000);
    gifenc_palette_add(&pal, 0xFFFFFF);
    GifRamp one = {0x000000, 0xFFFFFF, 1};
    gifenc_palette_ramps(&pal, &one, 1);
    assert_int_equal(pal.n, 2 + GIFENC_MAX_RAMP);
    /* Grey levels between black and white, every one at most 256/17 from the last. */
    for (int v = 0; v < 256; v++) {
        uint32_t g = (uint32_t)v * 0x010101;
        uint32_t got = pal.rgb[gifenc_palette_nearest(&pal, g)];
        int gv = (int)(got & 0xFF);
        assert_int_equal(got, (uint32_t)gv * 0x010101); /* stays grey */
        assert_true(abs(gv - v) <= 256 / (2 * (GIFENC_MAX_RAMP + 1)) + 1);
    }
    /* Equal colours need no ramp; with many pairs the heaviest get the room. */
    GifPalette p2;
    gifenc_palette_init(&p2);
    GifRamp same = {0x123456, 0x123456, 5};
    gifenc_palette_ramps(&p2, &same, 1);
    assert_int_equal(p2.n, 0);
    for (int i = 0; i < 250; i++) gifenc_palette_add(&p2, (uint32_t)i);
    GifRamp pairs[10];
    for (int i = 0; i < 10; i++) pairs[i] = (GifRamp){0xFF0000, (uint32_t)(0x00FF00 + 16 * i), (double)i};
    gifenc_palette_ramps(&p2, pairs, 10);
    assert_int_equal(p2.n, GIFENC_MAX_COLORS);
    /* Equal contrast: the five heaviest (9..5) get their half-way blend, the others none. */
    for (int i = 0; i < 10; i++) {
        uint32_t mid = 0x808000 | (uint32_t)(16 * i - (32 * i - 2) / 4); /* blue 16i halfway to 0, rounded */
        bool has = p2.rgb[gifenc_palette_nearest(&p2, mid)] == mid;
        if (has != (i >= 5)) fail_msg("pair %d: half-way blend #%06X %s", i, mid, has ? "given" : "missing");
    }
}

/* ---- frames --------------------------------------------------------------------- */

enum { W = 64, H = 48 };
static const uint32_t colors[4] = {0xFFFFFF, 0x2F5D9A, 0xFFF1C2, 0x1B1F24};

static void paint(uint32_t *px, int x, int y, int w, int h, uint32_t c) {
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++) px[j * W + i] = 0xFF000000u | c;
}

static void frames_round_trip(void **state) {
    (void)state;
    GifPalette pal;
    gifenc_palette_init(&pal);
    for (int i = 0; i < 4; i++) gifenc_palette_add(&pal, colors[i]);
    static uint32_t f[4][W * H];
    paint(f[0], 0, 0, W, H, colors[0]);
    paint(f[0], 4, 4, 30, 20, colors[1]);
    paint(f[0], 40, 10, 20, 30, colors[2]);
    memcpy(f[1], f[0], sizeof f[0]);
    paint(f[1], 20, 30, 10, 5, colors[3]); /* a small change */
    memcpy(f[2], f[1], sizeof f[1]);       /* none: merged */
    memcpy(f[3], f[2], sizeof f[2]);
    paint(f[3], 0, 0, 1, 1, colors[2]);    /* two corners: the whole picture */
    paint(f[3], W - 1, H - 1, 1, 1, colors[1]);
    const int delays[4] = {150, 5, 120, 300};

    Mem m = {0};
    char why[200];
    GifEnc *g = gifenc_open(W, H, &pal, mem_write, &m, why, sizeof why);
    assert_non_null(g);
    for (int i = 0; i < 4; i++) assert_true(gifenc_frame(g, f[i], W, delays[i]));
    GifEncStats st;
    assert_true(gifenc_close(g, &st, why, sizeof why));
    assert_int_equal(st.frames_in, 4);
    assert_int_equal(st.frames_out, 3);
    assert_int_equal(st.bytes, m.n);
    assert_int_equal(st.exact, st.changed);

    GifFileType *gf = decode(&m);
    assert_int_equal(gf->SWidth, W);
    assert_int_equal(gf->SHeight, H);
    assert_int_equal(gf->ImageCount, 3);
    assert_non_null(gf->SColorMap);
    for (int i = 0; i < pal.n; i++) {
        GifColorType c = gf->SColorMap->Colors[i];
        assert_int_equal((uint32_t)c.Red << 16 | (uint32_t)c.Green << 8 | c.Blue, pal.rgb[i]);
    }
    /* The loop extension, before the first image: "NETSCAPE2.0", then {1, 0, 0} (loop count 0 = forever). */
    bool loops = false;
    const SavedImage *first = &gf->SavedImages[0];
    for (int i = 0; i + 1 < first->ExtensionBlockCount; i++) {
        const ExtensionBlock *e = &first->ExtensionBlocks[i];
        if (e->Function == APPLICATION_EXT_FUNC_CODE && e->ByteCount == 11 && memcmp(e->Bytes, "NETSCAPE2.0", 11) == 0) {
            const ExtensionBlock *d = &first->ExtensionBlocks[i + 1];
            assert_int_equal(d->ByteCount, 3);
            assert_int_equal(d->Bytes[0], 1);
            assert_int_equal(d->Bytes[1] | d->Bytes[2] << 8, 0);
            loops = true;
        }
    }
    assert_true(loops);
    /* Boxes, delays, transparency. */
    const int want_box[3][4] = {{0, 0, W, H}, {20, 30, 10, 5}, {0, 0, W, H}};
    const int want_delay[3] = {150, 5 + 120, 300};
    static uint32_t canvas[W * H];
    for (int k = 0; k < 3; k++) {
        const SavedImage *im = &gf->SavedImages[k];
        assert_int_equal(im->ImageDesc.Left, want_box[k][0]);
        assert_int_equal(im->ImageDesc.Top, want_box[k][1]);
        assert_int_equal(im->ImageDesc.Width, want_box[k][2]);
        assert_int_equal(im->ImageDesc.Height, want_box[k][3]);
        GraphicsControlBlock gcb;
        assert_int_equal(DGifSavedExtensionToGCB(gf, k, &gcb), GIF_OK);
        assert_int_equal(gcb.DelayTime, want_delay[k]);
        assert_int_equal(gcb.DisposalMode, DISPOSE_DO_NOT);
        assert_int_equal(gcb.TransparentColor, k == 0 ? NO_TRANSPARENT_COLOR : GIFENC_TRANSPARENT);
        const GifImageDesc *d = &im->ImageDesc;
        for (int y = 0; y < d->Height; y++)
            for (int x = 0; x < d->Width; x++) {
                int idx = im->RasterBits[y * d->Width + x];
                if (idx == gcb.TransparentColor) continue;
                assert_true(idx < pal.n);
                canvas[(d->Top + y) * W + d->Left + x] = pal.rgb[idx];
            }
        const uint32_t *src = f[k == 0 ? 0 : k == 1 ? 2 : 3];
        for (int i = 0; i < W * H; i++)
            if (canvas[i] != (src[i] & 0xFFFFFF)) fail_msg("image %d pixel (%d,%d): #%06X, want #%06X", k, i % W, i / W, canvas[i], src[i] & 0xFFFFFF);
    }
    int err;
    DGifCloseFile(gf, &err);
    free(m.p);
}

static void antialiased_pixels_map_near(void **state) {
    (void)state;
    GifPalette pal;
    gifenc_palette_init(&pal);
    gifenc_palette_add(&pal, 0x1B1F24);
    gifenc_palette_add(&pal, 0xEAF2FF);
    GifRamp r = {0x1B1F24, 0xEAF2FF, 1};
    gifenc_palette_ramps(&pal, &r, 1);
    static uint32_t px[W * H];
    for (int i = 0; i < W * H; i++) {
        int a = i % 256; /* every coverage level of the text colour over its background */
        uint32_t c = 0;
        for (int s = 0; s <= 16; s += 8) {
            int fg = (int)(0x1B1F24u >> s & 0xFF), bg = (int)(0xEAF2FFu >> s & 0xFF);
            c |= (uint32_t)((fg * a + bg * (255 - a) + 127) / 255) << s;
        }
        px[i] = c;
    }
    Mem m = {0};
    char why[200];
    GifEnc *g = gifenc_open(W, H, &pal, mem_write, &m, why, sizeof why);
    assert_non_null(g);
    assert_true(gifenc_frame(g, px, W, 10));
    assert_true(gifenc_close(g, NULL, why, sizeof why));
    GifFileType *gf = decode(&m);
    const SavedImage *im = &gf->SavedImages[0];
    for (int i = 0; i < W * H; i++) {
        GifColorType c = gf->SColorMap->Colors[im->RasterBits[i]];
        int dr = abs((int)c.Red - (int)(px[i] >> 16 & 0xFF)), dg = abs((int)c.Green - (int)(px[i] >> 8 & 0xFF)),
            db = abs((int)c.Blue - (int)(px[i] & 0xFF));
        if (dr > 8 || dg > 8 || db > 8) fail_msg("pixel %d: #%06X mapped %d/%d/%d away", i, px[i], dr, dg, db);
    }
    int err;
    DGifCloseFile(gf, &err);
    free(m.p);
}

static void a_failed_write_fails(void **state) {
    (void)state;
    GifPalette pal;
    gifenc_palette_init(&pal);
    for (int i = 0; i < 4; i++) gifenc_palette_add(&pal, colors[i]);
    static uint32_t px[W * H];
    unsigned seed = 1;
    for (int i = 0; i < W * H; i++) px[i] = colors[(seed = seed * 1103515245u + 12345u) >> 16 & 3];
    Mem m = {.limit = 1200}; /* room for the header and the palette, not for the noise */
    char why[200] = "";
    GifEnc *g = gifenc_open(W, H, &pal, mem_write, &m, why, sizeof why);
    assert_non_null(g);
    gifenc_frame(g, px, W, 10);
    px[0] = colors[3] ^ 0x010101;
    gifenc_frame(g, px, W, 10);
    assert_false(gifenc_close(g, NULL, why, sizeof why));
    assert_non_null(strstr(why, "write failed"));
    free(m.p);
    /* Too little room even for the header: open fails and says why. */
    Mem tiny = {.limit = 10};
    assert_null(gifenc_open(W, H, &pal, mem_write, &tiny, why, sizeof why));
    assert_true(why[0] != '\0');
    free(tiny.p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_theme_colour_exact),
        cmocka_unit_test(ramps_are_even_blends),
        cmocka_unit_test(frames_round_trip),
        cmocka_unit_test(antialiased_pixels_map_near),
        cmocka_unit_test(a_failed_write_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
