// Title: A full buffer: the fourth send parks in sendq
// Title-zh: 缓冲区满了：第四次发送挂到 sendq 上
// Teaches: A buffered send only parks when qcount == dataqsiz. Then chansend builds a sudog
//   (g = the sender, elem = a pointer to the value on its stack, c = the channel), enqueues it on sendq
//   and calls gopark with the reason "chan send". Here nobody will ever receive, so the runtime
//   finds every goroutine asleep and stops the program. This lesson deadlocks on purpose.
// Teaches-zh: 带缓冲的发送只有在 qcount == dataqsiz 时才会挂起。这时 chansend 构造一个 sudog
//   （g = 发送者，elem = 指向它栈上那个值的指针，c = 这个 channel），把它放进 sendq，再以 "chan send" 为原因调用
//   gopark。这里永远没有人接收，运行时发现所有 goroutine 都睡着了，于是终止程序。本课故意死锁。
// Predict: How many "sent" lines print before the program stops, and what does Go print then?
// Predict-zh: 程序停下之前打印几行 "sent"？然后 Go 打印什么？
// Outcome: fatal error: all goroutines are asleep - deadlock!
// Source: 001 §3.2 (the fourth task with no receiver: c.sendq.enqueue(mysg)), §3.4 chansend

package main

import "fmt"

type Task struct {
	ID int
}

func main() {
	//> An hchan with a ring of three Task slots: qcount 0, sendx 0, recvx 0.
	//>zh 带有三个 Task 槽位环形缓冲区的 hchan：qcount 0，sendx 0，recvx 0。
	ch := make(chan Task, 3)
	for i := 1; i <= 4; i++ {
		//> Sends 1 to 3 find a free slot (qcount < dataqsiz) and return at once. The fourth finds
		//> qcount == dataqsiz == 3 and no receiver: main's sudog goes on sendq, its elem
		//> pointing at Task{4} on main's stack (the value is not copied into the sudog), and main parks.
		//>zh 第 1 到 3 次发送找到空槽（qcount < dataqsiz），立即返回。第四次发现 qcount == dataqsiz == 3
		//>zh 且没有接收者：main 的 sudog 进入 sendq，
		//>zh 它的 elem 指向 main 栈上的 Task{4}（值并没有拷贝进 sudog），main 挂起。
		ch <- Task{i}
		fmt.Println("sent task", i, "- len", len(ch)) //> Printed three times only. //>zh 只打印三次。
	}
	//> Never reached. main was the only goroutine and it is parked: checkdead reports the deadlock.
	//>zh 永远到不了这里。main 是唯一的 goroutine 并且已挂起：checkdead 报告死锁。
	fmt.Println("all sent")
}
