// Title: Starvation and the 61st tick: a goroutine in the global queue behind a P that is never idle
// Title-zh: 饥饿与第 61 个 tick：P 从不空闲时，全局队列里的 goroutine
// Teaches: findRunnable (proc.go) takes runnext first, then the local run queue, and the global
//   queue only when both are empty. Eight workers that main keeps readying never let them empty, so
//   late, which yielded itself to the global queue with Gosched, would wait for ever: starvation.
//   What rescues it is the fairness check at the top of findRunnable: when schedtick % 61 == 0 and
//   the global queue is not empty, one goroutine is taken from it first. schedtick counts only picks
//   that start a new time slice: a goroutine taken from runnext inherits the time slice of the one
//   that readied it, and execute does not count it. So a round of eight workers counts seven ticks,
//   not eight. Workers are G2 to G9 on the screen, late is G10 (main is G1).
// Teaches-zh: findRunnable（proc.go）先取 runnext，再取本地运行队列，只有两者都空时才去看全局队列。main
//   不停地唤醒八个 worker，让这两处永远不空，所以用 Gosched 把自己让到全局队列的 late 会永远等下去：
//   这就是饥饿。救它的是 findRunnable 开头的公平性检查：当 schedtick % 61 == 0 且全局队列不空时，先从
//   全局队列取一个 goroutine。schedtick 只在开始新时间片的那次选取时才加一：从 runnext 取出的
//   goroutine 继承唤醒它的那个 goroutine 的时间片，execute 不计数。所以八个 worker 的一轮只计七个
//   tick，而不是八个。worker 在屏幕上是 G2 到 G9，late 是 G10（main 是 G1）。
// Predict: late yields once, at its very start, and then only wants to report in and print one
//   line. main runs 8 rounds. During which round does late run, if at all?
// Predict-zh: late 只在一开始让出一次，之后只想报个到、打印一行。main 跑 8 轮。late 在第几轮时运行？
//   还是根本不会运行？
// Outcome: exit 0
// Source: 001 §1 (starvation), Goroutine调度算法 (named in the article's contents only: runnext,
//   the local and global queues, the 61st tick)

package main

import (
	"fmt"
	"runtime"
	"sync"
)

const workers = 8

func worker(work chan int, wg *sync.WaitGroup) {
	//> Each worker takes one value per round, then waits for the next.
	//>zh 每个 worker 每轮取一个值，然后等下一个。
	//> @schedule Who runs next, by findRunnable's order: runnext first (no tick: the time slice is
	//> inherited), else the head of the local queue (execute counts schedtick + 1). The global queue
	//> comes last, when both are empty, which never happens while the rounds go on; only the check
	//> schedtick % 61 == 0, made before each pick, can reach it.
	//>zh @schedule 下一个谁运行，按 findRunnable 的顺序：先取 runnext（不计 tick：继承时间片），否则取本地
	//>zh 队列的队首（execute 把 schedtick 加一）。全局队列排在最后，要等两者都空才轮到它，而只要轮次还在
	//>zh 继续，这就不会发生；只有每次选取之前的 schedtick % 61 == 0 检查能够到它。
	//> @chanrecv.park work is empty: this worker's sudog joins work.recvq until main's next send.
	//>zh @chanrecv.park work 是空的：这个 worker 的 sudog 挂到 work.recvq 上，等 main 的下一次发送。
	for range work {
		//> The eighth Done of a round wakes main: semrelease readies it into runnext.
		//>zh 一轮中的第八次 Done 唤醒 main：semrelease 把它放进 runnext。
		wg.Done()
	}
}

func late(arrived chan bool) {
	//> late was pushed out of runnext into the local queue by main's first send, and runs from
	//> there. Gosched (goschedImpl) puts it at the tail of the global queue, where it is alone.
	//>zh late 被 main 的第一次发送从 runnext 挤到了本地队列，从那里开始运行。Gosched（goschedImpl）把它
	//>zh 放到全局队列的队尾，那里只有它一个。
	runtime.Gosched()
	//> late's turn at last. It drops a note into arrived's buffer: nobody waits, nobody is woken.
	//>zh 终于轮到 late 了。它往 arrived 的缓冲区里放一个记号：没有人在等，也没有人被唤醒。
	//> @schedule schedtick has just reached 61 (picking G7 from the local queue made it 60 → 61). At
	//> the top of findRunnable, schedtick % 61 == 0 and the global queue holds late:
	//> globrunqget(_p_, 1) takes it before the local queue, where G8 and G9 still wait. Without this
	//> check late would never run: after round 8 main returns, and the program ends with late still
	//> in the global queue.
	//>zh @schedule schedtick 刚好到 61（从本地队列取出 G7 时它从 60 变成 61）。findRunnable
	//>zh 开头，schedtick % 61 == 0，而全局队列里有 late：globrunqget(_p_, 1) 先于本地队列取出它，本地队列里
	//>zh G8 和 G9 还在等。没有这个检查，late 永远不会运行：第 8 轮之后 main 返回，程序结束时 late 仍在
	//>zh 全局队列里。
	arrived <- true
	fmt.Println("late: running at last")
}

func main() {
	work := make(chan int)
	var wg sync.WaitGroup
	arrived := make(chan bool, 1)
	for i := 0; i < workers; i++ {
		go worker(work, &wg)
	}
	//> Let every worker run to its first receive and park there. main starts at schedtick 5, as a
	//> real Go 1.19 binary does (the runtime's own start-up goroutines took the first ticks): G9
	//> comes from runnext (no tick), G2 to G8 from the local queue (ticks 6 to 12), and main from the
	//> global queue (13).
	//>zh 让每个 worker 运行到它的第一次接收并挂在那里。main 开始时 schedtick 是 5，和真实的 Go 1.19
	//>zh 程序一样（运行时自己的启动 goroutine 用掉了前几个 tick）：G9 来自 runnext（不计 tick），G2 到
	//>zh G8 来自本地队列（tick 6 到 12），main 来自全局队列（13）。
	runtime.Gosched()
	go late(arrived) //> late goes into runnext. //>zh late 进入 runnext。
	for round := 1; round <= 8; round++ {
		// The rounds print nothing: a print is a write system call, and in real Go the system call
		// path (entersyscall, exitsyscall) may now and then move goroutines between the queues,
		// which would shift the count. A select with default is no scheduling point.
		select {
		case <-arrived:
			//> late has been here: this is the first round-start check to see it.
			//>zh late 来过了：这是看到它的第一次每轮开头的检查。
			fmt.Println("main: late ran during round", round-1)
		default:
		}
		wg.Add(workers)
		for i := 0; i < workers; i++ {
			//> Eight sends to eight parked workers: main never parks here.
			//>zh 八次发送给八个挂起的 worker：main 不会在这里挂起。
			//> @chansend.direct The worker at the head of work.recvq gets the value directly.
			//>zh @chansend.direct work.recvq 队首的 worker 直接拿到这个值。
			//> @goready goready puts that worker in runnext and pushes the previous runnext to the tail
			//> of the local queue. After the eighth send: one worker in runnext, seven in the local queue.
			//>zh @goready goready 把这个 worker 放进 runnext，原来的 runnext 被推到本地队列的队尾。第八次
			//>zh 发送之后：一个 worker 在 runnext，七个在本地队列。
			work <- round
		}
		//> main parks (semacquire) until the eighth Done. The worker in runnext runs first, without a
		//> tick; the seven from the local queue count one tick each. The last of them readies main into
		//> runnext, so the next round starts at once: whenever findRunnable looks, runnext or the local queue
		//> holds someone.
		//>zh main 挂起（semacquire），直到第八次 Done。runnext 里的 worker 先运行，不计 tick；本地队列里的
		//>zh 七个各计一个 tick。最后一个把 main 放进 runnext，于是下一轮马上开始：每次 findRunnable
		//>zh 查看时，runnext 或本地队列里总有 goroutine。
		wg.Wait()
	}
	//> late ran during round 7: round 1 ended at tick 21, each round adds 7, so round 7 reaches
	//> 61. If main and a single worker only readied each other, every pick would come from runnext,
	//> schedtick would stay put and even this check would never fire; real Go's sysmon then preempts a
	//> goroutine whose P has kept the same schedtick for 10 ms (retake, forcePreemptNS), which
	//> hchanviz does not model.
	//>zh late 在第 7 轮中运行：第 1 轮结束时 tick 是 21，每轮加 7，所以第 7 轮到达 61。如果只有 main 和一个
	//>zh worker 互相唤醒，每次选取都会来自 runnext，schedtick 一动不动，连这个检查也永远不会触发；真实的 Go
	//>zh 里，如果一个 P 的 schedtick 保持 10 毫秒不变，sysmon 会抢占它上面正在运行的
	//>zh goroutine（retake、forcePreemptNS），hchanviz 没有模拟这一点。
	fmt.Println("main: done")
}
