// ERROR: 7:2: ch declared but not used
package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("hi")
}
