// Title: A nil channel blocks forever
// Title-zh: nil channel 会永远阻塞
// Teaches: A channel variable that was never made is nil. Send and receive on a nil channel call
//   gopark with no channel and no sudog ("chan send (nil chan)", "chan receive (nil chan)"): no
//   operation can ever wake them. In a select, a nil channel's case is simply never ready, which is
//   a useful way to switch a case off. When every goroutine is parked like this, the runtime reports
//   a deadlock. This lesson deadlocks on purpose.
// Teaches-zh: 从未 make 过的 channel 变量是 nil。在 nil channel 上发送和接收会在没有 channel、没有 sudog 的
//   情况下调用 gopark（"chan send (nil chan)"、"chan receive (nil chan)"）：没有任何操作能唤醒它们。在 select
//   中，nil channel 的 case 永远不会就绪，这可以用来关掉一个 case。当所有 goroutine 都这样挂起时，运行时
//   报告死锁。本课故意死锁。
// Predict: Which select case runs? Then what does Go print, and in which state are the two goroutines?
// Predict-zh: select 执行哪个 case？然后 Go 打印什么？两个 goroutine 分别处于什么状态？
// Outcome: fatal error: all goroutines are asleep - deadlock!
// Source: 001 §3.4 and §3.5 (c == nil: gopark(nil, nil, "chan send (nil chan)" / "chan receive (nil chan)"))

package main

import (
	"fmt"
	"runtime"
)

func main() {
	var ch chan int //> nil: declared, never made. //>zh nil：声明了但从未 make。
	fmt.Println("ch == nil:", ch == nil)
	//> This goroutine parks forever in "chan send (nil chan)": it is on no wait queue, so nothing can ever wake it.
	//>zh 这个 goroutine 永远挂在 "chan send (nil chan)" 中：它不在任何等待队列上，所以什么也唤醒不了它。
	go func() {
		ch <- 1
	}()
	runtime.Gosched()
	select {
	//> A nil channel's case is never ready; with default, select does not block.
	//>zh nil channel 的 case 永远不会就绪；有 default 时 select 不会阻塞。
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("select: the nil case is never ready")
	}
	fmt.Println("main: receiving from nil")
	//> main parks in "chan receive (nil chan)". Both goroutines are asleep for good: checkdead reports it.
	//>zh main 挂在 "chan receive (nil chan)" 中。两个 goroutine 都永远睡着了：checkdead 报告死锁。
	<-ch
}
