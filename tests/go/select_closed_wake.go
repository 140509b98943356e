// select: a goroutine parked in a select is woken by close of one of its channels and sees ok=false.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	data := make(chan int)
	quit := make(chan struct{})
	done := make(chan bool)
	go func() {
		select {
		case v := <-data:
			fmt.Println("data", v)
		case _, ok := <-quit:
			fmt.Println("quit case, ok =", ok)
		}
		done <- true
	}()
	runtime.Gosched()
	fmt.Println("main: closing quit")
	close(quit)
	<-done
	fmt.Println("main: end")
}
