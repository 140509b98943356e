// ERROR: 11:9: select case must be send or receive (possibly with assignment)
package main

import "fmt"

func main() {
	ch := make(chan int)
	x := 1
	fmt.Println(x)
	select {
	case x > 0:
		fmt.Println("positive")
	case v := <-ch:
		fmt.Println(v)
	}
}
