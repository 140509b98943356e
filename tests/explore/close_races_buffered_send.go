// main closes a buffered channel while a goroutine may still be sending on it.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	go func() {
		ch <- 1
		ch <- 2
	}()
	fmt.Println("got", <-ch)
	close(ch)
	fmt.Println("closed")
}
