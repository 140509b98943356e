// ERROR: 5:2: package "unsafe" is not supported by hchanviz (see docs/go-subset.md)
package main

import (
	"unsafe"
	"fmt"
)

func main() {
	ch := make(chan int)
	fmt.Println(unsafe.Sizeof(ch))
}
