// ERROR: 11:2: syntax error: unexpected else, expecting }
package main

import "fmt"

func main() {
	x := 1
	if x > 0 {
		fmt.Println("positive")
	}
	else {
		fmt.Println("not positive")
	}
}
