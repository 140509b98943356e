// Title: A parked receiver, then a sender: direct send onto the receiver's stack
// Title-zh: 接收者先挂起，发送者后到：直接发送到接收者的栈上
// Teaches: chansend first looks at recvq. If a receiver waits there, send() copies the value
//   straight into the receiver's variable (sendDirect: sudog.elem points at it) and readies the
//   receiver with goready. That happens even on a buffered channel: the buffer is bypassed, so
//   len(ch) stays 0. The sender does not switch to the receiver; it keeps running.
// Teaches-zh: chansend 先看 recvq。如果有接收者在等，send() 直接把值拷贝到接收者的变量里（sendDirect：
//   sudog.elem 指向该变量），并用 goready 唤醒接收者。即使是带缓冲的 channel 也是如此：绕过缓冲区，
//   所以 len(ch) 仍然是 0。发送者不会切换到接收者，而是继续运行。
// Predict: What does main print for len(ch) right after the send, and is it printed before or
//   after "receiver got 7"?
// Predict-zh: 发送之后 main 打印的 len(ch) 是多少？它在 "receiver got 7" 之前还是之后打印？
// Outcome: exit 0
// Source: 001 §3.4 (chansend: c.recvq.dequeue(), send(), sendDirect)

package main

import (
	"fmt"
	"runtime"
)

func receiver(ch chan int, done chan bool) {
	//> The buffer is empty and sendq too: the receiver's sudog (elem = &v) goes on recvq and it
	//> parks with "chan receive".
	//>zh 缓冲区是空的，sendq 也是空的：接收者的 sudog（elem = &v）进入 recvq，它以 "chan receive" 挂起。
	v := <-ch
	fmt.Println("receiver got", v)
	done <- true
}

func main() {
	ch := make(chan int, 2)
	done := make(chan bool)
	go receiver(ch, done)
	//> Gosched puts main at the tail of the global run queue, so the receiver runs now and parks.
	//>zh Gosched 把 main 放到全局运行队列尾部，于是接收者现在运行并挂起。
	runtime.Gosched()
	//> recvq is not empty: send() copies 7 directly into the receiver's v, sets its param and
	//> calls goready. buf is never touched.
	//>zh recvq 不为空：send() 把 7 直接拷贝到接收者的 v 中，设置它的 param 并调用 goready。buf 完全没被碰过。
	ch <- 7
	fmt.Println("main: sent, len(ch) =", len(ch)) //> 0: the value went stack to stack. //>zh 0：值是栈到栈传过去的。
	//> main parks; the receiver, in runnext, finally runs and prints.
	//>zh main 挂起；在 runnext 里的接收者终于运行并打印。
	<-done
}
