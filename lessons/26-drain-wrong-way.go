// Title: The drain after close, the wrong way: the reader closes, drains, and the sender still panics
// Title-zh: 关闭之后的排空，错误的做法：读取方关闭并排空，发送方照样 panic
// Teaches: The question ends by asking what the range over recvChan after close(recvChan) is for. It
//   is for the values already in the buffer: they were sent before the close, a closed channel still
//   hands them out (chanrecv only reports closed once qcount is 0), and without the drain they would
//   be dropped unprocessed. But the drain does nothing for the sender. Here the dispatcher wants to
//   stop, closes recvChan itself (the receiving side closes) and drains the three buffered packets;
//   the receiver, which was only reading its next packet, then sends it on the closed channel and the
//   program dies. This lesson panics on purpose; lesson 27 is the answer's way.
// Teaches-zh: 提问最后问道：close(recvChan) 之后对 recvChan 的 range 是做什么用的？它是为了缓冲区里已有的值：
//   它们是在关闭之前发送的，已关闭的 channel 仍然会把它们交出来（chanrecv 只在 qcount 为 0 时才报告已关闭），
//   没有这次排空，它们就会被丢掉而得不到处理。但排空对发送方毫无帮助。这里分发器想停下，自己关闭了
//   recvChan（由接收方关闭），并排空缓冲区里的三个包；而接收包的 goroutine 只是去读下一个包，回来后把它发送到
//   已关闭的 channel 上，程序就此终止。本课故意 panic；第 27 课是答案中的做法。
// Predict: How many packets does the drain print, and which goroutine panics, at which packet?
// Predict-zh: 排空打印出几个包？哪个 goroutine panic，在第几个包上？
// Outcome: panic: send on closed channel
// Source: 000 (the last question: the range after close(sess.recvChan)), 001 §4.1 (don't close from the
//   receiver side)

package main

import (
	"fmt"
	"runtime"
)

// handleRecv reads packets and sends them on; reading the next one takes a while (Gosched).
func handleRecv(recvChan chan int) {
	for p := 1; p <= 4; p++ {
		//> Packets 1 to 3 go into the buffer. Packet 4 finds recvChan closed: chansend panics.
		//>zh 第 1 到 3 个包进入缓冲区。第 4 个包发现 recvChan 已关闭：chansend panic。
		recvChan <- p
		fmt.Println("handleRecv: sent packet", p)
		if p == 3 {
			runtime.Gosched() //> Reading packet 4 from the socket. //>zh 从 socket 读取第 4 个包。
		}
	}
}

func main() {
	recvChan := make(chan int, 64)
	go handleRecv(recvChan)
	runtime.Gosched() //> The receiver runs until it goes to read packet 4. //>zh 接收包的 goroutine 一直运行，直到去读第 4 个包。
	fmt.Println("dispatcher: stopping, len(recvChan) =", len(recvChan))
	//> The receiving side closes: closed = 1, and qcount is still 3.
	//>zh 由接收方关闭：closed = 1，而 qcount 仍然是 3。
	close(recvChan)
	//> The drain: the three packets sent before the close still come out of the buffer, then the
	//> range ends (closed and qcount == 0).
	//>zh 排空：关闭之前发送的三个包仍然会从缓冲区里取出来，然后 range 结束（已关闭且 qcount == 0）。
	for p := range recvChan {
		fmt.Println("dispatcher: drained packet", p)
	}
	fmt.Println("dispatcher: drained; waiting for the reader")
	//> main parks on a channel nobody will ever use; the receiver runs and panics.
	//>zh main 挂在一个永远没人使用的 channel 上；接收包的 goroutine 运行并 panic。
	<-make(chan bool)
}
