// closechan: closing a channel twice panics with "close of closed channel".
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	close(ch)
	fmt.Println("closed once")
	close(ch)
	fmt.Println("never printed")
}
