// pattern: a request with a time.After deadline: a fast reply wins, a reply that never comes times out.
package main

import (
	"fmt"
	"time"
)

func call(replyAfter int, deadline time.Duration) string {
	reply := make(chan string, 1)
	if replyAfter >= 0 {
		go func() {
			time.Sleep(time.Duration(replyAfter) * time.Millisecond)
			reply <- fmt.Sprint("reply after ", replyAfter, "ms")
		}()
	}
	select {
	case r := <-reply:
		return r
	case <-time.After(deadline):
		return "timed out"
	}
}

func main() {
	fmt.Println(call(0, 200*time.Millisecond))
	fmt.Println(call(-1, 20*time.Millisecond))
	fmt.Println(call(5, 300*time.Millisecond))
}
