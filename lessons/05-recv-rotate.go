// Title: A full buffer with a parked sender: the receive that rotates
// Title-zh: 缓冲区满且有发送者挂起：会"旋转"的接收
// Teaches: When a receive finds a sender in sendq of a buffered channel, the buffer must be full.
//   recv() takes the oldest value, buf[recvx], for the receiver, then copies the parked sender's
//   value into that same slot, advances recvx and sets sendx = recvx. qcount does not change:
//   the ring stays full and FIFO order is kept. Then the sender is readied with goready.
// Teaches-zh: 接收时若在带缓冲 channel 的 sendq 中发现发送者，说明缓冲区一定是满的。recv() 把最旧的值
//   buf[recvx] 交给接收者，再把挂起发送者的值拷贝进同一个槽，recvx 前进，并令 sendx = recvx。qcount 不变：
//   环依旧是满的，先进先出的顺序得以保持。然后用 goready 唤醒发送者。
// Predict: main receives once: what does it get, what is len(ch) right after, and when does the
//   producer print "sent d"?
// Predict-zh: main 接收一次：得到什么？紧接着 len(ch) 是多少？生产者什么时候打印 "sent d"？
// Outcome: exit 0
// Source: 001 §3.5 (chanrecv: c.sendq.dequeue(), recv() on a buffered channel)

package main

import (
	"fmt"
	"runtime"
)

func producer(ch chan string, done chan bool) {
	for _, s := range []string{"a", "b", "c", "d"} {
		//> a, b, c fill buf[0..2]; sendx wraps to 0. "d" finds the ring full: the producer parks in
		//> sendq with a sudog whose elem points at "d" on its own stack (the variable s).
		//>zh a、b、c 填满 buf[0..2]，sendx 回绕到 0。"d" 发现环已满：生产者挂到 sendq 上，
		//>zh sudog.elem 指向它自己栈上的 "d"（变量 s）。
		ch <- s
		fmt.Println("producer: sent", s)
	}
	done <- true
}

func main() {
	ch := make(chan string, 3)
	done := make(chan bool)
	go producer(ch, done)
	runtime.Gosched() //> Let the producer run until it parks. //>zh 让生产者一直运行到它挂起。
	fmt.Println("main: len", len(ch), "cap", cap(ch))
	//> recv(): main gets buf[0] = "a"; "d" is copied from the producer's stack (through
	//> sudog.elem) into buf[0]; recvx 0 -> 1;
	//> sendx = recvx = 1. qcount stays 3. goready puts the producer in runnext.
	//>zh recv()：main 得到 buf[0] = "a"；"d" 经由 sudog.elem 从生产者的栈拷贝进 buf[0]；recvx 0 -> 1；sendx = recvx = 1。
	//>zh qcount 仍是 3。goready 把生产者放进 runnext。
	v := <-ch
	fmt.Println("main: got", v, "- len still", len(ch))
	for i := 0; i < 3; i++ {
		//> b (buf[1]), c (buf[2]), then d (buf[0]): the ring kept the order.
		//>zh b（buf[1]）、c（buf[2]），然后 d（buf[0]）：环保持了顺序。
		fmt.Println("main: got", <-ch)
	}
	//> Only now, when main parks, does the woken producer run and print "sent d".
	//>zh 直到现在 main 挂起，被唤醒的生产者才运行并打印 "sent d"。
	<-done
}
