// ERROR: 16:4: s.Shutdown undefined (type *Session has no field or method Shutdown)
package main

import "fmt"

type Session struct {
	ok bool
}

func (s *Session) Close() {
	s.ok = false
}

func main() {
	s := &Session{ok: true}
	s.Shutdown()
	fmt.Println(s.ok)
}
