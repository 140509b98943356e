// Race-free: a close happens before a receive that sees the channel closed.
package main

import "fmt"

func main() {
	result := 0
	done := make(chan struct{})
	go func() {
		result = 99
		close(done)
	}()
	<-done
	fmt.Println("result", result)
}
