// ERROR: 8:2: use of package fmt not in selector
package main

import "fmt"

func main() {
	fmt.Println("before")
	fmt
}
