// Title: Non-blocking send and receive: select with default
// Title-zh: 非阻塞发送与接收：带 default 的 select
// Teaches: A select with one case and a default compiles to a non-blocking channel operation
//   (selectnbsend, selectnbrecv): chansend or chanrecv with block = false. Where a blocking call would
//   park, this one returns false and the default runs instead; no sudog is made, nothing is queued.
//   The fast path even decides "not ready" without taking the lock: for a send, an open channel
//   whose buffer is full or that is unbuffered with no receiver waiting; for a receive, an open
//   channel whose buffer is empty (this lesson's first select) or that is unbuffered with no sender
//   waiting (chan.go:430-436, 474-489).
// Teaches-zh: 只有一个 case 加一个 default 的 select 被编译成非阻塞的 channel 操作（selectnbsend、
//   selectnbrecv）：即 block = false 的 chansend 或 chanrecv。在阻塞调用会挂起的地方，它返回 false，改为执行
//   default；不创建 sudog，也不入队。快速路径甚至不加锁就能判定"未就绪"：对发送来说，是未关闭且缓冲区已满、或无缓冲且没有接收者在等的
//   channel；对接收来说，是未关闭且缓冲区为空（本课的第一个 select）、或无缓冲且没有发送者在等的 channel
//   （chan.go:430-436、474-489）。
// Predict: The channel has one slot. Which of the four selects take their case, and which their default?
// Predict-zh: channel 只有一个槽。四个 select 中哪些执行 case，哪些执行 default？
// Outcome: exit 0
// Source: 001 §3.4 (if !block && c.closed == 0 && full: return false), §3.5 (the same for receive)

package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	select {
	//> chanrecv(block = false): the buffer is empty and the channel open, so the fast path returns
	//> (false, false) at once, without even taking the lock.
	//>zh chanrecv(block = false)：缓冲区为空且 channel 未关闭，快速路径立即返回 (false, false)，连锁都不加。
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("nothing to receive, not waiting")
	}
	select {
	case ch <- 1: //> A free slot: an ordinary buffered send. //>zh 有空槽：普通的缓冲发送。
		fmt.Println("sent 1")
	default:
		fmt.Println("buffer full")
	}
	select {
	//> The buffer is full: chansend(block = false) returns false without parking; 2 is dropped.
	//>zh 缓冲区满了：chansend(block = false) 不挂起，直接返回 false；2 被丢弃。
	case ch <- 2:
		fmt.Println("sent 2")
	default:
		fmt.Println("buffer full, 2 not sent")
	}
	select {
	case v := <-ch: //> The buffer holds 1: an ordinary buffered receive. //>zh 缓冲区里有 1：普通的缓冲接收。
		fmt.Println("received", v)
	default:
		fmt.Println("nothing to receive")
	}
	fmt.Println("len", len(ch))
}
