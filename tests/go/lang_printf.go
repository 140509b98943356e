// lang: Printf verbs %d %s %v %q %t %T %x %X %c %% with widths, left-justification and zero padding.
package main

import "fmt"

func main() {
	fmt.Printf("[%d] [%5d] [%-5d] [%05d] [%+d]\n", 42, 42, 42, 42, 42)
	fmt.Printf("[%s] [%8s] [%-8s] [%q]\n", "go", "go", "go", "go")
	fmt.Printf("[%v] [%t] [%v]\n", true, false, nil)
	fmt.Printf("[%x] [%X] [%x] [%08x]\n", 255, 255, "hi", 3054)
	fmt.Printf("[%c] [%c] [%q]\n", 71, 111, 65)
	fmt.Printf("[%T] [%T] [%T] [%T] [%T]\n", 1, "s", true, []int{}, make(chan string))
	fmt.Printf("[%T] [%T] [%T]\n", make(chan<- int), make(<-chan bool), make(chan chan int))
	fmt.Printf("100%%\n")
	fmt.Printf("%d-%d\n", -7, 0)
	fmt.Printf("%3d|%-3d|%3s|\n", 1, 2, "abcd")
	fmt.Printf("%v %d\n", []int{1, 2}, []int{3, 4})
	fmt.Printf("%s\n", []string{"a", "b"})
}
