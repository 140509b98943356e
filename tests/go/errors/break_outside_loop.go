// ERROR: 8:2: break is not in a loop, switch, or select
package main

import "fmt"

func main() {
	fmt.Println("start")
	break
}
