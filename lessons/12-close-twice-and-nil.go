// Title: Closing a closed channel, and closing a nil channel, both panic
// Title-zh: 关闭已关闭的 channel、关闭 nil channel，都会 panic
// Teaches: closechan panics with "close of nil channel" when c == nil, and with "close of closed
//   channel" when closed is already 1 (checked under the lock). There is no way to ask whether a
//   channel is closed without changing it, so a closer that is not sure must not close. Here
//   recover() catches the first two panics to show their values; the last one is not caught.
//   This lesson panics on purpose.
// Teaches-zh: c == nil 时 closechan 以 "close of nil channel" panic，closed 已经是 1 时（在锁内检查）以
//   "close of closed channel" panic。没有办法在不改变 channel 的情况下得知它是否已关闭，所以不确定的
//   一方绝不能去关闭。这里用 recover() 接住前两次 panic 以显示它们的值；最后一次没有接住。本课故意 panic。
// Predict: What do the three attempts print, and which message ends the program?
// Predict-zh: 三次尝试各打印什么？哪条信息结束了程序？
// Outcome: panic: close of nil channel
// Source: 001 §4 (closing a closed channel panics), §4.1 (don't close closed channels)

package main

import "fmt"

func tryClose(name string, ch chan int) {
	defer func() {
		//> After a normal return there is no panic: recover returns nil and the deferred call does nothing.
		//>zh 正常返回时没有 panic：recover 返回 nil，这个延迟调用什么也不做。
		//> @recover recover stops the panic here; r is the runtime error.
		//>zh @recover recover 在这里止住 panic；r 是运行时错误。
		if r := recover(); r != nil {
			fmt.Println(name+":", "panicked:", r)
		}
	}()
	close(ch)
	fmt.Println(name+":", "closed")
}

func main() {
	ch := make(chan int)
	tryClose("first close", ch) //> closed 0 -> 1. //>zh closed 0 -> 1。
	//> lock, closed != 0: unlock and panic "close of closed channel".
	//>zh 加锁，closed != 0：解锁并 panic "close of closed channel"。
	tryClose("second close", ch)
	var nilch chan int //> A nil channel: there is no hchan at all. //>zh nil channel：根本没有 hchan。
	tryClose("nil close", nilch)
	//> The same panic with no recover: the program dies.
	//>zh 同样的 panic，这次没有 recover：程序终止。
	close(nilch)
}
