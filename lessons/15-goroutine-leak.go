// Title: Goroutine leak: main returns while goroutines stay parked forever
// Title-zh: goroutine 泄漏：main 返回了，其他 goroutine 永远挂着
// Teaches: firstReply starts three queries on an unbuffered channel and takes only the first answer.
//   The two slower queries park in the channel's sendq and nobody will ever receive: they leak. The
//   runtime does not detect this (main is still running), and the garbage collector never frees a
//   goroutine at all: every goroutine stays in allgs (proc.go:539) and every goroutine's stack is a
//   GC root (mgcmark.go:104), so the parked senders, their values and the channel they wait on stay
//   alive. (Sudogs are not roots, chan.go:260-263: it is the stacks that keep things.) When main returns
//   the program exits and they vanish silently. The fix is a buffer big enough for every sender
//   (make(chan string, 3)), so no send ever blocks.
// Teaches-zh: firstReply 在一个无缓冲 channel 上启动三个查询，只取第一个答复。两个较慢的查询挂在 channel 的
//   sendq 上，永远不会有人接收：它们泄漏了。运行时检测不到（main 还在运行），垃圾回收器根本不会回收
//   goroutine：每个 goroutine 都留在 allgs 里（proc.go:539），每个 goroutine 的栈都是 GC 根（mgcmark.go:104），
//   所以挂起的发送者、它们要发送的值和它们等待的 channel 都一直存活。（sudog 不是根，chan.go:260-263：
//   留住这些东西的是栈。）main 返回时程序退出，它们悄无声息地
//   消失。修复办法是给足所有发送者的缓冲（make(chan string, 3)），这样发送永不阻塞。
// Predict: Which reply wins, and what does runtime.NumGoroutine() report before main returns?
// Predict-zh: 哪个答复胜出？main 返回前 runtime.NumGoroutine() 报告多少？
// Outcome: exit 0
// Source: 001 §3.7 (resource leak)

package main

import (
	"fmt"
	"runtime"
)

func query(id int, results chan string) {
	//> The winner finds main in recvq. The losers find recvq empty and park in sendq, forever.
	//>zh 胜出者在 recvq 中找到 main。失败者发现 recvq 为空，挂到 sendq 上，永远。
	results <- fmt.Sprint("reply from query ", id)
}

func firstReply() string {
	results := make(chan string) //> Unbuffered: the bug. make(chan string, 3) would fix it. //>zh 无缓冲：这就是 bug。make(chan string, 3) 就能修复。
	for id := 1; id <= 3; id++ {
		go query(id, results)
	}
	//> main parks; query 3 (in runnext) runs first and hands its reply over directly.
	//>zh main 挂起；query 3（在 runnext 中）先运行，直接把它的答复交出去。
	return <-results
}

func main() {
	fmt.Println(firstReply())
	//> Give the other two queries a turn: each parks in sendq.
	//>zh 让另外两个查询运行一次：它们各自挂到 sendq 上。
	runtime.Gosched()
	//> 3: main and the two parked losers. Then main returns: the program exits at once, and the two
	//> parked queries never finish.
	//>zh 3：main 和两个挂起的失败者。然后 main 返回：程序立即退出，两个挂起的查询永远不会完成。
	fmt.Println("goroutines alive:", runtime.NumGoroutine())
}
