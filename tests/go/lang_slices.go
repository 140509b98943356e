// lang: slices: literals, make, append growth, indexing, assignment through a shared backing array, range.
package main

import "fmt"

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func main() {
	s := []int{3, 1, 4}
	s = append(s, 1, 5)
	fmt.Println(s, len(s), sum(s))
	m := make([]string, 3)
	m[1] = "mid"
	fmt.Printf("%q %d\n", m, len(m))
	var empty []int
	fmt.Println(empty, len(empty), empty == nil)
	empty = append(empty, 9)
	fmt.Println(empty, len(empty), empty == nil)
	a := make([]int, 2)
	b := a
	b[0] = 100
	fmt.Println(a, b, len(a), cap(a))
	for i := range s {
		s[i] *= 2
	}
	fmt.Println(s)
	for i, v := range []string{"x", "y"} {
		fmt.Println(i, v)
	}
	grid := [][]int{{1, 2}, {3}}
	grid[1] = append(grid[1], 4, 5)
	fmt.Println(grid, len(grid[1]))
	fmt.Println(s[0], s[len(s)-1])
}
