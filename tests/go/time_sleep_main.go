// time: main sleeping lets the other goroutines run; a goroutine still sleeping when main returns never prints.
package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		fmt.Println("short sleeper starts")
		time.Sleep(10 * time.Millisecond)
		fmt.Println("short sleeper woke")
	}()
	go func() {
		time.Sleep(500 * time.Millisecond)
		fmt.Println("never printed")
	}()
	time.Sleep(60 * time.Millisecond)
	fmt.Println("main: woke, returning")
}
