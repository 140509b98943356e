// closechan: close readies every parked receiver; they are readied in LIFO order through runnext, which fixes the order they print in.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	done := make(chan bool, 5)
	for i := 1; i <= 5; i++ {
		go func(id int) {
			v, ok := <-ch
			fmt.Println("receiver", id, "woke:", v, ok)
			done <- true
		}(i)
	}
	runtime.Gosched()
	fmt.Println("main: all 5 receivers parked; closing")
	close(ch)
	fmt.Println("main: close returned")
	for i := 0; i < 5; i++ {
		<-done
	}
	fmt.Println("main: end")
}
