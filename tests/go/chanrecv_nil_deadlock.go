// chanrecv: a receive from a nil channel blocks forever; main alone on it is a deadlock.
package main

import "fmt"

func main() {
	var ch chan string
	fmt.Println("receiving from a nil channel")
	v := <-ch
	fmt.Println("never printed", v)
}
