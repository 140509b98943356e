// lang: integer arithmetic, op-assign, ++/--, unary minus, !, comparisons and short-circuit logic.
package main

import "fmt"

func t(name string, v bool) bool {
	fmt.Print(name, " ")
	return v
}

func main() {
	a, b := 17, 5
	fmt.Println(a+b, a-b, a*b, a/b, a%b)
	fmt.Println(-a/b, -a%b, a/-b, a%-b)
	x := 10
	x += 5
	x -= 3
	x *= 2
	x /= 4
	x %= 4
	fmt.Println(x)
	x++
	x++
	x--
	fmt.Println(x, -x, - -x)
	fmt.Println(a > b, a < b, a >= 17, b <= 4, a == 17, a != 17)
	fmt.Println(!true, !(a > b), true && false, true || false)
	fmt.Println(t("L", false) && t("R", true))
	fmt.Println(t("L", true) || t("R", true))
	fmt.Println(t("L", true) && t("R", false))
	fmt.Println((1+2)*3, 1+2*3, 100/10/5, 7-2-1)
	big := 1000000007
	fmt.Println(big*3, big*big%1000)
}
