// deadlock: locking a sync.Mutex twice in the same goroutine blocks forever.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	fmt.Println("locked once")
	mu.Lock()
	fmt.Println("never printed")
}
