// select: a polling loop with default and Gosched lets a producer run between polls.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			ch <- i
		}
		close(ch)
	}()
	polls := 0
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				fmt.Println("closed after", polls, "empty polls")
				return
			}
			fmt.Println("got", v)
		default:
			polls++
			runtime.Gosched()
		}
	}
}
