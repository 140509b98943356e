// ERROR: 10:9: fmt.Errorf is not supported by hchanviz (see docs/go-subset.md)
package main

import "fmt"

func check(n int) string {
	if n < 0 {
		return "negative"
	}
	err := fmt.Errorf("value %d", n)
	return err.Error()
}

func main() {
	fmt.Println(check(1))
}
