// ERROR: 12:7: not enough arguments in call to send
package main

import "fmt"

func send(ch chan int, v int) {
	ch <- v
}

func main() {
	ch := make(chan int, 1)
	send(ch)
	fmt.Println(<-ch)
}
