// A buffered producer/consumer, as bench/go/prodcons.go does it.
package main

import "fmt"

func main() {
	ch := make(chan int, 64)
	done := make(chan int)
	const n = 2000000
	go func() {
		sum := 0
		for v := range ch {
			sum += v
		}
		done <- sum
	}()
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	fmt.Println(<-done, "channel operations:", 2*n)
}
