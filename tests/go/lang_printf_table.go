// lang: a formatted table with Printf widths, left alignment, precision on strings, and %v of slices and bools.
package main

import "fmt"

type Row struct {
	Name   string
	Cap    int
	Len    int
	Closed bool
}

func main() {
	rows := []Row{
		{"jobs", 3, 1, false},
		{"results", 10, 10, true},
		{"quit", 0, 0, true},
	}
	fmt.Printf("%-8s|%4s|%4s|%-6s|\n", "chan", "cap", "len", "closed")
	for _, r := range rows {
		fmt.Printf("%-8s|%4d|%4d|%-6t|\n", r.Name, r.Cap, r.Len, r.Closed)
	}
	fmt.Printf("%.3s|%6.2s|%-6.1s|\n", "abcdef", "xyz", "pq")
	fmt.Printf("%v %v %q\n", []bool{true, false}, []string{"", "a"}, []string{"", "a"})
	fmt.Printf("%x %X %x\n", -255, "Go", 0)
	fmt.Printf("%3c|%-3c|\n", 97, 98)
	fmt.Printf("%T %T\n", rows[0], func(int) string { return "" })
	fmt.Printf("%08d|%-08d|%+05d\n", -42, 42, 7)
	fmt.Println(fmt.Sprintf("%5v|%-5v|", true, 12))
}
