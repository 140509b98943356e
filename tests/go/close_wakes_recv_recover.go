// closechan: close readies receivers then senders; senders recover from the panic, so the full LIFO-then-runnext wake order is visible.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	ch := make(chan int)
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			v, ok := <-ch
			fmt.Println("receiver", id, v, ok)
		}(i)
	}
	runtime.Gosched()
	other := make(chan int)
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			defer func() {
				fmt.Println("sender", id, "recovered:", recover())
			}()
			other <- id
		}(i)
	}
	runtime.Gosched()
	close(other)
	close(ch)
	wg.Wait()
	fmt.Println("done")
}
