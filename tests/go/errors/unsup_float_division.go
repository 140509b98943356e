// ERROR: 8:22: floating-point numbers are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	total := 10
	fmt.Println(total / 4.0)
}
