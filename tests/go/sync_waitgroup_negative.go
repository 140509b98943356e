// sync: calling Done more times than Add panics with "sync: negative WaitGroup counter".
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Done()
	fmt.Println("counter back to zero")
	wg.Done()
	fmt.Println("never printed")
}
