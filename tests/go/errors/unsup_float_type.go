// ERROR: 7:8: floating-point numbers are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	var x float64
	fmt.Println(x)
}
