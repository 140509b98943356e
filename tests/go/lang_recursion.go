// lang: recursive functions and mutually recursive functions.
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

func hanoi(n int, from, to, via string, moves []string) []string {
	if n == 0 {
		return moves
	}
	moves = hanoi(n-1, from, via, to, moves)
	moves = append(moves, from+to)
	return hanoi(n-1, via, to, from, moves)
}

func main() {
	for i := 0; i <= 10; i++ {
		fmt.Print(fib(i), " ")
	}
	fmt.Println()
	fmt.Println(isEven(10), isOdd(7), isEven(3))
	moves := hanoi(3, "A", "C", "B", nil)
	fmt.Println(len(moves), moves)
}
