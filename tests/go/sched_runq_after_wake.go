// sched: a wake moves the previous runnext goroutine to the tail of the local queue, behind goroutines created earlier.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	done := make(chan bool, 8)
	go func() {
		fmt.Println("R parks")
		fmt.Println("R got", <-ch)
		done <- true
	}()
	runtime.Gosched()
	go func() { fmt.Println("G1"); done <- true }()
	go func() { fmt.Println("G2"); done <- true }()
	go func() { fmt.Println("G3 (was runnext)"); done <- true }()
	ch <- 5
	for i := 0; i < 4; i++ {
		<-done
	}
	fmt.Println("main: end")
}
