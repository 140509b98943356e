// ERROR: 10:6: cannot use <-ch (comma, ok expression of type string) as type int in assignment
package main

import "fmt"

func main() {
	ch := make(chan string, 1)
	ch <- "x"
	var n int
	n = <-ch
	fmt.Println(n)
}
