// ERROR: 7:11: map types are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	var seen map[string]bool
	fmt.Println(len(seen))
}
