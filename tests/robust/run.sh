#!/usr/bin/env bash
# Hostile and huge inputs: hchanviz must answer each with a diagnostic or a
# clean run, within its limits; never a crash (a signal), a hang or
# unbounded memory.  Usage: tests/robust/run.sh PATH/TO/hchanviz
set -u
bin=${1:?usage: run.sh HCHANVIZ}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac # some checks run in another directory
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
# A memory cap shows unbounded growth; AddressSanitizer reserves terabytes of
# address space up front, so its builds run without the cap.
vmcap=2000000
if ldd "$bin" 2>/dev/null | grep -q libasan; then vmcap=unlimited; fi

# expect NAME WANT_EXIT FIRST_STDERR_PREFIX MAX_SECONDS [FLAG...]: runs $dir/NAME.go
expect() {
  local name=$1 want=$2 prefix=$3 limit=$4
  shift 4
  local start end code first
  start=$(date +%s%N)
  ( ulimit -v $vmcap; timeout "$limit" "$bin" run "$@" "$dir/$name.go" >"$dir/$name.out" 2>"$dir/$name.err" )
  code=$?
  end=$(date +%s%N)
  first=$(head -n 1 "$dir/$name.err")
  if [ "$code" != "$want" ] || [ "${first#"$prefix"}" = "$first" -a -n "$prefix" ]; then
    echo "FAIL $name: exit $code (want $want), stderr: $first (want prefix: $prefix)"
    fail=1
  else
    echo "ok   $name: exit $code in $(( (end - start) / 1000000 )) ms: $first"
  fi
}

printf '' >"$dir/empty.go"
expect empty 1 "$dir/empty.go:1:1:" 10

head -c 4096 /dev/urandom | tr -d '\n' >"$dir/garbage.go" 2>/dev/null || true
printf 'package main\n\x00\x01\x02 func main() {}\n' >>"$dir/garbage.go"
expect garbage 1 "$dir/garbage.go:" 10

python3 - "$dir" <<'PY'
import sys, os
d = sys.argv[1]
w = lambda n, s: open(os.path.join(d, n + ".go"), "w").write(s)
w("parens", "package main\n\nfunc main() {\n\tx := " + "(" * 5000 + "1" + ")" * 5000 + "\n\t_ = x\n}\n")
w("blocks", "package main\n\nfunc main() {\n" + "{" * 5000 + "}" * 5000 + "\n}\n")
w("hugeint", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(" + "9" * 100000 + ")\n}\n")
w("hugestr", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(len(\"" + "x" * 500000 + "\"))\n}\n")
w("tenmb", "package main\n\nfunc main() {\n" + "\tx := 1\n\t_ = x\n" * 700000 + "}\n")
w("goroutines", """package main

import (
\t"fmt"
\t"sync"
)

func main() {
\tvar wg sync.WaitGroup
\tch := make(chan int, 10)
\tfor i := 0; i < 100000; i++ {
\t\twg.Add(1)
\t\tgo func(i int) {
\t\t\tdefer wg.Done()
\t\t\tch <- i
\t\t\t<-ch
\t\t}(i)
\t}
\twg.Wait()
\tfmt.Println("done", len(ch))
}
""")
w("recursion", "package main\n\nfunc f(n int) int { return f(n+1) + 1 }\n\nfunc main() { f(0) }\n")
w("spin", "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n")
w("alloc", "package main\n\nfunc main() {\n\tvar s []int\n\tfor {\n\t\ts = append(s, 1)\n\t}\n}\n")
w("bigchan", "package main\n\nfunc main() {\n\tc := make(chan int, 1<<40)\n\t_ = c\n}\n")
# Fuzz findings (issue 10), each as its smallest reproducer.
w("emptymain", "package main; func main() {}\n")  # F2: UBSan, a NULL typelist plus 0
w("strgrow", "package main\n\nfunc main() {\n\ts := \"\"\n\tfor {\n\t\ts += \"x\"\n\t}\n}\n")  # F3
w("chanbufs", "package main\n\nfunc main() {\n\tvar cs []chan int\n\tfor i := 0; i < 1000; i++ {\n"
  "\t\tcs = append(cs, make(chan int, 1000000))\n\t}\n\t_ = cs\n}\n")  # F5
w("sprintgrow", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := \"ab\"\n\tfor {\n"
  "\t\ts = fmt.Sprint(s, s)\n\t}\n}\n")
w("pkgstmt", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n\tfmt\n}\n")  # F1
w("short", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int, 3)\n"
  "\tfor i := 0; i < 300; i++ {\n\t\tch <- i\n\t\tfmt.Println(<-ch)\n\t}\n}\n")
w("loop", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int, 3)\n"
  "\tfor i := 0; i < 3000; i++ {\n\t\tch <- i\n\t\tfmt.Println(<-ch)\n\t}\n}\n")
PY
expect parens 1 "$dir/parens.go:" 10
expect blocks 1 "$dir/blocks.go:" 10
expect hugeint 1 "$dir/hugeint.go:" 10
expect hugestr 0 "" 10
expect tenmb 1 "$dir/tenmb.go:1:1: source file too large" 10
expect goroutines 0 "" 60
expect recursion 2 "runtime: goroutine stack exceeds" 30
expect spin 3 "hchanviz: stopped after 10000000 steps" 60
expect alloc 2 "fatal error: runtime: out of memory" 60
expect bigchan 2 "panic: makechan: size out of range" 10
expect emptymain 0 "" 10
expect pkgstmt 1 "$dir/pkgstmt.go:7:2: use of package fmt not in selector" 10
# One memory budget (docs/go-subset.md): string bytes and channel buffers
# count, at the default budget and at a small --max-memory.
expect strgrow 2 "fatal error: runtime: out of memory" 30
expect strgrow 2 "fatal error: runtime: out of memory" 10 --max-memory 4
expect chanbufs 2 "fatal error: runtime: out of memory" 30
expect chanbufs 2 "fatal error: runtime: out of memory" 10 --max-memory 20
expect sprintgrow 2 "fatal error: runtime: out of memory" 30
expect loop 0 "" 10 --max-memory 1

# check NAME CONDITION...: a shell test with its name (a command's status:
# save $? in code first, check's own commands change it).
check() {
  local name=$1
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
# has FILE TEXT: FILE holds TEXT.
has() { grep -qF -- "$2" "$1"; }
# no_tmp DIR: no temporary file left in DIR.
no_tmp() { ! ls -a "$1" | grep -q '\.tmp-'; }

# Flags: numbers are digits only.
"$bin" run --max-steps " 5" "$dir/loop.go" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "max-steps with a leading blank" test $code = 1 -a ! -s "$dir/f.out"
"$bin" run --max-memory 0 "$dir/loop.go" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "max-memory 0" test $code = 1 -a ! -s "$dir/f.out"

# At the step limit the output printed so far comes out once: x 0, x 1, ... each once, in order.
printf 'package main\nimport "fmt"\nfunc main() {\n\tfor i := 0; ; i++ {\n\t\tfmt.Println("x", i)\n\t}\n}\n' >"$dir/count_forever.go"
"$bin" run --max-steps 20 "$dir/count_forever.go" >"$dir/f.out" 2>"$dir/f.err"
code=$?
n=$(wc -l <"$dir/f.out")
check "step limit prints each line once" test $code = 3 -a "$n" -gt 2 -a \
    "$(seq 0 $((n - 1)) | sed 's/^/x /')" = "$(cat "$dir/f.out")"

# diff: a trace against itself is the same run (0); against a copy with step 5's line edited, step 5
# differs in "line", naming both files (1); an unreadable file is trouble (2).
"$bin" run --trace "$dir/d1.json" "$dir/count_forever.go" --max-steps 40 >/dev/null 2>&1
sed 's/{"index":5,"goroutine":1,"line":4,/{"index":5,"goroutine":1,"line":99,/' "$dir/d1.json" >"$dir/d2.json"
"$bin" diff "$dir/d1.json" "$dir/d1.json" >"$dir/f.out" 2>&1
check "diff of a trace with itself" test $? = 0
"$bin" diff "$dir/d1.json" "$dir/d2.json" >"$dir/f.out" 2>&1
code=$?
check "diff names the step and field" test $code = 1 -a "$(head -1 "$dir/f.out")" = \
    "the same for 4 steps; step 5 differs: line: $dir/d1.json has 4, $dir/d2.json has 99"
"$bin" diff "$dir/d1.json" "$dir/nothing.json" >"$dir/f.out" 2>&1
check "diff of a missing file" test $? = 2
"$bin" diff "$dir/count_forever.go" --sched go --sched random:x >"$dir/f.out" 2>&1
check "diff with a bad --sched" test $? = 2

# --lang takes a Go version.
"$bin" run --lang go2 "$dir/loop.go" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "lang not a version" test $code = 1 -a ! -s "$dir/f.out"

# A trace keeps the run's memory budget: verify re-runs under it (found by fuzz_program).
"$bin" run --max-memory 4 --trace "$dir/budget.json" "$dir/strgrow.go" >/dev/null 2>&1
"$bin" verify "$dir/budget.json" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "verify a trace made under --max-memory" test $code = 0

# F7: two outputs naming one file by two spellings: rejected before anything
# is written; the old file stays as it was.
mkdir "$dir/out"
echo old >"$dir/out/t.json"
(cd "$dir/out" && "$bin" run --trace t.json --perfetto ./t.json ../loop.go >../f.out 2>../f.err)
code=$?
check "trace and perfetto on one file: exit 1" test $code = 1
check "trace and perfetto on one file: says so" has "$dir/f.err" "need two different files"
check "trace and perfetto on one file: old file intact" test "$(cat "$dir/out/t.json")" = old
check "trace and perfetto on one file: no temporary file" no_tmp "$dir/out"
ln -s t.json "$dir/out/link.json"
"$bin" run --trace "$dir/out/link.json" --perfetto "$dir/out/../out/t.json" "$dir/loop.go" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "a link and a path to one file: exit 1" test $code = 1 -a "$(cat "$dir/out/t.json")" = old

# An output that cannot be created says why, truthfully.
"$bin" run --trace /proc/version "$dir/loop.go" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "trace to /proc/version: exit 1" test $code = 1
check "trace to /proc/version: not 'No such file'" eval '! has "$dir/f.err" "No such file or directory" && has "$dir/f.err" "cannot write /proc/version"'

# Temporary files of dead processes (SIGKILL) are removed by the next trace
# written to that path; a live process's are left alone.
printf 'package main\n\nfunc main() {\n\tch := make(chan int, 1)\n\tfor {\n\t\tch <- 1\n\t\t<-ch\n\t}\n}\n' >"$dir/forever.go"
mkdir "$dir/kill"
"$bin" run --max-steps 100000000 --trace "$dir/kill/t.json" "$dir/forever.go" >"$dir/f.out" 2>&1 &
victim=$!
for _ in $(seq 50); do ls "$dir/kill" | grep -q tmp- && break; sleep 0.1; done
kill -KILL $victim
wait $victim 2>/dev/null
check "SIGKILL leaves a temporary file (the setup)" eval '! no_tmp "$dir/kill"'
sleep 1000 &
alive=$!
touch "$dir/kill/t.json.tmp-$alive"
"$bin" run --trace "$dir/kill/t.json" "$dir/loop.go" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "the next trace: written" test $code = 0 -a -s "$dir/kill/t.json"
check "the next trace: the dead one's temporary file removed" test "$(ls "$dir/kill" | grep -c tmp-)" = 1
check "the next trace: the live one's kept" test -e "$dir/kill/t.json.tmp-$alive"
kill $alive
wait $alive 2>/dev/null

# F10: a truncated or broken trace gives the byte offset at any size (the
# reader used to give up past 1 MiB with "Invalid argument").
"$bin" run --trace "$dir/big.json" "$dir/loop.go" >/dev/null 2>&1 || true
python3 - "$dir" <<'PY'
import os, sys
d = sys.argv[1]
data = open(os.path.join(d, "big.json"), "rb").read()
assert len(data) > 1500000, len(data)
open(os.path.join(d, "cut-small.json"), "wb").write(data[:200000])
open(os.path.join(d, "cut-big.json"), "wb").write(data[:1400000])
open(os.path.join(d, "bad-big.json"), "wb").write(data[:1300000] + b"}garbage" + data[1300008:])
PY
for t in cut-small cut-big bad-big; do
  "$bin" verify "$dir/$t.json" >"$dir/f.out" 2>"$dir/f.err"
  code=$?
  check "verify $t: exit 1 at a byte offset" eval 'test $code = 1 && has "$dir/f.err" "invalid JSON at byte "'
  "$bin" run --sched "replay:$dir/$t.json" "$dir/loop.go" >"$dir/f.out" 2>"$dir/f.err"
  code=$?
  check "replay $t: exit 1 at a byte offset" eval 'test $code = 1 && has "$dir/f.err" "invalid JSON at byte "'
done

# F1 through verify: a trace whose program uses a package name alone.
python3 - "$dir" <<'PY'
import json, os, sys
d = sys.argv[1]
t = json.load(open(os.path.join(d, "big.json")))
t["program"]["source"] = open(os.path.join(d, "pkgstmt.go")).read()
t["steps"] = t["steps"][:3]
json.dump(t, open(os.path.join(d, "pkgtrace.json"), "w"))
PY
"$bin" verify "$dir/pkgtrace.json" >"$dir/f.out" 2>"$dir/f.err"
code=$?
check "verify of a trace whose program says 'fmt' alone: exit 1" test $code = 1
check "verify of a trace whose program says 'fmt' alone: gc's message" has "$dir/f.err" "use of package fmt not in selector"

# Export (when built with the window): --size bounded; on a failed write
# (F8) it exits non-zero naming the file and leaves no cut frame; a SIGTERM
# (F9) leaves no cut frame under a final name.
if "$bin" export --help >/dev/null 2>&1; then
  "$bin" export "$dir/emptymain.go" --out "$dir/frames" --size 16384x16384 >"$dir/f.out" 2>"$dir/f.err"
  code=$?
  check "export --size 16384x16384 rejected" eval 'test $code = 1 && has "$dir/f.err" "7680x4320"'
  mkdir "$dir/full"
  ( ulimit -f 16; trap '' XFSZ; exec "$bin" export "$dir/short.go" --out "$dir/full" --size 640x360 ) >"$dir/f.out" 2>"$dir/f.err"
  code=$?
  check "export past the file size limit: exit non-zero naming the file" eval 'test $code != 0 && has "$dir/f.err" "$dir/full/"'
  check "export past the file size limit: no temporary file" no_tmp "$dir/full"
  mkdir "$dir/term"
  "$bin" export "$dir/short.go" --out "$dir/term" --size 640x360 >"$dir/f.out" 2>&1 &
  victim=$!
  for _ in $(seq 100); do [ "$(ls "$dir/term" | wc -l)" -gt 3 ] && break; sleep 0.05; done
  kill -TERM $victim
  wait $victim 2>/dev/null
  cut=0
  for f in "$dir"/term/*.png; do
    [ -e "$f" ] || continue
    tail -c 12 "$f" | grep -q IEND || { cut=1; echo "  cut frame: $f"; }
  done
  check "export killed by SIGTERM: every frame under its name complete" test $cut = 0
fi
exit $fail
