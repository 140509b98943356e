// Title: The article's WaitGroup example: goroutines A and B on one unbuffered channel
// Title-zh: 文章中的 WaitGroup 例子：goroutine A 和 B 共用一个无缓冲 channel
// Teaches: The program of §2.5, unchanged except for the narration. Which goroutine receives 3
//   is decided by the scheduler, not by the order of the go statements: go B leaves B in runnext
//   and pushes A to the local run queue, so when main parks on its first send, B runs first.
//   Each send is a rendezvous: the sender parks in sendq until a receiver takes the value.
//   wg.Wait would park main on a semaphore until both Done calls, but here both are done
//   before main gets there, so it returns at once. On the screen main is G1, A is G2 and B is
//   G3: the "G1" and "G2" in the printed lines are only the article's labels for A and B.
// Teaches-zh: 这是 §2.5 的程序，除了旁白一字未改。谁收到 3 由调度器决定，而不是 go 语句的顺序：
//   go B 让 B 占据 runnext，并把 A 挤到本地运行队列，所以 main 在第一次发送时挂起后，B 先运行。
//   每次发送都是一次会合：发送者挂在 sendq 上，直到接收者取走值。wg.Wait 本会让 main 挂在信号量上
//   直到两次 Done，但这里 main 到达之前两次 Done 都已完成，所以它立即返回。屏幕上 main 是 G1，
//   A 是 G2，B 是 G3：打印出来的 "G1"、"G2" 只是文章给 A 和 B 起的标签。
// Predict: Which line prints first, "G1 received data: ..." or "G2 received data: ...", and
//   which of them receives 3?
// Predict-zh: 先打印 "G1 received data: ..." 还是 "G2 received data: ..."？谁收到 3？
// Outcome: exit 0
// Source: 001 §2.5 (the example, verbatim), §2.4 (synchronous mode)

package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg = &sync.WaitGroup{}
	wg.Add(2) //> The counter is 2: Wait returns after two Done calls. //>zh 计数器为 2：两次 Done 之后 Wait 才返回。

	ch := make(chan int)
	// 创建Goroutine A&B 并接收ch数据
	//> A goes into runnext. A is G2 on the screen (the article calls it "G1"), B will be G3
	//> (the article's "G2").
	//>zh A 进入 runnext。屏幕上 A 是 G2（文章里叫 "G1"），B 将是 G3（文章里的 "G2"）。
	go goroutineA(ch, wg)
	//> B (G3) takes runnext and kicks A (G2) to the tail of the local run queue.
	//>zh B（G3）占据 runnext，把 A（G2）踢到本地运行队列的尾部。
	go goroutineB(ch, wg)
	// 发送 3&4 到ch
	//> @chansend.park Nobody receives yet: main (G1) parks in sendq. The scheduler takes runnext: B (G3).
	//>zh @chansend.park 还没有接收者：main（G1）挂到 sendq 上。调度器取 runnext：B（G3）。
	ch <- 3
	//> main was readied by B (G3) and runs again; A (G2) has not run yet, so main parks once more,
	//> and A runs.
	//>zh main 被 B（G3）唤醒后再次运行；A（G2）还没运行过，所以 main 再次挂起，然后 A 运行。
	ch <- 4
	//> Both Done calls already happened (counter 0): Wait returns at once.
	//>zh 两次 Done 都已发生（计数器为 0）：Wait 立即返回。
	wg.Wait()
}

func goroutineA(a <-chan int, wg *sync.WaitGroup) {
	//> A finds main in sendq with 4: a direct copy from main's stack, and main is readied.
	//>zh A 发现 sendq 里的 main 带着 4：直接从 main 的栈拷贝，并唤醒 main。
	val := <-a
	fmt.Println("G1 received data: ", val)
	wg.Done()
}

func goroutineB(b <-chan int, wg *sync.WaitGroup) {
	//> B runs first and finds main in sendq with 3: recvDirect, then goready(main).
	//>zh B 先运行，发现 sendq 里的 main 带着 3：recvDirect，然后 goready(main)。
	val := <-b
	fmt.Println("G2 received data: ", val) //> B keeps running after waking main, so it prints first. //>zh B 唤醒 main 之后继续运行，所以它先打印。
	wg.Done()
}
