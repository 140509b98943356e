// Title: A parked sender woken by close panics
// Title-zh: 被 close 唤醒的挂起发送者会 panic
// Teaches: closechan readies the parked senders too. It takes the sender's sudog off sendq and
//   sets gp.param = sg and sg.success = false (Go 1.19, chan.go:411-412). When the sender runs
//   again, chansend tests !mysg.success (chan.go:272): it was woken by close, not by a receiver,
//   so it panics with "send on closed channel". (The article's `gp.param == nil` test is from an
//   older runtime, in which close left param nil.) The panic happens in the sender,
//   not in the goroutine that closed, and it kills the whole program. This lesson panics on purpose.
// Teaches-zh: closechan 也会唤醒挂起的发送者。它把发送者的 sudog 从 sendq 取下，并设置 gp.param = sg、
//   sg.success = false（Go 1.19，chan.go:411-412）。发送者再次运行时，chansend 检查 !mysg.success
//   （chan.go:272）：它是被 close 而不是被接收者唤醒的，于是以 "send on closed channel" panic。
//   （文章里检查 `gp.param == nil` 的写法来自较旧的运行时，那时 close 让 param 保持为 nil。）panic 发生在发送者里，而不是执行 close 的 goroutine 里，并且它会
//   终止整个程序。本课故意 panic。
// Predict: Does main's "closed" line print before the panic? Which goroutine panics?
// Predict-zh: main 的 "closed" 那一行会在 panic 之前打印吗？哪个 goroutine panic？
// Outcome: panic: send on closed channel
// Source: 001 §3.4 (after gopark: the article's `if gp.param == nil`, Go 1.19's `if closed := !mysg.success`)

package main

import (
	"fmt"
	"runtime"
)

func sender(ch chan int) {
	fmt.Println("sender: sending 1")
	//> @chansend.park No receiver: the sender parks in sendq with a sudog whose elem points at 1 on its stack.
	//>zh @chansend.park 没有接收者：发送者挂到 sendq 上，sudog.elem 指向它栈上的 1。
	//> @chansend.wakeup close woke it: back in chansend it finds mysg.success == false (closechan
	//> set it; gp.param is the sudog, not nil) and panics.
	//>zh @chansend.wakeup close 唤醒了它：回到 chansend 后它发现 mysg.success == false（closechan 设置的；
	//>zh gp.param 是这个 sudog，并不是 nil），于是 panic。
	ch <- 1
	fmt.Println("sender: never printed")
}

func main() {
	ch := make(chan int)
	done := make(chan bool)
	go sender(ch)
	runtime.Gosched() //> The sender runs and parks. //>zh 发送者运行并挂起。
	//> closechan: closed = 1, the sender's sudog leaves sendq with success = false, goready puts it
	//> in runnext.
	//>zh closechan：closed = 1，发送者的 sudog 以 success = false 离开 sendq，goready 把它放进 runnext。
	close(ch)
	fmt.Println("main: closed")
	//> main parks; the sender runs and panics. No one ever sends on done.
	//>zh main 挂起；发送者运行并 panic。从来没有人向 done 发送。
	<-done
}
