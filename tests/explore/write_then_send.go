// A write before a send is seen after the receive: one outcome.
package main

import "fmt"

func main() {
	x := 0
	ch := make(chan bool)
	go func() {
		x = 42
		ch <- true
	}()
	<-ch
	fmt.Println("x =", x)
}
