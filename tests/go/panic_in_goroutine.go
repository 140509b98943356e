// panic: a panic in any goroutine kills the whole program, even while main is parked.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		defer fmt.Println("goroutine defer runs")
		fmt.Println("goroutine: panicking")
		panic(fmt.Sprintf("worker %d failed", 3))
	}()
	fmt.Println("main: waiting")
	<-ch
}
