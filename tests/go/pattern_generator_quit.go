// pattern: a generator goroutine blocks in a select on send and quit; closing quit stops it while it is parked.
package main

import (
	"fmt"
	"runtime"
)

func fibs(quit <-chan bool) <-chan int {
	out := make(chan int)
	go func() {
		a, b := 0, 1
		for {
			select {
			case out <- a:
				a, b = b, a+b
			case <-quit:
				fmt.Println("generator: quit")
				return
			}
		}
	}()
	return out
}

func main() {
	quit := make(chan bool)
	f := fibs(quit)
	for i := 0; i < 10; i++ {
		fmt.Print(<-f, " ")
	}
	fmt.Println()
	runtime.Gosched()
	close(quit)
	runtime.Gosched()
	fmt.Println("goroutines left:", runtime.NumGoroutine())
}
