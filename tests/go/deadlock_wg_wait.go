// deadlock: waiting on a WaitGroup whose counter never reaches zero deadlocks.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		fmt.Println("only one Done")
		wg.Done()
	}()
	wg.Wait()
	fmt.Println("never printed")
}
