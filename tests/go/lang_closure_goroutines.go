// lang: goroutines running closures share captured variables by reference; channels order their updates.
package main

import "fmt"

func main() {
	total := 0
	msgs := []string{}
	done := make(chan bool)
	for i := 1; i <= 3; i++ {
		n := i
		go func() {
			total += n * 10
			msgs = append(msgs, fmt.Sprint("g", n))
			done <- true
		}()
	}
	for i := 0; i < 3; i++ {
		<-done
	}
	fmt.Println(total, msgs, len(msgs))
}
