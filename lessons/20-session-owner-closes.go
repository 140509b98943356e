// Title: The Session question, part 2: the answer -- only the sender closes
// Title-zh: Session 问题之二：答案——只有发送方关闭
// Teaches: The answer's fix. handleRecv is the only sender on recvChan, so it owns it and is the only
//   one that closes it. Whoever wants the session to end (here the server's kick, or handleRecv
//   itself at EOF; the dispatcher never needs to) calls Close, which closes closeNotiChan, a channel with no senders, once, under the lock. handleRecv watches
//   closeNotiChan in a select around its send: once it is closed it stops sending and closes recvChan
//   itself. handleDispatch just ranges over recvChan until the owner closes it. A send and the close
//   of the same channel now happen in one goroutine, one after the other, so they cannot race.
//   Cost: every send is now a two-case select (both channels locked, and when it blocks a sudog on
//   each queue), and a packet in flight when Close happens may be dropped. Real Go agrees beyond
//   GOMAXPROCS=1: in the recorded runs with GOMAXPROCS=4 and with -race (20-session-owner-closes.gorecord)
//   nothing panicked and no race was reported. hchanviz explore --race --preemptions 2 agrees over
//   every schedule with up to two preemptions: no panic, no deadlock, no race (only leaks: the peer
//   may still be blocked sending a packet nobody reads when main returns).
// Teaches-zh: 答案中的修复。handleRecv 是 recvChan 唯一的发送者，所以它拥有 recvChan，也只有它来关闭。
//   想结束会话的一方（这里是服务器的踢人，或者 handleRecv 自己在 EOF 时；分发器从来不需要）调用 Close，Close 在锁内只关闭一次 closeNotiChan，这是一个没有
//   发送者的 channel。handleRecv 在发送外面包一层 select 监视 closeNotiChan：一旦它被关闭，就停止发送并
//   自己关闭 recvChan。handleDispatch 只需对 recvChan 做 range，直到所有者关闭它。同一个 channel 的发送和
//   关闭现在发生在同一个 goroutine 里，一前一后，不可能再有竞态。代价：每次发送都变成两个 case 的 select
//   （两个 channel 都要加锁，阻塞时每个队列上挂一个 sudog），Close 时正在途中的包可能被丢弃。GOMAXPROCS=1
//   之外真实的 Go 也是如此：在 GOMAXPROCS=4 和 -race 下记录的运行中（20-session-owner-closes.gorecord），
//   没有任何 panic，也没有报告任何竞态。hchanviz explore --race --preemptions 2 在所有最多两次抢占的调度中
//   也是如此：没有 panic，没有死锁，没有竞态（只有泄漏：main 返回时 peer 可能还阻塞在发送一个没人读的包上）。
// Predict: The pinned schedule makes the kick land at the same moment as in part 1, between handleRecv's
//   read and its send. Does anything panic? At the guarded send both cases are ready: which one runs?
// Predict-zh: 固定的调度让踢人发生在与第一部分相同的时刻，即 handleRecv 读取和发送之间。会有 panic 吗？
//   在受保护的发送处两个 case 同时就绪：执行哪一个？
// Outcome: exit 0
// Source: 000 (the answer: notify the owner through another channel; the owner stops sending and closes); 001 §4.1

package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Session struct {
	conn          chan string // stands in for *net.TCPConn
	recvChan      chan string // owned by handleRecv: its only sender, and its only closer
	closeNotiChan chan bool   // "please stop": closed once by Close, never sent on
	ok            bool
	lock          sync.Mutex
}

// Close may be called by anyone, any number of times.
func (sess *Session) Close() {
	sess.lock.Lock()
	if sess.ok {
		sess.ok = false
		//> No one ever sends on closeNotiChan, so closing it is safe; ok and the lock make it happen once.
		//>zh 从来没有人向 closeNotiChan 发送，所以关闭它是安全的；ok 和锁保证只关闭一次。
		close(sess.closeNotiChan)
		fmt.Println("Close: closeNotiChan closed")
	}
	sess.lock.Unlock()
}

func (sess *Session) handleRecv() {
	//> The owner closes recvChan on its way out, after its last send, whatever made it stop.
	//>zh 所有者在退出时、在它的最后一次发送之后关闭 recvChan，不管是什么让它停下的。
	defer close(sess.recvChan)
	for {
		var t string
		select {
		case p, ok := <-sess.conn:
			if !ok {
				fmt.Println("handleRecv: EOF")
				sess.Close()
				return
			}
			t = p
		case <-sess.closeNotiChan:
			//> conn.Close() would make the read fail; this case stands for it. Here it won a random pick
			//> against a ready conn, which holds "bye".
			//>zh conn.Close() 会使读取失败；这个 case 代替它。这里它在随机选择中胜过了同样就绪的 conn（里面有 "bye"）。
			fmt.Println("handleRecv: stop requested while reading")
			return
		}
		fmt.Println("handleRecv: read", t)
		select {
		//> The send, guarded. recvChan is still open here: only this goroutine can close it. If Close
		//> has happened and the dispatcher waits too, both cases are ready and select picks one at
		//> random (selectgo shuffles its poll order with fastrandn, select.go:177): the packet is
		//> delivered or dropped, and either is safe.
		//>zh 受保护的发送。recvChan 此时一定还开着：只有这个 goroutine 能关闭它。如果已经 Close，而分发器也
		//>zh 在等，两个 case 同时就绪，select 随机选一个（selectgo 用 fastrandn 打乱轮询顺序，select.go:177）：
		//>zh 包要么送达，要么被丢弃，两者都安全。
		case sess.recvChan <- t:
		case <-sess.closeNotiChan:
			fmt.Println("handleRecv: stop requested, dropping", t)
			return
		}
	}
}

func (sess *Session) handleDispatch() {
	//> The receiver never closes. It receives until the owner closes recvChan.
	//>zh 接收方从不关闭。它一直接收，直到所有者关闭 recvChan。
	for msg := range sess.recvChan {
		fmt.Println("handleDispatch: got", msg)
	}
	fmt.Println("handleDispatch: recvChan closed by its owner")
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

//hchanviz:schedule G1 G4 G2 G3 G2 G4
func main() {
	//> The same actors as in part 1: G1 main, G2 kick, G3 peer, G4 handleRecv. The pinned schedule
	//> starts as part 1's: at decision 5 the kick (G2) runs while handleRecv holds "hello"; but
	//> decision 6 runs handleRecv (G4) at once, where part 1 ran main first. handleRecv runs with
	//> closeNotiChan already closed; its guarded send has two ready cases, and in this run select
	//> takes the send. Its next read is a select with two ready cases as well: the peer waits in
	//> conn.sendq with "bye" and closeNotiChan is closed. The pick is random; in this run it takes
	//> the stop request, and handleRecv closes recvChan. Nothing can panic now, whichever goroutine
	//> runs when and whichever case a select picks. (hchanviz run --sched go shows Go's own
	//> interleaving: both packets arrive, then EOF.)
	//>zh 和第一部分一样的角色：G1 main，G2 踢人，G3 peer，G4 handleRecv。固定的调度开头与第一部分相同：决策 5 时
	//>zh 踢人的 G2 运行，而 handleRecv 手里拿着 "hello"；但决策 6 直接运行 handleRecv（G4），而第一部分先运行的是
	//>zh main。handleRecv 运行时 closeNotiChan 已经关闭；它受保护的发送有两个就绪的 case，这次运行中 select 选了
	//>zh 发送。它的下一次读取同样是一个有两个就绪 case 的 select：peer 带着 "bye" 等在 conn.sendq 上，而
	//>zh closeNotiChan 已关闭。选哪个是随机的；这次运行选了停止请求，于是 handleRecv 关闭 recvChan。现在无论
	//>zh 哪个 goroutine 何时运行、select 选哪个 case，都不可能 panic。（hchanviz run --sched go 显示 Go 自己
	//>zh 的交错：两个包都到达，然后 EOF。）
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
