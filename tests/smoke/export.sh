#!/bin/sh
# tests/smoke/export.sh HCHANVIZ ROOT: `hchanviz export` writes PNG frames of
# the right size that are not blank (many distinct colours), one per step;
# micro-step frames (--micro K|all); JSON display lists (--format json);
# refuses bad flags with a message and exit 1.  Needs no display (SDL's
# software renderer on a surface).  Skips (77) without ImageMagick's
# identify.  The GIF has its own test, gif.sh.
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

# Micro-steps: every one of step 18 (the rotate), then one; names carry K (0-based).
LESSON=$ROOT/lessons/05-recv-rotate.go
"$BIN" export "$LESSON" --out "$OUT/micro" --size 1280x720 --step 18 --micro all >/dev/null
n=$(ls "$OUT/micro" | grep -c '^step-0018-micro-[0-9][0-9]\.png$')
[ "$n" -ge 2 ] || fail "--micro all wrote $n frames: $(ls "$OUT/micro")"
[ "$(ls "$OUT/micro" | wc -l)" -eq "$n" ] || fail "--micro all wrote other files: $(ls "$OUT/micro")"
if cmp -s "$OUT/micro/step-0018-micro-00.png" "$OUT/micro/step-0018-micro-01.png"; then fail "micro-steps 0 and 1 look the same"; fi
"$BIN" export "$LESSON" --out "$OUT/micro1" --size 1280x720 --step 18 --micro 1 >/dev/null
[ "$(ls "$OUT/micro1")" = "step-0018-micro-01.png" ] || fail "--micro 1 wrote: $(ls "$OUT/micro1")"
echo "ok: --micro all ($n frames) and --micro 1"

# JSON display lists: one per frame, valid JSON with the contract's fields.
"$BIN" export "$LESSON" --out "$OUT/json" --size 1280x720 --format json --present --step 18 --micro 2 >/dev/null
J=$OUT/json/step-0018-micro-02.json
[ -f "$J" ] || fail "no $J: $(ls "$OUT/json")"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$J" <<'PY' || fail "bad JSON frame"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["width"], d["height"], d["step"], d["micro"]) == (1280, 720, 18, 2), d
kinds = {i["kind"] for i in d["items"]}
assert {"rect", "text"} <= kinds <= {"rect", "text", "line", "arrow"}, kinds
for i in d["items"]:
    for k in ("x", "y", "w", "h", "role", "tag"):
        assert k in i, (k, i)
    assert i["role"] in d["colors"], i
    if i["kind"] == "text":
        assert isinstance(i["text"], str) and i["px"] > 0, i
assert any(i["tag"] == "channel" for i in d["items"])
assert any(i["tag"] == "goroutine" for i in d["items"])
PY
fi
"$BIN" export "$ROOT/tests/go/chansend_direct.go" --out "$OUT/jall" --format json --size 960x540 >/dev/null
[ "$(ls "$OUT/jall" | grep -c '\.json$')" -eq $((steps + 1)) ] || fail "JSON: $(ls "$OUT/jall" | wc -l) files for $steps steps"
echo "ok: JSON frames"

# Bad flags: a message and exit 1, nothing written.
bad() { # EXPECTED-WORDS ARGS...
  want=$1
  shift
  if "$BIN" export "$LESSON" "$@" 2>"$OUT/err" >/dev/null; then fail "export $* succeeded"; fi
  grep -q -- "$want" "$OUT/err" || fail "export $*: no '$want' in: $(cat "$OUT/err")"
}
bad "--micro wants" --out "$OUT/b1" --micro x
bad "--micro wants" --out "$OUT/b1" --micro -1
bad "unknown --format" --out "$OUT/b1" --format bmp
bad "FILE.gif" --out "$OUT/b1" --format gif
bad "names a GIF" --out "$OUT/b1.gif" --format png
bad "micro-steps" --out "$OUT/b1" --step 18 --micro 99
bad "no micro-steps" --out "$OUT/b1" --step 0 --micro 0
bad "not a directory" --out /dev/full
touch "$OUT/afile"
bad "not a directory" --out "$OUT/afile"
[ ! -e "$OUT/b1" ] && [ ! -e "$OUT/b1.gif" ] || fail "a refused export wrote something"
echo "ok: bad flags refused"
