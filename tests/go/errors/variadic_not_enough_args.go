// ERROR: 6:15: not enough arguments in call to f
package main

func f(a int, b ...int) {}

func main() { f() }
