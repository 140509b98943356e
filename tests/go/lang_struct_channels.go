// lang: a struct holding channels, a bool and a Mutex, built with &T{...} and used through pointer methods from goroutines.
package main

import (
	"fmt"
	"sync"
)

type Hub struct {
	in     chan string
	out    chan string
	closed bool
	mu     sync.Mutex
}

func NewHub(n int) *Hub {
	return &Hub{in: make(chan string, n), out: make(chan string)}
}

func (h *Hub) Run() {
	for m := range h.in {
		h.out <- "<" + m + ">"
	}
	close(h.out)
}

func (h *Hub) Shutdown() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.closed = true
	close(h.in)
	return true
}

func main() {
	h := NewHub(2)
	go h.Run()
	h.in <- "a"
	h.in <- "b"
	fmt.Println("first shutdown:", h.Shutdown())
	fmt.Println("second shutdown:", h.Shutdown())
	for m := range h.out {
		fmt.Println(m)
	}
	fmt.Println(cap(h.in), h.closed)
}
