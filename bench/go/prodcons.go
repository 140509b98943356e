//go:build ignore

// prodcons.go: the reference for bench_model's producer/consumer.  A
// goroutine sends n values on make(chan int, 64) and main receives n; 2n
// channel operations.  Run with GOMAXPROCS=1, as the model is.
//
// Prints "prodcons_ops_per_sec <ops/s>": the best of -repeats runs, n
// calibrated so that one run takes about -target.
//
//	go build -o prodcons bench/go/prodcons.go && GOMAXPROCS=1 ./prodcons
package main

import (
	"flag"
	"fmt"
	"runtime"
	"time"
)

var sink int

func run(n int) time.Duration {
	c := make(chan int, 64)
	go func() {
		for i := 0; i < n; i++ {
			c <- i
		}
	}()
	start := time.Now()
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-c
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
		ops := float64(2*n) / d.Seconds()
		if ops > best {
			best, bestd = ops, d
		}
	}
	fmt.Printf("# go prodcons: GOMAXPROCS=%d, n=%d, %.3f s best of %d, %s\n",
		runtime.GOMAXPROCS(0), n, bestd.Seconds(), *repeats, runtime.Version())
	fmt.Printf("prodcons_ops_per_sec %.0f\n", best)
}
