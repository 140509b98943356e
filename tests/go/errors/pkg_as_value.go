// ERROR: 9:6: use of package runtime not in selector
package main

import "runtime"

func main() {
	runtime.Gosched()
	var x interface{}
	x = runtime
	_ = x
}
