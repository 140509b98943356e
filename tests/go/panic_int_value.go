// panic: panicking with an int prints the plain number, and an error from a nested call unwinds through its caller's defer.
package main

import "fmt"

func level(n int) {
	defer fmt.Println("unwinding level", n)
	if n == 0 {
		panic(42)
	}
	level(n - 1)
}

func main() {
	level(3)
}
