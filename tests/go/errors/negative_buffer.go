// ERROR: 5:23: invalid argument: index -1 (constant of type int) must not be negative
package main

func main() {
	ch := make(chan int, -1)
	ch <- 1
}
