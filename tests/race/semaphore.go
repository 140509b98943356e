// Race-free: a channel of capacity 1 used as a lock (the k-th receive before the (k+1)-th send completes).
package main

import (
	"fmt"
	"sync"
)

func main() {
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	n := 0
	wg.Add(3)
	for i := 0; i < 3; i++ {
		go func() {
			sem <- struct{}{}
			n++
			<-sem
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("n", n)
}
