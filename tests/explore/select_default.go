// A non-blocking receive finds the value or nothing yet.
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
	}()
	select {
	case v := <-ch:
		fmt.Println("got", v)
	default:
		fmt.Println("nothing yet")
	}
}
