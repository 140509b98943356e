// sync: a Mutex protects a counter shared by goroutines that yield while holding it.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc(who string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.n
	runtime.Gosched()
	c.n = v + 1
	fmt.Println(who, "set", c.n)
}

func main() {
	c := &Counter{}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			c.Inc(fmt.Sprint("g", id))
		}(i)
	}
	wg.Wait()
	fmt.Println("final", c.n)
}
