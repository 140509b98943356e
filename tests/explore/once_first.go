// Whichever goroutine reaches once.Do first runs the function.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	var wg sync.WaitGroup
	wg.Add(2)
	for _, name := range []string{"x", "y"} {
		n := name
		go func() {
			once.Do(func() { fmt.Println("first:", n) })
			wg.Done()
		}()
	}
	wg.Wait()
}
