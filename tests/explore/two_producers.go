// Two producers share a buffered channel; the consumer sees their values interleaved.
package main

import (
	"fmt"
	"sync"
)

func main() {
	ch := make(chan string, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		ch <- "p1"
		ch <- "p1"
		wg.Done()
	}()
	go func() {
		ch <- "p2"
		wg.Done()
	}()
	go func() {
		wg.Wait()
		close(ch)
	}()
	for v := range ch {
		fmt.Println(v)
	}
}
