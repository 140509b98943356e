// panic: deferred calls run in LIFO order across frames before the program crashes.
package main

import "fmt"

func inner() {
	defer fmt.Println("inner defer 1")
	defer fmt.Println("inner defer 2")
	panic("from inner")
}

func outer() {
	defer fmt.Println("outer defer")
	inner()
	fmt.Println("never printed")
}

func main() {
	defer fmt.Println("main defer")
	for i := 0; i < 3; i++ {
		defer fmt.Println("loop defer", i)
	}
	outer()
}
