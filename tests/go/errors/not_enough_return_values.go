// ERROR: 8:3: not enough return values
package main

import "fmt"

func divmod(a, b int) (int, int) {
	if b == 0 {
		return
	}
	return a / b, a % b
}

func main() {
	fmt.Println(divmod(7, 2))
}
