// closechan: several parked senders are all readied by close; each panics in turn, so the first to run kills the program.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	for i := 1; i <= 3; i++ {
		go func(id int) {
			defer fmt.Println("defer of sender", id)
			ch <- id
		}(i)
	}
	runtime.Gosched()
	fmt.Println("main: closing with 3 parked senders")
	close(ch)
	<-make(chan bool)
}
