// Title: The principles: the receiver never closes; with several senders, close after the last one
// Title-zh: 原则：接收方绝不关闭；有多个发送方时，在最后一个发送方结束后再关闭
// Teaches: §4.1: don't close a channel from the receiver side, and don't close a channel that has
//   several concurrent senders. Here three workers send on results and main receives. No worker may
//   close results, because another may still send; main may not either. Instead every worker is counted
//   in a WaitGroup, and one extra goroutine, the closer, waits for all of them and then closes results:
//   the close happens after the last send, so range ends cleanly. When main wants to stop early it does
//   not close results; it closes quit, a channel nobody sends on, which it alone owns. Each worker checks
//   quit before every send and also waits on it while blocked, so it stops; its Done lets the closer go.
// Teaches-zh: §4.1：不要从接收方关闭 channel，也不要关闭有多个并发发送者的 channel。这里三个 worker 向
//   results 发送，main 接收。任何 worker 都不能关闭 results，因为别的 worker 可能还在发送；main 也不能。
//   做法是把每个 worker 记在一个 WaitGroup 里，再用一个额外的 goroutine（关闭者）等它们全部结束后关闭 results：
//   关闭发生在最后一次发送之后，所以 range 能干净地结束。当 main 想提前停止时，它不关闭 results；它关闭 quit，
//   一个没有人发送、只归它所有的 channel。每个 worker 在每次发送前检查 quit，阻塞时也在等它，于是停下；
//   它们的 Done 让关闭者继续。
// Predict: main stops after 4 results. Which workers quit, when does the closer close results, and
//   does the range in main end?
// Predict-zh: main 收到 4 个结果后停止。哪些 worker 退出？关闭者何时关闭 results？main 中的 range 会结束吗？
// Outcome: exit 0
// Source: 001 §4.1 (the principles); 000 (the answer: the owner closes)

package main

import (
	"fmt"
	"sync"
)

func worker(id int, results chan<- string, quit <-chan bool, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 1; i <= 3; i++ {
		select {
		//> Has main asked us to stop? A non-blocking check first: a quit closed before this point is
		//> seen here, before any send is tried.
		//>zh main 要求我们停下了吗？先做一次非阻塞检查：在此之前关闭的 quit 会在这里被发现，不会再尝试发送。
		case <-quit:
			fmt.Println("worker", id, "quits")
			return
		default:
		}
		//> Send, or stop if quit is closed while we wait. This worker never closes results. quit does
		//> not always win: if it was closed after the check above and results is ready too, both cases
		//> are ready and select picks one at random (select.go:177).
		//>zh 发送；如果等待期间 quit 被关闭就停下。这个 worker 从不关闭 results。quit 并不总是优先：如果它在上面的
		//>zh 检查之后才被关闭，而 results 也就绪，两个 case 同时就绪，select 随机选一个（select.go:177）。
		select {
		case results <- fmt.Sprint("w", id, "#", i):
		case <-quit:
			fmt.Println("worker", id, "quits while waiting")
			return
		}
	}
}

func main() {
	results := make(chan string)
	quit := make(chan bool) //> Owned by main, the only one who closes it; nobody sends on it. //>zh 归 main 所有，只有它关闭；没有人向它发送。
	var wg sync.WaitGroup
	for id := 1; id <= 3; id++ {
		wg.Add(1)
		go worker(id, results, quit, &wg)
	}
	//> The closer: the one goroutine that knows when the last sender is done.
	//>zh 关闭者：唯一知道最后一个发送者何时结束的 goroutine。
	go func() {
		wg.Wait()
		close(results)
		fmt.Println("closer: all senders done, results closed")
	}()
	n := 0
	for r := range results {
		fmt.Println("main: got", r)
		n++
		if n == 4 {
			//> main wants no more. It closes quit, not results, and keeps receiving until the closer
			//> closes results, so no worker is left blocked on a send.
			//>zh main 不想要更多了。它关闭的是 quit 而不是 results，并继续接收，直到关闭者关闭 results，
			//>zh 这样就不会有 worker 卡在发送上。
			close(quit)
			fmt.Println("main: closed quit")
		}
	}
	fmt.Println("main: results closed, range over")
}
