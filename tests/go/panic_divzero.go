// panic: integer division by zero is a runtime error.
package main

import "fmt"

func div(a, b int) int {
	return a / b
}

func main() {
	fmt.Println(div(10, 3))
	fmt.Println(div(10, 0))
}
