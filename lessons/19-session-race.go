// Title: The Session question, part 1: handleRecv sends while handleDispatch closes
// Title-zh: Session 问题之一：handleRecv 还在发送，handleDispatch 已经关闭
// Teaches: The program of the question, with the socket replaced by a channel (conn) fed by a peer
//   goroutine, and a server goroutine that kicks the client by calling Close. Close only closes
//   closeNotiChan; handleDispatch sees that, returns, and its deferred function closes recvChan (#2)
//   -- the receiving side closes. Nothing stops handleRecv, which may hold a packet it already read
//   and is about to send (#1). Whether it panics depends only on the interleaving: under Go's own
//   scheduler with GOMAXPROCS=1 this program ends cleanly, but under the schedule pinned below the
//   kick lands between handleRecv's read and its send, and the send panics. With GOMAXPROCS=4 real
//   Go does both: in the recorded runs (19-session-race.gorecord) some panicked and the others
//   ended cleanly. And go run -race reported closechan against chansend, the very report quoted in
//   the question, in some of its runs: close is not synchronised with a send. hchanviz explore
//   finds the panic without the pin: the smallest schedule that panics needs no preemption, only one
//   scheduling decision other than Go's own (X in the window lists the outcomes; Enter runs one).
//   And explore --race reports closechan against chansend in the schedules that panic -- as real
//   Go's -race did, in 5 of its 20 runs, all of them runs that panicked: where the send completes
//   first, the unbuffered handoffs order it before the close. This lesson panics on purpose.
// Teaches-zh: 这是问题里的程序，只是把 socket 换成由 peer goroutine 喂数据的 channel（conn），并加了一个
//   调用 Close 踢掉客户端的服务器 goroutine。Close 只关闭 closeNotiChan；handleDispatch 看到后返回，它的 defer
//   函数关闭 recvChan（#2）——由接收方关闭。没有任何东西能让 handleRecv 停下，它可能正拿着一个已读到的包，
//   准备发送（#1）。会不会 panic 只取决于交错顺序：GOMAXPROCS=1 时在 Go 自己的调度下，这个程序正常结束；
//   但在下面固定的调度下，踢人发生在 handleRecv 读取与发送之间，发送就 panic 了。GOMAXPROCS=4 时真实的 Go
//   两种结果都有：记录下来的运行（19-session-race.gorecord）中有的 panic，其余正常结束。go run -race 在其中
//   一些运行里报告了 closechan 与 chansend 的竞态，正是问题里贴出的那份报告：close 与发送之间没有同步。
//   hchanviz explore 不用固定的调度也能找到这个 panic：最小的 panic 调度不需要任何抢占，只需要一个与 Go
//   自己不同的调度决定（窗口里按 X 列出所有结果，回车运行其中一个）。explore --race 在会 panic 的调度里报告
//   closechan 与 chansend 的竞态——和真实 Go 的 -race 一样：20 次运行中有 5 次报告，全都是 panic 的那些；
//   发送先完成时，无缓冲的交接让它排在 close 之前。本课故意 panic。
// Predict: Under the pinned schedule, which goroutine panics, and at which line? What would make the
//   kick harmless?
// Predict-zh: 在固定的调度下，哪个 goroutine panic，在哪一行？怎样才能让踢人变得无害？
// Outcome: panic: send on closed channel
// Goal: Schedule by hand so that handleRecv panics: let the kick and the dispatcher's close happen
//   between handleRecv's read and its send.
// Goal-zh: 手动调度，让 handleRecv panic：让踢人和分发器的关闭发生在 handleRecv 读取之后、发送之前。
// Goal-outcome: panic: send on closed channel
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
		//> @selectgo.wakeup A case became ready while handleDispatch slept: the sudog that won is
		//> the one the waker dequeued; the other sudog is taken off its queue now.
		//>zh @selectgo.wakeup handleDispatch 睡着时有一个 case 就绪了：胜出的是唤醒者取下的那个 sudog；
		//>zh 另一个 sudog 现在才从它的队列上摘掉。
		select {
		//> @selectgo.park Neither case is ready: handleDispatch parks with a sudog on recvChan.recvq and
		//> one on closeNotiChan.recvq.
		//>zh @selectgo.park 两个 case 都没就绪：handleDispatch 挂起，在 recvChan.recvq 和 closeNotiChan.recvq
		//>zh 上各有一个 sudog。
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
	//> The question uses 64 slots; unbuffered makes every hand-off visible. The panic needs the same
	//> interleaving either way; what differs is what the race detector sees: an unbuffered send is
	//> synchronised with the receiver that takes it (racesync, chan.go:811-816), while a send that
	//> completed into a buffer is synchronised with no later close at all.
	//>zh 问题里用的是 64 个槽；无缓冲让每次交接都清晰可见。无论有没有缓冲，panic 都需要同样的交错；不同的是
	//>zh 竞态检测器看到的东西：无缓冲的发送与取走它的接收者是同步的（racesync，chan.go:811-816），而已经放进
	//>zh 缓冲区的发送与之后的 close 之间没有任何同步。
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
