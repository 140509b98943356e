// time: a for-select loop with a ticking producer and a time.After deadline that fires after the producer has gone quiet.
package main

import (
	"fmt"
	"time"
)

func main() {
	data := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			time.Sleep(10 * time.Millisecond)
			data <- i
		}
	}()
	timeout := time.After(150 * time.Millisecond)
	for {
		select {
		case v := <-data:
			fmt.Println("data", v)
		case <-timeout:
			fmt.Println("deadline reached")
			return
		}
	}
}
