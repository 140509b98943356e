// panic: reading a field through a nil struct pointer is a runtime error; a pointer method that does not dereference still works.
package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func (n *Node) IsNil() bool {
	return n == nil
}

func main() {
	var n *Node
	fmt.Println(n, n.IsNil())
	list := &Node{Val: 1, Next: &Node{Val: 2}}
	fmt.Println(list.Val, list.Next.Val, list.Next.Next == nil)
	fmt.Println(list.Next.Next.Val)
}
