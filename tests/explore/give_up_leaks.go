// main gives up on a receive; the sender is then left blocked for ever.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		ch <- 1
		fmt.Println("sent")
	}()
	select {
	case <-ch:
		fmt.Println("received")
	default:
		fmt.Println("gave up")
	}
}
