// sched: two goroutines ping-pong over unbuffered channels; each hand-off is a direct send that readies the partner.
package main

import "fmt"

func player(name string, in <-chan int, out chan<- int, done chan<- bool) {
	for {
		n := <-in
		if n >= 6 {
			fmt.Println(name, "stops at", n)
			done <- true
			return
		}
		fmt.Println(name, n)
		out <- n + 1
	}
}

func main() {
	ping := make(chan int)
	pong := make(chan int)
	done := make(chan bool)
	go player("ping", ping, pong, done)
	go player("pong", pong, ping, done)
	ping <- 0
	<-done
	fmt.Println("main: end")
}
