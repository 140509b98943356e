// Title: Unbuffered channel: the value goes from stack to stack
// Title-zh: 无缓冲 channel：值从一个栈直接拷贝到另一个栈
// Teaches: make(chan int) builds an hchan with dataqsiz = 0 and no buffer at all.
//   A send meets no waiting receiver, so the sender parks in sendq with a sudog whose
//   elem points at the value on its own stack. The receiver that comes later copies
//   the value straight from the sender's stack into its own variable (recvDirect),
//   then readies the sender with goready. The value never rests in the channel.
// Teaches-zh: make(chan int) 创建的 hchan 的 dataqsiz = 0，根本没有缓冲区。发送时没有接收者在等，
//   发送者就带着一个 sudog 挂在 sendq 上，sudog.elem 指向它自己栈上的值。后来的接收者直接把值
//   从发送者的栈拷贝到自己的变量里（recvDirect），再用 goready 唤醒发送者。值从不停留在 channel 里。
// Predict: Which line prints first: "receiver got 42" or "main: send returned"?
//   And what does main's x hold after the send?
// Predict-zh: 先打印哪一行："receiver got 42" 还是 "main: send returned"？发送之后 main 的 x 是多少？
// Outcome: exit 0
// Source: 001 §2.4 (synchronous mode), §2.6 (a send is a copy), §3.3, §3.5 recvDirect

package main

import "fmt"

func receiver(ch chan int, done chan bool) {
	//> The receiver runs only when main parks. sendq holds main's sudog, so chanrecv
	//> takes it: recvDirect copies 42 from main's stack into v, then goready(main)
	//> puts main in runnext. The receiver keeps running; main waits its turn.
	//>zh main 挂起后接收者才开始运行。sendq 里有 main 的 sudog，chanrecv 取出它：recvDirect 把 42
	//>zh 从 main 的栈拷贝到 v，然后 goready(main) 把 main 放进 runnext。接收者继续运行，main 等着轮到它。
	v := <-ch
	fmt.Println("receiver got", v) //> Printed before main's line: waking main did not switch to it. //>zh 这一行先于 main 的那一行打印：唤醒 main 并不会切换过去。
	//> main is not receiving on done yet (it is runnable, not parked), so this send parks the receiver.
	//>zh main 还没有在 done 上接收（它是可运行状态，不是挂起），所以这次发送让接收者挂起。
	done <- true
}

func main() {
	//> dataqsiz = 0: no ring buffer, only the two wait queues recvq and sendq.
	//>zh dataqsiz = 0：没有环形缓冲区，只有 recvq 和 sendq 两个等待队列。
	ch := make(chan int)
	done := make(chan bool)
	//> The new goroutine goes into runnext; main keeps running.
	//>zh 新的 goroutine 进入 runnext；main 继续运行。
	go receiver(ch, done)
	x := 42
	//> @chansend.park No receiver is waiting (recvq is empty): main puts a sudog with elem = &x
	//> (a pointer to x on main's own stack) on sendq and parks ("chan send"). The scheduler
	//> runs the receiver from runnext.
	//>zh @chansend.park 没有接收者在等（recvq 为空）：main 把 elem = &x（指向 main 自己栈上 x 的指针）
	//>zh 的 sudog 放进 sendq 并挂起（"chan send"）。调度器从 runnext 取出接收者运行。
	//> @chansend.wakeup main runs again: the receiver already copied 42 out through sudog.elem,
	//> so the send is complete.
	//>zh @chansend.wakeup main 再次运行：接收者已经通过 sudog.elem 把 42 拷走了，这次发送已经完成。
	ch <- x
	x = 0 //> The receiver holds its own copy; changing x now changes nothing for it. //>zh 接收者手里是自己的拷贝；现在改 x 对它毫无影响。
	fmt.Println("main: send returned, x is now", x)
	//> The receiver is parked in done's sendq. <-done discards the value: it compiles to
	//> chanrecv1(done, nil), and with ep == nil recv() copies nothing (chan.go:620-623).
	//> chanrecv only takes the sudog off sendq and readies the receiver, but main returns
	//> first and the program ends.
	//>zh 接收者挂在 done 的 sendq 上。<-done 丢弃收到的值：它被编译成 chanrecv1(done, nil)，
	//>zh ep == nil 时 recv() 什么也不拷贝（chan.go:620-623）。chanrecv 只是把 sudog 从 sendq 取下并唤醒接收者，
	//>zh 但 main 先返回，程序结束。
	<-done
}
