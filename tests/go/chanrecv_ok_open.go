// chanrecv: the v, ok := <-ch form on an open channel gives ok=true, including for zero values sent explicitly.
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	ch <- 0
	ch <- 5
	v, ok := <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Println(v, ok)
	close(ch)
	v, ok = <-ch
	fmt.Println(v, ok)
	var nilch chan int
	fmt.Println(len(nilch), cap(nilch))
}
