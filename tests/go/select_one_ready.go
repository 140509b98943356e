// select: when exactly one of several cases is ready, that case is chosen every time.
package main

import "fmt"

func main() {
	a := make(chan int)
	b := make(chan int, 1)
	c := make(chan int)
	for i := 0; i < 4; i++ {
		b <- i * 10
		select {
		case v := <-a:
			fmt.Println("a", v)
		case v := <-b:
			fmt.Println("b", v)
		case c <- i:
			fmt.Println("sent on c")
		}
	}
}
