// Title: The gopark chain: mcall, park_m, schedule, execute, gogo, and back through goready
// Title-zh: gopark 调用链：mcall、park_m、schedule、execute、gogo，再经 goready 回来
// Teaches: What happens, call by call, when a goroutine parks on a channel and is woken again
//   (Go 1.19, proc.go and chan.go). chanrecv enqueues a sudog and calls gopark; gopark calls
//   mcall(park_m), which saves the goroutine's pc and sp in its own g.sched and switches to the
//   g0 stack; park_m marks it waiting, releases the channel lock and calls schedule; schedule's
//   findRunnable picks the next goroutine and execute hands it to gogo, which jumps to the pc and
//   sp saved in that goroutine's g.sched. The sender's goready only makes the sleeper runnable in
//   runnext; it runs when the sender itself gives up the P, and it comes back out of gopark, inside
//   chanrecv, with the value already in its variable. Each note below shows at the micro-step it
//   describes. The waiter is G2 on the screen (main is G1).
// Teaches-zh: 一个 goroutine 在 channel 上挂起、之后又被唤醒时，逐个调用发生了什么（Go 1.19 的 proc.go 和
//   chan.go）。chanrecv 把一个 sudog 入队，然后调用 gopark；gopark 调用 mcall(park_m)，mcall 把这个
//   goroutine 的 pc 和 sp 保存到它自己的 g.sched 里，再切换到 g0 栈；park_m 把它标记为等待、释放 channel
//   的锁，并调用 schedule；schedule 用 findRunnable 选出下一个 goroutine，由 execute 交给 gogo，gogo
//   跳到那个 goroutine 的 g.sched 里保存的 pc 和 sp。发送者的 goready 只是让沉睡者变为可运行并放进
//   runnext；要等发送者自己让出 P，它才运行，而且是从 gopark 返回、回到 chanrecv 里，这时值已经在它的
//   变量里了。下面每条说明都显示在它所描述的那个微步上。waiter 在屏幕上是 G2（main 是 G1）。
// Predict: main sends 42 to a waiter that is already parked. Which prints first, "main: sent 42" or
//   "waiter: woke up with 42"? And at which statement does main give the P to the waiter?
// Predict-zh: main 把 42 发给一个已经挂起的 waiter。先打印的是 "main: sent 42" 还是
//   "waiter: woke up with 42"？main 在哪条语句把 P 让给 waiter？
// Outcome: exit 0
// Source: 001 §3.6 (goPark and goReady: mcall, park_m, schedule, execute, gogo), §3.4 (send() and
//   goready), §3.5 (chanrecv parks)

package main

import (
	"fmt"
	"runtime"
)

func waiter(ch chan int, done chan bool) {
	//> @schedule G2's first run: findRunnable takes it from runnext, where the go statement put
	//> it, and gogo starts it at the top of waiter.
	//>zh @schedule G2 第一次运行：findRunnable 从 runnext 取出它（是 go 语句把它放在那里的），gogo 从
	//>zh waiter 的开头开始执行它。
	fmt.Println("waiter: waiting for a value")
	//> The receive that parks now and returns much later: step through its micro-steps.
	//>zh 这次接收现在挂起，很久以后才返回：逐个微步地看。
	//> @chanrecv.park chan.go chanrecv: ch is empty and sendq holds no sender. With ch.lock held,
	//> it takes a sudog (acquireSudog), points sudog.elem at v on G2's stack, and enqueues the sudog
	//> on ch.recvq. The lock stays held until park_m.
	//>zh @chanrecv.park chan.go 的 chanrecv：ch 是空的，sendq 里也没有发送者。它持有 ch.lock，取一个
	//>zh sudog（acquireSudog），让 sudog.elem 指向 G2 栈上的 v，再把 sudog 挂到 ch.recvq 上。锁一直
	//>zh 持有到 park_m。
	//> @gopark proc.go gopark: stores the unlock function (chanparkcommit), &ch.lock and the wait
	//> reason "chan receive" in the M, then calls mcall(park_m). mcall saves G2's pc and sp in
	//> G2.sched (the article writes m.sched; in Go 1.19 it is the goroutine's own gobuf), switches
	//> to the g0 stack and calls park_m(G2). park_m: status _Grunning → _Gwaiting, dropg (the M
	//> lets go of G2), chanparkcommit unlocks ch.lock (only now can a sender find the sudog), and
	//> then schedule(). G2's stack stays as it is, stopped inside gopark.
	//>zh @gopark proc.go 的 gopark：把解锁函数（chanparkcommit）、&ch.lock 和等待原因 "chan receive"
	//>zh 记在 M 上，然后调用 mcall(park_m)。mcall 把 G2 的 pc 和 sp 保存到 G2.sched（文章写的是
	//>zh m.sched；在 Go 1.19 里是 goroutine 自己的 gobuf），切换到 g0 栈，调用 park_m(G2)。park_m：
	//>zh 状态 _Grunning → _Gwaiting，dropg（M 放开 G2），chanparkcommit 解开 ch.lock（直到此刻发送者
	//>zh 才能找到这个 sudog），然后调用 schedule()。G2 的栈原封不动，停在 gopark 里面。
	//> @schedule The wake-up: main has parked, and its schedule() finds G2 in runnext. runqget
	//> returns it with inheritTime = true, so G2 runs in the rest of main's time slice and schedtick
	//> does not move. execute(G2): _Grunnable → _Grunning, then gogo(&G2.sched) loads the pc and sp
	//> that mcall saved: G2 comes back out of gopark, inside chanrecv.
	//>zh @schedule 唤醒：main 已经挂起，它的 schedule() 在 runnext 里找到 G2。runqget 返回它时
	//>zh inheritTime = true，所以 G2 用的是 main 剩下的时间片，schedtick 不变。
	//>zh execute(G2)：_Grunnable → _Grunning，然后 gogo(&G2.sched) 载入 mcall 保存的 pc 和 sp：G2 从 gopark 返回，
	//>zh 回到 chanrecv 里。
	//> @chanrecv.wakeup The rest of chanrecv, after gopark: gp.waiting = nil, success is
	//> mysg.success (true: a sender woke it, not close), releaseSudog. There is nothing to copy: 42
	//> is already in v, written by main's send while G2 slept.
	//>zh @chanrecv.wakeup gopark 之后的 chanrecv 剩余部分：gp.waiting = nil，success 取自
	//>zh mysg.success（true：唤醒它的是发送者，不是 close），releaseSudog。没有什么要拷贝的：42 已经在 v 里了，是
	//>zh G2 睡着时 main 的发送写进去的。
	v := <-ch
	fmt.Println("waiter: woke up with", v)
	//> @chansend.direct main waits in done.recvq: send() hands it the value directly (its
	//> sudog.elem is nil, since <-done discards the value, so nothing is copied).
	//>zh @chansend.direct main 在 done.recvq 里等着：send() 直接把值交给它（<-done 丢弃接收到的值，
	//>zh 它的 sudog.elem 为 nil，所以什么也不拷贝）。
	//> @goready goready(G1): main becomes runnable in runnext. G2 keeps the P.
	//>zh @goready goready(G1)：main 变为可运行，进入 runnext。G2 继续占着 P。
	//> @goexit G2 returns from waiter: goexit1 → mcall(goexit0), which marks G2 _Gdead and calls
	//> schedule() from g0: the same path as a park, except that G2 never comes back.
	//>zh @goexit G2 从 waiter 返回：goexit1 → mcall(goexit0)，把 G2 标为 _Gdead，并在 g0 上调用
	//>zh schedule()：和挂起走同一条路，只是 G2 再也不会回来。
	done <- true
}

func main() {
	ch := make(chan int)
	done := make(chan bool)
	//> newproc: G2 goes into runnext. main keeps running.
	//>zh newproc：G2 进入 runnext。main 继续运行。
	go waiter(ch, done)
	//> proc.go Gosched → mcall(gosched_m): the same mcall as in gopark saves main's pc and sp in
	//> G1.sched, but goschedImpl makes main _Grunnable, not waiting, and puts it on the global run
	//> queue before calling schedule.
	//>zh proc.go 的 Gosched → mcall(gosched_m)：和 gopark 里同样的 mcall 把 main 的 pc 和 sp 保存到
	//>zh G1.sched，但 goschedImpl 把 main 设为 _Grunnable 而不是等待，并在调用 schedule 之前把它放进
	//>zh 全局运行队列。
	runtime.Gosched()
	//> The send that wakes G2.
	//>zh 唤醒 G2 的这次发送。
	//> @schedule G2 has parked: park_m's schedule(), still on g0, runs findRunnable. runnext and the
	//> local queue are empty, so it takes G1 from the global queue. A goroutine that does not come
	//> from runnext starts a new time slice: execute counts schedtick 5 → 6. gogo loads G1.sched,
	//> saved by mcall(gosched_m): main returns from Gosched and runs this send.
	//>zh @schedule G2 已经挂起：park_m 的 schedule() 仍在 g0 上，执行 findRunnable。runnext 和本地队列
	//>zh 都是空的，于是从全局队列取出 G1。不是来自 runnext 的 goroutine 会开始一个新的时间片：execute
	//>zh 把 schedtick 从 5 计到 6。gogo 载入由 mcall(gosched_m) 保存的 G1.sched：main 从 Gosched 返回，
	//>zh 执行这次发送。
	//> @chansend.direct chan.go chansend: with ch.lock held it dequeues G2's sudog from recvq and
	//> calls send(): sendDirect copies 42 from main's stack through sudog.elem into G2's v, unlockf
	//> releases ch.lock, then sg.success = true and gp.param = sg.
	//>zh @chansend.direct chan.go 的 chansend：持有 ch.lock，从 recvq 取下 G2 的 sudog，调用
	//>zh send()：sendDirect 经由 sudog.elem 把 42 从 main 的栈拷贝到 G2 的 v，unlockf 释放 ch.lock，然后
	//>zh sg.success = true，gp.param = sg。
	//> @goready proc.go goready → systemstack(ready(G2, next = true)): status _Gwaiting →
	//> _Grunnable, runqput puts G2 in runnext (it was empty: nobody is pushed out), and wakep finds
	//> no idle P (GOMAXPROCS=1). Nothing switches: main keeps running.
	//>zh @goready proc.go 的 goready → systemstack(ready(G2, next = true))：状态 _Gwaiting →
	//>zh _Grunnable，runqput 把 G2 放进 runnext（原来是空的，没有谁被挤出去），wakep 找不到空闲的
	//>zh P（GOMAXPROCS=1）。没有发生切换：main 继续运行。
	ch <- 42
	fmt.Println("main: sent 42") //> G2 is runnable but has not run yet. //>zh G2 已经可运行，但还没有运行。
	//> main gives up the P here.
	//>zh main 在这里让出 P。
	//> @chanrecv.park done is empty: main's sudog goes on done.recvq.
	//>zh @chanrecv.park done 是空的：main 的 sudog 挂到 done.recvq 上。
	//> @gopark The same chain as G2's park: mcall(park_m) saves main's pc and sp in G1.sched,
	//> park_m marks it _Gwaiting and unlocks done.lock, and schedule() finds G2 in runnext.
	//>zh @gopark 和 G2 挂起时同一条链：mcall(park_m) 把 main 的 pc 和 sp 保存到 G1.sched，park_m 把它
	//>zh 标为 _Gwaiting 并解开 done.lock，schedule() 在 runnext 里找到 G2。
	//> @schedule G2 has exited: goexit0's schedule() takes G1 from runnext, and gogo(&G1.sched)
	//> brings main back out of gopark, inside chanrecv.
	//>zh @schedule G2 已经退出：goexit0 的 schedule() 从 runnext 取出 G1，gogo(&G1.sched) 让 main 从
	//>zh gopark 返回，回到 chanrecv 里。
	//> @chanrecv.wakeup mysg.success is true: G2's send completed this receive.
	//>zh @chanrecv.wakeup mysg.success 为 true：G2 的发送完成了这次接收。
	<-done
	fmt.Println("main: done")
}
