// sched: the last goroutine started runs first (it holds runnext), then the others in FIFO order from the local run queue.
package main

import "fmt"

func main() {
	done := make(chan bool)
	for i := 1; i <= 5; i++ {
		go func(id int) {
			fmt.Println("goroutine", id)
			done <- true
		}(i)
	}
	for i := 0; i < 5; i++ {
		<-done
	}
	fmt.Println("main: end")
}
