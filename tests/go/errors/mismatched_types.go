// ERROR: 9:14: invalid operation: s + n (mismatched types string and int)
package main

import "fmt"

func main() {
	n := 3
	s := "items: "
	fmt.Println(s + n)
}
