// ERROR: 9:7: conversions between strings and slices are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

// []rune(s) is valid Go: refused as not modelled, not called a type error.
func main() {
	s := "hello"
	r := []rune(s)
	fmt.Println(len(r))
}
