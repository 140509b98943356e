// sync: Once.Do runs its function exactly once, even when called from several goroutines and several times.
package main

import (
	"fmt"
	"sync"
)

type Service struct {
	once  sync.Once
	ready bool
}

func (s *Service) init() {
	s.once.Do(func() {
		fmt.Println("initialising")
		s.ready = true
	})
}

func main() {
	s := &Service{}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			s.init()
			fmt.Println("goroutine", id, "sees ready =", s.ready)
		}(i)
	}
	wg.Wait()
	s.init()
	fmt.Println("main: ready =", s.ready)
}
