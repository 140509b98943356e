// sched: receivers parked on a channel are served FIFO by the sends, but each wake takes runnext, so the last one woken runs first.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	done := make(chan string, 4)
	for i := 1; i <= 4; i++ {
		go func(id int) {
			v := <-ch
			done <- fmt.Sprintf("g%d got %d", id, v)
		}(i)
	}
	runtime.Gosched()
	for v := 100; v < 104; v++ {
		ch <- v
	}
	for i := 0; i < 4; i++ {
		fmt.Println(<-done)
	}
}
