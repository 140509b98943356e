// Unbuffered ping-pong between two goroutines, as bench/go/pingpong.go does it.
package main

import "fmt"

func main() {
	ping := make(chan int)
	pong := make(chan int)
	const n = 1000000
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	v := 0
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	fmt.Println(v, "round trips; channel operations:", 4*n)
}
