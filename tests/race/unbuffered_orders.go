// Race-free: a write before an unbuffered send is seen after the receive.
package main

import "fmt"

func main() {
	msg := ""
	ch := make(chan bool)
	go func() {
		msg = "hello"
		ch <- true
	}()
	<-ch
	fmt.Println(msg)
}
