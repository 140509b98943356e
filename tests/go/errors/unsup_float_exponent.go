// ERROR: 7:11: floating-point numbers are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	limit := 2.5e3
	fmt.Println(limit)
}
