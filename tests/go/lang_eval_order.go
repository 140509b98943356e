// lang: evaluation order: operands left to right, index operands before assignment, go and defer arguments evaluated at once.
package main

import (
	"fmt"
	"runtime"
)

func trace(name string, v int) int {
	fmt.Print(name, " ")
	return v
}

func show(tag string, v int) {
	fmt.Println(tag, v)
}

func main() {
	sum := trace("a", 1) + trace("b", 2)*trace("c", 3)
	fmt.Println("=", sum)
	s := []int{0, 0, 0}
	i := 0
	i, s[i] = 1, 9
	fmt.Println(i, s)
	a, b := 1, 2
	a, b = b, a+b
	fmt.Println(a, b)
	ch := make(chan int, 2)
	ch <- 10
	ch <- 20
	fmt.Println(trace("x", 1), <-ch, trace("y", 2), <-ch)
	x := 5
	go show("goroutine saw", x)
	defer show("defer saw", x)
	x = 6
	runtime.Gosched()
	fmt.Println("x is now", x)
}
