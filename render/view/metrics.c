/* metrics.c: the model of hchanviz's fonts (see metrics.h), and text
 * eliding and wrapping. */
#include "metrics.h"

#include <string.h>

/* TTF_FontHeight, the taller of DejaVu Sans Mono and WenQuanYi Micro Hei,
 * at 6..200 px (SDL_ttf 2.20.1, FreeType hinting as SDL_ttf sets it). */
static const uint8_t line_heights[] = {
    8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 22, 23, 24, 25, 26, 27, 29, 30,
    31, 32, 33, 34, 36, 37, 38, 39, 40, 42, 43, 44, 45, 46, 47, 49, 50, 51, 52, 53,
    54, 56, 57, 58, 59, 60, 61, 63, 64, 65, 66, 67, 68, 70, 71, 72, 73, 74, 76, 77,
    78, 79, 80, 81, 83, 84, 85, 86, 87, 88, 90, 91, 92, 93, 94, 95, 97, 98, 99, 100,
    101, 102, 104, 105, 106, 107, 108, 110, 111, 112, 113, 114, 115, 117, 118, 119, 120, 121, 122, 124,
    125, 126, 127, 128, 129, 131, 132, 133, 134, 135, 136, 138, 139, 140, 141, 142, 144, 145, 146, 147,
    148, 149, 151, 152, 153, 154, 155, 156, 158, 159, 160, 161, 162, 163, 165, 166, 167, 168, 169, 170,
    172, 173, 174, 175, 176, 178, 179, 180, 181, 182, 183, 185, 186, 187, 188, 189, 190, 192, 193, 194,
    195, 196, 197, 199, 200, 201, 202, 203, 204, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217,
    219, 220, 221, 222, 223, 224, 226, 227, 228, 229, 230, 231, 233, 234, 235,};

int view_mono_advance(int px) {
    if (px < 1) return 0;
    return (int)(((int64_t)px * 1233 + 1024) / 2048);
}

int view_line_height(int px) {
    if (px < 6) return px + 2;
    if (px <= 200) return line_heights[px - 6];
    return (int)(((int64_t)px * 2385 + 1024) / 2048); /* the slope of the table's tail */
}

bool view_cp_is_wide(uint32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

uint32_t utf8_next(const char *s, int len, int *i) {
    const unsigned char *p = (const unsigned char *)s;
    int k = *i;
    uint32_t c = p[k];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || k + n > len) {
        *i = k + 1;
        return c < 0x80 ? c : 0xFFFD;
    }
    if (n == 1) {
        *i = k + 1;
        return c;
    }
    uint32_t cp = c & (0x7F >> n);
    for (int j = 1; j < n; j++) {
        if ((p[k + j] & 0xC0) != 0x80) {
            *i = k + 1;
            return 0xFFFD;
        }
        cp = cp << 6 | (p[k + j] & 0x3F);
    }
    *i = k + n;
    return cp;
}

static int dejavu_width(void *ud, int px, const char *s, int len) {
    (void)ud;
    int adv = view_mono_advance(px), w = 0;
    for (int i = 0; i < len;) {
        uint32_t cp = utf8_next(s, len, &i);
        w += view_cp_is_wide(cp) ? px : adv;
    }
    return w;
}

static int dejavu_line_height(void *ud, int px) {
    (void)ud;
    return view_line_height(px);
}

const ViewMetrics view_metrics_dejavu = {dejavu_width, dejavu_line_height, NULL};

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026, in DejaVu Sans Mono */

int text_fit(const ViewMetrics *m, int px, const char *s, int len, int maxw, char *out, int cap) {
    if (cap <= 0) return 0;
    if (maxw <= 0) {
        out[0] = '\0';
        return 0;
    }
    if (m->text_width(m->ud, px, s, len) <= maxw && len < cap) {
        memcpy(out, s, (size_t)len);
        out[len] = '\0';
        return len;
    }
    int ew = m->text_width(m->ud, px, ellipsis, 3);
    int w = 0, end = 0;
    for (int i = 0; i < len;) {
        int start = i;
        utf8_next(s, len, &i);
        int cw = m->text_width(m->ud, px, s + start, i - start);
        if (w + cw + ew > maxw || i + 4 > cap) break;
        w += cw;
        end = i;
    }
    if (ew > maxw || end + 4 > cap) {
        out[0] = '\0';
        return 0;
    }
    memcpy(out, s, (size_t)end);
    memcpy(out + end, ellipsis, 3);
    out[end + 3] = '\0';
    return end + 3;
}

int text_wrap(const ViewMetrics *m, int px, const char *s, int len, int maxw, TextLine *lines, int max) {
    int n = 0, i = 0;
    if (maxw < 1) maxw = 1;
    while (i < len) {
        /* One line from i: take characters while they fit; remember the last break. */
        int start = i, w = 0, brk = -1, brk_next = -1, j = i;
        bool newline = false;
        while (j < len) {
            if (s[j] == '\n') {
                newline = true;
                break;
            }
            int k = j;
            uint32_t cp = utf8_next(s, len, &k);
            int cw = m->text_width(m->ud, px, s + j, k - j);
            if (w + cw > maxw && j > start) break;
            if (cp == ' ') {
                brk = j;
                brk_next = k;
            } else if (view_cp_is_wide(cp)) {
                brk = k; /* after a CJK character */
                brk_next = k;
            }
            w += cw;
            j = k;
        }
        int end, next;
        if (newline) {
            end = j;
            next = j + 1;
        } else if (j >= len) {
            end = next = len;
        } else if (brk > start) {
            end = brk;
            next = brk_next;
        } else {
            end = next = j; /* a word wider than the line: cut it */
        }
        while (end > start && s[end - 1] == ' ') end--;
        if (n < max) lines[n] = (TextLine){start, end - start};
        n++;
        i = next;
        while (i < len && s[i] == ' ' && !newline) i++;
    }
    return n;
}
