// closechan: close keeps buffered values; len still counts them, cap is unchanged; a receive after draining returns zero.
package main

import "fmt"

func main() {
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	close(ch)
	fmt.Println(len(ch), cap(ch))
	fmt.Println(<-ch, len(ch))
	fmt.Println(<-ch, len(ch))
	v := <-ch
	fmt.Printf("%q %d %d\n", v, len(ch), cap(ch))
	for s := range ch {
		fmt.Println("never", s)
	}
	fmt.Println("range over closed empty channel ends at once")
}
