// ERROR: 8:9: invalid operation: cannot receive from non-channel n (variable of type int)
package main

import "fmt"

func main() {
	n := 5
	v := <-n
	fmt.Println(v)
}
