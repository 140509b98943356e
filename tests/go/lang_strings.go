// lang: string concatenation, comparison, len and printing of strings with escapes.
package main

import "fmt"

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

func main() {
	a := "go"
	b := "pher"
	c := a + b
	fmt.Println(c, len(c), c == "gopher", c != "Gopher")
	fmt.Println("abc" < "abd", "b" > "abc", "" < "a")
	fmt.Println(repeat("ab", 3), len(repeat("x", 0)))
	s := "tab\there"
	fmt.Println(s)
	fmt.Printf("%q %d\n", s, len(s))
	fmt.Println(len("héllo"), "quote\"d", `raw\n`)
	greeting := "hello"
	greeting += ", world"
	fmt.Println(greeting)
}
