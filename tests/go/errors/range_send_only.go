// ERROR: 7:17: cannot range over ch (variable of type chan<- string) (receive from send-only channel)
package main

import "fmt"

func drain(ch chan<- string) {
	for s := range ch {
		fmt.Println(s)
	}
}

func main() {
	drain(make(chan string))
}
