// lang: var declarations get zero values; := declares; shadowing in an inner block.
package main

import "fmt"

type Session struct {
	Name  string
	Open  bool
	Count int
	Ch    chan int
}

var global = 7

var (
	gs string
	gb bool
)

func main() {
	var i int
	var s string
	var b bool
	var sl []int
	var ch chan int
	var sess Session
	fmt.Println(i, s == "", b, sl == nil, len(sl), ch == nil, len(ch), cap(ch))
	fmt.Printf("%q %v %d %v\n", sess.Name, sess.Open, sess.Count, sess.Ch == nil)
	fmt.Println(global, gs == "", gb)
	x := 1
	{
		x := 2
		x++
		fmt.Println("inner", x)
	}
	fmt.Println("outer", x)
	if x := 10; x > 5 {
		fmt.Println("if-scoped", x)
	}
	fmt.Println("still", x)
	var a, c int = 3, 4
	var d, e = "d", true
	fmt.Println(a, c, d, e)
	global++
	fmt.Println(global)
}
