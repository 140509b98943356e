// select: with no case ready, the default branch is taken at once.
package main

import "fmt"

func main() {
	ch := make(chan int)
	for i := 0; i < 3; i++ {
		select {
		case v := <-ch:
			fmt.Println("received", v)
		default:
			fmt.Println("default", i)
		}
	}
}
