// panic: panic with a string prints "panic: " and the string, runs defers first, exits 2.
package main

import "fmt"

func main() {
	defer fmt.Println("deferred 1")
	defer fmt.Println("deferred 2")
	fmt.Println("about to panic")
	panic("something went wrong")
}
