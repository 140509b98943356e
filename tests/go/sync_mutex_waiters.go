// sync: goroutines blocked in Mutex.Lock acquire it in FIFO order; an Unlock readies the next one without switching to it.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			fmt.Println(id, "wants the lock")
			mu.Lock()
			fmt.Println(id, "has the lock")
			mu.Unlock()
			fmt.Println(id, "released it")
		}(i)
	}
	runtime.Gosched()
	fmt.Println("main: unlocking")
	mu.Unlock()
	fmt.Println("main: unlocked, still running")
	wg.Wait()
	fmt.Println("main: end")
}
