// ERROR: 13:7: syntax error: unexpected newline in composite literal; possibly missing comma or }
package main

import "fmt"

type Point struct {
	X, Y int
}

func main() {
	p := Point{
		X: 1,
		Y: 2
	}
	fmt.Println(p)
}
