// chansend: a send to a channel with a parked receiver copies the value straight to it and readies it; the sender keeps running.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan string)
	done := make(chan bool)
	go func() {
		fmt.Println("receiver: waiting")
		v := <-ch
		fmt.Println("receiver: got", v)
		done <- true
	}()
	runtime.Gosched()
	fmt.Println("main: receiver is parked, sending")
	ch <- "hello"
	fmt.Println("main: send returned before the receiver ran")
	<-done
	fmt.Println("main: done")
}
