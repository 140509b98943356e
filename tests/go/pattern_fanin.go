// pattern: fan-in: three producers forward into one channel; the interleaving is fixed by the GOMAXPROCS=1 schedule.
package main

import "fmt"

func produce(name string, n int, out chan<- string, done chan<- bool) {
	for i := 0; i < n; i++ {
		out <- fmt.Sprint(name, i)
	}
	done <- true
}

func main() {
	out := make(chan string)
	done := make(chan bool)
	go produce("a", 3, out, done)
	go produce("b", 2, out, done)
	go produce("c", 1, out, done)
	finished := 0
	for finished < 3 {
		select {
		case s := <-out:
			fmt.Println(s)
		case <-done:
			finished++
			fmt.Println("producer finished")
		}
	}
}
