// lang: labelled break and continue on nested loops.
package main

import "fmt"

func main() {
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	n := 0
search:
	for {
		for k := 0; ; k++ {
			n++
			if k*k > 20 {
				fmt.Println("found", k, "after", n, "steps")
				break search
			}
		}
	}
	count := 0
rows:
	for r := 0; r < 3; r++ {
		switch r {
		case 1:
			continue rows
		}
		count++
	}
	fmt.Println("count", count)
}
