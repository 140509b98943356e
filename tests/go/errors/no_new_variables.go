// ERROR: 8:5: no new variables on left side of :=
package main

import "fmt"

func main() {
	ch := make(chan int)
	ch := make(chan int, 1)
	fmt.Println(len(ch))
}
