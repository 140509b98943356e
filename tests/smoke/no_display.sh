#!/bin/sh
# tests/smoke/no_display.sh HCHANVIZ ROOT: without a display, `hchanviz
# PROGRAM.go` prints the steps as text (as `hchanviz steps` does) instead of
# failing; a missing font is a clear message and exit 1, never a crash.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/smoke/lsan.supp:print_suppressions=0}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
PROG="$ROOT/tests/go/chansend_direct.go"

env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$BIN" "$PROG" >"$OUT/out" 2>"$OUT/err" || fail "exit $?: $(cat "$OUT/err")"
"$BIN" steps "$PROG" >"$OUT/want"
cmp -s "$OUT/out" "$OUT/want" || fail "the text fallback differs from hchanviz steps"
grep -q 'no display' "$OUT/err" || fail "no note on stderr"
echo "ok: text fallback"

status=0
HCHANVIZ_FONT=/nonexistent/font.ttf "$BIN" export "$PROG" --out "$OUT/x" --step 1 2>"$OUT/err" || status=$?
[ "$status" -eq 1 ] || fail "missing font: exit $status, want 1"
grep -q 'HCHANVIZ_FONT' "$OUT/err" || fail "missing font: unclear message: $(cat "$OUT/err")"
echo "ok: missing font -> exit 1: $(head -n 1 "$OUT/err")"
