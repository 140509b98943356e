// Title: Share memory by communicating: a counter owned by one goroutine, beside a Mutex
// Title-zh: 通过通信来共享内存：由一个 goroutine 独占的计数器，对照互斥锁保护的计数器
// Teaches: "Do not communicate by sharing memory; share memory by communicating." Two counters are
//   bumped by three workers. The first belongs to one goroutine, the owner: only it ever reads or
//   writes n, and everyone else sends it a request on a channel. Nothing is shared, so nothing needs a
//   lock: the channel's own lock and its hand-over are the only synchronisation, and each request is a
//   copy of a value. The second counter is shared memory guarded by a sync.Mutex: every worker touches
//   n itself, inside Lock and Unlock (the critical section of 001 §1). Both are correct, and go run
//   -race reports neither (recorded in 24-share-by-communicating.gorecord). The channel version costs
//   a goroutine and a channel hand-over per update; the Mutex needs neither, but every access
//   anywhere must remember the lock.
// Teaches-zh: "不要通过共享内存来通信，而要通过通信来共享内存。"三个 worker 累加两个计数器。第一个计数器属于一个
//   goroutine，即所有者：只有它读写 n，其他人都通过 channel 给它发请求。没有任何东西被共享，所以不需要锁：
//   channel 自己的锁和它的交接就是全部的同步，每个请求都是一份值的拷贝。第二个计数器是由 sync.Mutex 保护的
//   共享内存：每个 worker 自己在 Lock 和 Unlock 之间修改 n（即 001 §1 所说的临界区）。两种做法都正确，
//   go run -race 对两者都不报告竞态（记录在 24-share-by-communicating.gorecord）。channel 版本每次更新都要
//   付出一个 goroutine 和一次 channel 交接的代价；Mutex 两者都不需要，但任何地方的每次访问都必须记得加锁。
// Predict: Each of three workers adds 1 twice to each counter. What do the two counters print, and
//   which goroutine's stack holds the owned counter's n?
// Predict-zh: 三个 worker 各自给每个计数器加两次 1。两个计数器分别打印多少？被独占的计数器的 n 在哪个
//   goroutine 的栈上？
// Outcome: exit 0
// Source: 001 §2.1 (CSP; share memory by communicating), §1 (memory access synchronisation: sync.Mutex),
//   §2.2, §2.3

package main

import (
	"fmt"
	"sync"
)

// A request to the owner: add delta; if reply is not nil, send back the new value.
type request struct {
	delta int
	reply chan int
}

// The owner of n. No other goroutine can reach n: it lives on this goroutine's stack.
func owner(reqs chan request) {
	n := 0
	for r := range reqs {
		//> Only the owner ever writes n: the request arrived as a copy through the channel.
		//>zh 只有所有者写 n：请求是作为一份拷贝经由 channel 送来的。
		n += r.delta
		if r.reply != nil {
			r.reply <- n
		}
	}
}

// The shared counter: every goroutine may touch n, so every access takes mu.
type lockedCounter struct {
	mu sync.Mutex
	n  int
}

func (c *lockedCounter) add(delta int) {
	//> The critical section: one goroutine at a time between Lock and Unlock.
	//>zh 临界区：同一时刻只有一个 goroutine 位于 Lock 与 Unlock 之间。
	c.mu.Lock()
	c.n += delta
	c.mu.Unlock()
}

func worker(reqs chan request, locked *lockedCounter, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 2; i++ {
		//> Communicate: hand the owner a request.
		//>zh 通过通信：把请求交给所有者。
		//> @chansend.direct The owner waits in reqs.recvq: the request is copied straight onto its stack.
		//>zh @chansend.direct 所有者在 reqs.recvq 里等着：请求被直接拷贝到它的栈上。
		//> @chansend.park The owner is not receiving right now: this worker parks in reqs.sendq until the
		//> owner's range takes its request.
		//>zh @chansend.park 所有者此刻没有在接收：这个 worker 挂到 reqs.sendq 上，直到所有者的 range 取走它的请求。
		reqs <- request{1, nil}
		locked.add(1) //> Share memory: touch n yourself, under the lock. //>zh 共享内存：自己在锁内修改 n。
	}
}

func main() {
	reqs := make(chan request)
	go owner(reqs)
	var locked lockedCounter
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go worker(reqs, &locked, &wg)
	}
	wg.Wait()
	//> To read the owned counter, ask its owner: a request with a reply channel.
	//>zh 要读取被独占的计数器，就去问它的所有者：发一个带回复 channel 的请求。
	reply := make(chan int)
	reqs <- request{0, reply}
	fmt.Println("owned counter:", <-reply)
	locked.mu.Lock()
	fmt.Println("locked counter:", locked.n) //> Read under the lock too. //>zh 读取也要在锁内。
	locked.mu.Unlock()
	close(reqs) //> The only sender closes: the owner's range ends. //>zh 唯一的发送者关闭 channel：所有者的 range 结束。
}
