// Race-free: on an unbuffered channel the receive happens before the send completes.
package main

import "fmt"

func main() {
	x := 0
	ch := make(chan int)
	done := make(chan bool)
	go func() {
		ch <- 1
		fmt.Println("x =", x)
		done <- true
	}()
	x = 7
	<-ch
	<-done
}
