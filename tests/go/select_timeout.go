// select: time.After gives a timeout case; it fires because the other channel never becomes ready.
package main

import (
	"fmt"
	"time"
)

func main() {
	never := make(chan int)
	select {
	case v := <-never:
		fmt.Println("got", v)
	case <-time.After(30 * time.Millisecond):
		fmt.Println("timeout after 30ms")
	}
	ready := make(chan int, 1)
	ready <- 5
	select {
	case v := <-ready:
		fmt.Println("ready first:", v)
	case <-time.After(time.Second):
		fmt.Println("unexpected timeout")
	}
}
