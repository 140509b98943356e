// sched: runtime.NumGoroutine counts main plus every live goroutine, parked or runnable, and drops when they exit.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println("start:", runtime.NumGoroutine())
	block := make(chan bool)
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			<-block
			done <- true
		}()
	}
	fmt.Println("after 3 go statements:", runtime.NumGoroutine())
	runtime.Gosched()
	fmt.Println("all parked:", runtime.NumGoroutine())
	close(block)
	for i := 0; i < 3; i++ {
		<-done
	}
	runtime.Gosched()
	fmt.Println("after they exit:", runtime.NumGoroutine())
}
