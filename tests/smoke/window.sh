#!/bin/sh
# tests/smoke/window.sh HCHANVIZ ROOT: opens the real window under a virtual
# X server (xvfb-run) and checks what it drew: the app's own screenshot of
# its first frame (--screenshot) and, independently, the X server's screen
# (import -window root) while the window is up.  Skips (77) without xvfb-run
# or ImageMagick.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
command -v xvfb-run >/dev/null 2>&1 || { echo "skip: xvfb-run is not installed"; exit 77; }
command -v identify >/dev/null 2>&1 || { echo "skip: identify (imagemagick) is not installed"; exit 77; }
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/smoke/lsan.supp:print_suppressions=0}"
# The X/GL drivers SDL loads leave leaks in libraries unloaded at exit, which
# LeakSanitizer cannot name (so cannot suppress): leak checks are the export
# test's and the unit tests' business; this one checks the window.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

PROG="$ROOT/tests/go/chanrecv_rotate.go"
xvfb-run -a -s "-screen 0 1600x900x24" "$BIN" view "$PROG" --size 1280x720 --step 14 --screenshot "$OUT/shot.png" \
  >"$OUT/log" 2>&1 || fail "the window failed: $(cat "$OUT/log")"
size=$(identify -format '%wx%h' "$OUT/shot.png")
[ "$size" = "1280x720" ] || fail "screenshot size $size"
colors=$(identify -format '%k' "$OUT/shot.png")
[ "$colors" -gt 50 ] || fail "screenshot has only $colors colours"
echo "ok: window screenshot $size, $colors colours"

# Keys go through the real event loop: six steps forward, manual scheduling
# (M), a pick by number (2), two micro-steps down, save the schedule (S) --
# into the per-user data directory, never the current one; then the saved
# schedule replays.
LESSON="$ROOT/tests/go/sched_runnext_order.go"
SAVED="$OUT/data/hchanviz/schedules/sched_runnext_order.sched.json"
(cd "$OUT" && XDG_DATA_HOME="$OUT/data" xvfb-run -a -s "-screen 0 1600x900x24" "$BIN" view "$LESSON" --size 1280x720 \
  --keys "Right,Right,Right,Right,Right,Right,M,Right,Right,Return,Down,Down,Left,Right,T,L,Ctrl+=,S" \
  --screenshot "$OUT/keys.png") >"$OUT/log" 2>&1 || fail "keys: $(cat "$OUT/log")"
[ -s "$SAVED" ] || fail "S saved no schedule in \$XDG_DATA_HOME/hchanviz/schedules"
[ ! -e "$OUT/sched_runnext_order.sched.json" ] || fail "S wrote into the current directory"
grep -q '"hchanviz-schedule"' "$SAVED" || fail "not a schedule file"
[ "$(identify -format '%k' "$OUT/keys.png")" -gt 50 ] || fail "keys screenshot blank"
xvfb-run -a -s "-screen 0 1600x900x24" "$BIN" view "$LESSON" --sched "replay:$SAVED" \
  --size 800x600 --step 3 --screenshot "$OUT/replay.png" >"$OUT/log" 2>&1 || fail "replay: $(cat "$OUT/log")"
[ "$(identify -format '%wx%h' "$OUT/replay.png")" = "800x600" ] || fail "replay screenshot size"
echo "ok: keys, manual pick, saved schedule replayed"

# The screen itself, grabbed by the X server while the window shows a lesson.
command -v import >/dev/null 2>&1 || { echo "ok (import missing: screen grab skipped)"; exit 0; }
cat >"$OUT/grab.sh" <<EOS
"$BIN" view "$PROG" --size 1200x700 --step 5 >"$OUT/log2" 2>&1 &
pid=\$!
i=0
while [ \$i -lt 50 ]; do
  sleep 0.2
  if import -window root "$OUT/screen.png" 2>/dev/null && [ "\$(identify -format '%k' "$OUT/screen.png")" -gt 50 ]; then break; fi
  i=\$((i + 1))
done
kill \$pid 2>/dev/null || true
wait \$pid 2>/dev/null || true
EOS
xvfb-run -a -s "-screen 0 1400x800x24" sh "$OUT/grab.sh" || true
[ -f "$OUT/screen.png" ] || fail "no screen grab: $(cat "$OUT/log2" 2>/dev/null)"
colors=$(identify -format '%k' "$OUT/screen.png")
[ "$colors" -gt 50 ] || fail "the screen has only $colors colours"
echo "ok: screen grab $(identify -format '%wx%h' "$OUT/screen.png"), $colors colours"
