// ERROR: 6:11: generics are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

type Queue[T any] struct {
	items []T
}

func main() {
	var q Queue[string]
	fmt.Println(len(q.items))
}
