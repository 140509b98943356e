// closechan: a for-select loop that drains a buffered channel and notices its close through ok=false, while a second channel stays nil.
package main

import "fmt"

func main() {
	events := make(chan string, 4)
	var errs chan string
	events <- "start"
	events <- "tick"
	events <- "stop"
	close(events)
	n := 0
	for {
		select {
		case e, ok := <-events:
			if !ok {
				fmt.Println("events closed after", n)
				return
			}
			n++
			fmt.Println(n, e)
		case err := <-errs:
			fmt.Println("impossible", err)
		}
	}
}
