// ERROR: 8:2: use of package time not in selector
package main

import "time"

func main() {
	time.Sleep(1)
	time = 1
}
