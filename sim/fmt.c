/* fmt.c: Go 1.19's fmt printing, ported from fmt/print.go and fmt/format.go.
 *
 * Design: one Printer (pp in print.go) carries the output buffer, the flags
 * of the verb being printed (fmt.fmtFlags) and the error/wrapping state.
 * print_arg / print_value / handle_methods follow printArg / printValue /
 * handleMethods line by line, with reflect replaced by (TypeId, Value) pairs
 * read from the Sim; `ro` stands for reflect's read-only flag (a value
 * reached through an unexported struct field), which keeps its methods from
 * being called, as in Go.  The leaf formatters (integers, strings, quoting,
 * padding) are format.go's and strconv/quote.go's, so widths, precisions and
 * flags behave identically, including Go's odd corners (%05s pads with
 * zeros, width counts runes).  Methods are the few fmt.h lists, found by
 * type name.  Nothing here allocates in the Sim except fmt_errors_new and
 * fmt_errorf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "types.h"

/* ---- the output buffer ------------------------------------------------------ */

void fmt_buf_free(FmtBuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void fmt_buf_reserve(FmtBuf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < b->len + extra + 1) ncap *= 2;
    char *p = realloc(b->data, ncap);
    if (!p) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    b->data = p;
    b->cap = ncap;
}

void fmt_buf_write(FmtBuf *b, const char *s, size_t len) {
    fmt_buf_reserve(b, len);
    if (len) memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

static void buf_puts(FmtBuf *b, const char *s) { fmt_buf_write(b, s, strlen(s)); }

static void buf_byte(FmtBuf *b, char c) { fmt_buf_write(b, &c, 1); }

static void buf_fill(FmtBuf *b, char c, size_t n) {
    fmt_buf_reserve(b, n);
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* ---- UTF-8, as package unicode/utf8 ----------------------------------------- */

enum { RUNE_ERROR = 0xFFFD, MAX_RUNE = 0x10FFFF, RUNE_SELF = 0x80 };

/* utf8.DecodeRuneInString: the rune at s and its size; RUNE_ERROR with size 1
 * for an invalid encoding, size 0 for empty input. */
static int32_t utf8_decode(const char *str, size_t n, size_t *size) {
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) { *size = 0; return RUNE_ERROR; }
    unsigned c = s[0];
    if (c < 0x80) { *size = 1; return (int32_t)c; }
    *size = 1;
    if (c < 0xC2 || c > 0xF4) return RUNE_ERROR;
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n < need) return RUNE_ERROR;
    unsigned lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
    else if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
    if (s[1] < lo || s[1] > hi) return RUNE_ERROR;
    for (size_t k = 2; k < need; k++)
        if (s[k] < 0x80 || s[k] > 0xBF) return RUNE_ERROR;
    int32_t r;
    if (need == 2) r = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
    else if (need == 3) r = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3F));
    else r = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3F));
    *size = need;
    return r;
}

static bool utf8_valid_rune(int32_t r) {
    return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= MAX_RUNE);
}

/* utf8.EncodeRune: invalid runes encode as RUNE_ERROR.  Returns the size. */
static size_t utf8_encode(int32_t r, char *out) {
    if (!utf8_valid_rune(r)) r = RUNE_ERROR;
    uint32_t u = (uint32_t)r;
    if (u < 0x80) { out[0] = (char)u; return 1; }
    if (u < 0x800) {
        out[0] = (char)(0xC0 | (u >> 6));
        out[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        out[0] = (char)(0xE0 | (u >> 12));
        out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        out[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (u >> 18));
    out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
    out[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

static void buf_rune(FmtBuf *b, int32_t r) {
    char tmp[4];
    fmt_buf_write(b, tmp, utf8_encode(r, tmp));
}

/* utf8.RuneCountInString: each invalid byte counts as one rune. */
static size_t utf8_count(const char *s, size_t n) {
    size_t count = 0, i = 0, size;
    while (i < n) {
        if ((unsigned char)s[i] < RUNE_SELF) i++;
        else {
            utf8_decode(s + i, n - i, &size);
            i += size;
        }
        count++;
    }
    return count;
}

/* ---- strconv.IsPrint: tables copied from Go 1.19's strconv/isprint.go -------- */

static const uint16_t fmt_is_print16[434] = {
    0x20, 0x7e, 0xa1, 0x377, 0x37a, 0x37f, 0x384, 0x556, 0x559, 0x58a, 0x58d, 0x5c7, 0x5d0, 0x5ea, 0x5ef,
    0x5f4, 0x606, 0x61b, 0x61e, 0x70d, 0x710, 0x74a, 0x74d, 0x7b1, 0x7c0, 0x7fa, 0x7fd, 0x82d, 0x830, 0x85b,
    0x85e, 0x86a, 0x8a0, 0x8c7, 0x8d3, 0x98c, 0x98f, 0x990, 0x993, 0x9b2, 0x9b6, 0x9b9, 0x9bc, 0x9c4, 0x9c7,
    0x9c8, 0x9cb, 0x9ce, 0x9d7, 0x9d7, 0x9dc, 0x9e3, 0x9e6, 0x9fe, 0xa01, 0xa0a, 0xa0f, 0xa10, 0xa13, 0xa39,
    0xa3c, 0xa42, 0xa47, 0xa48, 0xa4b, 0xa4d, 0xa51, 0xa51, 0xa59, 0xa5e, 0xa66, 0xa76, 0xa81, 0xab9, 0xabc,
    0xacd, 0xad0, 0xad0, 0xae0, 0xae3, 0xae6, 0xaf1, 0xaf9, 0xb0c, 0xb0f, 0xb10, 0xb13, 0xb39, 0xb3c, 0xb44,
    0xb47, 0xb48, 0xb4b, 0xb4d, 0xb55, 0xb57, 0xb5c, 0xb63, 0xb66, 0xb77, 0xb82, 0xb8a, 0xb8e, 0xb95, 0xb99,
    0xb9f, 0xba3, 0xba4, 0xba8, 0xbaa, 0xbae, 0xbb9, 0xbbe, 0xbc2, 0xbc6, 0xbcd, 0xbd0, 0xbd0, 0xbd7, 0xbd7,
    0xbe6, 0xbfa, 0xc00, 0xc39, 0xc3d, 0xc4d, 0xc55, 0xc5a, 0xc60, 0xc63, 0xc66, 0xc6f, 0xc77, 0xcb9, 0xcbc,
    0xccd, 0xcd5, 0xcd6, 0xcde, 0xce3, 0xce6, 0xcf2, 0xd00, 0xd4f, 0xd54, 0xd63, 0xd66, 0xd96, 0xd9a, 0xdbd,
    0xdc0, 0xdc6, 0xdca, 0xdca, 0xdcf, 0xddf, 0xde6, 0xdef, 0xdf2, 0xdf4, 0xe01, 0xe3a, 0xe3f, 0xe5b, 0xe81,
    0xebd, 0xec0, 0xecd, 0xed0, 0xed9, 0xedc, 0xedf, 0xf00, 0xf6c, 0xf71, 0xfda, 0x1000, 0x10c7, 0x10cd,
    0x10cd, 0x10d0, 0x124d, 0x1250, 0x125d, 0x1260, 0x128d, 0x1290, 0x12b5, 0x12b8, 0x12c5, 0x12c8, 0x1315,
    0x1318, 0x135a, 0x135d, 0x137c, 0x1380, 0x1399, 0x13a0, 0x13f5, 0x13f8, 0x13fd, 0x1400, 0x169c, 0x16a0,
    0x16f8, 0x1700, 0x1714, 0x1720, 0x1736, 0x1740, 0x1753, 0x1760, 0x1773, 0x1780, 0x17dd, 0x17e0, 0x17e9,
    0x17f0, 0x17f9, 0x1800, 0x180d, 0x1810, 0x1819, 0x1820, 0x1878, 0x1880, 0x18aa, 0x18b0, 0x18f5, 0x1900,
    0x192b, 0x1930, 0x193b, 0x1940, 0x1940, 0x1944, 0x196d, 0x1970, 0x1974, 0x1980, 0x19ab, 0x19b0, 0x19c9,
    0x19d0, 0x19da, 0x19de, 0x1a1b, 0x1a1e, 0x1a7c, 0x1a7f, 0x1a89, 0x1a90, 0x1a99, 0x1aa0, 0x1aad, 0x1ab0,
    0x1ac0, 0x1b00, 0x1b4b, 0x1b50, 0x1b7c, 0x1b80, 0x1bf3, 0x1bfc, 0x1c37, 0x1c3b, 0x1c49, 0x1c4d, 0x1c88,
    0x1c90, 0x1cba, 0x1cbd, 0x1cc7, 0x1cd0, 0x1cfa, 0x1d00, 0x1f15, 0x1f18, 0x1f1d, 0x1f20, 0x1f45, 0x1f48,
    0x1f4d, 0x1f50, 0x1f7d, 0x1f80, 0x1fd3, 0x1fd6, 0x1fef, 0x1ff2, 0x1ffe, 0x2010, 0x2027, 0x2030, 0x205e,
    0x2070, 0x2071, 0x2074, 0x209c, 0x20a0, 0x20bf, 0x20d0, 0x20f0, 0x2100, 0x218b, 0x2190, 0x2426, 0x2440,
    0x244a, 0x2460, 0x2b73, 0x2b76, 0x2cf3, 0x2cf9, 0x2d27, 0x2d2d, 0x2d2d, 0x2d30, 0x2d67, 0x2d6f, 0x2d70,
    0x2d7f, 0x2d96, 0x2da0, 0x2e52, 0x2e80, 0x2ef3, 0x2f00, 0x2fd5, 0x2ff0, 0x2ffb, 0x3001, 0x3096, 0x3099,
    0x30ff, 0x3105, 0x31e3, 0x31f0, 0x9ffc, 0xa000, 0xa48c, 0xa490, 0xa4c6, 0xa4d0, 0xa62b, 0xa640, 0xa6f7,
    0xa700, 0xa7bf, 0xa7c2, 0xa7ca, 0xa7f5, 0xa82c, 0xa830, 0xa839, 0xa840, 0xa877, 0xa880, 0xa8c5, 0xa8ce,
    0xa8d9, 0xa8e0, 0xa953, 0xa95f, 0xa97c, 0xa980, 0xa9d9, 0xa9de, 0xaa36, 0xaa40, 0xaa4d, 0xaa50, 0xaa59,
    0xaa5c, 0xaac2, 0xaadb, 0xaaf6, 0xab01, 0xab06, 0xab09, 0xab0e, 0xab11, 0xab16, 0xab20, 0xab6b, 0xab70,
    0xabed, 0xabf0, 0xabf9, 0xac00, 0xd7a3, 0xd7b0, 0xd7c6, 0xd7cb, 0xd7fb, 0xf900, 0xfa6d, 0xfa70, 0xfad9,
    0xfb00, 0xfb06, 0xfb13, 0xfb17, 0xfb1d, 0xfbc1, 0xfbd3, 0xfd3f, 0xfd50, 0xfd8f, 0xfd92, 0xfdc7, 0xfdf0,
    0xfdfd, 0xfe00, 0xfe19, 0xfe20, 0xfe6b, 0xfe70, 0xfefc, 0xff01, 0xffbe, 0xffc2, 0xffc7, 0xffca, 0xffcf,
    0xffd2, 0xffd7, 0xffda, 0xffdc, 0xffe0, 0xffee, 0xfffc, 0xfffd,
};
static const uint16_t fmt_is_not_print16[132] = {
    0xad, 0x38b, 0x38d, 0x3a2, 0x530, 0x590, 0x6dd, 0x83f, 0x85f, 0x8b5, 0x8e2, 0x984, 0x9a9, 0x9b1, 0x9de,
    0xa04, 0xa29, 0xa31, 0xa34, 0xa37, 0xa3d, 0xa5d, 0xa84, 0xa8e, 0xa92, 0xaa9, 0xab1, 0xab4, 0xac6, 0xaca,
    0xb00, 0xb04, 0xb29, 0xb31, 0xb34, 0xb5e, 0xb84, 0xb91, 0xb9b, 0xb9d, 0xbc9, 0xc0d, 0xc11, 0xc29, 0xc45,
    0xc49, 0xc57, 0xc8d, 0xc91, 0xca9, 0xcb4, 0xcc5, 0xcc9, 0xcdf, 0xcf0, 0xd0d, 0xd11, 0xd45, 0xd49, 0xd80,
    0xd84, 0xdb2, 0xdbc, 0xdd5, 0xdd7, 0xe83, 0xe85, 0xe8b, 0xea4, 0xea6, 0xec5, 0xec7, 0xf48, 0xf98, 0xfbd,
    0xfcd, 0x10c6, 0x1249, 0x1257, 0x1259, 0x1289, 0x12b1, 0x12bf, 0x12c1, 0x12d7, 0x1311, 0x1680, 0x170d,
    0x176d, 0x1771, 0x191f, 0x1a5f, 0x1dfa, 0x1f58, 0x1f5a, 0x1f5c, 0x1f5e, 0x1fb5, 0x1fc5, 0x1fdc, 0x1ff5,
    0x208f, 0x2b96, 0x2c2f, 0x2c5f, 0x2d26, 0x2da7, 0x2daf, 0x2db7, 0x2dbf, 0x2dc7, 0x2dcf, 0x2dd7, 0x2ddf,
    0x2e9a, 0x3040, 0x3130, 0x318f, 0x321f, 0xa9ce, 0xa9ff, 0xab27, 0xab2f, 0xfb37, 0xfb3d, 0xfb3f, 0xfb42,
    0xfb45, 0xfe53, 0xfe67, 0xfe75, 0xffe7,
};
static const uint32_t fmt_is_print32[468] = {
    0x10000, 0x1004d, 0x10050, 0x1005d, 0x10080, 0x100fa, 0x10100, 0x10102, 0x10107, 0x10133, 0x10137,
    0x1019c, 0x101a0, 0x101a0, 0x101d0, 0x101fd, 0x10280, 0x1029c, 0x102a0, 0x102d0, 0x102e0, 0x102fb,
    0x10300, 0x10323, 0x1032d, 0x1034a, 0x10350, 0x1037a, 0x10380, 0x103c3, 0x103c8, 0x103d5, 0x10400,
    0x1049d, 0x104a0, 0x104a9, 0x104b0, 0x104d3, 0x104d8, 0x104fb, 0x10500, 0x10527, 0x10530, 0x10563,
    0x1056f, 0x1056f, 0x10600, 0x10736, 0x10740, 0x10755, 0x10760, 0x10767, 0x10800, 0x10805, 0x10808,
    0x10838, 0x1083c, 0x1083c, 0x1083f, 0x1089e, 0x108a7, 0x108af, 0x108e0, 0x108f5, 0x108fb, 0x1091b,
    0x1091f, 0x10939, 0x1093f, 0x1093f, 0x10980, 0x109b7, 0x109bc, 0x109cf, 0x109d2, 0x10a06, 0x10a0c,
    0x10a35, 0x10a38, 0x10a3a, 0x10a3f, 0x10a48, 0x10a50, 0x10a58, 0x10a60, 0x10a9f, 0x10ac0, 0x10ae6,
    0x10aeb, 0x10af6, 0x10b00, 0x10b35, 0x10b39, 0x10b55, 0x10b58, 0x10b72, 0x10b78, 0x10b91, 0x10b99,
    0x10b9c, 0x10ba9, 0x10baf, 0x10c00, 0x10c48, 0x10c80, 0x10cb2, 0x10cc0, 0x10cf2, 0x10cfa, 0x10d27,
    0x10d30, 0x10d39, 0x10e60, 0x10ead, 0x10eb0, 0x10eb1, 0x10f00, 0x10f27, 0x10f30, 0x10f59, 0x10fb0,
    0x10fcb, 0x10fe0, 0x10ff6, 0x11000, 0x1104d, 0x11052, 0x1106f, 0x1107f, 0x110c1, 0x110d0, 0x110e8,
    0x110f0, 0x110f9, 0x11100, 0x11147, 0x11150, 0x11176, 0x11180, 0x111f4, 0x11200, 0x1123e, 0x11280,
    0x112a9, 0x112b0, 0x112ea, 0x112f0, 0x112f9, 0x11300, 0x1130c, 0x1130f, 0x11310, 0x11313, 0x11344,
    0x11347, 0x11348, 0x1134b, 0x1134d, 0x11350, 0x11350, 0x11357, 0x11357, 0x1135d, 0x11363, 0x11366,
    0x1136c, 0x11370, 0x11374, 0x11400, 0x11461, 0x11480, 0x114c7, 0x114d0, 0x114d9, 0x11580, 0x115b5,
    0x115b8, 0x115dd, 0x11600, 0x11644, 0x11650, 0x11659, 0x11660, 0x1166c, 0x11680, 0x116b8, 0x116c0,
    0x116c9, 0x11700, 0x1171a, 0x1171d, 0x1172b, 0x11730, 0x1173f, 0x11800, 0x1183b, 0x118a0, 0x118f2,
    0x118ff, 0x11906, 0x11909, 0x11909, 0x1190c, 0x11938, 0x1193b, 0x11946, 0x11950, 0x11959, 0x119a0,
    0x119a7, 0x119aa, 0x119d7, 0x119da, 0x119e4, 0x11a00, 0x11a47, 0x11a50, 0x11aa2, 0x11ac0, 0x11af8,
    0x11c00, 0x11c45, 0x11c50, 0x11c6c, 0x11c70, 0x11c8f, 0x11c92, 0x11cb6, 0x11d00, 0x11d36, 0x11d3a,
    0x11d47, 0x11d50, 0x11d59, 0x11d60, 0x11d98, 0x11da0, 0x11da9, 0x11ee0, 0x11ef8, 0x11fb0, 0x11fb0,
    0x11fc0, 0x11ff1, 0x11fff, 0x12399, 0x12400, 0x12474, 0x12480, 0x12543, 0x13000, 0x1342e, 0x14400,
    0x14646, 0x16800, 0x16a38, 0x16a40, 0x16a69, 0x16a6e, 0x16a6f, 0x16ad0, 0x16aed, 0x16af0, 0x16af5,
    0x16b00, 0x16b45, 0x16b50, 0x16b77, 0x16b7d, 0x16b8f, 0x16e40, 0x16e9a, 0x16f00, 0x16f4a, 0x16f4f,
    0x16f87, 0x16f8f, 0x16f9f, 0x16fe0, 0x16fe4, 0x16ff0, 0x16ff1, 0x17000, 0x187f7, 0x18800, 0x18cd5,
    0x18d00, 0x18d08, 0x1b000, 0x1b11e, 0x1b150, 0x1b152, 0x1b164, 0x1b167, 0x1b170, 0x1b2fb, 0x1bc00,
    0x1bc6a, 0x1bc70, 0x1bc7c, 0x1bc80, 0x1bc88, 0x1bc90, 0x1bc99, 0x1bc9c, 0x1bc9f, 0x1d000, 0x1d0f5,
    0x1d100, 0x1d126, 0x1d129, 0x1d172, 0x1d17b, 0x1d1e8, 0x1d200, 0x1d245, 0x1d2e0, 0x1d2f3, 0x1d300,
    0x1d356, 0x1d360, 0x1d378, 0x1d400, 0x1d49f, 0x1d4a2, 0x1d4a2, 0x1d4a5, 0x1d4a6, 0x1d4a9, 0x1d50a,
    0x1d50d, 0x1d546, 0x1d54a, 0x1d6a5, 0x1d6a8, 0x1d7cb, 0x1d7ce, 0x1da8b, 0x1da9b, 0x1daaf, 0x1e000,
    0x1e018, 0x1e01b, 0x1e02a, 0x1e100, 0x1e12c, 0x1e130, 0x1e13d, 0x1e140, 0x1e149, 0x1e14e, 0x1e14f,
    0x1e2c0, 0x1e2f9, 0x1e2ff, 0x1e2ff, 0x1e800, 0x1e8c4, 0x1e8c7, 0x1e8d6, 0x1e900, 0x1e94b, 0x1e950,
    0x1e959, 0x1e95e, 0x1e95f, 0x1ec71, 0x1ecb4, 0x1ed01, 0x1ed3d, 0x1ee00, 0x1ee24, 0x1ee27, 0x1ee3b,
    0x1ee42, 0x1ee42, 0x1ee47, 0x1ee54, 0x1ee57, 0x1ee64, 0x1ee67, 0x1ee9b, 0x1eea1, 0x1eebb, 0x1eef0,
    0x1eef1, 0x1f000, 0x1f02b, 0x1f030, 0x1f093, 0x1f0a0, 0x1f0ae, 0x1f0b1, 0x1f0f5, 0x1f100, 0x1f1ad,
    0x1f1e6, 0x1f202, 0x1f210, 0x1f23b, 0x1f240, 0x1f248, 0x1f250, 0x1f251, 0x1f260, 0x1f265, 0x1f300,
    0x1f6d7, 0x1f6e0, 0x1f6ec, 0x1f6f0, 0x1f6fc, 0x1f700, 0x1f773, 0x1f780, 0x1f7d8, 0x1f7e0, 0x1f7eb,
    0x1f800, 0x1f80b, 0x1f810, 0x1f847, 0x1f850, 0x1f859, 0x1f860, 0x1f887, 0x1f890, 0x1f8ad, 0x1f8b0,
    0x1f8b1, 0x1f900, 0x1fa53, 0x1fa60, 0x1fa6d, 0x1fa70, 0x1fa74, 0x1fa78, 0x1fa7a, 0x1fa80, 0x1fa86,
    0x1fa90, 0x1faa8, 0x1fab0, 0x1fab6, 0x1fac0, 0x1fac2, 0x1fad0, 0x1fad6, 0x1fb00, 0x1fbca, 0x1fbf0,
    0x1fbf9, 0x20000, 0x2a6dd, 0x2a700, 0x2b734, 0x2b740, 0x2b81d, 0x2b820, 0x2cea1, 0x2ceb0, 0x2ebe0,
    0x2f800, 0x2fa1d, 0x30000, 0x3134a, 0xe0100, 0xe01ef,
};
static const uint16_t fmt_is_not_print32[95] = {
    0xc, 0x27, 0x3b, 0x3e, 0x18f, 0x39e, 0x809, 0x836, 0x856, 0x8f3, 0xa04, 0xa14, 0xa18, 0xe7f, 0xeaa,
    0x10bd, 0x1135, 0x11e0, 0x1212, 0x1287, 0x1289, 0x128e, 0x129e, 0x1304, 0x1329, 0x1331, 0x1334, 0x133a,
    0x145c, 0x1914, 0x1917, 0x1936, 0x1c09, 0x1c37, 0x1ca8, 0x1d07, 0x1d0a, 0x1d3b, 0x1d3e, 0x1d66, 0x1d69,
    0x1d8f, 0x1d92, 0x246f, 0x6a5f, 0x6b5a, 0x6b62, 0xd455, 0xd49d, 0xd4ad, 0xd4ba, 0xd4bc, 0xd4c4, 0xd506,
    0xd515, 0xd51d, 0xd53a, 0xd53f, 0xd545, 0xd551, 0xdaa0, 0xe007, 0xe022, 0xe025, 0xee04, 0xee20, 0xee23,
    0xee28, 0xee33, 0xee38, 0xee3a, 0xee48, 0xee4a, 0xee4c, 0xee50, 0xee53, 0xee58, 0xee5a, 0xee5c, 0xee5e,
    0xee60, 0xee63, 0xee6b, 0xee73, 0xee78, 0xee7d, 0xee7f, 0xee8a, 0xeea4, 0xeeaa, 0xf0c0, 0xf0d0, 0xf979,
    0xf9cc, 0xfb93,
};

static size_t bsearch16(const uint16_t *a, size_t n, uint16_t x) {
    size_t i = 0, j = n;
    while (i < j) {
        size_t h = i + (j - i) / 2;
        if (a[h] < x) i = h + 1;
        else j = h;
    }
    return i;
}

static size_t bsearch32(const uint32_t *a, size_t n, uint32_t x) {
    size_t i = 0, j = n;
    while (i < j) {
        size_t h = i + (j - i) / 2;
        if (a[h] < x) i = h + 1;
        else j = h;
    }
    return i;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool is_print(int32_t r) {
    if (r <= 0xFF) {
        if (0x20 <= r && r <= 0x7E) return true;
        if (0xA1 <= r && r <= 0xFF) return r != 0xAD;
        return false;
    }
    if (r < 0x10000) {
        uint16_t rr = (uint16_t)r;
        size_t i = bsearch16(fmt_is_print16, NELEM(fmt_is_print16), rr);
        if (i >= NELEM(fmt_is_print16) || rr < fmt_is_print16[i & ~(size_t)1] || fmt_is_print16[i | 1] < rr)
            return false;
        size_t j = bsearch16(fmt_is_not_print16, NELEM(fmt_is_not_print16), rr);
        return j >= NELEM(fmt_is_not_print16) || fmt_is_not_print16[j] != rr;
    }
    uint32_t rr = (uint32_t)r;
    size_t i = bsearch32(fmt_is_print32, NELEM(fmt_is_print32), rr);
    if (i >= NELEM(fmt_is_print32) || rr < fmt_is_print32[i & ~(size_t)1] || fmt_is_print32[i | 1] < rr)
        return false;
    if (r >= 0x20000) return true;
    uint16_t r16 = (uint16_t)(r - 0x10000);
    size_t j = bsearch16(fmt_is_not_print32, NELEM(fmt_is_not_print32), r16);
    return j >= NELEM(fmt_is_not_print32) || fmt_is_not_print32[j] != r16;
}

/* ---- strconv quoting ----------------------------------------------------------- */

static const char lowerhex[] = "0123456789abcdef";

/* strconv.appendEscapedRune (graphicOnly false). */
static void append_escaped_rune(FmtBuf *b, int32_t r, char quote, bool ascii_only) {
    if (r == quote || r == '\\') {
        buf_byte(b, '\\');
        buf_byte(b, (char)r);
        return;
    }
    if (ascii_only) {
        if (r < RUNE_SELF && is_print(r)) {
            buf_byte(b, (char)r);
            return;
        }
    } else if (is_print(r)) {
        buf_rune(b, r);
        return;
    }
    switch (r) {
    case '\a': buf_puts(b, "\\a"); return;
    case '\b': buf_puts(b, "\\b"); return;
    case '\f': buf_puts(b, "\\f"); return;
    case '\n': buf_puts(b, "\\n"); return;
    case '\r': buf_puts(b, "\\r"); return;
    case '\t': buf_puts(b, "\\t"); return;
    case '\v': buf_puts(b, "\\v"); return;
    }
    char tmp[12];
    if (r < ' ' || r == 0x7f) {
        snprintf(tmp, sizeof tmp, "\\x%c%c", lowerhex[(r >> 4) & 0xF], lowerhex[r & 0xF]);
    } else {
        if (!utf8_valid_rune(r)) r = RUNE_ERROR;
        if (r < 0x10000) snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)r);
        else snprintf(tmp, sizeof tmp, "\\U%08x", (unsigned)r);
    }
    buf_puts(b, tmp);
}

/* strconv.Quote (ascii_only: QuoteToASCII). */
static void append_quoted(FmtBuf *b, const char *s, size_t n, char quote, bool ascii_only) {
    buf_byte(b, quote);
    size_t i = 0, width;
    while (i < n) {
        int32_t r = (unsigned char)s[i];
        width = 1;
        if (r >= RUNE_SELF) r = utf8_decode(s + i, n - i, &width);
        if (width == 1 && r == RUNE_ERROR) {
            unsigned char c = (unsigned char)s[i];
            char tmp[4] = {'\\', 'x', lowerhex[c >> 4], lowerhex[c & 0xF]};
            fmt_buf_write(b, tmp, 4);
        } else {
            append_escaped_rune(b, r, quote, ascii_only);
        }
        i += width;
    }
    buf_byte(b, quote);
}

/* strconv.QuoteRune (ascii_only: QuoteRuneToASCII). */
static void append_quoted_rune(FmtBuf *b, int32_t r, bool ascii_only) {
    buf_byte(b, '\'');
    if (!utf8_valid_rune(r)) r = RUNE_ERROR;
    append_escaped_rune(b, r, '\'', ascii_only);
    buf_byte(b, '\'');
}

/* strconv.CanBackquote. */
static bool can_backquote(const char *s, size_t n) {
    size_t i = 0, wid;
    while (i < n) {
        int32_t r = utf8_decode(s + i, n - i, &wid);
        i += wid;
        if (wid > 1) {
            if (r == 0xFEFF) return false;
            continue;
        }
        if (r == RUNE_ERROR) return false;
        if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
    }
    return true;
}

/* ---- time.Duration and time.Time --------------------------------------------- */

/* time.fmtFrac: the fraction of v below 10^prec, trailing zeros (and the
 * point) omitted, written backwards ending at buf[w]. */
static size_t fmt_frac(char *buf, size_t w, uint64_t *v, int prec) {
    bool print = false;
    for (int i = 0; i < prec; i++) {
        uint64_t digit = *v % 10;
        print = print || digit != 0;
        if (print) buf[--w] = (char)('0' + digit);
        *v /= 10;
    }
    if (print) buf[--w] = '.';
    return w;
}

static size_t fmt_uint_back(char *buf, size_t w, uint64_t v) {
    if (v == 0) buf[--w] = '0';
    while (v > 0) {
        buf[--w] = (char)('0' + v % 10);
        v /= 10;
    }
    return w;
}

void fmt_duration(FmtBuf *out, int64_t d) {
    char buf[32];
    size_t w = sizeof buf;
    uint64_t u = (uint64_t)d;
    bool neg = d < 0;
    if (neg) u = -u;
    if (u < 1000000000u) {
        int prec;
        buf[--w] = 's';
        if (u == 0) {
            buf_puts(out, "0s");
            return;
        } else if (u < 1000u) {
            prec = 0;
            buf[--w] = 'n';
        } else if (u < 1000000u) {
            prec = 3;
            buf[--w] = (char)0xB5; /* U+00B5 'µ' */
            buf[--w] = (char)0xC2;
        } else {
            prec = 6;
            buf[--w] = 'm';
        }
        w = fmt_frac(buf, w, &u, prec);
        w = fmt_uint_back(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fmt_frac(buf, w, &u, 9);
        w = fmt_uint_back(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = fmt_uint_back(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = fmt_uint_back(buf, w, u);
            }
        }
    }
    if (neg) buf[--w] = '-';
    fmt_buf_write(out, buf + w, sizeof buf - w);
}

/* time.Time.String() for a time `ns` nanoseconds after the program started,
 * as Go prints it under its playground clock (go run -tags faketime): wall
 * time from 2009-11-10 23:00:00 UTC, and a monotonic reading that starts at
 * 1ns.  A run on the real clock cannot match. */
static void fmt_time(FmtBuf *out, int64_t ns) {
    int64_t secs = 1257894000 + ns / 1000000000, frac = ns % 1000000000;
    if (frac < 0) { frac += 1000000000; secs--; }
    int64_t days = secs / 86400, sod = secs % 86400;
    if (sod < 0) { sod += 86400; days--; }
    /* civil_from_days (H. Hinnant) */
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    char tmp[96];
    int n = snprintf(tmp, sizeof tmp, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", (long long)y, (long long)m,
                     (long long)d, (long long)(sod / 3600), (long long)(sod / 60 % 60), (long long)(sod % 60));
    if (frac) {
        char f[16];
        snprintf(f, sizeof f, ".%09lld", (long long)frac);
        size_t fl = strlen(f);
        while (fl > 1 && f[fl - 1] == '0') f[--fl] = '\0'; /* frac != 0: never past the '.' */
        n += snprintf(tmp + n, sizeof tmp - (size_t)n, "%s", f);
    }
    fmt_buf_write(out, tmp, (size_t)n);
    int64_t mono = ns + 1;
    uint64_t m2 = (uint64_t)mono;
    char sign = '+';
    if (mono < 0) { sign = '-'; m2 = -m2; }
    n = snprintf(tmp, sizeof tmp, " +0000 UTC m=%c%llu.%09llu", sign, (unsigned long long)(m2 / 1000000000u),
                 (unsigned long long)(m2 % 1000000000u));
    fmt_buf_write(out, tmp, (size_t)n);
}

/* ---- reading values ------------------------------------------------------------- */

static int type_kind(const Sim *S, TypeId t) { return sim_type(S, t)->kind; }

static bool type_is(const Sim *S, TypeId t, const char *name) { return strcmp(type_name(S, t), name) == 0; }

/* The heap cell at ref - 1 + i, or the zero value of t if it is out of range. */
static Value heap_cell(const Sim *S, int32_t ref, int64_t i, TypeId t) {
    int64_t at = (int64_t)ref - 1 + i;
    if (ref <= 0 || at < 0 || at >= S->heap.len) return value_zero(S, t);
    return S->heap.items[at];
}

/* The dynamic type and value of an interface value; false if it is nil. */
static bool iface_dynamic(const Sim *S, Value v, TypeId *dt, Value *dv) {
    for (int hops = 0; hops < 8; hops++) {
        if (v.kind != VK_IFACE || v.ref <= 0 || v.i <= 0 || v.i > S->types.len) return false;
        TypeId t = (TypeId)v.i;
        Value inner = heap_cell(S, v.ref, 0, t);
        if (type_kind(S, t) != TY_IFACE) {
            *dt = t;
            *dv = inner;
            return true;
        }
        v = inner;
    }
    return false;
}

/* An operand as `any` holds it: interfaces unwrapped, type 0 for nil. */
static FmtArg arg_unwrap(const Sim *S, FmtArg a) {
    if (a.type <= 0 || a.type > S->types.len) return (FmtArg){0, value_nil()};
    int k = type_kind(S, a.type);
    if (k == TY_NIL) return (FmtArg){0, value_nil()};
    if (k == TY_IFACE) {
        FmtArg d;
        if (!iface_dynamic(S, a.v, &d.type, &d.v)) return (FmtArg){0, value_nil()};
        return d;
    }
    return a;
}

static Value struct_field(const Sim *S, TypeId t, Value v, int32_t i, TypeId *ft) {
    const Type *ty = sim_type(S, t);
    *ft = S->fields.items[ty->field0 + i].type;
    if (v.kind != VK_STRUCT || v.ref == 0) return value_zero(S, *ft);
    return heap_cell(S, v.ref, i, *ft);
}

static bool is_nil_ref(Value v, int kind) { return v.kind != kind || v.ref == 0; }

static bool func_is_nil(Value v) { return v.kind != VK_FUNC || v.i < 0; }

#define HEAP_BASE 0xc000100000ull
#define CHAN_BASE 0xc000001000ull
#define FUNC_BASE 0x47e000ull
#define ZERO_BASE 0x55a420ull

/* The made-up address of a pointer-shaped value (0 for nil): heap cells 8
 * bytes apart from HEAP_BASE, channels as sim/types.c always showed them. */
static uint64_t value_addr(const Sim *S, TypeId t, Value v) {
    switch (type_kind(S, t)) {
    case TY_PTR: return is_nil_ref(v, VK_PTR) ? 0 : HEAP_BASE + (uint64_t)(v.ref - 1) * 8;
    case TY_SLICE: return is_nil_ref(v, VK_SLICE) ? 0 : HEAP_BASE + (uint64_t)(v.ref - 1) * 8;
    case TY_CHAN: return is_nil_ref(v, VK_CHAN) ? 0 : CHAN_BASE + (uint64_t)v.ref * 0x60;
    case TY_FUNC: return func_is_nil(v) ? 0 : FUNC_BASE + (uint64_t)v.i * 0x20;
    case TY_STRUCT: return v.kind == VK_STRUCT && v.ref ? HEAP_BASE + (uint64_t)(v.ref - 1) * 8 : ZERO_BASE;
    }
    return ZERO_BASE;
}

/* ---- the methods fmt knows ------------------------------------------------------ */

typedef enum Method { METHOD_NONE, METHOD_ERROR, METHOD_STRING } Method;

/* The runtime's own error types; the VM stores each one's full Error() text. */
static bool runtime_error_type(const Sim *S, TypeId t) {
    return type_is(S, t, "runtime.plainError") || type_is(S, t, "runtime.boundsError") ||
           type_is(S, t, "runtime.errorString");
}

/* The method t has (by its name), looking through one pointer for methods
 * with value receivers.  *self_t is the type whose method it is. */
static Method method_of(const Sim *S, TypeId t, TypeId *self_t) {
    *self_t = t;
    if (type_is(S, t, "*errors.errorString") || type_is(S, t, "*fmt.wrapError")) return METHOD_ERROR;
    if (type_kind(S, t) == TY_PTR && sim_type(S, t)->elem > 0) {
        TypeId e = sim_type(S, t)->elem;
        if (runtime_error_type(S, e)) { *self_t = e; return METHOD_ERROR; }
        if (e == TYPE_DURATION || e == TYPE_TIME) { *self_t = e; return METHOD_STRING; }
    }
    if (runtime_error_type(S, t)) return METHOD_ERROR;
    if (t == TYPE_DURATION || t == TYPE_TIME) return METHOD_STRING;
    return METHOD_NONE;
}

/* Calls the method: appends its text and returns true, or returns false
 * when the receiver is a nil pointer (the call would panic). */
static bool method_call(const Sim *S, FmtBuf *out, TypeId t, Value v) {
    TypeId self;
    method_of(S, t, &self);
    if (self != t) { /* value method through a pointer */
        if (is_nil_ref(v, VK_PTR)) return false;
        v = heap_cell(S, v.ref, 0, self);
        t = self;
    }
    if (type_kind(S, t) == TY_PTR) { /* *errors.errorString, *fmt.wrapError: the first field */
        if (is_nil_ref(v, VK_PTR)) return false;
        TypeId st = sim_type(S, t)->elem, ft;
        Value sv = heap_cell(S, v.ref, 0, st);
        if (type_kind(S, st) != TY_STRUCT || sim_type(S, st)->nfields < 1) return true;
        Value s = struct_field(S, st, sv, 0, &ft);
        int32_t len;
        const char *p = strtab_get(&S->strs, s.kind == VK_STRING ? s.ref : 0, &len);
        fmt_buf_write(out, p, (size_t)len);
        return true;
    }
    if (t == TYPE_DURATION) fmt_duration(out, v.i);
    else if (t == TYPE_TIME) fmt_time(out, v.i);
    else { /* runtime.plainError */
        int32_t len;
        const char *p = strtab_get(&S->strs, v.kind == VK_STRING ? v.ref : 0, &len);
        fmt_buf_write(out, p, (size_t)len);
    }
    return true;
}

bool fmt_error_text(const Sim *S, FmtBuf *out, TypeId t, Value v) {
    FmtArg a = arg_unwrap(S, (FmtArg){t, v});
    TypeId self;
    if (a.type == 0 || method_of(S, a.type, &self) != METHOD_ERROR) return false;
    if (!method_call(S, out, a.type, a.v)) buf_puts(out, "<nil>");
    return true;
}

/* ---- the printer (pp and fmt in package fmt) ------------------------------------ */

typedef struct Printer {
    const Sim *S;
    FmtBuf *buf;
    /* fmtFlags */
    bool wid_present, prec_present, minus, plus, sharp, space, zero, plus_v, sharp_v;
    int wid, prec;
    /* pp */
    bool reordered, good_arg_num, erroring, wrap_errs, has_wrapped;
    FmtArg wrapped;
    int depth_guard;
} Printer;

static void clear_flags(Printer *p) {
    p->wid_present = p->prec_present = p->minus = p->plus = p->sharp = p->space = p->zero = false;
    p->plus_v = p->sharp_v = false;
    p->wid = p->prec = 0;
}

static void write_padding(Printer *p, int n) {
    if (n <= 0) return;
    buf_fill(p->buf, p->zero ? '0' : ' ', (size_t)n);
}

/* fmt.pad / padString: width counts runes. */
static void pad(Printer *p, const char *s, size_t n) {
    if (!p->wid_present || p->wid == 0) {
        fmt_buf_write(p->buf, s, n);
        return;
    }
    int width = p->wid - (int)utf8_count(s, n);
    if (!p->minus) {
        write_padding(p, width);
        fmt_buf_write(p->buf, s, n);
    } else {
        fmt_buf_write(p->buf, s, n);
        write_padding(p, width);
    }
}

static void pad_str(Printer *p, const char *s) { pad(p, s, strlen(s)); }

static const char ldigits[] = "0123456789abcdefx", udigits[] = "0123456789ABCDEFX";

/* fmt.fmtInteger. */
static void fmt_integer(Printer *p, uint64_t u, int base, bool is_signed, int32_t verb, const char *digits) {
    bool negative = is_signed && (int64_t)u < 0;
    if (negative) u = -u;
    int prec = 0;
    if (p->prec_present) {
        prec = p->prec;
        if (prec == 0 && u == 0) {
            bool old = p->zero;
            p->zero = false;
            write_padding(p, p->wid);
            p->zero = old;
            return;
        }
    } else if (p->zero && p->wid_present) {
        prec = p->wid;
        if (negative || p->plus || p->space) prec--;
    }
    char small[160];
    size_t need = 72 + (size_t)(prec > 0 ? prec : 0);
    char *buf = need <= sizeof small ? small : malloc(need);
    if (!buf) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    size_t i = need;
    switch (base) {
    case 10:
        while (u >= 10) { buf[--i] = (char)('0' + u % 10); u /= 10; }
        break;
    case 16:
        while (u >= 16) { buf[--i] = digits[u & 0xF]; u >>= 4; }
        break;
    case 8:
        while (u >= 8) { buf[--i] = (char)('0' + (u & 7)); u >>= 3; }
        break;
    default:
        while (u >= 2) { buf[--i] = (char)('0' + (u & 1)); u >>= 1; }
        break;
    }
    buf[--i] = digits[u];
    while (i > 0 && prec > (int)(need - i)) buf[--i] = '0';
    if (p->sharp) {
        if (base == 2) { buf[--i] = 'b'; buf[--i] = '0'; }
        else if (base == 8) { if (buf[i] != '0') buf[--i] = '0'; }
        else if (base == 16) { buf[--i] = digits[16]; buf[--i] = '0'; }
    }
    if (verb == 'O') { buf[--i] = 'o'; buf[--i] = '0'; }
    if (negative) buf[--i] = '-';
    else if (p->plus) buf[--i] = '+';
    else if (p->space) buf[--i] = ' ';
    bool old = p->zero;
    p->zero = false;
    pad(p, buf + i, need - i);
    p->zero = old;
    if (buf != small) free(buf);
}

/* pp.fmt0x64. */
static void fmt_0x64(Printer *p, uint64_t u, bool leading0x) {
    bool sharp = p->sharp;
    p->sharp = leading0x;
    fmt_integer(p, u, 16, false, 'v', ldigits);
    p->sharp = sharp;
}

/* fmt.fmtUnicode: U+0078, with '#' U+0078 'x'. */
static void fmt_unicode(Printer *p, uint64_t u) {
    int prec = 4;
    if (p->prec_present && p->prec > 4) prec = p->prec;
    FmtBuf t = {0};
    char hex[20];
    int hn = 0;
    uint64_t x = u;
    do { hex[hn++] = udigits[x & 0xF]; x >>= 4; } while (x);
    buf_puts(&t, "U+");
    for (int k = hn; k < prec; k++) buf_byte(&t, '0');
    while (hn) buf_byte(&t, hex[--hn]);
    if (p->sharp && u <= MAX_RUNE && is_print((int32_t)u)) {
        buf_puts(&t, " '");
        buf_rune(&t, (int32_t)u);
        buf_byte(&t, '\'');
    }
    bool old = p->zero;
    p->zero = false;
    pad(p, t.data, t.len);
    p->zero = old;
    fmt_buf_free(&t);
}

static void fmt_c(Printer *p, uint64_t c) {
    int32_t r = c > MAX_RUNE ? RUNE_ERROR : (int32_t)c;
    char tmp[4];
    pad(p, tmp, utf8_encode(r, tmp));
}

static void fmt_qc(Printer *p, uint64_t c) {
    int32_t r = c > MAX_RUNE ? RUNE_ERROR : (int32_t)c;
    FmtBuf t = {0};
    append_quoted_rune(&t, r, p->plus);
    pad(p, t.data, t.len);
    fmt_buf_free(&t);
}

/* fmt.truncateString: at most prec runes. */
static size_t truncate_len(Printer *p, const char *s, size_t n) {
    if (!p->prec_present) return n;
    int left = p->prec;
    size_t i = 0, size;
    while (i < n) {
        if (--left < 0) return i;
        utf8_decode(s + i, n - i, &size);
        i += size;
    }
    return n;
}

static void fmt_s(Printer *p, const char *s, size_t n) { pad(p, s, truncate_len(p, s, n)); }

/* fmt.fmtSbx on a string. */
static void fmt_sx(Printer *p, const char *s, size_t n, const char *digits) {
    size_t length = n;
    if (p->prec_present && p->prec < (int)length) length = (size_t)p->prec;
    int width = 2 * (int)length;
    if (width > 0) {
        if (p->space) {
            if (p->sharp) width *= 2;
            width += (int)length - 1;
        } else if (p->sharp) {
            width += 2;
        }
    } else {
        if (p->wid_present) write_padding(p, p->wid);
        return;
    }
    if (p->wid_present && p->wid > width && !p->minus) write_padding(p, p->wid - width);
    FmtBuf *b = p->buf;
    if (p->sharp) { buf_byte(b, '0'); buf_byte(b, digits[16]); }
    for (size_t i = 0; i < length; i++) {
        if (p->space && i > 0) {
            buf_byte(b, ' ');
            if (p->sharp) { buf_byte(b, '0'); buf_byte(b, digits[16]); }
        }
        unsigned char c = (unsigned char)s[i];
        buf_byte(b, digits[c >> 4]);
        buf_byte(b, digits[c & 0xF]);
    }
    if (p->wid_present && p->wid > width && p->minus) write_padding(p, p->wid - width);
}

/* fmt.fmtQ. */
static void fmt_q(Printer *p, const char *s, size_t n) {
    n = truncate_len(p, s, n);
    FmtBuf t = {0};
    if (p->sharp && can_backquote(s, n)) {
        buf_byte(&t, '`');
        fmt_buf_write(&t, s, n);
        buf_byte(&t, '`');
    } else {
        append_quoted(&t, s, n, '"', p->plus);
    }
    pad(p, t.data, t.len);
    fmt_buf_free(&t);
}

/* ---- printing by kind (pp.fmtBool, fmtInteger, fmtString, fmtPointer) ---------- */

static void print_value(Printer *p, TypeId t, Value v, int32_t verb, int depth, bool ro);

/* pp.badVerb: %!verb(type=value); t 0 is <nil>. */
static void bad_verb(Printer *p, int32_t verb, TypeId t, Value v) {
    p->erroring = true;
    buf_puts(p->buf, "%!");
    buf_rune(p->buf, verb);
    buf_byte(p->buf, '(');
    if (t) {
        buf_puts(p->buf, type_name(p->S, t));
        buf_byte(p->buf, '=');
        print_value(p, t, v, 'v', 0, false);
    } else {
        buf_puts(p->buf, "<nil>");
    }
    buf_byte(p->buf, ')');
    p->erroring = false;
}

/* pp.fmtInteger; false for a verb integers do not take. */
static bool fmt_int_verb(Printer *p, uint64_t v, bool is_signed, int32_t verb) {
    switch (verb) {
    case 'v':
        if (p->sharp_v && !is_signed) fmt_0x64(p, v, true);
        else fmt_integer(p, v, 10, is_signed, verb, ldigits);
        return true;
    case 'd': fmt_integer(p, v, 10, is_signed, verb, ldigits); return true;
    case 'b': fmt_integer(p, v, 2, is_signed, verb, ldigits); return true;
    case 'o':
    case 'O': fmt_integer(p, v, 8, is_signed, verb, ldigits); return true;
    case 'x': fmt_integer(p, v, 16, is_signed, verb, ldigits); return true;
    case 'X': fmt_integer(p, v, 16, is_signed, verb, udigits); return true;
    case 'c': fmt_c(p, v); return true;
    case 'q': fmt_qc(p, v); return true;
    case 'U': fmt_unicode(p, v); return true;
    }
    return false;
}

/* pp.fmtString; false for a verb strings do not take. */
static bool fmt_string_verb(Printer *p, const char *s, size_t n, int32_t verb) {
    switch (verb) {
    case 'v':
        if (p->sharp_v) fmt_q(p, s, n);
        else fmt_s(p, s, n);
        return true;
    case 's': fmt_s(p, s, n); return true;
    case 'x': fmt_sx(p, s, n, ldigits); return true;
    case 'X': fmt_sx(p, s, n, udigits); return true;
    case 'q': fmt_q(p, s, n); return true;
    }
    return false;
}

/* pp.fmtPointer for chan, func, pointer and slice values. */
static void fmt_pointer(Printer *p, TypeId t, Value v, int32_t verb) {
    int k = type_kind(p->S, t);
    if (k != TY_CHAN && k != TY_FUNC && k != TY_PTR && k != TY_SLICE) {
        bad_verb(p, verb, t, v);
        return;
    }
    uint64_t u = value_addr(p->S, t, v);
    switch (verb) {
    case 'v':
        if (p->sharp_v) {
            buf_byte(p->buf, '(');
            buf_puts(p->buf, type_name(p->S, t));
            buf_puts(p->buf, ")(");
            if (u == 0) buf_puts(p->buf, "nil");
            else fmt_0x64(p, u, true);
            buf_byte(p->buf, ')');
        } else if (u == 0) {
            pad_str(p, "<nil>");
        } else {
            fmt_0x64(p, u, !p->sharp);
        }
        break;
    case 'p': fmt_0x64(p, u, !p->sharp); break;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X': fmt_int_verb(p, u, false, verb); break;
    default: bad_verb(p, verb, t, v);
    }
}

/* pp.handleMethods: Error() / String() for v s x X q, and %w's wrapping. */
static bool handle_methods(Printer *p, TypeId t, Value v, int32_t verb) {
    if (p->erroring) return false;
    FmtArg a = arg_unwrap(p->S, (FmtArg){t, v});
    TypeId self;
    Method m = a.type ? method_of(p->S, a.type, &self) : METHOD_NONE;
    if (verb == 'w') {
        if (m != METHOD_ERROR || !p->wrap_errs || p->has_wrapped) {
            p->has_wrapped = false;
            p->wrap_errs = false;
            bad_verb(p, verb, a.type, a.v);
            return true;
        }
        p->has_wrapped = true;
        p->wrapped = a;
        verb = 'v';
    }
    if (m == METHOD_NONE || p->sharp_v) return false; /* no GoString methods here */
    if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q') return false;
    FmtBuf text = {0};
    if (method_call(p->S, &text, a.type, a.v)) fmt_string_verb(p, text.data ? text.data : "", text.len, verb);
    else buf_puts(p->buf, "<nil>"); /* catchPanic: a nil receiver prints <nil> */
    fmt_buf_free(&text);
    return true;
}

static bool is_exported(const Sim *S, StrId name) {
    const char *s = strtab_get(&S->strs, name, NULL);
    return s[0] >= 'A' && s[0] <= 'Z';
}

static bool is_structlike(int k) { return k == TY_STRUCT || k == TY_MUTEX || k == TY_WAITGROUP || k == TY_ONCE; }

/* One hidden integer field of a sync type, as its struct in package sync has it. */
static void sync_field(Printer *p, int i, const char *name, const char *tname, uint64_t u, bool is_signed,
                       int32_t verb) {
    if (i > 0) buf_puts(p->buf, p->sharp_v ? ", " : " ");
    if (p->plus_v || p->sharp_v) {
        buf_puts(p->buf, name);
        buf_byte(p->buf, ':');
    }
    if (fmt_int_verb(p, u, is_signed, verb)) return;
    p->erroring = true;
    buf_puts(p->buf, "%!");
    buf_rune(p->buf, verb);
    buf_byte(p->buf, '(');
    buf_puts(p->buf, tname);
    buf_byte(p->buf, '=');
    fmt_int_verb(p, u, is_signed, 'v');
    buf_byte(p->buf, ')');
    p->erroring = false;
}

static void print_mutex(Printer *p, int32_t id, int32_t verb) {
    const Sim *S = p->S;
    uint64_t state = 0, sema = 0;
    if (id > 0 && id <= S->mutexes.len) {
        const Mutex *m = &S->mutexes.items[id - 1];
        state = (uint64_t)m->locked | (uint64_t)m->woken << 1 | (uint64_t)(uint32_t)m->waiters << 3;
        if (m->sema > 0 && m->sema <= S->semas.len) sema = S->semas.items[m->sema - 1].count;
    }
    if (p->sharp_v) buf_puts(p->buf, "sync.Mutex");
    buf_byte(p->buf, '{');
    sync_field(p, 0, "state", "int32", state, true, verb);
    sync_field(p, 1, "sema", "uint32", sema, false, verb);
    buf_byte(p->buf, '}');
}

/* sync.Mutex {state sema}, sync.WaitGroup {noCopy state1 state2} (Go 1.19's
 * layout, counter in state1's high half) and sync.Once {done m}, from the
 * model's objects. */
static void print_sync(Printer *p, int k, Value v, int32_t verb) {
    const Sim *S = p->S;
    int32_t id = v.kind == VK_SYNC ? v.ref : 0;
    if (k == TY_MUTEX) {
        print_mutex(p, id, verb);
        return;
    }
    if (k == TY_WAITGROUP) {
        uint64_t state1 = 0, state2 = 0;
        if (id > 0 && id <= S->waitgroups.len) {
            const WaitGroup *w = &S->waitgroups.items[id - 1];
            state1 = (uint64_t)w->counter << 32 | (uint32_t)w->waiters;
            if (w->sema > 0 && w->sema <= S->semas.len) state2 = S->semas.items[w->sema - 1].count;
        }
        if (p->sharp_v) buf_puts(p->buf, "sync.WaitGroup");
        buf_byte(p->buf, '{');
        if (p->plus_v || p->sharp_v) buf_puts(p->buf, "noCopy:");
        buf_puts(p->buf, p->sharp_v ? "sync.noCopy{}" : "{}");
        sync_field(p, 1, "state1", "uint64", state1, false, verb);
        sync_field(p, 2, "state2", "uint32", state2, false, verb);
        buf_byte(p->buf, '}');
        return;
    }
    uint64_t done = 0;
    int32_t mid = 0;
    if (id > 0 && id <= S->onces.len) {
        done = S->onces.items[id - 1].done;
        mid = S->onces.items[id - 1].mutex;
    }
    if (p->sharp_v) buf_puts(p->buf, "sync.Once");
    buf_byte(p->buf, '{');
    sync_field(p, 0, "done", "uint32", done, false, verb);
    buf_puts(p->buf, p->sharp_v ? ", " : " ");
    if (p->plus_v || p->sharp_v) buf_puts(p->buf, "m:");
    print_mutex(p, mid, verb);
    buf_byte(p->buf, '}');
}

enum { FMT_MAX_DEPTH = 64 };

/* pp.printValue. */
static void print_value(Printer *p, TypeId t, Value v, int32_t verb, int depth, bool ro) {
    const Sim *S = p->S;
    if (depth > 0 && t && !ro && handle_methods(p, t, v, verb)) return;
    if (t <= 0 || t > S->types.len || type_kind(S, t) == TY_NIL) {
        if (depth == 0) buf_puts(p->buf, "<invalid reflect.Value>");
        else if (verb == 'v') buf_puts(p->buf, "<nil>");
        else bad_verb(p, verb, 0, v);
        return;
    }
    if (depth > FMT_MAX_DEPTH) { /* only a cyclic value gets here; Go would overflow its stack */
        buf_puts(p->buf, "...");
        return;
    }
    const Type *ty = sim_type(S, t);
    switch (ty->kind) {
    case TY_BOOL:
        if (verb == 't' || verb == 'v') pad_str(p, v.i ? "true" : "false");
        else bad_verb(p, verb, t, v);
        return;
    case TY_INT:
        if (!fmt_int_verb(p, (uint64_t)v.i, true, verb)) bad_verb(p, verb, t, v);
        return;
    case TY_STRING: {
        int32_t len;
        const char *s = strtab_get(&S->strs, v.kind == VK_STRING ? v.ref : 0, &len);
        if (!fmt_string_verb(p, s, (size_t)len, verb)) bad_verb(p, verb, t, v);
        return;
    }
    case TY_STRUCT:
        if (p->sharp_v) buf_puts(p->buf, type_name(S, t));
        buf_byte(p->buf, '{');
        for (int32_t i = 0; i < ty->nfields; i++) {
            if (i > 0) buf_puts(p->buf, p->sharp_v ? ", " : " ");
            StrId fname = S->fields.items[ty->field0 + i].name;
            if ((p->plus_v || p->sharp_v) && fname) {
                buf_puts(p->buf, strtab_get(&S->strs, fname, NULL));
                buf_byte(p->buf, ':');
            }
            TypeId ft;
            Value fv = struct_field(S, t, v, i, &ft);
            FmtArg dyn = {ft, fv};
            if (type_kind(S, ft) == TY_IFACE) { /* getField: a non-nil interface field prints its dynamic value */
                FmtArg d;
                if (iface_dynamic(S, fv, &d.type, &d.v)) dyn = d;
            }
            print_value(p, dyn.type, dyn.v, verb, depth + 1, ro || !is_exported(S, fname));
        }
        buf_byte(p->buf, '}');
        return;
    case TY_IFACE: {
        FmtArg d;
        if (!iface_dynamic(S, v, &d.type, &d.v)) {
            if (p->sharp_v) {
                buf_puts(p->buf, type_name(S, t));
                buf_puts(p->buf, "(nil)");
            } else {
                buf_puts(p->buf, "<nil>");
            }
            return;
        }
        print_value(p, d.type, d.v, verb, depth + 1, ro);
        return;
    }
    case TY_SLICE: {
        int64_t n = v.kind == VK_SLICE && v.ref ? value_slice_len(v) : 0;
        if (p->sharp_v) {
            buf_puts(p->buf, type_name(S, t));
            if (is_nil_ref(v, VK_SLICE)) {
                buf_puts(p->buf, "(nil)");
                return;
            }
        }
        buf_byte(p->buf, p->sharp_v ? '{' : '[');
        for (int64_t i = 0; i < n; i++) {
            if (i > 0) buf_puts(p->buf, p->sharp_v ? ", " : " ");
            print_value(p, ty->elem, heap_cell(S, v.ref, i, ty->elem), verb, depth + 1, ro);
        }
        buf_byte(p->buf, p->sharp_v ? '}' : ']');
        return;
    }
    case TY_PTR:
        if (depth == 0 && !is_nil_ref(v, VK_PTR) && ty->elem > 0) {
            int ek = type_kind(S, ty->elem);
            if (is_structlike(ek) || ek == TY_SLICE) {
                buf_byte(p->buf, '&');
                print_value(p, ty->elem, heap_cell(S, v.ref, 0, ty->elem), verb, depth + 1, ro);
                return;
            }
        }
        fmt_pointer(p, t, v, verb);
        return;
    case TY_CHAN:
    case TY_FUNC: fmt_pointer(p, t, v, verb); return;
    case TY_MUTEX:
    case TY_WAITGROUP:
    case TY_ONCE: print_sync(p, ty->kind, v, verb); return;
    }
    buf_byte(p->buf, '?');
    buf_puts(p->buf, type_name(S, t));
    buf_byte(p->buf, '?');
}

/* pp.printArg. */
static void print_arg(Printer *p, FmtArg arg, int32_t verb) {
    FmtArg a = arg_unwrap(p->S, arg);
    if (a.type == 0) {
        if (verb == 'T' || verb == 'v') pad_str(p, "<nil>");
        else bad_verb(p, verb, 0, value_nil());
        return;
    }
    if (verb == 'T') {
        const char *name = type_name(p->S, a.type);
        fmt_s(p, name, strlen(name));
        return;
    }
    if (verb == 'p') {
        fmt_pointer(p, a.type, a.v, 'p');
        return;
    }
    if (handle_methods(p, a.type, a.v, verb)) return;
    print_value(p, a.type, a.v, verb, 0, false);
}

/* ---- Printf ---------------------------------------------------------------------- */

static bool too_large(int x) { return x > 1000000 || x < -1000000; }

/* parsenum: returns the index after the digits. */
static size_t parse_num(const char *s, size_t start, size_t end, int *num, bool *isnum) {
    *num = 0;
    *isnum = false;
    if (start >= end) return end;
    size_t i;
    for (i = start; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
        if (too_large(*num)) {
            *num = 0;
            *isnum = false;
            return end;
        }
        *num = *num * 10 + (s[i] - '0');
        *isnum = true;
    }
    return i;
}

/* parseArgNumber on format[0..n): "[3]" gives index 2, width 3. */
static bool parse_arg_number(const char *format, size_t n, int *index, size_t *wid) {
    *index = 0;
    *wid = 1;
    if (n < 3) return false;
    for (size_t i = 1; i < n; i++) {
        if (format[i] == ']') {
            int width;
            bool ok;
            size_t newi = parse_num(format, 1, i, &width, &ok);
            *wid = i + 1;
            if (!ok || newi != i) return false;
            *index = width - 1;
            return true;
        }
    }
    return false;
}

/* pp.argNumber. */
static int arg_number(Printer *p, int argnum, const char *format, size_t end, size_t *i, int nargs, bool *found) {
    *found = false;
    if (*i >= end || format[*i] != '[') return argnum;
    p->reordered = true;
    int index;
    size_t wid;
    bool ok = parse_arg_number(format + *i, end - *i, &index, &wid);
    *i += wid;
    if (ok && 0 <= index && index < nargs) {
        *found = true;
        return index;
    }
    p->good_arg_num = false;
    *found = ok;
    return argnum;
}

/* intFromArg: width or precision from an integer operand. */
static int int_from_arg(Printer *p, const FmtArg *a, int n, int *argnum, bool *is_int) {
    int num = 0;
    *is_int = false;
    if (*argnum < n) {
        FmtArg x = arg_unwrap(p->S, a[*argnum]);
        if (x.type && type_kind(p->S, x.type) == TY_INT && x.v.i >= INT32_MIN && x.v.i <= INT32_MAX) {
            num = (int)x.v.i;
            *is_int = true;
        }
        (*argnum)++;
        if (too_large(num)) {
            num = 0;
            *is_int = false;
        }
    }
    return num;
}

static void do_printf(Printer *p, const char *format, size_t end, const FmtArg *a, int na) {
    int argnum = 0;
    bool after_index = false;
    p->reordered = false;
    size_t i = 0;
    while (i < end) {
        p->good_arg_num = true;
        size_t lasti = i;
        while (i < end && format[i] != '%') i++;
        if (i > lasti) fmt_buf_write(p->buf, format + lasti, i - lasti);
        if (i >= end) break;
        i++; /* the % */
        clear_flags(p);
        bool simple = false;
        for (; i < end; i++) {
            char c = format[i];
            if (c == '#') p->sharp = true;
            else if (c == '0') p->zero = !p->minus;
            else if (c == '+') p->plus = true;
            else if (c == '-') { p->minus = true; p->zero = false; }
            else if (c == ' ') p->space = true;
            else {
                if (c >= 'a' && c <= 'z' && argnum < na) { /* the common case: a verb right after flags */
                    if (c == 'v') {
                        p->sharp_v = p->sharp;
                        p->sharp = false;
                        p->plus_v = p->plus;
                        p->plus = false;
                    }
                    print_arg(p, a[argnum], c);
                    argnum++;
                    i++;
                    simple = true;
                }
                break;
            }
        }
        if (simple) continue;

        argnum = arg_number(p, argnum, format, end, &i, na, &after_index);
        if (i < end && format[i] == '*') {
            i++;
            p->wid = int_from_arg(p, a, na, &argnum, &p->wid_present);
            if (!p->wid_present) buf_puts(p->buf, "%!(BADWIDTH)");
            if (p->wid < 0) {
                p->wid = -p->wid;
                p->minus = true;
                p->zero = false;
            }
            after_index = false;
        } else {
            i = parse_num(format, i, end, &p->wid, &p->wid_present);
            if (after_index && p->wid_present) p->good_arg_num = false;
        }
        if (i + 1 < end && format[i] == '.') {
            i++;
            if (after_index) p->good_arg_num = false;
            argnum = arg_number(p, argnum, format, end, &i, na, &after_index);
            if (i < end && format[i] == '*') {
                i++;
                p->prec = int_from_arg(p, a, na, &argnum, &p->prec_present);
                if (p->prec < 0) {
                    p->prec = 0;
                    p->prec_present = false;
                }
                if (!p->prec_present) buf_puts(p->buf, "%!(BADPREC)");
                after_index = false;
            } else {
                i = parse_num(format, i, end, &p->prec, &p->prec_present);
                if (!p->prec_present) {
                    p->prec = 0;
                    p->prec_present = true;
                }
            }
        }
        if (!after_index) argnum = arg_number(p, argnum, format, end, &i, na, &after_index);
        if (i >= end) {
            buf_puts(p->buf, "%!(NOVERB)");
            break;
        }
        int32_t verb = (unsigned char)format[i];
        size_t size = 1;
        if (verb >= RUNE_SELF) verb = utf8_decode(format + i, end - i, &size);
        i += size;
        if (verb == '%') {
            buf_byte(p->buf, '%');
        } else if (!p->good_arg_num) {
            buf_puts(p->buf, "%!");
            buf_rune(p->buf, verb);
            buf_puts(p->buf, "(BADINDEX)");
        } else if (argnum >= na) {
            buf_puts(p->buf, "%!");
            buf_rune(p->buf, verb);
            buf_puts(p->buf, "(MISSING)");
        } else {
            if (verb == 'v') {
                p->sharp_v = p->sharp;
                p->sharp = false;
                p->plus_v = p->plus;
                p->plus = false;
            }
            print_arg(p, a[argnum], verb);
            argnum++;
        }
    }
    if (!p->reordered && argnum < na) {
        clear_flags(p);
        buf_puts(p->buf, "%!(EXTRA ");
        for (int k = argnum; k < na; k++) {
            if (k > argnum) buf_puts(p->buf, ", ");
            FmtArg x = arg_unwrap(p->S, a[k]);
            if (x.type == 0) {
                buf_puts(p->buf, "<nil>");
            } else {
                buf_puts(p->buf, type_name(p->S, x.type));
                buf_byte(p->buf, '=');
                print_arg(p, x, 'v');
            }
        }
        buf_byte(p->buf, ')');
    }
}

static Printer printer_new(const Sim *S, FmtBuf *out) {
    Printer p;
    memset(&p, 0, sizeof p);
    p.S = S;
    p.buf = out;
    return p;
}

void fmt_printf(const Sim *S, FmtBuf *out, const char *format, size_t flen, const FmtArg *args, int n) {
    Printer p = printer_new(S, out);
    fmt_buf_reserve(out, 0);
    do_printf(&p, format, flen, args, n);
}

void fmt_print(const Sim *S, FmtBuf *out, const FmtArg *args, int n) {
    Printer p = printer_new(S, out);
    fmt_buf_reserve(out, 0);
    bool prev_string = false;
    for (int k = 0; k < n; k++) {
        FmtArg a = arg_unwrap(S, args[k]);
        bool is_string = a.type && type_kind(S, a.type) == TY_STRING;
        if (k > 0 && !is_string && !prev_string) buf_byte(out, ' ');
        print_arg(&p, a, 'v');
        prev_string = is_string;
    }
}

void fmt_println(const Sim *S, FmtBuf *out, const FmtArg *args, int n) {
    Printer p = printer_new(S, out);
    for (int k = 0; k < n; k++) {
        if (k > 0) buf_byte(out, ' ');
        print_arg(&p, args[k], 'v');
    }
    buf_byte(out, '\n');
}

/* ---- errors.New and fmt.Errorf --------------------------------------------------- */

static TypeId find_type(const Sim *S, const char *name) {
    for (int32_t i = 0; i < S->types.len; i++)
        if (strcmp(strtab_get(&S->strs, S->types.items[i].name, NULL), name) == 0) return i + 1;
    return 0;
}

/* *errors.errorString {s string} or *fmt.wrapError {msg string; err error}. */
static TypeId error_ptr_type(Sim *S, bool wrap) {
    const char *name = wrap ? "fmt.wrapError" : "errors.errorString";
    TypeId st = find_type(S, name);
    if (!st) {
        StrId names[2] = {strtab_intern(&S->strs, wrap ? "msg" : "s"), strtab_intern(&S->strs, "err")};
        TypeId types[2] = {TYPE_STRING, TYPE_ERROR};
        st = type_struct(S, name, wrap ? 2 : 1, names, types);
    }
    return type_ptr(S, st);
}

/* A new heap cell holding v; its pointer. */
static Value heap_box(Sim *S, Value v) {
    VEC_PUSH(S->heap, v);
    return value_ptr(S->heap.len - 1);
}

FmtArg fmt_errors_new(Sim *S, const char *msg, size_t len) {
    TypeId pt = error_ptr_type(S, false);
    Value f = value_string(S, msg, len);
    Value sv = value_struct(S, sim_type(S, pt)->elem, &f);
    return (FmtArg){pt, heap_box(S, sv)};
}

FmtArg fmt_errorf(Sim *S, const char *format, size_t flen, const FmtArg *args, int n) {
    FmtBuf out = {0};
    Printer p = printer_new(S, &out);
    fmt_buf_reserve(&out, 0);
    p.wrap_errs = true;
    do_printf(&p, format, flen, args, n);
    FmtArg r;
    if (!p.has_wrapped) {
        r = fmt_errors_new(S, out.data, out.len);
    } else {
        TypeId pt = error_ptr_type(S, true);
        Value cell = heap_box(S, p.wrapped.v);
        Value fields[2] = {value_string(S, out.data, out.len), {VK_IFACE, cell.ref, p.wrapped.type}};
        Value sv = value_struct(S, sim_type(S, pt)->elem, fields);
        r = (FmtArg){pt, heap_box(S, sv)};
    }
    fmt_buf_free(&out);
    return r;
}

/* ---- panic values ------------------------------------------------------------------ */

void fmt_panic_value(const Sim *S, FmtBuf *out, FmtArg arg) {
    FmtArg a = arg_unwrap(S, arg);
    fmt_buf_reserve(out, 0);
    if (a.type == 0) {
        buf_puts(out, "nil");
        return;
    }
    TypeId self;
    if (method_of(S, a.type, &self) != METHOD_NONE) { /* preprintpanics: v.Error() / v.String() */
        if (method_call(S, out, a.type, a.v)) return;
    }
    const Type *ty = sim_type(S, a.type);
    const char *name = type_name(S, a.type);
    char tmp[40];
    switch (ty->kind) {
    case TY_BOOL:
        if (ty->named) { buf_puts(out, name); buf_byte(out, '('); }
        buf_puts(out, a.v.i ? "true" : "false");
        if (ty->named) buf_byte(out, ')');
        return;
    case TY_INT:
        snprintf(tmp, sizeof tmp, "%lld", (long long)a.v.i);
        if (ty->named) { buf_puts(out, name); buf_byte(out, '('); }
        buf_puts(out, tmp);
        if (ty->named) buf_byte(out, ')');
        return;
    case TY_STRING: {
        int32_t len;
        const char *s = strtab_get(&S->strs, a.v.kind == VK_STRING ? a.v.ref : 0, &len);
        if (ty->named) { buf_puts(out, name); buf_puts(out, "(\""); }
        fmt_buf_write(out, s, (size_t)len);
        if (ty->named) buf_puts(out, "\")");
        return;
    }
    }
    /* printanycustomtype's default: (type) and the interface's data word */
    snprintf(tmp, sizeof tmp, "0x%llx", (unsigned long long)value_addr(S, a.type, a.v));
    buf_byte(out, '(');
    buf_puts(out, name);
    buf_puts(out, ") ");
    buf_puts(out, tmp);
}
