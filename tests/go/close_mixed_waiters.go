// closechan: close readies receivers of one channel (ok=false) and the recover of a sender panic shows in a deferred func.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	results := make(chan string, 4)
	for i := 0; i < 2; i++ {
		go func(id int) {
			_, ok := <-ch
			results <- fmt.Sprintf("recv%d ok=%v", id, ok)
		}(i)
	}
	runtime.Gosched()
	close(ch)
	go func() {
		defer func() {
			r := recover()
			results <- fmt.Sprint("sender recovered: ", r)
		}()
		ch <- 5
	}()
	for i := 0; i < 3; i++ {
		fmt.Println(<-results)
	}
}
