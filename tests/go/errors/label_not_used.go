// ERROR: 7:1: label outer defined and not used
package main

import "fmt"

func main() {
outer:
	for i := 0; i < 3; i++ {
		fmt.Println(i)
	}
}
