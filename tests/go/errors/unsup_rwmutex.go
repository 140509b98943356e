// ERROR: 10:7: sync.RWMutex is not supported by hchanviz (see docs/go-subset.md)
package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu   sync.RWMutex
	hits int
}

func main() {
	var c Cache
	c.mu.RLock()
	fmt.Println(c.hits)
	c.mu.RUnlock()
}
