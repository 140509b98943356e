/* The PNG writer (render/sdl/pngenc.c), read back with libpng's decoder:
 *
 *  - a frame decodes to exactly its pixels, at every level and filter the
 *    benchmark compares, with a row pitch wider than the frame;
 *  - an opaque frame is stored as RGB, one with any translucent pixel as
 *    RGBA (alpha kept);
 *  - a write that fails makes the writer fail and say so. */
#include "testutil.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "pngenc.h"

typedef struct Mem { unsigned char *p; size_t n, cap, limit; } Mem;

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

enum { W = 173, H = 61, PITCH = 180 };

/* A UI-like frame: flat background, boxes, and a band of noise like anti-aliased text. */
static void fill(uint32_t *px, uint32_t alpha_of_noise) {
    unsigned seed = 7;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < PITCH; x++) {
            uint32_t c = 0xfff4f1eau;
            if (x >= 20 && x < 90 && y >= 10 && y < 40) c = 0xff3a6ea5u;
            if (y >= 45 && y < 55) {
                seed = seed * 1103515245u + 12345u;
                c = (alpha_of_noise << 24) | (seed >> 8 & 0xffffffu);
            }
            px[y * PITCH + x] = x < W ? c : 0x12345678u; /* past the width: never read */
        }
    }
}

/* Decodes m and checks every pixel against px; returns the stored colour type. */
static int check_round_trip(const Mem *m, const uint32_t *px) {
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    assert_true(png_image_begin_read_from_memory(&img, m->p, m->n));
    assert_int_equal(img.width, W);
    assert_int_equal(img.height, H);
    int color_type = (img.format & PNG_FORMAT_FLAG_ALPHA) ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB;
    img.format = PNG_FORMAT_BGRA; /* 0xAARRGGBB read as a little-endian word; compared byte by byte below */
    unsigned char *out = malloc(PNG_IMAGE_SIZE(img));
    assert_non_null(out);
    assert_true(png_image_finish_read(&img, NULL, out, 0, NULL));
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            uint32_t want = px[y * PITCH + x];
            const unsigned char *o = out + ((size_t)y * W + (size_t)x) * 4;
            uint32_t got = (uint32_t)o[3] << 24 | (uint32_t)o[2] << 16 | (uint32_t)o[1] << 8 | o[0];
            if (got != want) fail_msg("pixel (%d,%d): got %08x, want %08x", x, y, got, want);
        }
    }
    free(out);
    return color_type;
}

static void every_level_and_filter_round_trips(void **state) {
    (void)state;
    static uint32_t px[PITCH * H];
    const int filters[] = {PNGENC_FILTER_NONE, PNGENC_FILTER_SUB, PNGENC_FILTER_UP, PNGENC_FILTER_PAETH,
                           PNGENC_FILTER_ALL};
    for (int pass = 0; pass < 2; pass++) {
        fill(px, pass == 0 ? 0xff : 0x80);
        for (int level = 1; level <= 6; level++) {
            for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++) {
                PngEncOptions opt = {level, filters[f]};
                Mem m = {0};
                char why[200] = "";
                assert_true(pngenc_write(px, W, H, PITCH, &opt, mem_write, &m, why, sizeof why));
                int ct = check_round_trip(&m, px);
                assert_int_equal(ct, pass == 0 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA);
                free(m.p);
            }
        }
        /* And the defaults export uses. */
        Mem m = {0};
        char why[200] = "";
        assert_true(pngenc_write(px, W, H, PITCH, NULL, mem_write, &m, why, sizeof why));
        check_round_trip(&m, px);
        free(m.p);
    }
}

static void a_failed_write_fails(void **state) {
    (void)state;
    static uint32_t px[PITCH * H];
    fill(px, 0xff);
    /* Room for the signature and the header, not for the image data. */
    Mem m = {.limit = 40};
    char why[200] = "";
    assert_false(pngenc_write(px, W, H, PITCH, NULL, mem_write, &m, why, sizeof why));
    assert_non_null(strstr(why, "write failed"));
    free(m.p);
    /* Nothing at all. */
    Mem none = {.limit = 1};
    assert_false(pngenc_write(px, W, H, PITCH, NULL, mem_write, &none, why, sizeof why));
    assert_non_null(strstr(why, "write failed"));
    free(none.p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_level_and_filter_round_trips),
        cmocka_unit_test(a_failed_write_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
