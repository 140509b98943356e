// ERROR: 10:17: map types are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

type Registry struct {
	name string
}

var byID = make(map[int]Registry)

func main() {
	fmt.Println(len(byID))
}
