// chanrecv: receives from a buffered channel take values in FIFO order without blocking, wrapping around the ring.
package main

import "fmt"

func main() {
	ch := make(chan string, 2)
	words := []string{"a", "b", "c", "d", "e"}
	for _, w := range words {
		ch <- w
		if len(ch) == cap(ch) {
			fmt.Print(<-ch, " ")
		}
	}
	for len(ch) > 0 {
		fmt.Print(<-ch, " ")
	}
	fmt.Println()
	ch <- "f"
	v := <-ch
	fmt.Println(v, len(ch))
}
