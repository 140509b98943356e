// lang: Print/Sprint add spaces only between operands that are not strings; Println/Sprintln always add spaces and a newline.
package main

import "fmt"

func main() {
	fmt.Print("a", "b", 1, 2, "c", 3, "\n")
	fmt.Print(1, 2, 3, "\n")
	s := fmt.Sprint("x", 1, 2, true, "y")
	fmt.Println(s, len(s))
	t := fmt.Sprintln("x", 1, 2)
	fmt.Printf("%q\n", t)
	u := fmt.Sprintf("%d+%d=%d", 2, 3, 2+3)
	fmt.Println(u)
	fmt.Println()
	fmt.Println("multiple", "args", 1, true, nil)
	fmt.Print()
	fmt.Print("end\n")
}
