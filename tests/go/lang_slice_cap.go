// lang: cap of slices after append follows the runtime's growth rule (doubling, rounded up to an allocation size class).
package main

import "fmt"

func main() {
	var s []int
	last := -1
	for i := 0; i < 20; i++ {
		s = append(s, i)
		if cap(s) != last {
			fmt.Println("len", len(s), "cap", cap(s))
			last = cap(s)
		}
	}
	t := append([]int{}, 1, 2, 3, 4, 5)
	fmt.Println(len(t), cap(t))
	u := make([]string, 3)
	fmt.Println(len(u), cap(u))
	u = append(u, "x")
	fmt.Println(len(u), cap(u))
}
