// Title: select over several channels: a sudog on every queue, one case wins
// Title-zh: 在多个 channel 上 select：每个队列上一个 sudog，只有一个 case 胜出
// Teaches: When no case is ready, selectgo locks all the channels (in address order), enqueues one
//   sudog per case, each on its channel's recvq or sendq, and parks the goroutine with "select".
//   The first operation that dequeues one of those sudogs wins: it sets selectDone so no other
//   channel can claim the goroutine, completes its case and readies it. When the goroutine runs
//   again, selectgo locks everything once more and takes its other sudogs off the losing queues.
//   A later sender on a losing channel finds no receiver there and must wait.
// Teaches-zh: 没有 case 就绪时，selectgo 按地址顺序锁住所有 channel，为每个 case 入队一个 sudog，分别挂在
//   各自 channel 的 recvq 或 sendq 上，并以 "select" 挂起 goroutine。第一个取走其中某个 sudog 的操作胜出：
//   它设置 selectDone，使其他 channel 无法再认领这个 goroutine，完成自己的 case 并唤醒它。goroutine 再次
//   运行时，selectgo 再次锁住所有 channel，把其余的 sudog 从落败的队列上取下。之后在落败 channel 上的
//   发送者在那里找不到接收者，只能等待。
// Predict: Two senders are started, one on b and one on a. Which case does the select take, and what
//   happens to the other sender?
// Predict-zh: 启动了两个发送者，一个发 b，一个发 a。select 走哪个 case？另一个发送者怎样了？
// Outcome: exit 0
// Source: 001 §2.2 (channels wake and block goroutines), runtime select.go (selectgo)

package main

import (
	"fmt"
	"runtime"
)

func send(name string, ch chan string) {
	fmt.Println("sender", name, "sending")
	ch <- "hello via " + name
	fmt.Println("sender", name, "done")
}

func main() {
	a := make(chan string)
	b := make(chan string)
	c := make(chan string)
	go send("b", b)
	//> runnext is now the sender on a; the sender on b waits in the local run queue.
	//>zh 现在 runnext 是发送 a 的 goroutine；发送 b 的在本地运行队列中等待。
	go send("a", a)
	//> @selectgo.wakeup While main slept, the sender on a ran first (runnext), dequeued main's sudog
	//> from a.recvq, won and readied main. Waking, main takes its other sudogs off b.recvq and c.recvq.
	//>zh @selectgo.wakeup main 睡着时，发送 a 的 goroutine 先运行（runnext），从 a.recvq 取下 main 的
	//>zh sudog，胜出并唤醒了 main。main 醒来后把自己的其余 sudog 从 b.recvq 和 c.recvq 上取下。
	select {
	//> @selectgo.park No case is ready: main enqueues a sudog on a.recvq, b.recvq and c.recvq and
	//> parks ("select").
	//>zh @selectgo.park 没有 case 就绪：main 在 a.recvq、b.recvq、c.recvq 上各入队一个 sudog，
	//>zh 并挂起（"select"）。
	case v := <-a:
		fmt.Println("main: case a won:", v)
	case v := <-b:
		fmt.Println("main: case b won:", v)
	case v := <-c:
		fmt.Println("main: case c won:", v)
	}
	//> On waking, main's sudogs left b.recvq and c.recvq. So the sender on b, running now, finds
	//> b.recvq empty and parks in b.sendq.
	//>zh 唤醒时，main 的 sudog 已离开 b.recvq 和 c.recvq。所以现在运行的发送 b 的 goroutine 发现 b.recvq 为空，
	//>zh 只好挂到 b.sendq 上。
	runtime.Gosched()
	fmt.Println("main: later, from b:", <-b)
	runtime.Gosched() //> Let the sender on b finish. //>zh 让发送 b 的 goroutine 结束。
}
