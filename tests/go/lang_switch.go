// lang: switch with a tag, without a tag, with an init statement, with several values per case, and break inside a case.
package main

import "fmt"

func grade(n int) string {
	switch {
	case n >= 90:
		return "A"
	case n >= 75:
		return "B"
	default:
		return "C"
	}
}

func kind(s string) string {
	switch s {
	case "a", "e", "i", "o", "u":
		return "vowel"
	case "":
		return "empty"
	}
	return "other"
}

func main() {
	fmt.Println(grade(95), grade(80), grade(10))
	fmt.Println(kind("e"), kind(""), kind("z"))
	switch x := 3 * 4; x {
	case 10:
		fmt.Println("ten")
	case 12:
		fmt.Println("twelve")
		if x > 0 {
			break
		}
		fmt.Println("never printed")
	default:
		fmt.Println("default")
	}
	for i := 0; i < 3; i++ {
		switch i {
		case 0:
			fmt.Println("zero")
		case 1:
			fmt.Println("one")
		default:
			fmt.Println("many")
		}
	}
	switch ok := len("go") == 2; ok {
	case true:
		fmt.Println("len is 2")
	case false:
		fmt.Println("len is not 2")
	}
}
