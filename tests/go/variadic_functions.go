package main

// Variadic functions: none, some and a spread slice (nil when none is
// passed), a pipeline fan-in over ...<-chan int, a variadic method, a
// deferred variadic call, and %T of a variadic function.

import (
	"fmt"
	"sync"
)

func sum(label string, xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	fmt.Println(label, len(xs), xs == nil, t)
	return t
}

func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int, 10)
	output := func(c <-chan int) {
		for n := range c {
			out <- n
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

type T struct{ n int }

func (t T) add(xs ...int) int {
	for _, x := range xs {
		t.n += x
	}
	return t.n
}

func main() {
	sum("none")
	sum("three", 1, 2, 3)
	s := []int{4, 5}
	sum("spread", s...)
	total := 0
	for n := range merge(gen(1, 2), gen(3)) {
		total += n
	}
	fmt.Println("merged", total)
	fmt.Println(T{10}.add(1, 2), T{1}.add())
	var f func(...int) int = func(xs ...int) int { return len(xs) }
	fmt.Println(f(1, 2, 3))
	defer sum("deferred", 7, 8)
	fmt.Printf("%T\n", sum)
}
