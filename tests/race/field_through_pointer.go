// Racy: a struct field written through a pointer in one goroutine, read in another.
package main

import (
	"fmt"
	"time"
)

type stats struct {
	hits int
}

func record(st *stats) {
	st.hits = st.hits + 1
}

func main() {
	st := &stats{}
	go record(st)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("hits", st.hits)
}
