// ERROR: 6:13: interfaces with methods are not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

type Closer interface {
	Close()
}

type Session struct{}

func (s *Session) Close() { fmt.Println("closed") }

func main() {
	var c Closer = &Session{}
	c.Close()
}
