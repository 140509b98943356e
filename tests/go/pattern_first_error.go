// pattern: workers report failures into a buffered channel of capacity 1 with a non-blocking send, so only the first is kept.
package main

import (
	"fmt"
	"sync"
)

func main() {
	errc := make(chan string, 1)
	var wg sync.WaitGroup
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			if id%2 == 0 {
				select {
				case errc <- fmt.Sprintf("task %d failed", id):
					fmt.Println("reported", id)
				default:
					fmt.Println("dropped", id)
				}
			}
		}(i)
	}
	wg.Wait()
	close(errc)
	for e := range errc {
		fmt.Println("first error:", e)
	}
}
