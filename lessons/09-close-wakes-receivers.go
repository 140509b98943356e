// Title: close wakes every parked receiver: in which order, and why
// Title-zh: close 唤醒所有挂起的接收者：按什么顺序，为什么
// Teaches: closechan takes every sudog off recvq (then sendq) under the lock, pushing each
//   goroutine onto a local gList, which is a stack. After unlocking it pops them, so it readies
//   them in reverse order, last parked first. Each goready puts the goroutine in runnext and pushes
//   the previous runnext to the local run queue. The result: the receiver readied last (the first
//   to park) runs first, then the others follow in the order they were readied. Receivers 1, 2,
//   3 are G2, G3, G4 on the screen (main is G1).
// Teaches-zh: closechan 在持锁时把 recvq（然后是 sendq）上的所有 sudog 取下，把每个 goroutine 压入一个
//   局部的 gList，它是一个栈。解锁后逐个弹出，所以唤醒顺序是反的：最后挂起的最先被唤醒。每次 goready
//   都把 goroutine 放进 runnext，并把原来的 runnext 推入本地运行队列。结果：最后被唤醒的接收者（也就是最先
//   挂起的那个）最先运行，其余按被唤醒的顺序跟在后面。接收者 1、2、3 在屏幕上是 G2、G3、G4（main 是 G1）。
// Predict: Receivers park in the order 1, 2, 3. After close, in what order do they print?
// Predict-zh: 接收者按 1、2、3 的顺序挂起。close 之后它们按什么顺序打印？
// Outcome: exit 0
// Source: 001 §3.5 (a closed channel: zero value, ok == false), §3.6 (goready); runtime closechan

package main

import (
	"fmt"
	"runtime"
	"sync"
)

func receiver(id int, ch chan int, wg *sync.WaitGroup) {
	v, ok := <-ch
	fmt.Println("receiver", id, "woke:", v, ok)
	wg.Done()
}

func main() {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(3)
	for id := 1; id <= 3; id++ {
		go receiver(id, ch, &wg)
		runtime.Gosched() //> Each receiver parks before the next starts: recvq = [G2 G3 G4]. //>zh 每个接收者在下一个启动前挂起：recvq = [G2 G3 G4]。
	}
	//> gList after the loop over recvq: push G2, G3, G4, so the stack top is G4. Popping readies
	//> G4 (runnext = G4), then G3 (runnext = G3, local [G4]), then G2 (runnext = G2, local [G4 G3]).
	//>zh 遍历 recvq 后的 gList：依次压入 G2、G3、G4，栈顶是 G4。弹出时先唤醒 G4（runnext = G4），再唤醒
	//>zh G3（runnext = G3，本地队列 [G4]），最后唤醒 G2（runnext = G2，本地队列 [G4 G3]）。
	close(ch)
	fmt.Println("main: closed")
	//> main parks: runnext first (G2, receiver 1), then the local queue: G4 (receiver 3), then G3
	//> (receiver 2).
	//>zh main 挂起：先运行 runnext（G2，接收者 1），再运行本地队列：G4（接收者 3），然后 G3（接收者 2）。
	wg.Wait()
}
