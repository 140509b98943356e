// select: a receive case with default is a non-blocking receive; v, ok := form reports closed channels.
package main

import "fmt"

func tryRecv(ch chan string) string {
	select {
	case v, ok := <-ch:
		if !ok {
			return "closed"
		}
		return "got " + v
	default:
		return "empty"
	}
}

func main() {
	ch := make(chan string, 2)
	fmt.Println(tryRecv(ch))
	ch <- "x"
	ch <- "y"
	fmt.Println(tryRecv(ch))
	fmt.Println(tryRecv(ch))
	fmt.Println(tryRecv(ch))
	close(ch)
	fmt.Println(tryRecv(ch))
}
