// Title: Happens before: a send makes the writes before it visible, and only those
// Title-zh: happens-before：发送让它之前的写入可见，也只有那些
// Teaches: The Go memory model says when a read must see a write: when the write happens before it.
//   Within one goroutine, program order; between goroutines only synchronisation: a send on a channel
//   happens before the receive that takes it completes (the runtime tells the race detector so:
//   racereleaseacquire on the buffer slot, chan.go). setup writes ready, sends, then writes late.
//   main's read of ready comes after its receive, so it is ordered after the write: no race, and
//   every schedule prints "config loaded". Its read of late is ordered by nothing -- the write comes
//   after the send -- so it is a data race, even though under Go's own scheduler with GOMAXPROCS=1
//   it prints the late value: the send readies main, but setup keeps the P and writes late first.
//   hchanviz run --race reports the race as go run -race does (the write in setup, the read in main)
//   and exits 66; the Races panel (W) shows the edge that is missing. hchanviz explore finds the
//   schedule that prints an empty line instead, main running between setup's send and its write:
//   nothing forbids it. With GOMAXPROCS=4, go run -race reported the race in every one of its 20
//   recorded runs (34-happens-before.gorecord): a race need not show in the output to be there.
// Teaches-zh: Go 内存模型规定读什么时候一定能看到写：写 happens-before 读的时候。同一个 goroutine 内按程序
//   顺序；goroutine 之间只靠同步：channel 上的发送 happens-before 取走它的接收完成（运行时这样告诉竞态检测器：
//   在缓冲槽位上 racereleaseacquire，chan.go）。setup 写 ready、发送，然后写 late。main 对 ready 的读取在它的
//   接收之后，所以排在那次写入之后：没有竞态，每种调度都打印 "config loaded"。对 late 的读取没有任何东西排序——
//   写入发生在发送之后——所以这是数据竞争，尽管 GOMAXPROCS=1 时在 Go 自己的调度下它打印了 late 的值：发送唤醒了
//   main，但 setup 继续占着 P，先写了 late。hchanviz run --race 像 go run -race 一样报告这个竞态（setup 里的写、
//   main 里的读）并以 66 退出；竞态面板（W）显示缺少的那条先后关系。hchanviz explore 找到了打印空行的调度：main
//   在 setup 发送之后、写入之前运行，没有任何东西禁止它。GOMAXPROCS=4 时 go run -race 在记录的 20 次运行中
//   每次都报告了这个竞态（34-happens-before.gorecord）：竞态不必在输出里显现也存在。
// Predict: Which of the two reads is ordered after its write? What does go run -race say, and does
//   it matter that the program printed the right thing?
// Predict-zh: 两次读取中哪一次排在它的写入之后？go run -race 会说什么？程序打印对了，这重要吗？
// Outcome: exit 0
// Source: 001 §1 (data races and memory access synchronisation); 001 §2.1 (CSP: communicate to share)

package main

import "fmt"

var ready string
var late string

func setup(done chan<- bool) {
	//> Written before the send: the send carries it to whoever receives.
	//>zh 在发送之前写入：发送把它带给接收的一方。
	ready = "config loaded"
	done <- true
	//> Written after the send: no later synchronisation carries this write to main.
	//>zh 在发送之后写入：之后没有任何同步把这次写入带给 main。
	late = "written after the send"
}

func main() {
	done := make(chan bool, 1)
	go setup(done)
	//> The receive completes after the send: setup's writes before the send are now visible.
	//>zh 接收在发送之后完成：setup 在发送之前的写入现在都可见了。
	<-done
	fmt.Println(ready)
	//> Nothing orders this read after setup's write of late: a data race, whatever it prints.
	//>zh 没有任何东西让这次读取排在 setup 对 late 的写入之后：不管打印什么，这都是数据竞争。
	fmt.Println(late)
}
