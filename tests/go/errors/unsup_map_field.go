// ERROR: 8:10: map types are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

type Session struct {
	ok      bool
	clients map[int]chan string
}

func main() {
	var s Session
	fmt.Println(s.ok)
}
