// Racy: two goroutines increment a shared counter with no lock.
package main

import (
	"fmt"
	"sync"
)

var count int

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			count++
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("count", count)
}
