// Title: The Session question, part 1: handleRecv sends while handleDispatch closes
// Title-zh: Session 问题之一：handleRecv 还在发送，handleDispatch 已经关闭
// Teaches: The program of the question, with the socket replaced by a channel (conn) fed by a peer
//   goroutine, and a server goroutine that kicks the client by calling Close. Close only closes
//   closeNotiChan; handleDispatch sees that, returns, and its deferred function closes recvChan (#2)
//   -- the receiving side closes. Nothing stops handleRecv, which may hold a packet it already read
//   and is about to send (#1). Whether it panics depends only on the interleaving: under Go's own
//   scheduler this program ends cleanly, but under the schedule pinned below the kick lands between
//   handleRecv's read and its send, and the send panics. The race detector flags #1 and #2 for the
//   same reason: close is not synchronised with a send. This lesson panics on purpose.
// Teaches-zh: 这是问题里的程序，只是把 socket 换成由 peer goroutine 喂数据的 channel（conn），并加了一个
//   调用 Close 踢掉客户端的服务器 goroutine。Close 只关闭 closeNotiChan；handleDispatch 看到后返回，它的 defer
//   函数关闭 recvChan（#2）——由接收方关闭。没有任何东西能让 handleRecv 停下，它可能正拿着一个已读到的包，
//   准备发送（#1）。会不会 panic 只取决于交错顺序：在 Go 自己的调度下，这个程序正常结束；但在下面固定的
//   调度下，踢人发生在 handleRecv 读取与发送之间，发送就 panic 了。竞态检测器报告 #1 和 #2 也是同样的原因：
//   close 与发送之间没有同步。本课故意 panic。
// Predict: Under the pinned schedule, which goroutine panics, and at which line? What would make the
//   kick harmless?
// Predict-zh: 在固定的调度下，哪个 goroutine panic，在哪一行？怎样才能让踢人变得无害？
// Outcome: panic: send on closed channel
// Source: 000 (the question: #1 ch <- t, #2 close(sess.recvChan)); 001 §4.1

package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Session struct {
	conn          chan string // stands in for *net.TCPConn: one receive is one io.ReadFull
	recvChan      chan string
	closeNotiChan chan bool
	ok            bool
	lock          sync.Mutex
}

func (sess *Session) Close() {
	// sess.conn.Close(): the socket itself is not modelled.
	sess.lock.Lock()
	if sess.ok {
		sess.ok = false
		//> Wakes handleDispatch's select, if it is parked there.
		//>zh 如果 handleDispatch 挂在 select 上，这会唤醒它。
		close(sess.closeNotiChan)
		fmt.Println("Close: closeNotiChan closed")
	}
	sess.lock.Unlock()
}

func (sess *Session) handleRecv() {
	defer func() {
		sess.Close()
	}()
	ch := sess.recvChan
	for {
		//> io.ReadFull: blocks until the peer writes a packet; !ok is EOF.
		//>zh io.ReadFull：阻塞直到 peer 写来一个包；!ok 即 EOF。
		t, ok := <-sess.conn
		if !ok {
			fmt.Println("handleRecv: EOF")
			break
		}
		fmt.Println("handleRecv: read", t)
		//> #1. If handleDispatch closed recvChan in the meantime, this send panics.
		//>zh #1。如果 handleDispatch 在这期间关闭了 recvChan，这次发送就会 panic。
		ch <- t
	}
}

func (sess *Session) handleDispatch() {
	defer func() {
		sess.Close()
		//> #2: the receiving side closes the channel while the sender may still be sending.
		//>zh #2：接收方关闭了 channel，而发送方可能还在发送。
		close(sess.recvChan)
		fmt.Println("handleDispatch: recvChan closed")
		for msg := range sess.recvChan {
			fmt.Println("handleDispatch: drained", msg)
		}
	}()
	for {
		//> Parks with a sudog on recvChan.recvq and one on closeNotiChan.recvq.
		//>zh 挂起，在 recvChan.recvq 和 closeNotiChan.recvq 上各有一个 sudog。
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

// The client at the other end of the connection: two packets, then it hangs up (EOF).
func peer(conn chan string) {
	conn <- "hello"
	conn <- "bye"
	close(conn)
}

// The server drops this client: it has other work first (Gosched), then calls Close.
func kick(sess *Session, wg *sync.WaitGroup) {
	runtime.Gosched()
	fmt.Println("server: kicking the client")
	sess.Close()
	wg.Done()
}

//hchanviz:schedule G1 G4 G2 G3 G2 G1 G4
func main() {
	//> The schedule: one pick per scheduling decision, then Go's scheduler. G1 is main (it runs
	//> handleDispatch), G2 the server's kick, G3 the peer, G4 handleRecv. Decisions 1 to 4 are the ones
	//> Go makes too. Decision 5 is the race: the peer has just handed "hello" to handleRecv, which waits
	//> in runnext to run on, but we run the kick (G2) instead; then main (G1), which closes recvChan;
	//> only then handleRecv (G4), whose send panics. Go's own pick at decision 5 is G4: see it with
	//> hchanviz run --sched go.
	//>zh 调度：每个调度决策选一个 goroutine，之后交还给 Go 的调度器。G1 是 main（运行 handleDispatch），G2 是
	//>zh 服务器的踢人 goroutine，G3 是 peer，G4 是 handleRecv。决策 1 到 4 与 Go 自己的选择相同。决策 5 就是
	//>zh 竞态所在：peer 刚把 "hello" 交给 handleRecv，它在 runnext 中等着继续运行，我们却先运行踢人的 G2；
	//>zh 然后运行 main（G1），它关闭了 recvChan；最后才是 handleRecv（G4），它的发送 panic。Go 自己在决策 5
	//>zh 选的是 G4：用 hchanviz run --sched go 可以看到。
	var client Session
	client.conn = make(chan string)
	//> The question uses 64 slots; unbuffered makes every hand-off visible and changes nothing in the race.
	//>zh 问题里用的是 64 个槽；无缓冲让每次交接都清晰可见，对竞态毫无影响。
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
	client.handleDispatch() //> StartClient runs the dispatcher itself, as in the question. //>zh 和问题中一样，StartClient 自己运行分发器。
	//> The server waits for the session's goroutines before it goes on.
	//>zh 服务器等会话的 goroutine 都结束后再继续。
	wg.Wait()
	fmt.Println("StartClient: session over")
}
