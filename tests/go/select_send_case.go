// select: a blocked select with a send case is completed by a receiver, which takes the value directly.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	out := make(chan string)
	stop := make(chan bool)
	go func() {
		for i := 0; ; i++ {
			select {
			case out <- fmt.Sprint("msg", i):
				fmt.Println("sender: delivered", i)
			case <-stop:
				fmt.Println("sender: stopped at", i)
				return
			}
		}
	}()
	runtime.Gosched()
	fmt.Println("main:", <-out)
	fmt.Println("main:", <-out)
	stop <- true
	runtime.Gosched()
	fmt.Println("main: end")
}
