// ERROR: 8:2: invalid operation: cannot call non-function done (variable of type bool)
package main

import "fmt"

func main() {
	done := true
	done()
	fmt.Println(done)
}
