// lang: a value receiver copies the struct at the call (and at defer or go time); channels inside the copy are shared.
package main

import (
	"fmt"
	"sync"
)

type Box struct {
	Label string
	Count int
	Ch    chan int
}

func (b Box) Report(wg *sync.WaitGroup) {
	defer wg.Done()
	fmt.Println(b.Label, b.Count, len(b.Ch))
}

func (b *Box) Bump() {
	b.Count++
	b.Ch <- b.Count
}

func main() {
	var wg sync.WaitGroup
	b := Box{Label: "box", Ch: make(chan int, 5)}
	b.Bump()
	wg.Add(2)
	defer wg.Wait()
	defer b.Report(&wg)
	go b.Report(&wg)
	b.Bump()
	b.Label = "changed"
	b.Bump()
	fmt.Println("main:", b.Label, b.Count, len(b.Ch))
}
