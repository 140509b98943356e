// ERROR: 9:17: cannot range over 3 (untyped int constant)
package main

import "fmt"

// Range over an integer arrived in Go 1.22; under Go 1.19, the default
// language version, gc refuses it.
func main() {
	for i := range 3 {
		fmt.Println(i)
	}
}
