// deadlock: main sends on an unbuffered channel after the only receiver has exited.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		fmt.Println("receiver got", <-ch)
	}()
	ch <- 1
	fmt.Println("first send done")
	ch <- 2
	fmt.Println("never printed")
}
