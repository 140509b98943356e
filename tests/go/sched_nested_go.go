// sched: a goroutine that starts goroutines gives each new one runnext, pushing the previous runnext to the back of the queue.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(5)
	go func() {
		defer wg.Done()
		fmt.Println("parent starts children")
		for i := 1; i <= 3; i++ {
			go func(id int) {
				defer wg.Done()
				fmt.Println("child", id)
			}(i)
		}
		fmt.Println("parent done")
	}()
	go func() {
		defer wg.Done()
		fmt.Println("sibling")
	}()
	wg.Wait()
	fmt.Println("main: end")
}
