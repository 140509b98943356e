// A worker prints until it sees done closed.
package main

import "fmt"

func main() {
	done := make(chan struct{})
	finished := make(chan bool)
	go func() {
		for i := 0; i < 3; i++ {
			select {
			case <-done:
				finished <- true
				return
			default:
				fmt.Println("work", i)
			}
		}
		finished <- false
	}()
	close(done)
	fmt.Println("cancelled early:", <-finished)
}
