// closechan: close readies a parked sender, which then panics "send on closed channel".
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	go func() {
		defer fmt.Println("sender: deferred print runs while panicking")
		fmt.Println("sender: parking")
		ch <- 1
		fmt.Println("never printed")
	}()
	runtime.Gosched()
	fmt.Println("main: closing with a sender parked")
	close(ch)
	fmt.Println("main: close returned; blocking")
	runtime.Gosched()
	fmt.Println("never printed either")
}
