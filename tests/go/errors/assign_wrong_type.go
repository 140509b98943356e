// ERROR: 9:10: cannot use x (variable of type int) as type string in assignment
package main

import "fmt"

func main() {
	var label string
	x := 1
	label = x
	fmt.Println(label)
}
