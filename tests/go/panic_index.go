// panic: indexing a slice out of range is a runtime error with the index and the length.
package main

import "fmt"

func main() {
	s := []int{1, 2, 3}
	i := 5
	fmt.Println("len", len(s))
	fmt.Println(s[i])
}
