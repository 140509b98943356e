// chanrecv: receiving on an unbuffered channel with a parked sender takes its value directly and readies it; the receiver keeps running.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	go func() {
		fmt.Println("sender: parking with 42")
		ch <- 42
		fmt.Println("sender: woken")
	}()
	runtime.Gosched()
	fmt.Println("main: receiving")
	v := <-ch
	fmt.Println("main: got", v, "and still running")
	runtime.Gosched()
	fmt.Println("main: end")
}
