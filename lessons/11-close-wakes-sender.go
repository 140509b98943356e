// Title: A parked sender woken by close panics
// Title-zh: 被 close 唤醒的挂起发送者会 panic
// Teaches: closechan readies the parked senders too. A sender's sudog is taken off sendq with
//   success = false (param nil). When the sender runs again, chansend sees it was woken by close,
//   not by a receiver, and panics with "send on closed channel". The panic happens in the sender,
//   not in the goroutine that closed, and it kills the whole program. This lesson panics on purpose.
// Teaches-zh: closechan 也会唤醒挂起的发送者。发送者的 sudog 以 success = false（param 为 nil）从 sendq
//   取下。发送者再次运行时，chansend 发现自己是被 close 而不是被接收者唤醒的，于是以
//   "send on closed channel" panic。panic 发生在发送者里，而不是执行 close 的 goroutine 里，并且它会
//   终止整个程序。本课故意 panic。
// Predict: Does main's "closed" line print before the panic? Which goroutine panics?
// Predict-zh: main 的 "closed" 那一行会在 panic 之前打印吗？哪个 goroutine panic？
// Outcome: panic: send on closed channel
// Source: 001 §3.4 (after gopark: if gp.param == nil { ... panic(plainError("send on closed channel")) })

package main

import (
	"fmt"
	"runtime"
)

func sender(ch chan int) {
	fmt.Println("sender: sending 1")
	//> No receiver: the sender parks in sendq. close wakes it; back in chansend it finds
	//> success == false and panics.
	//>zh 没有接收者：发送者挂到 sendq 上。close 唤醒它；回到 chansend 后它发现 success == false，于是 panic。
	ch <- 1
	fmt.Println("sender: never printed")
}

func main() {
	ch := make(chan int)
	done := make(chan bool)
	go sender(ch)
	runtime.Gosched() //> The sender runs and parks. //>zh 发送者运行并挂起。
	//> closechan: closed = 1, the sender's sudog leaves sendq, goready puts it in runnext.
	//>zh closechan：closed = 1，发送者的 sudog 离开 sendq，goready 把它放进 runnext。
	close(ch)
	fmt.Println("main: closed")
	//> main parks; the sender runs and panics. No one ever sends on done.
	//>zh main 挂起；发送者运行并 panic。从来没有人向 done 发送。
	<-done
}
