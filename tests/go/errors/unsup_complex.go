// ERROR: 7:7: complex numbers are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	z := 3i
	fmt.Println(z)
}
