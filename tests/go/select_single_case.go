// select: a one-case select behaves like the plain channel operation, blocking until it completes.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 99:
		}
		close(ch)
		fmt.Println("sender done")
	}()
	select {
	case v := <-ch:
		fmt.Println("received", v)
	}
	select {
	case v, ok := <-ch:
		fmt.Println("second", v, ok)
	}
}
