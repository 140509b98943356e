// panic: panicking with a bool prints it plainly; a deferred func that recovers and re-panics the same value marks the first "[recovered]".
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		fmt.Println("got", r)
		panic(r)
	}()
	panic(false)
}
