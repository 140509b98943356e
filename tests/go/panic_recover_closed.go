// panic: runtime panics from channel misuse are recoverable values whose text is the panic message.
package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%s: %v\n", name, r)
	}()
	f()
}

func main() {
	ch := make(chan int, 1)
	close(ch)
	try("send on closed", func() { ch <- 1 })
	try("close closed", func() { close(ch) })
	var nilch chan int
	try("close nil", func() { close(nilch) })
	s := []string{"a"}
	n := 3
	try("index", func() { fmt.Println(s[n]) })
	z := 0
	try("divide", func() { fmt.Println(1 / z) })
	try("no panic", func() {})
}
