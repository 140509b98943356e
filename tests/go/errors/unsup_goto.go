// ERROR: 10:3: goto is not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func main() {
	i := 0
loop:
	if i < 3 {
		goto next
	}
	fmt.Println("done")
	return
next:
	i++
	goto loop
}
