// ERROR: 8:11: floating-point numbers are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	n := 3
	ratio := 0.75
	fmt.Println(n, ratio)
}
