// chansend: a send on a full buffer parks the sender until a receive makes room.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	go func() {
		for i := 1; i <= 4; i++ {
			fmt.Println("sender: sending", i)
			ch <- i
			fmt.Println("sender: sent", i)
		}
		close(ch)
	}()
	for v := range ch {
		fmt.Println("main: received", v, "len", len(ch))
	}
	fmt.Println("main: channel closed")
}
