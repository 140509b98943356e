//go:build ignore

// pingpong.go: the reference for bench_model's ping-pong.  main sends on an
// unbuffered c1, a second goroutine receives and sends the value back on an
// unbuffered c2; n round trips are 4n channel operations (each send and each
// receive counted once).  Run with GOMAXPROCS=1, as the model is.
//
// Prints "pingpong_ops_per_sec <ops/s>": the best of -repeats runs, n
// calibrated so that one run takes about -target.
//
//	go build -o pingpong bench/go/pingpong.go && GOMAXPROCS=1 ./pingpong
package main

import (
	"flag"
	"fmt"
	"runtime"
	"time"
)

var sink int

func run(n int) time.Duration {
	c1 := make(chan int)
	c2 := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			v := <-c1
			c2 <- v + 1
		}
	}()
	start := time.Now()
	sum := 0
	for i := 0; i < n; i++ {
		c1 <- i
		sum += <-c2
	}
	d := time.Since(start)
	sink += sum
	return d
}

func main() {
	target := flag.Duration("target", 500*time.Millisecond, "wall time of one run")
	repeats := flag.Int("repeats", 5, "runs; the best counts")
	flag.Parse()

	n := 10000
	for {
		d := run(n)
		if d >= *target/8 || n >= 1<<40 {
			n = int(float64(n) * float64(*target) / float64(d))
			break
		}
		n *= 8
	}
	best, bestd := 0.0, time.Duration(0)
	for r := 0; r < *repeats; r++ {
		d := run(n)
		ops := float64(4*n) / d.Seconds()
		if ops > best {
			best, bestd = ops, d
		}
	}
	fmt.Printf("# go pingpong: GOMAXPROCS=%d, n=%d, %.3f s best of %d, %s\n",
		runtime.GOMAXPROCS(0), n, bestd.Seconds(), *repeats, runtime.Version())
	fmt.Printf("pingpong_ops_per_sec %.0f\n", best)
}
