// lang: closures capture variables by reference; each call of the factory gets its own variable.
package main

import "fmt"

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func main() {
	c1 := counter()
	c2 := counter()
	fmt.Println(c1(), c1(), c1())
	fmt.Println(c2(), c2())
	x := 10
	add := func(d int) { x += d }
	add(5)
	add(-2)
	fmt.Println("x =", x)
	fns := []func() int{}
	for i := 0; i < 3; i++ {
		v := i * i
		fns = append(fns, func() int { return v })
	}
	for _, f := range fns {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	apply := func(f func(int) int, v int) int { return f(f(v)) }
	fmt.Println(apply(func(a int) int { return a * 3 }, 2))
}
