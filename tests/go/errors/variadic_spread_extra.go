// ERROR: 6:20: too many arguments in call to f
package main

func f(b ...int) {}

func main() { f(1, []int{2}...) }
