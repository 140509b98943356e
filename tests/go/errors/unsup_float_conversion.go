// ERROR: 9:14: floating-point numbers are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	done := 3
	all := 4
	fmt.Println(float64(done) / float64(all))
}
