// The race detector's workload: four goroutines each add to their own
// counter through a pointer 20000 times and then to a shared total under a
// mutex; every access is to memory more than one goroutine can reach, so
// every one is checked (none races: the benchmark measures the checking).
package main

import (
	"fmt"
	"sync"
)

type counter struct {
	n int
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	cs := make([]*counter, 4)
	for i := 0; i < 4; i++ {
		cs[i] = &counter{}
	}
	wg.Add(4)
	for i := 0; i < 4; i++ {
		c := cs[i]
		go func() {
			for k := 0; k < 20000; k++ {
				c.n++
			}
			mu.Lock()
			total += c.n
			mu.Unlock()
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("total:", total)
}
