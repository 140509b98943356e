// ERROR: 8:2: multiple-value fmt.Println(total) (value of type (n int, err error)) in single-value context
package main

import "fmt"

func main() {
	total := 1 +
	fmt.Println(total)
}
