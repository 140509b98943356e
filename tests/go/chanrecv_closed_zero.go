// chanrecv: receiving from a closed, empty channel returns the zero value at once, with ok=false.
package main

import "fmt"

type Point struct {
	X, Y int
}

func main() {
	ci := make(chan int)
	cs := make(chan string, 1)
	cb := make(chan bool)
	cp := make(chan Point, 4)
	close(ci)
	close(cs)
	close(cb)
	close(cp)
	v, ok := <-ci
	fmt.Println(v, ok)
	s, ok := <-cs
	fmt.Printf("%q %v\n", s, ok)
	b, ok := <-cb
	fmt.Println(b, ok)
	p, ok := <-cp
	fmt.Printf("%+v %v\n", p, ok)
	fmt.Println(<-ci, <-ci, <-ci)
}
