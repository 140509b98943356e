// Three goroutines append under a mutex: the slice holds them in any order.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var order []int
	wg.Add(3)
	for i := 1; i <= 3; i++ {
		id := i
		go func() {
			mu.Lock()
			order = append(order, id)
			mu.Unlock()
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println(order)
}
