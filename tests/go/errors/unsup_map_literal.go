// ERROR: 7:12: map types are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	counts := map[string]int{"a": 1}
	fmt.Println(counts["a"])
}
