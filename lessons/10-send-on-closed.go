// Title: Send on a closed channel panics
// Title-zh: 向已关闭的 channel 发送会 panic
// Teaches: chansend takes the lock and checks closed before anything else: a send on a closed
//   channel panics with "send on closed channel", even when the buffer has free slots. Receiving
//   is still allowed, so a closed channel is a one-way signal: "no more values". Only the side that
//   knows no more sends will happen may close. This lesson panics on purpose.
// Teaches-zh: chansend 加锁后首先检查 closed：向已关闭的 channel 发送会以 "send on closed channel" panic，
//   即使缓冲区还有空槽。接收仍然允许，所以关闭是一个单向信号："不会再有值了"。只有确知不会再发送的
//   一方才可以关闭。本课故意 panic。
// Predict: The buffer has room for one value. Does the send after close succeed?
// Predict-zh: 缓冲区还能放一个值。close 之后的发送会成功吗？
// Outcome: panic: send on closed channel
// Source: 001 §3.4 (chansend: if c.closed != 0 { panic(plainError("send on closed channel")) }), §4

package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	//> closed = 1; the buffer is empty and has one free slot.
	//>zh closed = 1；缓冲区为空，还有一个空槽。
	close(ch)
	v, ok := <-ch
	fmt.Println("receive after close:", v, ok) //> Receiving is fine: zero value, ok false. //>zh 接收没问题：零值，ok 为 false。
	fmt.Println("now sending")
	//> lock, closed != 0: unlock and panic. The free slot does not matter.
	//>zh 加锁，closed != 0：解锁并 panic。空槽不起作用。
	ch <- 1
	fmt.Println("never printed")
}
