// Racy: a goroutine writes a slice element that main reads after a sleep.
package main

import (
	"fmt"
	"time"
)

func main() {
	s := make([]int, 3)
	go func() {
		s[1] = 5
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println(s[1])
}
