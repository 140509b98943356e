#!/bin/sh
# tests/smoke/explore_cli.sh HCHANVIZ ROOT: `hchanviz explore` as a user runs it.
#  (a) two goroutines doing count++ once: outcomes "1" and "2", exhaustive;
#      each witness schedule replays with `run --sched replay:` to its outcome;
#  (b) --json writes the contract's object (format, version, exhaustive,
#      executions, outcomes with stdout, stderr, exit, count, witness);
#  (c) lesson 19 can panic ("panic: send on closed channel"), and --race
#      finds seed 000's report in a witness: runtime.closechan against
#      runtime.chansend, at the lesson's #2 and #1 lines; and what lessons
#      19 and 20 say of explore: 19's smallest panicking schedule needs no
#      preemption and one decision other than Go's, its race shows in a
#      schedule that panics; 20 has no panic, deadlock or race under two
#      preemptions, only a leaked sender;
#  (c2) a race that only some schedules show, whose outcome's witness does
#      not: the worker writes x and then sends; main writes x after a
#      select with a default.  If main's select finds the send done, the
#      receive orders the writes; if the worker has written x but not yet
#      sent (a preemption between them), main takes the default and the two
#      writes race.  Both print "done", so the outcome's minimal witness is
#      Go's own schedule, where the worker runs last: explore --race must
#      still find the race, and its schedule must replay to it (exit 66);
#  (c3) --pct N finds lesson 19's panic too, and its outcomes replay;
#  (d) bad flags: a message and exit 1;
#  (e) the window opens with the Outcomes panel and runs a witness (with xvfb-run).
set -eu
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/smoke/lsan.supp:print_suppressions=0}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cat >"$OUT/count.go" <<'GO'
package main

import (
	"fmt"
	"sync"
)

var count int

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			count++
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println(count)
}
GO
"$BIN" explore "$OUT/count.go" --witness-dir "$OUT/w" --json "$OUT/e.json" >"$OUT/out.txt" || fail "explore exited $?"
grep -q '^exhaustive' "$OUT/out.txt" || fail "not exhaustive: $(cat "$OUT/out.txt")"
n=$(grep -c '^outcome' "$OUT/out.txt")
[ "$n" = 2 ] || fail "$n outcomes, want 2"
for w in "$OUT"/w/outcome-*.json; do
    want=$(python3 -c "import json,sys; d=json.load(open('$OUT/e.json')); print([o['stdout'] for o in d['outcomes'] if o['witness']=='$w'][0], end='')")
    got=$("$BIN" run "$OUT/count.go" --sched "replay:$w")
    [ "$got" = "$want" ] || fail "witness $w replays to '$got', its outcome says '$want'"
done
python3 - "$OUT/e.json" <<'PY' || fail "explore JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "hchanviz-explore" and d["version"] == 1 and d["exhaustive"] is True
assert d["executions"] >= 2
outs = sorted(o["stdout"] for o in d["outcomes"])
assert outs == ["1\n", "2\n"], outs
for o in d["outcomes"]:
    assert o["exit"] == 0 and o["stderr"] == "" and o["count"] >= 1 and o["witness"].endswith(".json")
PY
"$BIN" explore "$ROOT/lessons/19-session-race.go" --preemptions 1 --race >"$OUT/l19.txt" || fail "explore lesson 19"
grep -q 'stderr: panic: send on closed channel' "$OUT/l19.txt" || fail "lesson 19 does not panic"
grep -q '^  runtime.closechan()' "$OUT/l19.txt" || fail "no closechan frame"
grep -q '^  runtime.chansend()' "$OUT/l19.txt" || fail "no chansend frame"
send=$(grep -n 'ch <- t$' "$ROOT/lessons/19-session-race.go" | cut -d: -f1)
close=$(grep -n 'close(sess.recvChan)$' "$ROOT/lessons/19-session-race.go" | cut -d: -f1)
grep -q "19-session-race.go:$send " "$OUT/l19.txt" || fail "the send (#1) is not line $send"
grep -q "19-session-race.go:$close " "$OUT/l19.txt" || fail "the close (#2) is not line $close"
# Lesson 19's narration: the race shows in the schedules that panic (as in real Go's -race runs).
"$BIN" explore "$ROOT/lessons/19-session-race.go" --preemptions 1 --race --json "$OUT/l19.json" >/dev/null || fail "explore --json lesson 19"
python3 - "$OUT/l19.json" <<'PY' || fail "lesson 19: the race is not in a schedule that panics, or the panic needs a preemption"
import json, sys
d = json.load(open(sys.argv[1]))
panics = [o for o in d["outcomes"] if o["panic"]]
assert panics and min(o["preemptions"] for o in panics) == 0, "the smallest panicking schedule needs no preemption"
assert min(o["departures"] for o in panics) == 1, "one decision other than Go's own"
assert len(d["races"]) == 1 and d["outcomes"][d["races"][0]["outcome"] - 1]["panic"]
PY
# Lesson 20's narration: no panic, no deadlock, no race with up to two preemptions; leaks of a blocked send.
"$BIN" explore "$ROOT/lessons/20-session-owner-closes.go" --preemptions 2 --race >"$OUT/l20.txt" || fail "explore lesson 20"
if grep -q 'PANIC\|DEADLOCK' "$OUT/l20.txt"; then fail "lesson 20 panics or deadlocks under explore"; fi
grep -q '^races: 0 found' "$OUT/l20.txt" || fail "lesson 20 races: $(tail -n 1 "$OUT/l20.txt")"
grep -q 'LEAK: G[0-9]* chan send' "$OUT/l20.txt" || fail "lesson 20: no leaked sender"
cat >"$OUT/maybe.go" <<'GO'
package main

import "fmt"

var x int

func main() {
	ch := make(chan int, 1)
	go func() {
		x = 1
		ch <- 1
	}()
	select {
	case <-ch:
	default:
	}
	x = 2
	fmt.Println("done")
}
GO
"$BIN" run --race "$OUT/maybe.go" >/dev/null 2>"$OUT/race0.txt" || fail "Go's own schedule reports a race: $(cat "$OUT/race0.txt")"
"$BIN" explore "$OUT/maybe.go" --race --witness-dir "$OUT/wm" >"$OUT/maybe.txt" || fail "explore --race maybe.go"
grep -q '^races: 1 found' "$OUT/maybe.txt" || fail "the schedule-dependent race is not found: $(cat "$OUT/maybe.txt")"
grep -q 'maybe.go:10 ' "$OUT/maybe.txt" && grep -q 'maybe.go:17 ' "$OUT/maybe.txt" || fail "the race is not x = 1 (line 10) against x = 2 (line 17)"
set +e
"$BIN" run --race "$OUT/maybe.go" --sched "replay:$OUT/wm/race-1.json" >"$OUT/r1.txt" 2>"$OUT/r1.err"
rc=$?
set -e
[ "$rc" = 66 ] && grep -q '^Found 1 data race(s)$' "$OUT/r1.err" && [ "$(cat "$OUT/r1.txt")" = done ] ||
    fail "the race's schedule replays to exit $rc: $(cat "$OUT/r1.err")"
"$BIN" explore "$ROOT/lessons/19-session-race.go" --pct 300 --witness-dir "$OUT/wp" --json "$OUT/p.json" >"$OUT/pct.txt" || fail "explore --pct"
grep -q 'stderr: panic: send on closed channel' "$OUT/pct.txt" || fail "--pct 300 does not find lesson 19's panic"
grep -q '^not exhaustive: 300 PCT runs of depth 3' "$OUT/pct.txt" || fail "--pct summary: $(tail -n 1 "$OUT/pct.txt")"
python3 - "$OUT/p.json" "$BIN" "$ROOT/lessons/19-session-race.go" <<'PY' || fail "a --pct witness does not replay"
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
assert d["mode"] == "pct" and d["exhaustive"] is False and d["executions"] == 300
for o in d["outcomes"]:
    p = subprocess.run([sys.argv[2], "run", sys.argv[3], "--sched", "replay:" + o["witness"]], capture_output=True, text=True)
    first = p.stderr.split("\n")[0] if o["stderr"] else ""
    assert (p.stdout, p.returncode, first) == (o["stdout"], o["exit"], o["stderr"]), (o["witness"], p.returncode)
PY
if "$BIN" explore "$OUT/count.go" --pct 5 --random 5 >/dev/null 2>"$OUT/err.txt"; then fail "--pct with --random accepted"; fi
if "$BIN" explore "$OUT/count.go" --preemptions x >/dev/null 2>"$OUT/err.txt"; then fail "bad --preemptions accepted"; fi
grep -q 'preemptions needs a number' "$OUT/err.txt" || fail "no message for a bad --preemptions"
if "$BIN" explore >/dev/null 2>&1; then fail "explore without a program accepted"; fi
# (e) the window: --explore opens the Outcomes panel; Down, Enter runs outcome 2's witness.
if command -v xvfb-run >/dev/null 2>&1 && "$BIN" view --help >/dev/null 2>&1; then
    # The window's system libraries (SDL, X11, Mesa) leak by themselves, as ui_keys.sh notes;
    # the explorer's own code is leak-checked by the command-line parts above.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" xvfb-run -a -s "-screen 0 1280x720x24" "$BIN" view "$OUT/count.go" --explore --size 1280x720 \
        --keys Down,Return --screenshot "$OUT/w.png" || fail "the window with --explore exited $?"
    [ -s "$OUT/w.png" ] || fail "no screenshot"
fi
echo "explore: ok"
