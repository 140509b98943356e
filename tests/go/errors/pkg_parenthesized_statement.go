// ERROR: 8:3: use of package sync not in selector
package main

import "sync"

func main() {
	var mu sync.Mutex
	(sync)
	mu.Lock()
}
