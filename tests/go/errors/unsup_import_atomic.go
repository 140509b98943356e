// ERROR: 6:2: package "sync/atomic" is not supported by hchanviz (see docs/go-subset.md)
package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var n int32
	atomic.AddInt32(&n, 1)
	fmt.Println(n)
}
