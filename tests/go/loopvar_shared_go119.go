package main

import (
	"fmt"
	"sync"
)

// Before Go 1.22 a loop has one variable for all its iterations: closures
// made in the loop share it and see the value it has when they run.
func main() {
	var fs []func()
	for i := 0; i < 3; i++ {
		fs = append(fs, func() { fmt.Println("three-clause", i) })
	}
	for _, v := range []string{"a", "b", "c"} {
		fs = append(fs, func() { fmt.Println("range", v) })
	}
	for _, f := range fs {
		f()
	}
	var wg sync.WaitGroup
	done := make(chan int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done <- i
		}()
	}
	wg.Wait()
	close(done)
	sum := 0
	for v := range done {
		sum += v
	}
	fmt.Println("goroutines saw", sum)
	p := &fs
	_ = p
}
