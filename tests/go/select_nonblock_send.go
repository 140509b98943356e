// select: a send case with default is a non-blocking send: it succeeds while the buffer has room, then default is taken.
package main

import "fmt"

func trySend(ch chan int, v int) bool {
	select {
	case ch <- v:
		return true
	default:
		return false
	}
}

func main() {
	ch := make(chan int, 2)
	for i := 1; i <= 4; i++ {
		fmt.Println("try", i, trySend(ch, i), len(ch))
	}
	unbuf := make(chan int)
	fmt.Println("unbuffered, no receiver:", trySend(unbuf, 9))
}
