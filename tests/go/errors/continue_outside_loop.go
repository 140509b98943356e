// ERROR: 9:3: continue is not in a loop
package main

import "fmt"

func main() {
	x := 1
	if x > 0 {
		continue
	}
	fmt.Println(x)
}
