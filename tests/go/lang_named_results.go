// lang: named results, bare return, and a deferred closure that changes a named result after return.
package main

import "fmt"

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func withDefer() (n int) {
	defer func() { n *= 2 }()
	n = 5
	return n + 1
}

func classify(n int) (kind string, even bool) {
	even = n%2 == 0
	if n < 0 {
		kind = "negative"
		return
	}
	if n == 0 {
		return "zero", true
	}
	kind = "positive"
	return
}

func main() {
	fmt.Println(divmod(17, 5))
	fmt.Println(divmod(-17, 5))
	fmt.Println(withDefer())
	for _, n := range []int{-3, 0, 4} {
		k, e := classify(n)
		fmt.Println(n, k, e)
	}
}
