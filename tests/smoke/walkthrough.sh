#!/bin/sh
# tests/smoke/walkthrough.sh HCHANVIZ ROOT: a teacher's walk through lesson 05
# (the rotate) in the real window, keys pressed through the event loop:
#   - Right x18 reaches the frame --step 18 opens at (the same pixels);
#   - each Down shows another micro-step (another frame), Up comes back;
#   - T (theme), L (language), F5 (presentation mode) each change the frame,
#     and pressing them again restores it;
#   - presentation mode has its own frame at micro-steps too;
#   - M + a pick that is not the lesson's leaves the lesson's path (a banner:
#     another frame than the lesson's own step), and B comes back to the
#     lesson's path at the step where the pick was made: the same pixels.
# Screens are compared pixel for pixel (ImageMagick's compare).  Skips (77)
# without xvfb-run or ImageMagick.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
command -v xvfb-run >/dev/null 2>&1 || { echo "skip: xvfb-run is not installed"; exit 77; }
command -v compare >/dev/null 2>&1 && command -v convert >/dev/null 2>&1 || { echo "skip: compare/convert (imagemagick) is not installed"; exit 77; }
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
L05="$ROOT/lessons/05-recv-rotate.go"
shot() { # shot NAME ARGS...
  name=$1; shift
  (cd "$OUT" && env HOME="$OUT" XDG_DATA_HOME="$OUT/data" xvfb-run -a -s "-screen 0 1600x900x24" \
    "$BIN" view "$L05" --size 1280x720 --reduced-motion --screenshot "$OUT/$name.png" "$@") >"$OUT/log" 2>&1 ||
    fail "view $*: $(cat "$OUT/log")"
  [ -s "$OUT/$name.png" ] || fail "no screenshot for $name"
}
same() { [ "$(compare -metric AE "$OUT/$1.png" "$OUT/$2.png" null: 2>&1 || true)" = "0" ]; }
# same_top A B: the top 400 rows agree (a key's passing message is drawn lower down).
same_top() {
  convert "$OUT/$1.png" -crop 1280x400+0+0 +repage "$OUT/$1.top.png"
  convert "$OUT/$2.png" -crop 1280x400+0+0 +repage "$OUT/$2.top.png"
  same "$1.top" "$2.top"
}
R18="Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right,Right"

shot step18 --step 18
shot keys18 --keys "$R18"
same step18 keys18 || fail "Right x18 is not step 18"
shot m1 --step 18 --keys "Down"
shot m2 --step 18 --keys "Down,Down"
shot m5 --step 18 --keys "Down,Down,Down,Down,Down"
shot m5up --step 18 --keys "Down,Down,Down,Down,Down,Down,Up"
same step18 m1 && fail "Down showed no micro-step"
same m1 m2 && fail "the second micro-step looks like the first"
same m2 m5 && fail "micro-step 5 looks like micro-step 2"
shot m5b --step 18 --keys "Down,Down,Down,Down,Down"
same m5 m5b || fail "the same micro-step drew two frames"
same m5 m5up || fail "Up did not come back to micro-step 5"
echo "ok: Right, Down and Up move through steps and micro-steps"

shot theme --step 18 --keys "T"
shot lang --step 18 --keys "L"
shot present --step 18 --keys "F5"
shot present2 --step 18 --keys "F5,F5"
shot present_m3 --step 18 --keys "F5,Down,Down,Down"
same step18 theme && fail "T changed nothing"
same step18 lang && fail "L changed nothing"
same step18 present && fail "F5 changed nothing"
same_top step18 present2 || fail "F5 twice is not the window again"
same present present_m3 && fail "a micro-step in presentation mode looks like the whole step"
shot present_flag --step 18 --present
same_top present present_flag || fail "--present is not F5"
echo "ok: T, L and F5 change the frame; F5 twice and --present agree"

# Off the lesson's path and back.  Lesson 05 pins no schedule: after step 4
# (runtime.Gosched) G2 waits in runnext and G1 in the global queue, and Go
# runs G2.  Picking G1 instead leaves the lesson's path.
shot onpath --step 5
shot at4 --step 4 --keys "M,M"
shot off --step 4 --keys "M,Right,1"
same at4 off && fail "the pick did nothing"
same onpath off && fail "a pick off the lesson's path looks like the lesson's step"
shot back --step 4 --keys "M,Right,1,B,M"
same_top at4 back || fail "B did not come back to the lesson's path"
echo "ok: a pick off the path shows a banner; B returns to the lesson's path"
