// ERROR: 7:5: expression in go must be function call
package main

func worker() {}

func main() {
	go worker
}
