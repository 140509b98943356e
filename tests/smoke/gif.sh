#!/bin/sh
# tests/smoke/gif.sh HCHANVIZ ROOT: `hchanviz export --format gif` read back
# with ImageMagick: one animated GIF of the run with as many images as the
# exporter says it stored, looping forever (NETSCAPE2.0, loop count 0), every
# colour of the theme exactly in the palette, the first and last frames held
# longer than the animation's, and a step's final frame equal to that step's
# PNG up to the anti-aliasing of text.  Then the checks of writing: a full
# disk (a small tmpfs, when this user can mount one) leaves no file and
# exits 1, and bad flags are refused.  Skips (77) without ImageMagick.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
command -v identify >/dev/null 2>&1 || { echo "skip: identify (imagemagick) is not installed"; exit 77; }
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/smoke/lsan.supp:print_suppressions=0}"
OUT=$(mktemp -d)
TINY=""
cleanup() {
  [ -n "$TINY" ] && umount "$TINY" 2>/dev/null
  rm -rf "$OUT"
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; exit 1; }
LESSON=$ROOT/lessons/05-recv-rotate.go

# The theme's colours, from assets/themes/themes.def (column 2 light, 3 dark, 4 high contrast).
theme_colors() {
  sed -n 's/^THEME_ROLE(\([^)]*\)).*/\1/p' "$ROOT/assets/themes/themes.def" |
    awk -F, -v col="$1" '{ gsub(/ /, "", $col); sub(/^0x/, "", $col); print toupper($col) }' | sort -u
}

# Every theme colour must be an entry of the GIF's global colour map.
check_palette() { # GIF THEME_COLUMN
  identify -verbose "$1[0]" 2>/dev/null | sed -n 's/^ *[0-9]*: ([^)]*) #\([0-9A-F]\{6\}\).*/\1/p' | sort -u >"$OUT/map"
  [ -s "$OUT/map" ] || fail "$1: no colour map"
  theme_colors "$2" >"$OUT/theme"
  missing=$(comm -23 "$OUT/theme" "$OUT/map" | tr '\n' ' ')
  [ -z "$missing" ] || fail "$1: theme colours not in the palette: $missing"
}

# The NETSCAPE2.0 extension with sub-block 1 = loop count 0 (forever).
check_loop() {
  off=$(LC_ALL=C grep -obUa 'NETSCAPE2\.0' "$1" | head -n 1 | cut -d: -f1)
  [ -n "$off" ] || fail "$1: no NETSCAPE2.0 extension"
  sub=$(od -An -tx1 -j $((off + 11)) -N4 "$1" | tr -d ' \n')
  [ "$sub" = "03010000" ] || fail "$1: loop sub-block $sub, want 03 01 00 00 (loop forever)"
}

# The whole lesson at 1280x720.
"$BIN" export "$LESSON" --out "$OUT/r05.gif" --size 1280x720 --lang en >"$OUT/said"
stored=$(sed -n 's/.* (\([0-9]*\) stored).*/\1/p' "$OUT/said")
[ -n "$stored" ] || fail "no frame count in: $(cat "$OUT/said")"
[ -f "$OUT/r05.gif" ] || fail "no r05.gif"
ls -a "$OUT" | grep -q '\.tmp-' && fail "a temporary file was left: $(ls -a "$OUT")"
identify -format '%m %W %H %T\n' "$OUT/r05.gif" >"$OUT/frames" 2>/dev/null
frames=$(wc -l <"$OUT/frames")
[ "$frames" -eq "$stored" ] || fail "identify counts $frames images, the exporter said $stored"
steps=$("$BIN" steps "$LESSON" | grep -c '^step ')
[ "$frames" -gt "$steps" ] || fail "$frames images for $steps steps: where is the animation?"
head -n 1 "$OUT/frames" | grep -q '^GIF 1280 720 ' || fail "first image: $(head -n 1 "$OUT/frames")"
[ "$(head -n 1 "$OUT/frames" | cut -d' ' -f4)" = 150 ] || fail "the first frame is not held 1.5 s: $(head -n 1 "$OUT/frames")"
[ "$(tail -n 1 "$OUT/frames" | cut -d' ' -f4)" = 300 ] || fail "the last frame is not held 3 s: $(tail -n 1 "$OUT/frames")"
grep -q ' 5$' "$OUT/frames" || fail "no animation frames (delay 5)"
check_loop "$OUT/r05.gif"
check_palette "$OUT/r05.gif" 2
size=$(wc -c <"$OUT/r05.gif")
echo "ok: lesson 05, $frames images for $steps steps, $size bytes, loops, light palette exact"

# One step (the rotate, 18): its animation, then the step; the last frame
# composed equals the PNG of step 18 but for text edges (10% fuzz covers a
# ramp's rounding; a wrong colour or a misplaced box would not pass).
"$BIN" export "$LESSON" --out "$OUT/s18.gif" --step 18 --size 1280x720 --lang en >/dev/null
"$BIN" export "$LESSON" --out "$OUT/p18" --step 18 --size 1280x720 --lang en >/dev/null
n=$(identify "$OUT/s18.gif" 2>/dev/null | wc -l)
[ "$n" -gt 1 ] || fail "step 18 has no animation ($n images)"
convert "$OUT/s18.gif[0-$((n - 1))]" -coalesce -delete 0--2 "$OUT/last18.png" 2>/dev/null
diff=$(compare -fuzz 10% -metric AE "$OUT/last18.png" "$OUT/p18/step-0018.png" null: 2>&1 || true)
[ "$diff" = 0 ] || fail "step 18's last GIF frame differs from its PNG in $diff pixels"
exact=$(compare -metric AE "$OUT/last18.png" "$OUT/p18/step-0018.png" null: 2>&1 || true)
echo "ok: step 18, $n images, the last is the PNG (pixels off by anti-aliasing only: $exact of 921600)"

# Dark and high contrast: their colours exact too; --micro all; --present.
"$BIN" export "$LESSON" --out "$OUT/dark.gif" --step 18 --micro all --theme dark --size 960x540 >/dev/null
check_palette "$OUT/dark.gif" 3
n=$(identify "$OUT/dark.gif" 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || fail "--micro all: $n images"
"$BIN" export "$LESSON" --out "$OUT/hc.gif" --step 18 --present --theme high-contrast --size 960x540 >/dev/null
check_palette "$OUT/hc.gif" 4
echo "ok: dark (--micro all, $n images) and high-contrast (--present) palettes exact"

# Refused: GIF into a directory, a .gif with another format.
mkdir "$OUT/dir"
if "$BIN" export "$LESSON" --format gif --out "$OUT/dir" 2>"$OUT/err"; then fail "--format gif --out DIR succeeded"; fi
grep -q 'FILE.gif' "$OUT/err" || fail "unclear message: $(cat "$OUT/err")"
if "$BIN" export "$LESSON" --format json --out "$OUT/x.gif" 2>"$OUT/err"; then fail "--format json --out x.gif succeeded"; fi
grep -q 'directory' "$OUT/err" || fail "unclear message: $(cat "$OUT/err")"
echo "ok: flags refused"

# A full disk: nothing under the final name, no temporary file, exit 1.
TINY=$OUT/tiny
mkdir "$TINY"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=200k tmpfs "$TINY" 2>/dev/null; then
  if "$BIN" export "$LESSON" --out "$TINY/full.gif" --size 1280x720 >/dev/null 2>"$OUT/err"; then fail "export to a full disk succeeded"; fi
  grep -q 'No space left' "$OUT/err" || fail "full disk: unclear message: $(cat "$OUT/err")"
  [ -z "$(ls -A "$TINY")" ] || fail "full disk left: $(ls -a "$TINY")"
  if "$BIN" export "$LESSON" --out "$TINY/frames" --size 1280x720 >/dev/null 2>"$OUT/err"; then fail "PNG export to a full disk succeeded"; fi
  grep -q 'No space left' "$OUT/err" || fail "full disk (PNG): unclear message: $(cat "$OUT/err")"
  ls -a "$TINY/frames" | grep -q '\.tmp-' && fail "full disk (PNG) left a temporary file: $(ls -a "$TINY/frames")"
  for f in "$TINY"/frames/*.png; do identify "$f" >/dev/null 2>&1 || fail "a broken frame was left: $f"; done
  echo "ok: full disk: $(cat "$OUT/err")"
else
  umount "$TINY" 2>/dev/null || true
  TINY=""
  echo "ok: full disk not tested (cannot mount a tmpfs here)"
fi
