// ERROR: 16:21: cannot use c.Get() (value of type int) as type string in variable declaration
package main

import "fmt"

type Counter struct {
	n int
}

func (c Counter) Get() int {
	return c.n
}

func main() {
	var c Counter
	var total string = c.Get()
	fmt.Println(total)
}
