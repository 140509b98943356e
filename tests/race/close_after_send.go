// Racy: the send completes into the buffer before the close, yet nothing orders them.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
	}()
	time.Sleep(10 * time.Millisecond)
	close(ch)
	for v := range ch {
		fmt.Println("drained", v)
	}
}
