// ERROR: 6:34: cannot use s (variable of type []string) as type []int in argument to f
package main

func f(b ...int) {}

func main() { s := []string{}; f(s...) }
