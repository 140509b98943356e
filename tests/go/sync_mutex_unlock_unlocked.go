// sync: unlocking an unlocked Mutex is a fatal error "sync: unlock of unlocked mutex" that recover cannot stop.
package main

import (
	"fmt"
	"sync"
)

func main() {
	defer func() {
		fmt.Println("recover returned", recover())
	}()
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock()
	fmt.Println("unlocking again")
	mu.Unlock()
}
