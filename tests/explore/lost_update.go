// Two goroutines each add 1 twice to a shared counter without a lock.
package main

import (
	"fmt"
	"sync"
)

var count int

func add(wg *sync.WaitGroup) {
	for i := 0; i < 2; i++ {
		count++
	}
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go add(&wg)
	go add(&wg)
	wg.Wait()
	fmt.Println("count", count)
}
