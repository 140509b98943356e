// time: time.Duration constants and arithmetic print as durations and convert to integers.
package main

import (
	"fmt"
	"time"
)

func main() {
	d := 1500 * time.Millisecond
	fmt.Println(d)
	fmt.Println(time.Second, time.Minute, 2*time.Hour)
	fmt.Println(int(d / time.Millisecond))
	fmt.Println(time.Duration(250) * time.Microsecond)
	fmt.Printf("%v %d\n", 3*time.Second, time.Millisecond)
	var total time.Duration
	for i := 1; i <= 3; i++ {
		total += time.Duration(i) * 10 * time.Millisecond
	}
	fmt.Println(total, total > 50*time.Millisecond)
	fmt.Println(time.Nanosecond, 90*time.Minute)
}
