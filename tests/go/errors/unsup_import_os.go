// ERROR: 6:2: package "os" is not supported by hchanviz (see docs/go-subset.md)
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("exiting")
	os.Exit(3)
}
