// closechan: close ends a for-range loop over the channel once the buffer is drained.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		for i := 0; i < 4; i++ {
			ch <- i * i
		}
		close(ch)
		fmt.Println("producer: closed")
	}()
	sum := 0
	for v := range ch {
		fmt.Println("consumer:", v)
		sum += v
	}
	fmt.Println("sum", sum)
}
