// Race-free: every access to the balance holds the mutex.
package main

import (
	"fmt"
	"sync"
)

type account struct {
	mu      sync.Mutex
	balance int
}

func (a *account) deposit(n int, wg *sync.WaitGroup) {
	a.mu.Lock()
	a.balance += n
	a.mu.Unlock()
	wg.Done()
}

func main() {
	acc := &account{}
	var wg sync.WaitGroup
	wg.Add(2)
	go acc.deposit(5, &wg)
	go acc.deposit(7, &wg)
	wg.Wait()
	fmt.Println("balance", acc.balance)
}
