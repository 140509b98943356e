// lang: if, else if, else chains with init statements.
package main

import "fmt"

func sign(n int) string {
	if n > 0 {
		return "+"
	} else if n < 0 {
		return "-"
	} else {
		return "0"
	}
}

func main() {
	for _, n := range []int{5, -2, 0} {
		fmt.Print(sign(n))
	}
	fmt.Println()
	if v := len("abc"); v == 3 {
		fmt.Println("three")
	} else {
		fmt.Println("not three", v)
	}
	ok := false
	if !ok {
		fmt.Println("not ok")
	}
	if a, b := 1, 2; a > b {
		fmt.Println("a")
	} else if b > 1 {
		fmt.Println("b", a+b)
	}
}
