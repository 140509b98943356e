// Title: Deadlock: all goroutines are asleep
// Title-zh: 死锁：所有 goroutine 都睡着了
// Teaches: Each goroutine here waits for the other: the worker waits for a ping, and main waits for
//   the pong before it ever sends the ping. When the scheduler finds nothing runnable and no timer
//   pending, checkdead counts the goroutines: all are waiting, so it calls fatal (not throw: the
//   program itself is at fault, proc.go:5117) with "all goroutines are asleep - deadlock!" and prints every goroutine with its wait reason. The detector only fires when
//   every goroutine is stuck; if one is still running, the others can wait forever (see lesson 15).
//   This lesson deadlocks on purpose.
// Teaches-zh: 这里的每个 goroutine 都在等对方：worker 等 ping，而 main 在发送 ping 之前就先等 pong。当调度器
//   找不到可运行的 goroutine、也没有待触发的定时器时，checkdead 统计 goroutine：全都在等待，于是调用 fatal（而不是 throw：
//   出错的是程序本身，proc.go:5117）报告 "all goroutines are asleep - deadlock!"，并打印每个 goroutine 及其等待原因。只有所有 goroutine 都卡住时
//   检测才会触发；只要还有一个在运行，其他的就可以永远等下去（见第 15 课）。本课故意死锁。
// Predict: What are the wait reasons of the two goroutines in Go's report?
// Predict-zh: Go 的报告中两个 goroutine 的等待原因分别是什么？
// Outcome: fatal error: all goroutines are asleep - deadlock!
// Source: 001 §1 (deadlock), §3.4 and §3.5 (gopark "chan receive")

package main

import "fmt"

func worker(ping chan string, pong chan string) {
	//> The worker parks in ping's recvq.
	//>zh worker 挂在 ping 的 recvq 上。
	msg := <-ping
	pong <- msg + " pong"
}

func main() {
	ping := make(chan string)
	pong := make(chan string)
	go worker(ping, pong) //> The worker waits in runnext until main parks. //>zh worker 在 runnext 中等待，直到 main 挂起。
	fmt.Println("main: waiting for pong")
	//> The bug: main waits for pong first. main parks in pong's recvq, the worker runs and parks in
	//> ping's recvq. Nothing is runnable: deadlock.
	//>zh bug：main 先等 pong。main 挂在 pong 的 recvq 上，worker 运行后挂在 ping 的 recvq 上。没有可运行的了：死锁。
	fmt.Println(<-pong)
	//> Never reached: the send that would have started the exchange.
	//>zh 永远到不了：本该开启这次交换的那个发送。
	ping <- "ping"
}
