// If the sender tries before main waits, it gives up and main waits for ever.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		default:
		}
	}()
	fmt.Println(<-ch)
}
