// sched: on an unbuffered channel the waker keeps running after the hand-off; the woken side prints only when the waker blocks.
package main

import "fmt"

func main() {
	ch := make(chan int)
	back := make(chan int)
	go func() {
		for v := range ch {
			fmt.Println("  worker got", v)
			back <- v + 100
		}
	}()
	for i := 1; i <= 3; i++ {
		fmt.Println("main sends", i)
		ch <- i
		fmt.Println("main after send", i)
		fmt.Println("main got back", <-back)
	}
}
