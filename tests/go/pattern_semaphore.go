// pattern: a buffered channel used as a counting semaphore admits at most two goroutines at a time.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	active := 0
	for i := 1; i <= 5; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			sem <- struct{}{}
			active++
			fmt.Println("enter", id, "active", active)
			runtime.Gosched()
			active--
			fmt.Println("leave", id)
			<-sem
		}(i)
	}
	wg.Wait()
	fmt.Println("max capacity", cap(sem), "left", len(sem))
}
