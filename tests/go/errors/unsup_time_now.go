// ERROR: 10:11: time.Now is not supported by hchanviz (see docs/go-subset.md)
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(time.Millisecond)
	fmt.Println(start.IsZero())
}
