// ERROR: 11:12: too many arguments in call to worker
package main

import "fmt"

func worker(id int) {
	fmt.Println(id)
}

func main() {
	worker(1, 2)
}
