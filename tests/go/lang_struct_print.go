// lang: printing structs, nested structs and pointers to structs with %v, %+v, %T and Println.
package main

import "fmt"

type Point struct {
	X, Y int
}

type Line struct {
	Name  string
	From  Point
	To    Point
	Shown bool
}

func main() {
	p := Point{1, 2}
	fmt.Println(p)
	fmt.Printf("%v %+v %T\n", p, p, p)
	l := Line{Name: "diag", From: p, To: Point{Y: 5}}
	fmt.Println(l)
	fmt.Printf("%+v\n", l)
	pp := &Point{3, 4}
	fmt.Println(pp)
	fmt.Printf("%v %+v %T\n", pp, pp, pp)
	var z Line
	fmt.Printf("%+v\n", z)
	fmt.Println(p == Point{1, 2}, p == Point{pp.X - 2, pp.Y - 2})
	s := []Point{{1, 1}, {2, 2}}
	fmt.Println(s, len(s))
	fmt.Printf("%+v\n", s)
}
