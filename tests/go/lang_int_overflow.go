// lang: int is 64 bits and wraps around on overflow at run time; division truncates toward zero.
package main

import "fmt"

func main() {
	max := 9223372036854775807
	fmt.Println(max)
	max++
	fmt.Println(max)
	min := max
	min--
	fmt.Println(min)
	x := 3037000500
	fmt.Println(x * x)
	fmt.Println(-7/2, 7/-2, -7%2, 7%-2)
	n := -9223372036854775808
	fmt.Println(n / -1, n % -1)
}
