// lang: methods with value receivers work on a copy; pointer receivers modify the original; both callable on values and pointers.
package main

import "fmt"

type Account struct {
	Owner   string
	Balance int
}

func (a Account) Describe() string {
	return fmt.Sprintf("%s has %d", a.Owner, a.Balance)
}

func (a Account) TryDeposit(n int) {
	a.Balance += n
}

func (a *Account) Deposit(n int) {
	a.Balance += n
}

func (a *Account) Withdraw(n int) bool {
	if n > a.Balance {
		return false
	}
	a.Balance -= n
	return true
}

func main() {
	acc := Account{Owner: "ann", Balance: 10}
	acc.TryDeposit(100)
	fmt.Println(acc.Describe())
	acc.Deposit(5)
	fmt.Println(acc.Describe())
	p := &Account{"bob", 3}
	fmt.Println(p.Withdraw(5), p.Withdraw(2), p.Describe())
	q := p
	q.Deposit(40)
	fmt.Println(p.Balance, q.Balance)
	c := Account{p.Owner, p.Balance}
	c.Deposit(1)
	fmt.Println(p.Balance, c.Balance)
}
