// lang: functions as values: passed, returned, stored in struct fields and slices, compared with nil.
package main

import "fmt"

type Op struct {
	Name string
	Fn   func(int, int) int
}

func add(a, b int) int { return a + b }

func makeMul(k int) func(int) int {
	return func(x int) int { return x * k }
}

func main() {
	ops := []Op{
		{"add", add},
		{"sub", func(a, b int) int { return a - b }},
	}
	for _, op := range ops {
		fmt.Println(op.Name, op.Fn(7, 3))
	}
	triple := makeMul(3)
	fmt.Println(triple(5), makeMul(2)(21))
	var f func()
	fmt.Println(f == nil)
	f = func() { fmt.Println("f called") }
	if f != nil {
		f()
	}
	func(msg string) {
		fmt.Println("immediately invoked:", msg)
	}("hi")
}
