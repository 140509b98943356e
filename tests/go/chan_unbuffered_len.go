// chan: an unbuffered channel always has len 0 and cap 0, even with senders parked on it.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan struct{})
	for i := 0; i < 3; i++ {
		go func() { ch <- struct{}{} }()
	}
	runtime.Gosched()
	fmt.Println(len(ch), cap(ch), runtime.NumGoroutine())
	<-ch
	v := <-ch
	fmt.Println(v, len(ch))
	fmt.Printf("%v %+v %T\n", struct{}{}, v, v)
}
