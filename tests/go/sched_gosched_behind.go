// sched: runtime.Gosched puts the caller behind every runnable goroutine, so all of them run before it resumes.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	for i := 0; i < 4; i++ {
		go func(id int) {
			fmt.Println("goroutine", id, "step 1")
			runtime.Gosched()
			fmt.Println("goroutine", id, "step 2")
		}(i)
	}
	fmt.Println("main: gosched 1")
	runtime.Gosched()
	fmt.Println("main: gosched 2")
	runtime.Gosched()
	fmt.Println("main: end")
}
