// ERROR: 5:8: package "strings" is not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"
import "strings"

func main() {
	fmt.Println(strings.ToUpper("go"))
}
