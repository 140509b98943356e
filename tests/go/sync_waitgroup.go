// sync: WaitGroup.Wait returns after every Done; the waiter is readied by the last Done.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			fmt.Println("worker", id, "done")
		}(i)
	}
	fmt.Println("main: waiting")
	wg.Wait()
	fmt.Println("main: all done")
	wg.Wait()
	fmt.Println("main: second Wait on a zero counter returns at once")
}
