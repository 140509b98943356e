// chansend: senders on an unbuffered channel with no receiver park in sendq (FIFO); each receive takes from the head and readies that sender.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	done := make(chan string)
	sender := func(name string, v int) {
		fmt.Println(name, "sending", v)
		ch <- v
		fmt.Println(name, "resumed after its value was taken")
		done <- name
	}
	go sender("A", 7)
	go sender("B", 8)
	runtime.Gosched()
	fmt.Println("main: both senders are parked")
	fmt.Println("main: got", <-ch)
	fmt.Println("main: got", <-ch)
	fmt.Println("main: done from", <-done)
	fmt.Println("main: done from", <-done)
}
