// sched: goroutines parked when main returns never resume, and their deferred calls never run.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	block := make(chan int)
	for i := 0; i < 2; i++ {
		go func(id int) {
			defer fmt.Println("never printed: defer of", id)
			fmt.Println("goroutine", id, "parks")
			<-block
		}(i)
	}
	runtime.Gosched()
	defer fmt.Println("main's own defer does run")
	fmt.Println("main: returning")
}
