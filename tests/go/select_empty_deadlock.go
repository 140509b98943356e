// select: select {} parks forever; once the other goroutines finish, Go reports a deadlock.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	for i := 0; i < 3; i++ {
		go func(id int) {
			fmt.Println("worker", id, "finished")
		}(i)
	}
	fmt.Println("main: goroutines", runtime.NumGoroutine())
	select {}
}
