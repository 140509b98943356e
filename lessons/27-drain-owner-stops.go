// Title: The drain after close, the answer's way: the dispatcher asks the owner to stop
// Title-zh: 关闭之后的排空，答案中的做法：分发器请所有者停下
// Teaches: The answer to the question: the dispatcher does not close recvChan; it tells the owner,
//   the only sender, through another channel (stop) that it wants to end. The owner sees the request
//   before its next send (a non-blocking check of stop), stops sending and closes recvChan itself,
//   after its last send. The dispatcher keeps receiving until then: its range drains every packet
//   sent before the close and ends when the owner closes. No send can meet a closed channel, because
//   the closer is the sender. The drain has a second job: while the owner is still sending, a full
//   buffer would block it; a dispatcher that keeps receiving never leaves the owner stuck.
// Teaches-zh: 问题的答案：分发器不关闭 recvChan；它通过另一个 channel（stop）告诉所有者，也就是唯一的发送者，
//   它想结束了。所有者在下一次发送之前看到这个请求（对 stop 做一次非阻塞检查），停止发送，并在最后一次发送之后
//   自己关闭 recvChan。分发器在此之前一直接收：它的 range 排空关闭之前发送的每一个包，并在所有者关闭时结束。
//   发送不可能遇上已关闭的 channel，因为关闭者就是发送者。排空还有第二个作用：所有者还在发送时，缓冲区满了
//   会阻塞它；一直接收的分发器不会让所有者卡住。
// Predict: The dispatcher asks to stop after the first packet. Which packets does it still get, who
//   closes recvChan, and does anything panic?
// Predict-zh: 分发器在第一个包之后就请求停止。它还会收到哪些包？谁关闭 recvChan？会有 panic 吗？
// Outcome: exit 0
// Source: 000 (the answer: notify the owner through another channel; the last question: the range
//   after close), 001 §4.1 (the sender closes)

package main

import (
	"fmt"
	"runtime"
)

// The owner of recvChan: its only sender and its only closer.
func handleRecv(recvChan chan int, stop chan bool) {
	//> The owner closes, after its last send, whatever made it stop.
	//>zh 所有者在最后一次发送之后关闭，不管是什么让它停下的。
	defer close(recvChan)
	for p := 1; p <= 4; p++ {
		if p == 3 {
			runtime.Gosched() //> Reading packet 3 from the socket. //>zh 从 socket 读取第 3 个包。
		}
		select {
		//> Before each send, a non-blocking check of stop (a select with default): a closed stop is
		//> seen here. The buffer has room, so the send below never blocks; an owner that could block
		//> on a full buffer would put the send and stop in one select (lesson 20).
		//>zh 每次发送之前，对 stop 做一次非阻塞检查（带 default 的 select）：已关闭的 stop 会在这里被发现。
		//>zh 缓冲区有空位，所以下面的发送不会阻塞；可能因缓冲区满而阻塞的所有者，应当把发送和 stop 放进同一个
		//>zh select（第 20 课）。
		case <-stop:
			//> The request to stop: the owner sends no more and its deferred close runs.
			//>zh 停止请求：所有者不再发送，它 defer 的 close 随即执行。
			fmt.Println("handleRecv: stop requested, packet", p, "not sent")
			return
		default:
		}
		recvChan <- p
		fmt.Println("handleRecv: sent packet", p)
	}
}

func main() {
	recvChan := make(chan int, 64)
	stop := make(chan bool)
	go handleRecv(recvChan, stop)
	first := <-recvChan
	fmt.Println("dispatcher: got packet", first, "- asking the owner to stop")
	//> Ask, don't close recvChan: stop has no senders, and only the dispatcher closes it.
	//>zh 请求，而不是关闭 recvChan：stop 没有发送者，只有分发器关闭它。
	close(stop)
	//> The drain: packet 2 was sent before the request and is still in the buffer; then the owner's
	//> close ends the range.
	//>zh 排空：第 2 个包在请求之前就已发送，仍在缓冲区里；随后所有者的关闭结束了 range。
	for p := range recvChan {
		fmt.Println("dispatcher: drained packet", p)
	}
	fmt.Println("dispatcher: recvChan closed by its owner")
}
