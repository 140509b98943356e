// Two goroutines print while main waits: either may print first.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		fmt.Println("a")
		wg.Done()
	}()
	go func() {
		fmt.Println("b")
		wg.Done()
	}()
	wg.Wait()
	fmt.Println("done")
}
