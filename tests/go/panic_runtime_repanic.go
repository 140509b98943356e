// panic: re-panicking a recovered runtime error prints the error text, with the first panic marked [recovered].
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		panic(r)
	}()
	s := make([]int, 3)
	i := 3
	s[i] = 1
}
