// Title: range over a channel, and who should close it
// Title-zh: 对 channel 使用 range，以及应该由谁来关闭它
// Teaches: for v := range ch receives until the channel is closed and drained: it is v, ok := <-ch
//   with a break when ok is false. So someone must close the channel, or the loop waits forever.
//   That someone is the sender: only the sender knows there will be no more values, and a send after
//   close would panic. The receiver never closes; if it wants to stop early it tells the sender
//   through another channel (lesson 20).
// Teaches-zh: for v := range ch 一直接收，直到 channel 被关闭并取空：它等价于 v, ok := <-ch，ok 为 false 时
//   break。所以必须有人关闭 channel，否则循环会永远等待。这个人是发送者：只有发送者知道不会再有值了，
//   而关闭之后再发送会 panic。接收者从不关闭；如果它想提前停止，就通过另一个 channel 告诉发送者（第 20 课）。
// Predict: With a buffer of 2, how do the "sent" and "got" lines interleave? Is 5 still in the
//   buffer when the producer closes, and does main still get it?
// Predict-zh: 缓冲区为 2 时，"sent" 和 "got" 这些行如何交错？生产者关闭时 5 还在缓冲区里吗？main 还能收到它吗？
// Outcome: exit 0
// Source: 001 §4.1 (don't close a channel from the receiver side: the sender closes), §3.5 (a closed
//   channel still hands out what its buffer holds)

package main

import (
	"fmt"
	"runtime"
)

func producer(jobs chan<- int) {
	for i := 1; i <= 5; i++ {
		//> 1 and 2 fill the buffer; 3 finds it full and parks the producer until main's first receive
		//> rotates it in; 4 finds main parked in recvq and goes straight to it; 5 goes into the buffer.
		//>zh 1 和 2 填满缓冲区；3 发现缓冲区满，生产者挂起，直到 main 的第一次接收把它转进来；4 发现 main
		//>zh 挂在 recvq 上，直接交给它；5 放进缓冲区。
		jobs <- i
		fmt.Println("sent", i)
	}
	//> The sender closes, after its last send, with 5 still in the buffer (qcount 1): closechan only
	//> sets closed = 1 (nobody waits to be readied here); the buffered value is not lost.
	//>zh 由发送者在最后一次发送之后关闭，此时 5 还在缓冲区里（qcount 1）：closechan 只是把 closed 置为 1
	//>zh （这里没有等待者需要唤醒）；缓冲的值不会丢失。
	close(jobs)
	fmt.Println("producer: closed jobs")
}

func main() {
	jobs := make(chan int, 2)
	go producer(jobs)
	runtime.Gosched() //> The producer runs first, until it parks on its third send. //>zh 生产者先运行，直到第三次发送时挂起。
	//> Each iteration is a receive; it parks when the buffer is empty and the channel open.
	//> After close, the buffered 5 still comes out (chanrecv checks closed && qcount == 0, not
	//> closed alone), then the loop ends.
	//>zh 每次迭代都是一次接收；缓冲区空且 channel 未关闭时挂起。关闭之后，缓冲的 5 仍会取出（chanrecv 检查的是
	//>zh closed && qcount == 0，而不只是 closed），然后循环结束。
	for j := range jobs {
		fmt.Println("got", j)
	}
	fmt.Println("range ended: jobs closed and drained")
}
