// lang: const blocks with iota, skipped values, typed and untyped constants.
package main

import "fmt"

const (
	Idle = iota
	Running
	Blocked
	Dead
)

const (
	_  = iota
	KB = 1000 * iota
	MB
)

const Greeting = "hi"
const Limit int = 3

const (
	A = iota * 10
	B
	_
	D
)

func stateName(s int) string {
	switch s {
	case Idle:
		return "idle"
	case Running:
		return "running"
	case Blocked:
		return "blocked"
	}
	return "dead"
}

func main() {
	fmt.Println(Idle, Running, Blocked, Dead)
	fmt.Println(KB, MB)
	fmt.Println(Greeting, Limit, A, B, D)
	for s := Idle; s <= Dead; s++ {
		fmt.Print(stateName(s), " ")
	}
	fmt.Println()
	const local = Limit * 2
	fmt.Println(local)
}
