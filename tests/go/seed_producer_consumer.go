// seed 001 (3.2): make(chan Task, 3): the producer fills three slots, parks on the fourth send, and the consumer's receives free it.
package main

import (
	"fmt"
	"sync"
)

type Task struct {
	ID   int
	Name string
}

func producer(ch chan<- Task, n int) {
	for i := 0; i < n; i++ {
		t := Task{ID: i, Name: fmt.Sprintf("task%d", i)}
		fmt.Printf("produce %+v (len before %d)\n", t, len(ch))
		ch <- t
	}
	close(ch)
	fmt.Println("producer: closed")
}

func consumer(ch <-chan Task, wg *sync.WaitGroup) {
	defer wg.Done()
	for t := range ch {
		fmt.Printf("consume %v (len after %d)\n", t, len(ch))
	}
	fmt.Println("consumer: done")
}

func main() {
	ch := make(chan Task, 3)
	var wg sync.WaitGroup
	wg.Add(1)
	go consumer(ch, &wg)
	producer(ch, 6)
	wg.Wait()
}
