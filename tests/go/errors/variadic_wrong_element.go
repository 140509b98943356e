// ERROR: 6:20: cannot use "x" (untyped string constant) as int value in argument to f
package main

func f(b ...int) {}

func main() { f(1, "x") }
