#!/usr/bin/env bash
# tests/race/check.sh HCHANVIZ [ROOT]: `hchanviz run --race` against real
# Go's race detector on the race corpus: for each tests/race/NAME.go with a
# NAME.racerecord (scripts/record-race-corpus: `go build -race`, run with
# GOMAXPROCS=1), the same exit status, the same stdout, the same reports
# (the two racing accesses' functions and lines, in order) and the same
# "Found N data race(s)". Needs no go: the records are in the tree.
set -uo pipefail
BIN=$1
ROOT=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/scripts/lib/record.sh"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0 bad=0
for rec in "$ROOT"/tests/race/*.racerecord; do
    f=${rec%.racerecord}.go
    name=$(basename "$f" .go)
    "$BIN" run --race "$f" >"$TMP/out" 2>"$TMP/err" </dev/null
    race_record "$f" "$TMP/out" "$TMP/err" $? >"$TMP/got"
    tail -n +3 "$rec" >"$TMP/want"
    n=$((n + 1))
    if ! cmp -s "$TMP/want" "$TMP/got"; then
        echo "FAIL: $name: hchanviz run --race differs from go run -race (want, got):"
        diff "$TMP/want" "$TMP/got" | sed 's/^/    /'
        bad=$((bad + 1))
    fi
done
[ "$n" -gt 0 ] || { echo "FAIL: no race records under $ROOT/tests/race"; exit 1; }
[ "$bad" -eq 0 ] || { echo "race corpus: $bad of $n programs differ"; exit 1; }
echo "race corpus: $n programs ok"
