// select: a for-select loop serves a work channel until the quit channel is closed.
package main

import "fmt"

func worker(jobs <-chan int, quit <-chan bool, results chan<- int) {
	for {
		select {
		case j := <-jobs:
			results <- j * 2
		case <-quit:
			fmt.Println("worker: quitting")
			close(results)
			return
		}
	}
}

func main() {
	jobs := make(chan int)
	quit := make(chan bool)
	results := make(chan int, 10)
	go worker(jobs, quit, results)
	for i := 1; i <= 3; i++ {
		jobs <- i
		fmt.Println("main: sent job", i)
	}
	close(quit)
	for r := range results {
		fmt.Println("result", r)
	}
	fmt.Println("main: done")
}
