// select: break inside select leaves only the select; a labelled break leaves the enclosing for loop.
package main

import "fmt"

func main() {
	ch := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		ch <- i
	}
	close(ch)
	count := 0
loop:
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				break loop
			}
			if v%2 == 0 {
				break
			}
			count++
			fmt.Println("odd", v)
		}
	}
	fmt.Println("odd count", count)
}
