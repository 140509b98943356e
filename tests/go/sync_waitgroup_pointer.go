// sync: a WaitGroup passed by pointer to worker functions; the last Done readies the waiting main before other runnable goroutines.
package main

import (
	"fmt"
	"sync"
)

func work(id int, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	out <- fmt.Sprint("result ", id)
}

func main() {
	wg := &sync.WaitGroup{}
	out := make(chan string, 3)
	wg.Add(3)
	for i := 0; i < 3; i++ {
		go work(i, wg, out)
	}
	wg.Wait()
	close(out)
	for s := range out {
		fmt.Println(s)
	}
}
