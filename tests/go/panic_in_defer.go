// panic: a deferred call can panic after a normal return; the remaining defers still run.
package main

import "fmt"

func work() (result int) {
	defer fmt.Println("first defer, runs last")
	defer func() {
		if result > 1 {
			panic(fmt.Sprintf("result %d too big", result))
		}
	}()
	return 2
}

func main() {
	defer fmt.Println("main defer")
	fmt.Println("calling work")
	fmt.Println(work())
}
