// An integer loop: the VM's raw speed on arithmetic and branches.
package main

import "fmt"

func main() {
	sum := 0
	for i := 0; i < 20000000; i++ {
		sum += i % 7
	}
	fmt.Println(sum)
}
