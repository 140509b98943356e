// sched: after `go f()` the creator keeps running; the new goroutine only runs once the creator blocks.
package main

import "fmt"

func main() {
	done := make(chan bool)
	go func() {
		fmt.Println("goroutine: running")
		done <- true
	}()
	for i := 0; i < 3; i++ {
		fmt.Println("main: still running", i)
	}
	<-done
	fmt.Println("main: end")
}
