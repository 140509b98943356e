// chan: sending copies the value: a struct changed after the send is received unchanged, but a slice inside it shares its elements.
package main

import "fmt"

type Msg struct {
	ID   int
	Tags []string
}

func main() {
	ch := make(chan Msg, 1)
	m := Msg{ID: 1, Tags: []string{"a", "b"}}
	ch <- m
	m.ID = 99
	m.Tags[0] = "changed"
	got := <-ch
	fmt.Println(got.ID, got.Tags)
	fmt.Printf("%+v\n", got)
	ints := make(chan int, 1)
	x := 5
	ints <- x
	x = 6
	fmt.Println(<-ints, x)
}
