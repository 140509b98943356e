// ERROR: 10:13: an Error method (fmt and panic would call E.Error) is not supported by hchanviz (see docs/go-subset.md)
package main

type E struct{ msg string }

// panic(E{"bad"}) would print "panic: bad" (Error is called): refused
// rather than printing the struct.

// Error makes E an error.
func (e *E) Error() string { return e.msg }

func main() {
	panic(&E{"bad"})
}
