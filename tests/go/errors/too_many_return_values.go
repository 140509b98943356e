// ERROR: 7:16: too many return values
package main

import "fmt"

func next(n int) int {
	return n + 1, true
}

func main() {
	fmt.Println(next(1))
}
