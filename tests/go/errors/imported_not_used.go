// ERROR: 6:2: imported and not used: "sync"
package main

import (
	"fmt"
	"sync"
)

func main() {
	fmt.Println("no WaitGroup here")
}
