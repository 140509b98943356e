// Title: gopark and goready: a woken goroutine runs next, and what that does to output order
// Title-zh: gopark 与 goready：被唤醒的 goroutine 下一个运行，以及它对输出顺序的影响
// Teaches: gopark takes the running goroutine off the P (status waiting, with a wait reason) and
//   calls schedule. goready makes a parked goroutine runnable and puts it in the P's runnext slot,
//   pushing whatever was in runnext to the tail of the local run queue; the waker keeps running.
//   So when one goroutine wakes several others, the last one woken runs first, and the earlier
//   ones follow in the order they were pushed out of runnext. Workers 1, 2, 3 are G2, G3, G4
//   on the screen (main is G1).
// Teaches-zh: gopark 把正在运行的 goroutine 从 P 上拿下（状态为等待，附带等待原因）并调用 schedule。
//   goready 让挂起的 goroutine 变为可运行，放进 P 的 runnext 槽，原来在 runnext 里的 goroutine 被推到
//   本地运行队列尾部；唤醒者继续运行。所以当一个 goroutine 连续唤醒好几个 goroutine 时，最后被唤醒的
//   最先运行，之前的按它们被挤出 runnext 的顺序随后运行。worker 1、2、3 在屏幕上是 G2、G3、G4
//   （main 是 G1）。
// Predict: Three workers park in the order 1, 2, 3 and main sends 100, 200, 300. Who gets which
//   value (recvq is FIFO), and in what order do the workers print?
// Predict-zh: 三个 worker 按 1、2、3 的顺序挂起，main 依次发送 100、200、300。谁拿到哪个值（recvq 先进先出）？
//   worker 按什么顺序打印？
// Outcome: exit 0
// Source: 001 §3.6 (goPark and goReady), §3.4 send() -> goready, Goroutine调度算法 (named in the
//   article's contents only; with GOMAXPROCS=1 there is one P: runnext, the local and global queues)

package main

import (
	"fmt"
	"runtime"
	"sync"
)

func worker(id int, ch chan int, wg *sync.WaitGroup) {
	fmt.Println("worker", id, "waiting")
	//> gopark: this worker's sudog joins recvq and the worker leaves the P.
	//>zh gopark：这个 worker 的 sudog 加入 recvq，worker 离开 P。
	v := <-ch
	fmt.Println("worker", id, "got", v)
	wg.Done()
}

func main() {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(3)
	for id := 1; id <= 3; id++ {
		go worker(id, ch, &wg)
		//> Let each worker run and park before the next is created, so recvq is [G2 G3 G4]
		//> (workers 1, 2, 3).
		//>zh 让每个 worker 在下一个被创建之前先运行并挂起，于是 recvq 为 [G2 G3 G4]（worker 1、2、3）。
		runtime.Gosched()
	}
	//> 100 goes to worker 1, G2 (head of recvq); goready(G2): runnext = G2.
	//>zh 100 交给 worker 1，即 G2（recvq 队首）；goready(G2)：runnext = G2。
	ch <- 100
	//> 200 to worker 2, G3; runnext = G3, and G2 is pushed to the local queue: [G2].
	//>zh 200 交给 worker 2，即 G3；runnext = G3，G2 被挤到本地队列：[G2]。
	ch <- 200
	//> 300 to worker 3, G4; runnext = G4, local queue [G2 G3].
	//>zh 300 交给 worker 3，即 G4；runnext = G4，本地队列 [G2 G3]。
	ch <- 300
	fmt.Println("main: all sent, nobody has printed yet") //> goready never preempts the waker. //>zh goready 从不抢占唤醒者。
	//> main parks. The scheduler takes runnext (G4, worker 3), then the local queue in FIFO order:
	//> G2 (worker 1), then G3 (worker 2).
	//>zh main 挂起。调度器先取 runnext（G4，即 worker 3），再按先进先出取本地队列：先 G2（worker 1），
	//>zh 再 G3（worker 2）。
	wg.Wait()
	fmt.Println("main: done")
}
