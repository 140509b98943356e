// closechan: closing a nil channel panics with "close of nil channel".
package main

import "fmt"

func main() {
	var ch chan bool
	fmt.Println("closing nil channel")
	close(ch)
}
