#!/bin/sh
# tests/smoke/ui_keys.sh HCHANVIZ ROOT: the window's keys as a user presses
# them (--keys through the real event loop), judged by what they leave:
#   - S saves the schedule in the per-user data directory ($XDG_DATA_HOME,
#     else ~/.local/share), never the current directory, without
#     overwriting an earlier one, and the file replays;
#   - Esc does what the help says: closes the help first, then goes back to
#     the lesson menu the lesson was opened from, and quits a program opened
#     directly; Q quits;
#   - the menu scrolls (Down, PageDown, End) and comes back (Home);
#   - F5, V and O are keys the window takes;
#   - with no --size, a 3840x2160 screen gets a window sized to it.
# Screens are compared pixel for pixel (ImageMagick's compare): the same
# state must give the same frame, another state another frame.
# Skips (77) without xvfb-run or ImageMagick.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
command -v xvfb-run >/dev/null 2>&1 || { echo "skip: xvfb-run is not installed"; exit 77; }
command -v compare >/dev/null 2>&1 || { echo "skip: compare (imagemagick) is not installed"; exit 77; }
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export HCHANVIZ_LESSONS="$ROOT/lessons"

# view ARGS...: the window on a 1600x900 screen, in $OUT/cwd, with HOME and
# the XDG data directory inside $OUT.
mkdir -p "$OUT/cwd" "$OUT/home"
view() {
  (cd "$OUT/cwd" && env HOME="$OUT/home" XDG_DATA_HOME="$OUT/data" \
    xvfb-run -a -s "-screen 0 1600x900x24" "$BIN" view "$@") >"$OUT/log" 2>&1 || fail "view $*: $(cat "$OUT/log")"
}
same() { [ "$(compare -metric AE "$1" "$2" null: 2>&1 || true)" = "0" ]; }

# --- S: the per-user schedules directory -----------------------------------
PROG="$ROOT/tests/go/sched_runnext_order.go"
KEYS="Right,Right,Right,Right,Right,Right,M,Right,Right,Return,S"
view "$PROG" --size 1280x720 --keys "$KEYS" --screenshot "$OUT/s1.png"
DIR="$OUT/data/hchanviz/schedules"
[ -s "$DIR/sched_runnext_order.sched.json" ] || fail "S saved nothing in $DIR: $(ls -R "$OUT/data" 2>&1)"
grep -q '"hchanviz-schedule"' "$DIR/sched_runnext_order.sched.json" || fail "not a schedule file"
[ -z "$(ls -A "$OUT/cwd")" ] || fail "S wrote into the current directory: $(ls -A "$OUT/cwd")"
view "$PROG" --size 1280x720 --keys "$KEYS" --screenshot "$OUT/s2.png"
[ -s "$DIR/sched_runnext_order-2.sched.json" ] || fail "a second S overwrote the first: $(ls "$DIR")"
view "$PROG" --sched "replay:$DIR/sched_runnext_order.sched.json" --size 800x600 --step 3 --screenshot "$OUT/r.png"
# Without XDG_DATA_HOME: ~/.local/share.
(cd "$OUT/cwd" && env -u XDG_DATA_HOME HOME="$OUT/home" \
  xvfb-run -a -s "-screen 0 1600x900x24" "$BIN" view "$PROG" --size 1280x720 --keys "$KEYS" --screenshot "$OUT/s3.png") \
  >"$OUT/log" 2>&1 || fail "view: $(cat "$OUT/log")"
[ -s "$OUT/home/.local/share/hchanviz/schedules/sched_runnext_order.sched.json" ] || fail "no schedule under ~/.local/share"
[ -z "$(ls -A "$OUT/cwd")" ] || fail "S wrote into the current directory"
echo "ok: S saves into the XDG data directory, never the current one"

# --- Esc and Q --------------------------------------------------------------
view --size 1280x720 --screenshot "$OUT/menu.png"
view --size 1280x720 --keys "Return" --screenshot "$OUT/lesson.png"
same "$OUT/menu.png" "$OUT/lesson.png" && fail "Return in the menu opened nothing"
view --size 1280x720 --keys "Return,H,Escape" --screenshot "$OUT/lesson-help-esc.png"
same "$OUT/lesson.png" "$OUT/lesson-help-esc.png" || fail "Esc did not just close the help"
view --size 1280x720 --keys "Return,Escape" --screenshot "$OUT/back.png"
same "$OUT/menu.png" "$OUT/back.png" || fail "Esc in a lesson opened from the menu did not go back to the menu"
view --size 1280x720 --keys "H,Escape" --screenshot "$OUT/menu-help-esc.png"
same "$OUT/menu.png" "$OUT/menu-help-esc.png" || fail "Esc did not close the help in the menu"
# A program opened directly: Esc (and Q) quit before any frame is saved.
view "$PROG" --size 1280x720 --keys "Escape" --screenshot "$OUT/esc-quit.png"
[ ! -e "$OUT/esc-quit.png" ] || fail "Esc did not quit a program opened directly"
view "$PROG" --size 1280x720 --keys "Right,Q" --screenshot "$OUT/q-quit.png"
[ ! -e "$OUT/q-quit.png" ] || fail "Q did not quit"
view --size 1280x720 --keys "Return,Q" --screenshot "$OUT/q-quit2.png"
[ ! -e "$OUT/q-quit2.png" ] || fail "Q in a lesson did not quit"
echo "ok: Esc closes the help, then goes back to the menu, then quits; Q quits"

# --- the menu scrolls ----------------------------------------------------------
view --size 1280x720 --keys "End" --screenshot "$OUT/end.png"
same "$OUT/menu.png" "$OUT/end.png" && fail "End did not scroll the menu"
view --size 1280x720 --keys "End,Home" --screenshot "$OUT/home.png"
same "$OUT/menu.png" "$OUT/home.png" || fail "Home did not come back to the top"
view --size 1280x720 --keys "PageDown" --screenshot "$OUT/pgdn.png"
same "$OUT/menu.png" "$OUT/pgdn.png" && fail "PageDown did nothing"
same "$OUT/end.png" "$OUT/pgdn.png" && fail "PageDown went to the end at once"
echo "ok: the menu scrolls"

# --- F5, V, O -------------------------------------------------------------------
view "$PROG" --size 1280x720 --step 4 --screenshot "$OUT/plain.png"
for k in F5 V O; do
  view "$PROG" --size 1280x720 --step 4 --keys "$k" --screenshot "$OUT/$k.png"
  same "$OUT/plain.png" "$OUT/$k.png" && fail "$k changed nothing on screen"
  view "$PROG" --size 1280x720 --step 4 --keys "$k,$k" --screenshot "$OUT/$k$k.png"
done
view "$PROG" --size 1280x720 --step 4 --present --screenshot "$OUT/present.png"
echo "ok: F5, V, O toggle (and --present is taken)"

# --- 4K: the window fits the screen ------------------------------------------------
(cd "$OUT/cwd" && env HOME="$OUT/home" xvfb-run -a -s "-screen 0 3840x2160x24" "$BIN" view "$PROG" --step 4 \
  --screenshot "$OUT/4k.png") >"$OUT/log" 2>&1 || fail "4K: $(cat "$OUT/log")"
size=$(identify -format '%w %h' "$OUT/4k.png")
set -- $size
[ "$1" -ge 3000 ] && [ "$2" -ge 1700 ] || fail "on a 3840x2160 screen the window opened at ${1}x$2"
echo "ok: on a 3840x2160 screen the window opens at ${1}x$2"
