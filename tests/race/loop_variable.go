// Racy under Go 1.19: the loop has one i, which the next iteration writes while a goroutine reads it.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			mu.Lock()
			total += i
			mu.Unlock()
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("total", total)
}
