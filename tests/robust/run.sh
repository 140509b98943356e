#!/usr/bin/env bash
# Hostile and huge inputs: hchanviz must answer each with a diagnostic or a
# clean run, within its limits; never a crash (a signal), a hang or
# unbounded memory.  Usage: tests/robust/run.sh PATH/TO/hchanviz
set -u
bin=${1:?usage: run.sh HCHANVIZ}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
# A memory cap shows unbounded growth; AddressSanitizer reserves terabytes of
# address space up front, so its builds run without the cap.
vmcap=2000000
if ldd "$bin" 2>/dev/null | grep -q libasan; then vmcap=unlimited; fi

# expect NAME WANT_EXIT FIRST_STDERR_PREFIX MAX_SECONDS: runs $dir/NAME.go
expect() {
  local name=$1 want=$2 prefix=$3 limit=$4
  local start end code first
  start=$(date +%s%N)
  ( ulimit -v $vmcap; timeout "$limit" "$bin" run "$dir/$name.go" >"$dir/$name.out" 2>"$dir/$name.err" )
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
PY
expect parens 1 "$dir/parens.go:" 10
expect blocks 1 "$dir/blocks.go:" 10
expect hugeint 1 "$dir/hugeint.go:" 10
expect hugestr 0 "" 10
expect tenmb 1 "$dir/tenmb.go:1:1: source file too large" 10
expect goroutines 0 "" 60
expect recursion 2 "runtime: goroutine stack exceeds" 30
expect spin 3 "hchanviz: stopped after 10000000 steps" 60
expect alloc 2 "fatal error: out of memory" 60
expect bigchan 2 "panic: makechan: size out of range" 10
exit $fail
