// deadlock: the third send on a channel with capacity 2 parks main forever.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	for i := 1; i <= 3; i++ {
		fmt.Println("sending", i)
		ch <- i
	}
}
