// sched: every 61st schedule tick the scheduler takes from the global queue first, so main (parked there by Gosched) runs ahead of a fresh goroutine once.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	for i := 0; i < 130; i++ {
		go func(i int) { fmt.Print(i, " ") }(i)
		runtime.Gosched()
	}
	fmt.Println()
}
