// seed 001 (3.2): with no receiver, the fourth send on make(chan Task, 3) puts the sender in sendq; one receive lets it finish.
package main

import (
	"fmt"
	"runtime"
)

type Task struct {
	ID int
}

func main() {
	ch := make(chan Task, 3)
	go func() {
		for i := 1; i <= 4; i++ {
			ch <- Task{ID: i}
			fmt.Println("sent task", i, "len", len(ch))
		}
		fmt.Println("sender: finished")
	}()
	runtime.Gosched()
	fmt.Println("main: len", len(ch), "cap", cap(ch), "goroutines", runtime.NumGoroutine())
	t := <-ch
	fmt.Println("main: received", t.ID, "len", len(ch))
	runtime.Gosched()
	for len(ch) > 0 {
		fmt.Println("main: received", (<-ch).ID)
	}
}
