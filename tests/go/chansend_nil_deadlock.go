// chansend: a send on a nil channel blocks forever; with nothing else to run, Go reports a deadlock.
package main

import "fmt"

func main() {
	var ch chan int
	fmt.Println("before send, nil:", ch == nil)
	ch <- 1
	fmt.Println("never printed")
}
