// ERROR: 7:24: syntax error: unexpected newline in argument list; possibly missing comma or )
package main

import "fmt"

func main() {
	ch := make(chan int, 1
	ch <- 1
	fmt.Println(<-ch)
}
