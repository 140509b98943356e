// ERROR: 6:8: package "C" is not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

import "C"

func main() {
	fmt.Println("cgo")
}
