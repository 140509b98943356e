// ERROR: 11:7: assignment mismatch: 1 variable but pair returns 2 values
package main

import "fmt"

func pair() (int, bool) {
	return 1, true
}

func main() {
	v := pair()
	fmt.Println(v)
}
