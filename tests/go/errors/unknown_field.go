// ERROR: 12:19: unknown field 'Title' in struct literal of type Task
package main

import "fmt"

type Task struct {
	ID   int
	Name string
}

func main() {
	t := Task{ID: 1, Title: "x"}
	fmt.Println(t)
}
