// lang: functions with several results, blank identifier, multiple assignment and swap.
package main

import "fmt"

func minmax(xs []int) (int, int) {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return lo, hi
}

func split(s string) (string, string, int) {
	return "[" + s, s + "]", len(s)
}

func pair() (int, string) { return 7, "seven" }

func main() {
	lo, hi := minmax([]int{4, -2, 9, 0})
	fmt.Println(lo, hi)
	_, h := minmax([]int{1})
	fmt.Println(h)
	a, b, n := split("go")
	fmt.Println(a, b, n)
	x, y := 1, 2
	x, y = y, x
	fmt.Println(x, y)
	i, j, k := 1, 2, 3
	i, j, k = k, i, j
	fmt.Println(i, j, k)
	fmt.Println(pair())
}
