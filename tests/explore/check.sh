#!/usr/bin/env bash
# tests/explore/check.sh HCHANVIZ [ROOT]: every outcome real Go produced is
# one the explorer finds.  For each tests/explore/NAME.go with a
# NAME.gorecord (scripts/record-go-corpus: many runs with GOMAXPROCS=4),
# `hchanviz explore` must end exhaustive, and each recorded outcome (exit
# status, stdout, first stderr line) must be the outcome of one of its
# witnesses -- each witness replayed with `run --sched replay:`, so what is
# compared is what a replay prints, written as the recorder writes it
# (scripts/lib/record.sh).  Needs no go: the records are in the tree.
set -uo pipefail
BIN=$1
ROOT=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/scripts/lib/record.sh"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0 bad=0 seen=0
for rec in "$ROOT"/tests/explore/*.gorecord; do
    f=${rec%.gorecord}.go
    name=$(basename "$f" .go)
    n=$((n + 1))
    rm -rf "$TMP/w"
    if ! "$BIN" explore "$f" --witness-dir "$TMP/w" >"$TMP/explore.txt" 2>&1; then
        echo "FAIL: $name: explore exited non-zero: $(tail -n 3 "$TMP/explore.txt")"
        bad=$((bad + 1))
        continue
    fi
    if ! grep -q '^exhaustive' "$TMP/explore.txt"; then
        echo "FAIL: $name: the search is not exhaustive: $(tail -n 1 "$TMP/explore.txt")"
        bad=$((bad + 1))
        continue
    fi
    : >"$TMP/found"
    for w in "$TMP"/w/outcome-*.json; do
        "$BIN" run "$f" --sched "replay:$w" >"$TMP/out" 2>"$TMP/err" </dev/null
        outcome_line "$TMP/out" "$TMP/err" $? >>"$TMP/found"
    done
    while read -r _ _ line; do
        seen=$((seen + 1))
        if ! grep -qxF -- "$line" "$TMP/found"; then
            echo "FAIL: $name: real Go ended '$line'; explore's outcomes are:"
            sed 's/^/    /' "$TMP/found"
            bad=$((bad + 1))
        fi
    done < <(grep '^outcome ' "$rec")
done
[ "$n" -gt 0 ] || { echo "FAIL: no records under $ROOT/tests/explore"; exit 1; }
[ "$bad" -eq 0 ] || { echo "explore corpus: $bad problems in $n programs"; exit 1; }
echo "explore corpus: $n programs, all $seen outcomes real Go produced are among explore's"
