// sync: several goroutines Wait on one WaitGroup; the last Done readies them all, and the runnext rule fixes their order.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	done := make(chan bool)
	for i := 1; i <= 4; i++ {
		go func(id int) {
			wg.Wait()
			fmt.Println("waiter", id, "released")
			done <- true
		}(i)
	}
	runtime.Gosched()
	fmt.Println("main: all waiters parked; Done")
	wg.Done()
	fmt.Println("main: Done returned")
	for i := 0; i < 4; i++ {
		<-done
	}
	fmt.Println("main: end")
}
