// deadlock: a goroutine in time.Sleep keeps the program alive; the deadlock is reported only after it wakes and exits.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		time.Sleep(30 * time.Millisecond)
		fmt.Println("sleeper woke and exits without sending")
	}()
	fmt.Println("main: waiting forever")
	<-ch
}
