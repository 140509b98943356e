// The receiver gets the value only if it was already waiting when the sender tried.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 7:
		default:
		}
		close(ch)
	}()
	v, ok := <-ch
	fmt.Println(v, ok)
}
