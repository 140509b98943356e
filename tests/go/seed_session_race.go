// seed 000: the question's Session, made deterministic: handleDispatch closes recvChan while handleRecv is parked sending on it, so handleRecv panics.
package main

import (
	"fmt"
	"sync"
)

type Session struct {
	recvChan      chan string
	closeNotiChan chan bool
	ok            bool
	lock          sync.Mutex
}

func (sess *Session) Close() {
	sess.lock.Lock()
	if sess.ok {
		sess.ok = false
		close(sess.closeNotiChan)
		fmt.Println("Close: closed closeNotiChan")
	} else {
		fmt.Println("Close: already closed")
	}
	sess.lock.Unlock()
}

func (sess *Session) handleRecv(packets []string) {
	defer func() {
		sess.Close()
	}()
	ch := sess.recvChan
	for _, p := range packets {
		fmt.Println("handleRecv: sending", p)
		ch <- p // #1
	}
	fmt.Println("handleRecv: connection EOF")
}

func (sess *Session) handleDispatch() {
	defer func() {
		sess.Close()
		close(sess.recvChan) // #2
		for msg := range sess.recvChan {
			fmt.Println("handleDispatch: drained", msg)
		}
	}()
	for {
		select {
		case msg, ok := <-sess.recvChan:
			if ok {
				fmt.Println("handleDispatch: got", msg)
				if msg == "logout" {
					return
				}
			}
		case <-sess.closeNotiChan:
			return
		}
	}
}

func main() {
	var client Session
	client.recvChan = make(chan string, 2)
	client.closeNotiChan = make(chan bool)
	client.ok = true
	go client.handleRecv([]string{"hello", "logout", "late1", "late2", "late3"})
	client.handleDispatch()
	fmt.Println("StartClient: dispatch returned")
	block := make(chan bool)
	<-block
}
