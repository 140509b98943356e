// Race-free: each Done happens before the Wait it releases returns.
package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make([]int, 3)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		k := i
		go func() {
			results[k] = k * k
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println(results)
}
