#!/bin/sh
# tests/smoke/export.sh HCHANVIZ ROOT: `hchanviz export` writes PNG frames of
# the right size that are not blank (many distinct colours), one per step.
# Needs no display (SDL's software renderer on a surface).  Skips (77)
# without ImageMagick's identify.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
command -v identify >/dev/null 2>&1 || { echo "skip: identify (imagemagick) is not installed"; exit 77; }
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/smoke/lsan.supp:print_suppressions=0}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

# One step, 1280x720, light theme, English.
"$BIN" export "$ROOT/tests/go/chanrecv_rotate.go" --out "$OUT/one" --size 1280x720 --step 12 --lang en >/dev/null
[ -f "$OUT/one/step-0012.png" ] || fail "no step-0012.png"
size=$(identify -format '%wx%h' "$OUT/one/step-0012.png")
[ "$size" = "1280x720" ] || fail "size $size, want 1280x720"
colors=$(identify -format '%k' "$OUT/one/step-0012.png")
[ "$colors" -gt 50 ] || fail "only $colors colours: blank?"
echo "ok: one step, $size, $colors colours"

# Every step, dark theme, Chinese: as many frames as steps (0 .. last).
"$BIN" export "$ROOT/tests/go/chansend_direct.go" --out "$OUT/all" --size 960x540 --theme dark --lang zh >/dev/null
frames=$(ls "$OUT/all" | grep -c '^step-.*\.png$')
steps=$("$BIN" steps "$ROOT/tests/go/chansend_direct.go" | grep -c '^step ')
[ "$frames" -eq $((steps + 1)) ] || fail "$frames frames for $steps steps (want steps + 1: step 0 is the start)"
last=$(ls "$OUT/all" | tail -n 1)
colors=$(identify -format '%k' "$OUT/all/$last")
[ "$colors" -gt 50 ] || fail "$last has only $colors colours"
echo "ok: $frames frames, dark/zh, last has $colors colours"

# 4K, high contrast.
"$BIN" export "$ROOT/tests/go/seed_producer_consumer.go" --out "$OUT/4k" --size 3840x2160 --step 30 --theme high-contrast >/dev/null
size=$(identify -format '%wx%h' "$OUT/4k/step-0030.png")
[ "$size" = "3840x2160" ] || fail "4K size $size"
echo "ok: 4K"

# Errors: a bad program exits 1 with its diagnostic; a missing --out too.
printf 'package main\nfunc main() { x }\n' >"$OUT/bad.go"
if "$BIN" export "$OUT/bad.go" --out "$OUT/bad" 2>"$OUT/err"; then fail "bad program exported"; fi
grep -q 'bad.go:2' "$OUT/err" || fail "no diagnostic: $(cat "$OUT/err")"
if "$BIN" export "$ROOT/tests/go/chansend_direct.go" 2>/dev/null; then fail "export without --out succeeded"; fi
echo "ok: errors"
