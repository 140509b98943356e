// A send and a close race on an unbuffered channel that main receives from.
package main

import "fmt"

func main() {
	ch := make(chan int)
	done := make(chan bool)
	go func() {
		ch <- 1
		done <- true
	}()
	go func() {
		close(ch)
	}()
	v, ok := <-ch
	fmt.Println(v, ok)
	<-done
}
