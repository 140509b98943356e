// Racy: a sleep makes the write come first, but orders nothing.
package main

import (
	"fmt"
	"time"
)

var ready bool

func main() {
	go func() {
		ready = true
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("ready:", ready)
}
