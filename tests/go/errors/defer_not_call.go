// ERROR: 11:8: expression in defer must be function call
package main

import "fmt"

func cleanup() {
	fmt.Println("cleanup")
}

func main() {
	defer cleanup
}
