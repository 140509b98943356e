#!/bin/sh
# tests/smoke/fonts.sh HCHANVIZ ROOT: the fonts, found through fontconfig
# (render/sdl/font.c).
#  1. A Chinese frame finds a CJK fallback (no "no CJK font" warning) and
#     differs from the same frame drawn with fontconfig limited to DejaVu
#     (where the Chinese is boxes and a warning says so).
#  2. With no fonts at all (an empty fontconfig configuration, a HOME
#     without fonts) and with no monospace font, export exits 1 with a
#     message saying what to install or set: no crash.  HCHANVIZ_FONT
#     still works when fontconfig has no fonts.
#  3. The layout's text model (view_metrics_dejavu, render/view/metrics.c,
#     used by the layout tests) measures what the real fonts measure: a
#     small program built here from font.c and metrics.c compares the two
#     for every line of the UI strings, the view's sources and the lessons,
#     every character in them, and the line heights from 6 to 200 px.
# Skips (77) without ImageMagick's identify or without DejaVu Sans Mono.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
command -v identify >/dev/null 2>&1 || { echo "skip: identify (imagemagick) is not installed"; exit 77; }
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/smoke/lsan.supp:print_suppressions=0}"
unset HCHANVIZ_FONT HCHANVIZ_FONT_BOLD HCHANVIZ_CJK_FONT
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

DEJAVU=""
for d in /usr/share/fonts/truetype/dejavu /usr/share/fonts/TTF /usr/share/fonts/dejavu; do
  [ -f "$d/DejaVuSansMono.ttf" ] && DEJAVU=$d && break
done
[ -n "$DEJAVU" ] || { echo "skip: DejaVu Sans Mono is not installed where Debian puts it"; exit 77; }
LESSON="$ROOT/lessons/09-close-wakes-receivers.go"
[ -f "$LESSON" ] || LESSON="$ROOT/tests/go/chansend_direct.go"

# --- 1. Chinese, with and without a CJK font --------------------------------
"$BIN" export "$LESSON" --out "$OUT/zh" --size 1280x720 --step 10 --lang zh >"$OUT/log" 2>"$OUT/err" ||
  fail "export --lang zh: exit $?: $(cat "$OUT/err")"
png=$(ls "$OUT/zh"/*.png | head -n 1)
[ -f "$png" ] || fail "no frame written"
colors=$(identify -format '%k' "$png")
[ "$colors" -gt 50 ] || fail "the zh frame has only $colors colours: blank?"
if grep -q 'no CJK font' "$OUT/err"; then
  echo "note: no CJK font installed (fonts-wqy-microhei): Chinese check skipped"
else
  # fontconfig that knows DejaVu only: Chinese falls back to nothing.
  cat >"$OUT/dejavu.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>$DEJAVU</dir><cachedir>$OUT/fccache</cachedir></fontconfig>
EOF
  FONTCONFIG_FILE="$OUT/dejavu.conf" "$BIN" export "$LESSON" --out "$OUT/nocjk" --size 1280x720 --step 10 --lang zh \
    >"$OUT/log" 2>"$OUT/err2" || fail "export without a CJK font: exit $?: $(cat "$OUT/err2")"
  grep -q 'no CJK font' "$OUT/err2" || fail "no warning without a CJK font: $(cat "$OUT/err2")"
  png2=$(ls "$OUT/nocjk"/*.png | head -n 1)
  cmp -s "$png" "$png2" && fail "the zh frame is the same with and without a CJK font: the fallback is not used"
  echo "ok: zh frame, $colors colours, drawn with a CJK fallback (and boxes plus a warning without one)"
fi

# --- 2. no fonts at all -----------------------------------------------------
mkdir -p "$OUT/home"
cat >"$OUT/empty.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>$OUT/fccache</cachedir></fontconfig>
EOF
nofonts() { # CONFIG: runs export with fontconfig's view limited to CONFIG; checks exit 1 and the message
  status=0
  env HOME="$OUT/home" XDG_DATA_HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home" XDG_CACHE_HOME="$OUT/home" \
    FONTCONFIG_FILE="$1" "$BIN" export "$LESSON" --out "$OUT/none" --step 1 >"$OUT/log" 2>"$OUT/err" || status=$?
  [ "$status" -eq 1 ] || fail "no fonts ($1): exit $status, want 1: $(cat "$OUT/err")"
  grep -q 'HCHANVIZ_FONT' "$OUT/err" || fail "no fonts ($1): the message does not say what to set: $(cat "$OUT/err")"
  grep -q 'hchanviz: ' "$OUT/err" || fail "no fonts ($1): no hchanviz message: $(cat "$OUT/err")"
  if grep -q -E 'AddressSanitizer|runtime error|LeakSanitizer' "$OUT/err"; then fail "no fonts ($1): $(cat "$OUT/err")"; fi
  [ ! -d "$OUT/none" ] || [ -z "$(ls "$OUT/none")" ] || fail "no fonts ($1): frames written anyway"
  echo "ok: no fonts ($(basename "$1")) -> exit 1: $(grep 'hchanviz: ' "$OUT/err" | head -n 1)"
}
nofonts "$OUT/empty.conf"
# Fonts, but none monospace: fontconfig's nearest match is refused.
if [ -f "$DEJAVU/DejaVuSans.ttf" ]; then
  mkdir -p "$OUT/sans"
  ln -s "$DEJAVU/DejaVuSans.ttf" "$OUT/sans/DejaVuSans.ttf"
  cat >"$OUT/sans.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>$OUT/sans</dir><cachedir>$OUT/fccache</cachedir></fontconfig>
EOF
  nofonts "$OUT/sans.conf"
fi
# HCHANVIZ_FONT still works without fontconfig's fonts.
env FONTCONFIG_FILE="$OUT/empty.conf" HCHANVIZ_FONT="$DEJAVU/DejaVuSansMono.ttf" \
  "$BIN" export "$LESSON" --out "$OUT/env" --step 1 >"$OUT/log" 2>"$OUT/err" || fail "HCHANVIZ_FONT without fontconfig fonts: $(cat "$OUT/err")"
echo "ok: HCHANVIZ_FONT works without fontconfig's fonts"

# --- 3. the metrics model against the real fonts -----------------------------
CC=${CC:-cc}
if ! command -v "$CC" >/dev/null 2>&1 || ! pkg-config --exists sdl2 SDL2_ttf fontconfig 2>/dev/null; then
  echo "ok (no C compiler or pkg-config files: metrics check skipped)"
  exit 0
fi
SAN=""
if ldd "$BIN" 2>/dev/null | grep -q libasan; then SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"; fi
cat >"$OUT/metrics_check.c" <<'EOF'
/* Compares view_metrics_dejavu with the fonts font.c finds. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "font.h"

static int bad;

static void report(const char *what, int px, const char *s, int len, int model, int real) {
    if (++bad <= 25) printf("  %s at %d px: model %d, fonts %d: \"%.*s\"\n", what, px, model, real, len, s);
}

int main(int argc, char **argv) {
    if (SDL_Init(0) != 0 || TTF_Init() != 0) return 2;
    Fonts f;
    char why[512];
    if (!fonts_init(&f, why, sizeof why)) {
        printf("fonts_init: %s\n", why);
        return 2;
    }
    const ViewMetrics *model = &view_metrics_dejavu, *real = &f.metrics;
    for (int px = 6; px <= 200; px++) {
        int m = model->line_height(model->ud, px), r = real->line_height(real->ud, px);
        if (m != r) report("line height", px, "", 0, m, r);
    }
    static const int sizes[] = {10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 26, 28, 32, 36, 40, 48, 56, 64, 72, 96, 128};
    static const int drawn[] = {13, 30};
    static uint32_t seen[8192];
    static char bytes[8192][4];
    static int nbytes[8192];
    int nseen = 0, lines = 0;
    for (int a = 1; a < argc; a++) {
        FILE *in = fopen(argv[a], "r");
        if (!in) continue;
        char line[900];
        while (fgets(line, sizeof line, in)) {
            int len = (int)strcspn(line, "\r\n\t");
            if (len == 0) continue;
            lines++;
            for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
                int px = sizes[k], m = model->text_width(model->ud, px, line, len);
                int r = real->text_width(real->ud, px, line, len);
                if (m != r) report("width", px, line, len, m, r);
            }
            /* What is drawn is as wide as what was measured (drawing uses
             * the faces measuring used), plus at most the ink that hangs
             * past the last advance. */
            for (size_t k = 0; k < sizeof drawn / sizeof drawn[0]; k++) {
                for (int bold = 0; bold < 2; bold++) {
                    SDL_Color fg = {0, 0, 0, 255}, bg = {255, 255, 255, 255};
                    int px = drawn[k], m = model->text_width(model->ud, px, line, len);
                    SDL_Surface *s = fonts_render(&f, px, bold, line, len, fg, bg);
                    if (s && (s->w < m || s->w > m + px / 5 + 1))
                        report(bold ? "drawn width (bold)" : "drawn width", px, line, len, m, s->w);
                    if (s) SDL_FreeSurface(s);
                }
            }
            for (int i = 0; i < len;) {
                int at = i;
                uint32_t cp = utf8_next(line, len, &i);
                int j = 0;
                while (j < nseen && seen[j] != cp) j++;
                if (j < nseen || nseen == (int)(sizeof seen / sizeof seen[0])) continue;
                seen[nseen] = cp;
                memcpy(bytes[nseen], line + at, (size_t)(i - at));
                nbytes[nseen++] = i - at;
            }
        }
        fclose(in);
    }
    /* Every character alone at every size (size by size: the fonts are opened per size). */
    static bool off[8192];
    for (int px = 10; px <= 200; px++) {
        for (int j = 0; j < nseen; j++) {
            if (off[j]) continue;
            int m = model->text_width(model->ud, px, bytes[j], nbytes[j]);
            int r = real->text_width(real->ud, px, bytes[j], nbytes[j]);
            if (m != r) {
                report("character width", px, bytes[j], nbytes[j], m, r);
                off[j] = true; /* once per character is enough */
            }
        }
    }
    printf("compared %d lines and %d characters\n", lines, nseen);
    fonts_free(&f);
    TTF_Quit();
    SDL_Quit();
    if (bad) printf("%d differences\n", bad);
    return bad ? 1 : 0;
}
EOF
# shellcheck disable=SC2086
"$CC" -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g $SAN -I"$ROOT/render/sdl" -I"$ROOT/render/view" \
  $(pkg-config --cflags sdl2 SDL2_ttf fontconfig) -o "$OUT/metrics_check" "$OUT/metrics_check.c" \
  "$ROOT/render/sdl/font.c" "$ROOT/render/view/metrics.c" $(pkg-config --libs sdl2 SDL2_ttf fontconfig) \
  >"$OUT/cc.log" 2>&1 || fail "cannot build the metrics check: $(cat "$OUT/cc.log")"
set +e
"$OUT/metrics_check" "$ROOT"/assets/strings/*.def "$ROOT"/render/view/*.c "$ROOT"/lessons/*.go >"$OUT/metrics.log" 2>&1
status=$?
set -e
cat "$OUT/metrics.log"
[ "$status" -eq 0 ] || fail "the metrics model (render/view/metrics.c) and the real fonts disagree"
echo "ok: metrics model = real fonts"
