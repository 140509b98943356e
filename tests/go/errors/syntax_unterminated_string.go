// ERROR: 7:21: newline in string
package main

import "fmt"

func main() {
	fmt.Println("hello)
}
