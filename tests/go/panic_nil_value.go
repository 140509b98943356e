// panic: in Go 1.19 panic(nil) prints "panic: nil", and recover() returns nil for it, so the panic looks unrecovered to the code.
package main

import "fmt"

func try() {
	defer func() {
		r := recover()
		fmt.Println("recovered value is nil:", r == nil)
	}()
	panic(nil)
}

func main() {
	try()
	fmt.Println("try returned normally")
	panic(nil)
}
