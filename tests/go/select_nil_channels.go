// select: a nil channel's case is never ready, so setting a channel variable to nil disables its case.
package main

import "fmt"

func main() {
	a := make(chan int, 3)
	b := make(chan int, 3)
	a <- 1
	a <- 2
	close(a)
	b <- 10
	b <- 20
	close(b)
	aa := a
	var bb chan int
	for aa != nil || bb != nil {
		select {
		case v, ok := <-aa:
			if !ok {
				fmt.Println("a closed; enabling b")
				aa = nil
				bb = b
				continue
			}
			fmt.Println("a", v)
		case v, ok := <-bb:
			if !ok {
				fmt.Println("b closed")
				bb = nil
				continue
			}
			fmt.Println("b", v)
		}
	}
	var n1, n2 chan string
	select {
	case s := <-n1:
		fmt.Println("impossible", s)
	case n2 <- "x":
		fmt.Println("impossible send")
	default:
		fmt.Println("only nil channels: default")
	}
}
