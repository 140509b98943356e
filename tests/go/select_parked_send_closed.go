// select: a goroutine parked in a select on a send case is woken by close of that channel and panics.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	out := make(chan string)
	stop := make(chan bool)
	go func() {
		defer fmt.Println("sender: deferred")
		select {
		case out <- "data":
			fmt.Println("never sent")
		case <-stop:
			fmt.Println("never stopped")
		}
	}()
	runtime.Gosched()
	fmt.Println("main: closing out while the select is parked")
	close(out)
	runtime.Gosched()
	fmt.Println("never printed")
}
