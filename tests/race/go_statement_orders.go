// Race-free: what main did before the go statement is seen by the new goroutine.
package main

import "fmt"

func main() {
	name := "worker"
	done := make(chan bool)
	go func() {
		fmt.Println("hello from", name)
		done <- true
	}()
	<-done
}
