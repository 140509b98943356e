// deadlock: main blocked on a receive nobody will satisfy; Go prints "fatal error: all goroutines are asleep - deadlock!" and exits 2.
package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("main: receiving")
	<-ch
}
