// sched: a goroutine woken by a channel send goes to runnext, so it runs before goroutines already in the run queue.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	go func() {
		v := <-ch
		fmt.Println("receiver woken with", v)
	}()
	runtime.Gosched()
	go func() { fmt.Println("queued goroutine A") }()
	go func() { fmt.Println("queued goroutine B") }()
	fmt.Println("main: sending")
	ch <- 1
	fmt.Println("main: yielding")
	runtime.Gosched()
	fmt.Println("main: end")
}
