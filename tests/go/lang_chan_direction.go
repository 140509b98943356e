// lang: directional channel types in parameters and results; a bidirectional channel converts implicitly.
package main

import "fmt"

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func sink(in <-chan int, done chan<- int) {
	total := 0
	for v := range in {
		fmt.Println("sink got", v)
		total += v
	}
	done <- total
}

func main() {
	done := make(chan int)
	go sink(square(gen(4)), done)
	fmt.Println("total", <-done)
	var sendOnly chan<- string = make(chan string, 1)
	sendOnly <- "ok"
	fmt.Println(len(sendOnly), cap(sendOnly))
}
