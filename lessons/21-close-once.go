// Title: The Session question, part 3: sync.Once makes close idempotent -- and no more
// Title-zh: Session 问题之三：sync.Once 让 close 幂等——仅此而已
// Teaches: §4.1's second fix (the article lists it after defer-recover, lesson 22): close through sync.Once, so that however many goroutines call it, close
//   runs once and "close of closed channel" cannot happen. Here Close uses a Once for closeNotiChan
//   (replacing the question's mutex and ok flag, which were a hand-made Once), and both handleRecv and
//   handleDispatch may close recvChan through another Once. Cost: a Once is a done flag and a mutex;
//   the first Do locks, later calls are one atomic load. But Once only orders closes with closes: it
//   does nothing for a send racing with the close. Under the pinned schedule of part 1, the dispatcher
//   still closes recvChan first and handleRecv's send still panics. Once is the right tool for a
//   channel that nobody sends on (a "done" signal such as closeNotiChan), not for recvChan.
//   With GOMAXPROCS=4 real Go, too, panicked in some recorded runs (21-close-once.gorecord), and
//   go run -race reported closechan against chansend in some. This lesson panics on purpose.
// Teaches-zh: §4.1 的第二种修复（文章把它列在 defer-recover 之后，见第 22 课）：通过 sync.Once 关闭，无论多少个 goroutine 调用，close 都只执行一次，
//   "close of closed channel" 不可能发生。这里 Close 用一个 Once 关闭 closeNotiChan（取代问题中的互斥锁和 ok
//   标志，它们本来就是手写的 Once），handleRecv 和 handleDispatch 都可以通过另一个 Once 关闭 recvChan。代价：
//   Once 是一个 done 标志加一个互斥锁；第一次 Do 要加锁，之后每次调用只是一次原子读。但 Once 只让 close
//   与 close 之间有序：对与 close 竞争的发送毫无作用。在第一部分的固定调度下，分发器仍然先关闭 recvChan，
//   handleRecv 的发送仍然 panic。Once 适合没有人发送的 channel（像 closeNotiChan 这样的"完成"信号），
//   不适合 recvChan。GOMAXPROCS=4 时真实的 Go 在记录下来的一些运行中也 panic 了（21-close-once.gorecord），
//   go run -race 也在一些运行中报告了 closechan 与 chansend 的竞态。本课故意 panic。
// Predict: Under Go's own schedule (hchanviz run --sched go) both goroutines try to close recvChan:
//   how many "closed recvChan" lines print? Under the pinned schedule, what ends the program?
// Predict-zh: 在 Go 自己的调度下（hchanviz run --sched go）两个 goroutine 都试图关闭 recvChan：会打印几行
//   "closed recvChan"？在固定的调度下，是什么终止了程序？
// Outcome: panic: send on closed channel
// Source: 001 §4.1 (FIX: use sync.Once to close only once); 000 (the question)

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
	closeOnce     sync.Once // for closeNotiChan: the right use, nobody sends on it
	recvOnce      sync.Once // for recvChan: stops double closes, not sends after close
}

func (sess *Session) Close() {
	//> The first call runs the function under the Once's mutex; every later call sees done and returns.
	//>zh 第一次调用在 Once 的互斥锁下执行函数；之后的每次调用看到 done 就返回。
	sess.closeOnce.Do(func() {
		close(sess.closeNotiChan)
		fmt.Println("Close: closeNotiChan closed")
	})
}

func (sess *Session) closeRecv(who string) {
	sess.recvOnce.Do(func() {
		close(sess.recvChan)
		fmt.Println(who+":", "closed recvChan")
	})
}

func (sess *Session) handleRecv() {
	defer func() {
		sess.Close()
		sess.closeRecv("handleRecv") //> The sender closing: fine on its own. //>zh 发送方关闭：单独来看没问题。
	}()
	ch := sess.recvChan
	for {
		t, ok := <-sess.conn
		if !ok {
			fmt.Println("handleRecv: EOF")
			break
		}
		fmt.Println("handleRecv: read", t)
		//> #1. The Once does not protect this: if recvChan was closed meanwhile, it panics.
		//>zh #1。Once 保护不了这里：如果 recvChan 在此期间被关闭，就会 panic。
		ch <- t
	}
}

func (sess *Session) handleDispatch() {
	defer func() {
		sess.Close()
		//> #2, now through the Once: no "close of closed channel", but still the receiver closing.
		//>zh #2，现在经由 Once：不会再 "close of closed channel"，但仍然是接收方在关闭。
		sess.closeRecv("handleDispatch")
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
	//> Part 1's schedule: at decision 5 the kick (G2) runs while handleRecv (G4) holds "hello", then
	//> main (G1) returns from handleDispatch and closes recvChan through the Once, then handleRecv's
	//> send panics. Under --sched go, handleRecv reaches EOF first and closes recvChan through the
	//> Once; the dispatcher's closeRecv is then a no-op.
	//>zh 第一部分的调度：决策 5 时踢人的 G2 运行，而 handleRecv（G4）拿着 "hello"；然后 main（G1）从
	//>zh handleDispatch 返回，经由 Once 关闭 recvChan；然后 handleRecv 的发送 panic。在 --sched go 下，
	//>zh handleRecv 先读到 EOF，经由 Once 关闭 recvChan；分发器的 closeRecv 随后什么也不做。
	var client Session
	client.conn = make(chan string)
	client.recvChan = make(chan string)
	client.closeNotiChan = make(chan bool)
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
