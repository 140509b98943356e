// seed 000: the answer's fix: the dispatcher asks the owner (the sender) to stop through another channel, and only the owner closes recvChan.
package main

import (
	"fmt"
	"sync"
)

type Session struct {
	recvChan chan string
	stopChan chan struct{}
	ok       bool
	lock     sync.Mutex
}

func (sess *Session) RequestStop() {
	sess.lock.Lock()
	defer sess.lock.Unlock()
	if sess.ok {
		sess.ok = false
		close(sess.stopChan)
		fmt.Println("RequestStop: stop requested")
	}
}

func (sess *Session) handleRecv(packets []string, done chan<- bool) {
	defer func() { done <- true }()
	for _, p := range packets {
		select {
		case sess.recvChan <- p:
			fmt.Println("handleRecv: queued", p)
		case <-sess.stopChan:
			fmt.Println("handleRecv: stop seen while holding", p, "- closing recvChan")
			close(sess.recvChan)
			return
		}
	}
	close(sess.recvChan)
}

func (sess *Session) handleDispatch() {
	for msg := range sess.recvChan {
		fmt.Println("handleDispatch: got", msg)
		if msg == "logout" {
			sess.RequestStop()
		}
	}
	fmt.Println("handleDispatch: recvChan closed by its owner")
}

func main() {
	sess := &Session{recvChan: make(chan string, 2), stopChan: make(chan struct{}), ok: true}
	done := make(chan bool)
	go sess.handleRecv([]string{"logout", "late1", "late2", "late3"}, done)
	sess.handleDispatch()
	<-done
	sess.RequestStop()
	fmt.Println("StartClient: clean shutdown")
}
