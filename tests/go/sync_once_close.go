// sync: Once guards close so that several goroutines can ask to close the same channel without a panic.
package main

import (
	"fmt"
	"sync"
)

type Closer struct {
	ch   chan struct{}
	once sync.Once
}

func (c *Closer) Close(who string) {
	c.once.Do(func() {
		fmt.Println(who, "closes the channel")
		close(c.ch)
	})
}

func main() {
	c := &Closer{ch: make(chan struct{})}
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func(id int) {
			c.Close(fmt.Sprint("g", id))
			done <- true
		}(i)
	}
	for i := 0; i < 3; i++ {
		<-done
	}
	_, ok := <-c.ch
	fmt.Println("open:", ok)
}
