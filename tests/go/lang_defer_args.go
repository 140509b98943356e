// lang: defer evaluates the call's arguments at the defer statement but runs the call at return, in LIFO order.
package main

import "fmt"

func show(tag string, v int) {
	fmt.Println(tag, v)
}

func f() int {
	x := 1
	defer show("deferred x (evaluated early)", x)
	defer func() { show("closure sees x", x) }()
	x = 42
	return x
}

func main() {
	fmt.Println("f returned", f())
	for i := 0; i < 3; i++ {
		defer show("loop", i)
	}
	fmt.Println("main body done")
}
