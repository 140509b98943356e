#!/bin/sh
# tests/smoke/trace_view.sh HCHANVIZ ROOT: a trace opens as its program does
# (docs/trace.md, "Opening a trace").
#  (a) `export T.json` of a lesson's trace draws exactly what `export L.go`
#      draws: the same display lists (--format json), the same PNG bytes;
#      the window's first frame of T.json is the window's of L.go;
#  (b) a trace edited by hand (one step's qcount, another's goroutine) is
#      reported with its step and field: export exits 1 and writes nothing,
#      the window opens on the re-run and warns;
#  (c) a trace over 1 MiB replays (`--sched replay:BIG.json`, and a schedule
#      over 1 MiB), and a truncated copy gets a byte-offset message.
# Needs no display for export; the window parts skip without xvfb-run.
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/smoke/lsan.supp:print_suppressions=0}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# The window under a virtual X server, without leak checks (the X drivers' leaks: see window.sh).
win() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" xvfb-run -a -s "-screen 0 1600x900x24" "$@"; }

# ---- (a) the trace of a lesson draws as the lesson ----------------------------------------------
# The trace names the lesson as given on the command line; export it from elsewhere (the
# embedded source is what runs, not the file).
LESSON=lessons/05-recv-rotate.go
(cd "$ROOT" && "$BIN" run "$LESSON" --trace "$OUT/T.json" >/dev/null)
(cd "$OUT" && "$BIN" export T.json --out "$OUT/tj" --format json --size 1280x720 >/dev/null) || fail "export T.json"
(cd "$ROOT" && "$BIN" export "$LESSON" --out "$OUT/lj" --format json --size 1280x720 >/dev/null)
n=$(ls "$OUT/tj" | wc -l)
[ "$n" -gt 10 ] || fail "export T.json wrote $n frames"
diff -r "$OUT/tj" "$OUT/lj" >/dev/null || fail "the display lists of T.json and $LESSON differ: $(diff -r "$OUT/tj" "$OUT/lj" | head -5)"
grep -q '"text": "Source  05-recv-rotate.go"' "$OUT/tj/step-0018.json" || fail "the trace's program.file is not the name shown"
grep -q '"text": "recv(): main gets' "$OUT/tj/step-0018.json" || fail "the lesson's narration is not shown"
(cd "$OUT" && "$BIN" export T.json --out "$OUT/tp" --size 1280x720 --step 18 >/dev/null)
(cd "$ROOT" && "$BIN" export "$LESSON" --out "$OUT/lp" --size 1280x720 --step 18 >/dev/null)
cmp -s "$OUT/tp/step-0018.png" "$OUT/lp/step-0018.png" || fail "the PNGs of step 18 differ"
echo "ok: export T.json = export $LESSON ($n display lists, PNG of step 18)"

if command -v xvfb-run >/dev/null 2>&1; then
  win "$BIN" view "$OUT/T.json" --size 1280x720 --step 18 \
    --screenshot "$OUT/tv.png" >"$OUT/log" 2>&1 || fail "view T.json: $(cat "$OUT/log")"
  (cd "$ROOT" && win "$BIN" view "$LESSON" --size 1280x720 --step 18 \
    --screenshot "$OUT/lv.png") >"$OUT/log" 2>&1 || fail "view $LESSON: $(cat "$OUT/log")"
  cmp -s "$OUT/tv.png" "$OUT/lv.png" || fail "the window draws T.json and $LESSON differently"
  echo "ok: view T.json = view $LESSON (step 18)"
else
  echo "skip: the window part (no xvfb-run)"
fi

# ---- (b) a trace that is not what its program does ---------------------------------------------
# Step 13 of lesson 05 puts "c" in the buffer: qcount 2 -> 3.  Step 7's actor changes hands.
sed '/^{"index":13,/s/"qcount":3,/"qcount":2,/' "$OUT/T.json" >"$OUT/q.json"
cmp -s "$OUT/q.json" "$OUT/T.json" && fail "the qcount edit changed nothing"
sed '/^{"index":7,/s/^{"index":7,"goroutine":\([0-9]*\),/{"index":7,"goroutine":9\1,/' "$OUT/T.json" >"$OUT/g.json"
cmp -s "$OUT/g.json" "$OUT/T.json" && fail "the goroutine edit changed nothing"
for t in q:'step 13: channels\[0\]\.qcount: the trace has 2, the run has 3' g:'step 7: goroutine: the trace has 9'; do
  f=${t%%:*}
  want=${t#*:}
  if "$BIN" export "$OUT/$f.json" --out "$OUT/x$f" --format json 2>"$OUT/err" >/dev/null; then fail "export $f.json succeeded"; fi
  grep -q "$want" "$OUT/err" || fail "export $f.json: want /$want/, got: $(cat "$OUT/err")"
  [ ! -e "$OUT/x$f" ] || fail "export $f.json wrote $(ls "$OUT/x$f" | head -3)"
  if "$BIN" verify "$OUT/$f.json" 2>"$OUT/verr" >/dev/null; then fail "verify $f.json succeeded"; fi
  grep -q "$want" "$OUT/verr" || fail "verify says otherwise: $(cat "$OUT/verr")"
done
echo "ok: edited traces: $(head -n 1 "$OUT/err")"
if command -v xvfb-run >/dev/null 2>&1; then
  win "$BIN" view "$OUT/q.json" --size 1280x720 \
    --screenshot "$OUT/qv.png" >"$OUT/log" 2>&1 || fail "view q.json: $(cat "$OUT/log")"
  grep -q 'warning: .*q.json: step 13: channels\[0\]\.qcount' "$OUT/log" || fail "view q.json did not warn: $(cat "$OUT/log")"
  # It opens on the re-run at the step that differs, which draws as the lesson's own step 13.
  (cd "$ROOT" && win "$BIN" view "$LESSON" --size 1280x720 --step 13 \
    --screenshot "$OUT/l13.png") >/dev/null 2>&1
  cmp -s "$OUT/qv.png" "$OUT/l13.png" && fail "view q.json shows no banner"
  echo "ok: view q.json opens on the re-run at step 13 and warns"
fi

# ---- (c) traces and schedules over 1 MiB, and truncated ones ------------------------------------
cat >"$OUT/big.go" <<'EOF'
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	done := make(chan bool)
	go func() {
		s := 0
		for v := range ch {
			s += v
		}
		fmt.Println(s)
		done <- true
	}()
	for i := 0; i < 400; i++ {
		ch <- i
	}
	close(ch)
	<-done
}
EOF
"$BIN" run "$OUT/big.go" --trace "$OUT/BIG.json" >"$OUT/want.out"
bytes=$(wc -c <"$OUT/BIG.json")
[ "$bytes" -gt 1048576 ] || fail "BIG.json has only $bytes bytes"
"$BIN" run "$OUT/big.go" --sched replay:"$OUT/BIG.json" >"$OUT/got.out" || fail "run --sched replay:BIG.json"
cmp -s "$OUT/want.out" "$OUT/got.out" || fail "the replay printed other things"
"$BIN" export "$OUT/big.go" --sched replay:"$OUT/BIG.json" --out "$OUT/bp" --format json --step 500 >/dev/null 2>"$OUT/err" \
  || fail "export --sched replay:BIG.json: $(cat "$OUT/err")"
"$BIN" export "$OUT/BIG.json" --out "$OUT/bt" --format json --step 500 >/dev/null 2>"$OUT/err" \
  || fail "export BIG.json: $(cat "$OUT/err")"
cmp -s "$OUT/bp/step-0500.json" "$OUT/bt/step-0500.json" || fail "step 500 of BIG.json and of its replay differ"
echo "ok: a $bytes-byte trace replays (run, export --sched replay:, export of the trace)"

head -c 1200000 "$OUT/BIG.json" >"$OUT/CUT.json"
for cmd in "run $OUT/big.go --sched replay:$OUT/CUT.json" "export $OUT/big.go --sched replay:$OUT/CUT.json --out $OUT/c1" \
           "export $OUT/CUT.json --out $OUT/c2" "verify $OUT/CUT.json"; do
  # shellcheck disable=SC2086
  if "$BIN" $cmd >/dev/null 2>"$OUT/err"; then fail "$cmd succeeded"; fi
  grep -q 'CUT.json: invalid JSON at byte 1200000 (line [0-9]*, column [0-9]*): unexpected end of file' "$OUT/err" \
    || fail "$cmd: no byte offset: $(cat "$OUT/err")"
  if grep -q 'Success\|Invalid argument' "$OUT/err"; then fail "$cmd: $(cat "$OUT/err")"; fi
done
echo "ok: a truncated big trace: $(cat "$OUT/err")"

# A schedule over 1 MiB (blank padding) replays; a bad one names the byte and the choice.
{
  printf '{"format":"hchanviz-schedule","version":1,"program":"big.go",'
  head -c 1100000 /dev/zero | tr '\0' ' '
  printf '"choices":[{"kind":"run","value":1,"bound":0}]}\n'
} >"$OUT/S.json"
"$BIN" run "$OUT/big.go" --sched replay:"$OUT/S.json" >"$OUT/got.out" || fail "run --sched replay:S.json (a big schedule)"
cmp -s "$OUT/want.out" "$OUT/got.out" || fail "the big schedule printed other things"
sed 's/"value":1,/"value":"one",/' "$OUT/S.json" >"$OUT/S2.json"
if "$BIN" export "$OUT/big.go" --sched replay:"$OUT/S2.json" --out "$OUT/s2" 2>"$OUT/err" >/dev/null; then fail "bad schedule accepted"; fi
grep -q 'S2.json: not a valid schedule: choices\[0\] is not a choice .* at byte [0-9]' "$OUT/err" || fail "bad schedule: $(cat "$OUT/err")"
echo "ok: a big schedule; $(cat "$OUT/err")"

# Not a trace at all, and --sched with a trace.
echo '{"format":"something-else"}' >"$OUT/other.json"
if "$BIN" export "$OUT/other.json" --out "$OUT/o" 2>"$OUT/err" >/dev/null; then fail "export other.json succeeded"; fi
grep -q 'not an hchanviz trace' "$OUT/err" || fail "other.json: $(cat "$OUT/err")"
if "$BIN" export "$OUT/T.json" --sched go --out "$OUT/o" 2>"$OUT/err" >/dev/null; then fail "export T.json --sched go succeeded"; fi
grep -q 'is a trace: it replays its own recorded choices' "$OUT/err" || fail "--sched with a trace: $(cat "$OUT/err")"
echo "ok: not a trace; --sched with a trace"
