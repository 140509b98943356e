// lang: three-clause, condition-only and infinite for loops with break and continue; range over slices with index, value or both.
package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		fmt.Print(i, " ")
	}
	fmt.Println()
	n := 1
	for n < 100 {
		n *= 3
	}
	fmt.Println(n)
	k := 0
	for {
		k++
		if k%2 == 0 {
			continue
		}
		if k > 7 {
			break
		}
		fmt.Print(k, " ")
	}
	fmt.Println()
	xs := []string{"a", "b", "c"}
	for i := range xs {
		fmt.Print(i)
	}
	for _, x := range xs {
		fmt.Print(x)
	}
	for i, x := range xs {
		fmt.Print(i, x)
	}
	fmt.Println()
	for range xs {
		fmt.Print(".")
	}
	fmt.Println()
	for i, j := 0, 10; i < j; i, j = i+1, j-2 {
		fmt.Print(i, ":", j, " ")
	}
	fmt.Println()
}
