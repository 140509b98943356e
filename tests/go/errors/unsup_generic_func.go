// ERROR: 6:10: generics are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func Send[T any](ch chan T, v T) {
	ch <- v
}

func main() {
	ch := make(chan int, 1)
	Send(ch, 1)
	fmt.Println(<-ch)
}
