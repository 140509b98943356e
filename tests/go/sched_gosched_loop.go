// sched: two goroutines alternating with Gosched interleave strictly, each going to the global queue behind the other.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for _, name := range []string{"A", "B"} {
		go func(n string) {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				fmt.Println(n, i)
				runtime.Gosched()
			}
		}(name)
	}
	wg.Wait()
}
