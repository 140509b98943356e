// chanrecv: values buffered before close are still delivered (ok=true); only then does the receive report ok=false.
package main

import "fmt"

func main() {
	ch := make(chan int, 4)
	ch <- 1
	ch <- 2
	ch <- 3
	close(ch)
	for i := 0; i < 5; i++ {
		v, ok := <-ch
		fmt.Println("recv", v, ok, "len", len(ch), "cap", cap(ch))
	}
}
