// ERROR: 9:12: a String method (fmt and panic would call T.String) is not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

type T struct{ n int }

// fmt.Println would call it and print "T!": refused rather than ignored.
func (t T) String() string { return "T!" }

func main() {
	fmt.Println(T{1})
}
