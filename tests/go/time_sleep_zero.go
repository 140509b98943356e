// time: time.Sleep(0) and negative durations return at once without yielding, so runnable goroutines still wait.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	go fmt.Println("goroutine ran")
	time.Sleep(0)
	fmt.Println("after Sleep(0)")
	time.Sleep(-5 * time.Second)
	fmt.Println("after a negative Sleep")
	runtime.Gosched()
	fmt.Println("after Gosched")
}
