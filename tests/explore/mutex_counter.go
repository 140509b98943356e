// The same counter under a mutex keeps every update.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	count := 0
	wg.Add(2)
	for g := 0; g < 2; g++ {
		go func() {
			for i := 0; i < 2; i++ {
				mu.Lock()
				count++
				mu.Unlock()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("count", count)
}
