// Race-free: a send on a buffered channel happens before the receive that takes it.
package main

import "fmt"

func main() {
	data := make([]int, 2)
	ch := make(chan int, 2)
	go func() {
		data[0] = 10
		ch <- 0
		data[1] = 20
		ch <- 1
	}()
	i := <-ch
	j := <-ch
	fmt.Println(data[i], data[j])
}
