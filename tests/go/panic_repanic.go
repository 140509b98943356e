// panic: a deferred func that recovers and panics again with a new value; the new value is what crashes the program.
package main

import "fmt"

func main() {
	defer fmt.Println("main defer runs")
	defer func() {
		r := recover()
		fmt.Println("recovered", r, "- panicking again")
		panic(fmt.Sprint("wrapped: ", r))
	}()
	panic("original")
}
