// lang: fmt's reports for a missing argument, an extra argument and a verb of the wrong type.
package main

import "fmt"

func main() {
	fmt.Printf("%d %s\n", 1)
	fmt.Printf("%d\n", 1, 2)
	fmt.Printf("%d|%t\n", "str", 5)
	fmt.Println(fmt.Sprintf("%s", 7))
}
