// Title: The Session question, part 4: defer-recover survives the race, at a price
// Title-zh: Session 问题之四：defer-recover 能在竞态中活下来，但有代价
// Teaches: §4.1's first fix (the article lists it before sync.Once, lesson 21): wrap the send (and the close) in a function whose deferred recover turns
//   "send on closed channel" into a return value. Under part 1's pinned schedule, the send still panics,
//   but the panic unwinds only to safeSend's deferred function, which recovers it and reports the
//   channel closed; handleRecv drops the packet and stops. Costs: a defer on every send, and a panic is
//   far slower than a check (gopanic runs the deferred calls and unwinds the stack); the recover
//   swallows any panic in that function, real bugs included; the packet is silently lost; and the race
//   itself is still there -- the close is still not synchronised with the send, so go run -race
//   still reports closechan against chansend (#2 against #1) in some runs with GOMAXPROCS=4
//   (22-close-recover.gorecord), while no run panics. It hides the symptom; part 2 removes the cause.
// Teaches-zh: §4.1 的第一种修复（文章把它列在 sync.Once 之前，见第 21 课）：把发送（以及关闭）包在一个函数里，用它 defer 的 recover 把
//   "send on closed channel" 变成返回值。在第一部分的固定调度下，发送照样 panic，但 panic 只展开到 safeSend
//   的 defer 函数，它 recover 住 panic 并报告 channel 已关闭；handleRecv 丢弃这个包并停止。代价：每次发送
//   都有一个 defer，panic 比一次检查慢得多（gopanic 要执行 defer 调用并展开栈）；recover 会吞掉这个函数里
//   的任何 panic，包括真正的 bug；包被悄无声息地丢掉；而竞态本身依然存在——close 与发送之间依然没有同步，
//   GOMAXPROCS=4 时 go run -race 在一些运行中依然报告 closechan 与 chansend 的竞态（#2 对 #1），
//   而没有一次运行 panic（22-close-recover.gorecord）。它掩盖了症状；第二部分消除了原因。
// Predict: Under the pinned schedule, what does safeSend return for "hello", and does the program end
//   normally?
// Predict-zh: 在固定的调度下，safeSend 对 "hello" 返回什么？程序是否正常结束？
// Outcome: exit 0
// Source: 001 §4.1 (FIX: use defer-recover to close or send without fear); 000 (the question)

package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Session struct {
	conn          chan string
	recvChan      chan string
	closeNotiChan chan bool
	ok            bool
	lock          sync.Mutex
}

// safeSend sends v on ch; if ch is closed, the panic is recovered and closed is true.
func safeSend(ch chan string, v string) (closed bool) {
	defer func() {
		//> Runs while the panic unwinds: recover stops it, and the named result is set.
		//>zh 在 panic 展开时运行：recover 止住它，并设置具名返回值。
		if recover() != nil {
			closed = true
		}
	}()
	ch <- v //> Panics if ch is closed, as in part 1. //>zh 如果 ch 已关闭就 panic，和第一部分一样。
	return false
}

// safeClose closes ch; closing a closed channel is recovered and reported.
func safeClose(ch chan string) (justClosed bool) {
	defer func() {
		if recover() != nil {
			justClosed = false
		}
	}()
	close(ch)
	return true
}

func (sess *Session) Close() {
	sess.lock.Lock()
	if sess.ok {
		sess.ok = false
		close(sess.closeNotiChan)
		fmt.Println("Close: closeNotiChan closed")
	}
	sess.lock.Unlock()
}

func (sess *Session) handleRecv() {
	defer func() {
		sess.Close()
	}()
	for {
		t, ok := <-sess.conn
		if !ok {
			fmt.Println("handleRecv: EOF")
			break
		}
		fmt.Println("handleRecv: read", t)
		//> #1 through safeSend. Under the pinned schedule recvChan is already closed: the panic is
		//> recovered inside safeSend, which returns true.
		//>zh #1 经由 safeSend。在固定的调度下 recvChan 已经关闭：panic 在 safeSend 内部被 recover，它返回 true。
		if safeSend(sess.recvChan, t) {
			fmt.Println("handleRecv: recvChan was closed, dropped", t)
			return
		}
	}
}

func (sess *Session) handleDispatch() {
	defer func() {
		sess.Close()
		//> #2: still the receiving side closing, now unable to panic.
		//>zh #2：仍然是接收方在关闭，只是现在不会 panic 了。
		if safeClose(sess.recvChan) {
			fmt.Println("handleDispatch: recvChan closed")
		}
		for msg := range sess.recvChan {
			fmt.Println("handleDispatch: drained", msg)
		}
	}()
	for {
		select {
		case msg, ok := <-sess.recvChan:
			if ok {
				fmt.Println("handleDispatch: got", msg)
			}
		case <-sess.closeNotiChan:
			return
		}
	}
}

func peer(conn chan string) {
	conn <- "hello"
	conn <- "bye"
	close(conn)
}

func kick(sess *Session, wg *sync.WaitGroup) {
	runtime.Gosched()
	fmt.Println("server: kicking the client")
	sess.Close()
	wg.Done()
}

//hchanviz:schedule G1 G4 G2 G3 G2 G1 G4
func main() {
	//> Part 1's schedule again: at decision 5 the kick (G2) runs while handleRecv (G4) holds "hello";
	//> main (G1) closes recvChan; then handleRecv's send panics, and safeSend recovers it.
	//>zh 又是第一部分的调度：决策 5 时踢人的 G2 运行，而 handleRecv（G4）拿着 "hello"；main（G1）关闭
	//>zh recvChan；然后 handleRecv 的发送 panic，safeSend 把它 recover 住。
	var client Session
	client.conn = make(chan string)
	client.recvChan = make(chan string)
	client.closeNotiChan = make(chan bool)
	client.ok = true
	var wg sync.WaitGroup
	wg.Add(2)
	go kick(&client, &wg)
	go peer(client.conn)
	go func() {
		defer wg.Done()
		client.handleRecv()
	}()
	client.handleDispatch()
	wg.Wait()
	fmt.Println("StartClient: session over")
}
