// seed 001 (2.5): the WaitGroup example with goroutines A and B receiving 3 and 4; B, started last, receives first.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg = &sync.WaitGroup{}
	wg.Add(2)

	ch := make(chan int)
	go goroutineA(ch, wg)
	go goroutineB(ch, wg)
	ch <- 3
	ch <- 4
	wg.Wait()
}

func goroutineA(a <-chan int, wg *sync.WaitGroup) {
	val := <-a
	fmt.Println("G1 received data: ", val)
	wg.Done()
}

func goroutineB(b <-chan int, wg *sync.WaitGroup) {
	val := <-b
	fmt.Println("G2 received data: ", val)
	wg.Done()
}
