// chanrecv: a receive from a full buffer with parked senders takes buf[recvx] and puts the first sender's value in that slot, so FIFO order holds.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	ch <- 3
	for i := 4; i <= 6; i++ {
		go func(v int) {
			ch <- v
			fmt.Println("sender of", v, "resumed")
		}(i)
	}
	runtime.Gosched()
	fmt.Println("full:", len(ch), cap(ch))
	for i := 0; i < 6; i++ {
		fmt.Println("got", <-ch, "len", len(ch))
	}
	runtime.Gosched()
	fmt.Println("end")
}
