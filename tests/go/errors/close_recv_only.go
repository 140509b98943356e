// ERROR: 5:8: invalid operation: cannot close receive-only channel ch (variable of type <-chan bool)
package main

func finish(ch <-chan bool) {
	close(ch)
}

func main() {
	finish(make(chan bool))
}
