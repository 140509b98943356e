// deadlock: every goroutine parked on a channel (a cycle of waits) is reported as a deadlock even though main isn't alone.
package main

import "fmt"

func main() {
	a := make(chan int)
	b := make(chan int)
	go func() {
		fmt.Println("g1 waits on a")
		<-a
		b <- 1
	}()
	go func() {
		fmt.Println("g2 waits on b")
		<-b
		a <- 1
	}()
	fmt.Println("main waits on b too")
	<-b
}
