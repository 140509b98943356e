// chansend: sending on a closed channel panics with "send on closed channel"; deferred calls still run.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	defer fmt.Println("deferred in main runs before the crash")
	ch <- 1
	close(ch)
	fmt.Println("closed with", len(ch), "value buffered")
	ch <- 2
	fmt.Println("never printed")
}
