// ERROR: 4:10: can only use ... with final parameter in list
package main

func f(a ...int, b int) {}

func main() { f(1, 2) }
