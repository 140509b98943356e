// pattern: closing a done channel broadcasts to every goroutine parked in a select on it; the wake order follows closechan's LIFO readying.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	done := make(chan struct{})
	work := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			select {
			case v := <-work:
				fmt.Println(id, "got work", v)
			case <-done:
				fmt.Println(id, "saw done")
			}
		}(i)
	}
	runtime.Gosched()
	close(done)
	wg.Wait()
	fmt.Println("all stopped")
}
