// panic: recover only stops a panic when called directly by the deferred function; from a nested call it returns nil.
package main

import "fmt"

func helper() {
	fmt.Println("helper: recover() =", recover())
}

func main() {
	defer func() {
		helper()
		func() {
			fmt.Println("inner literal: recover() =", recover())
		}()
	}()
	panic("not recovered")
}
