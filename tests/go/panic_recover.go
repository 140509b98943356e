// panic: recover in a deferred func stops the panic and returns its value; the function returns normally.
package main

import "fmt"

func safeDiv(a, b int) (q int, err string) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Sprint("recovered: ", r)
			q = -1
		}
	}()
	q = a / b
	return q, ""
}

func main() {
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(7, 0))
	func() {
		defer func() {
			fmt.Println("recovered value:", recover())
		}()
		panic("boom")
	}()
	fmt.Println("recover outside panic:", recover())
	fmt.Println("main continues")
}
