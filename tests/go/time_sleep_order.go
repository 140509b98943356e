// time: goroutines sleeping for different durations wake in order of their deadlines, not their start order.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	delays := []int{60, 20, 100, 40}
	for i, d := range delays {
		wg.Add(1)
		go func(id, ms int) {
			defer wg.Done()
			time.Sleep(time.Duration(ms) * time.Millisecond)
			fmt.Println("sleeper", id, "woke after", ms, "ms")
		}(i, d)
	}
	wg.Wait()
	fmt.Println("all awake")
}
