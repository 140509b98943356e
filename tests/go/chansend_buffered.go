// chansend: sends into a buffered channel with free slots do not block; len and cap follow the buffer.
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	fmt.Println(len(ch), cap(ch))
	ch <- 10
	fmt.Println(len(ch), cap(ch))
	ch <- 20
	ch <- 30
	fmt.Println(len(ch), cap(ch))
	fmt.Println(<-ch, <-ch)
	fmt.Println(len(ch), cap(ch))
	ch <- 40
	ch <- 50
	fmt.Println(len(ch), cap(ch))
	for len(ch) > 0 {
		fmt.Print(<-ch, " ")
	}
	fmt.Println()
}
