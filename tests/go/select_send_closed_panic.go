// select: a send case on a closed channel counts as ready, so even a select with default panics "send on closed channel".
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	close(ch)
	defer fmt.Println("deferred print before the crash")
	select {
	case ch <- 1:
		fmt.Println("never printed")
	default:
		fmt.Println("default is not taken")
	}
}
