// sched: when main returns the program exits at once; runnable goroutines never run.
package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		go func(id int) {
			fmt.Println("never printed", id)
		}(i)
	}
	fmt.Println("main: returning")
}
