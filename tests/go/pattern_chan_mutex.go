// pattern: a channel with capacity 1 used as a lock; goroutines that find it taken park in sendq and enter in FIFO order.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	lock := make(chan bool, 1)
	done := make(chan bool)
	for i := 1; i <= 3; i++ {
		go func(id int) {
			lock <- true
			fmt.Println(id, "in critical section")
			runtime.Gosched()
			fmt.Println(id, "leaving")
			<-lock
			done <- true
		}(i)
	}
	for i := 0; i < 3; i++ {
		<-done
	}
	fmt.Println("len", len(lock))
}
