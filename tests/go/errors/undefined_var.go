// ERROR: 7:14: undefined: count
package main

import "fmt"

func main() {
	fmt.Println(count)
}
