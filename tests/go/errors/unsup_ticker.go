// ERROR: 10:7: time.NewTicker is not supported by hchanviz (see docs/go-subset.md)
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTicker(10 * time.Millisecond)
	<-t.C
	t.Stop()
	fmt.Println("tick")
}
