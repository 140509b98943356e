// ERROR: 5:2: package "context" is not supported by hchanviz (see docs/go-subset.md)
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	<-ctx.Done()
	fmt.Println("cancelled")
}
