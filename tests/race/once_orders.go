// Race-free: once.Do's function happens before any once.Do returns.
package main

import (
	"fmt"
	"sync"
)

var (
	once   sync.Once
	config string
)

func get() string {
	once.Do(func() {
		config = "loaded"
	})
	return config
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			fmt.Println(get())
			wg.Done()
		}()
	}
	wg.Wait()
}
