// Title: close: buffered values still drain, then zero values with ok == false
// Title-zh: close：缓冲的值仍可取完，之后得到零值且 ok == false
// Teaches: close sets closed = 1 but leaves the buffer alone. chanrecv returns buffered values as
//   usual while qcount > 0; only when closed != 0 and qcount == 0 does it return at once with the
//   zero value of the element type (typedmemclr) and ok == false. Receiving from a closed, empty
//   channel never blocks. len still reports what is left in the buffer.
// Teaches-zh: close 把 closed 置为 1，但不碰缓冲区。只要 qcount > 0，chanrecv 照常返回缓冲的值；只有当
//   closed != 0 且 qcount == 0 时，它才立即返回元素类型的零值（typedmemclr）并且 ok == false。从已关闭的
//   空 channel 接收永不阻塞。len 仍然报告缓冲区中剩下的个数。
// Predict: What are the four (v, ok) pairs, and what is len(ch) right after close?
// Predict-zh: 四次接收得到的 (v, ok) 分别是什么？close 之后 len(ch) 是多少？
// Outcome: exit 0
// Source: 001 §3.5 (chanrecv: c.closed != 0 && c.qcount == 0), §4 (no way to test closed without receiving)

package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	//> Two values in the ring: qcount 2, sendx 2, recvx 0.
	//>zh 环中有两个值：qcount 2，sendx 2，recvx 0。
	ch <- 10
	ch <- 20
	//> closed = 1. The two values stay in buf; no one is parked, so no one is woken.
	//>zh closed = 1。两个值留在 buf 中；没有人挂起，所以没有人被唤醒。
	close(ch)
	fmt.Println("closed; len", len(ch)) //> len is qcount: still 2. //>zh len 就是 qcount：仍然是 2。
	for i := 0; i < 4; i++ {
		//> qcount > 0: an ordinary buffered receive, ok true. Then qcount == 0 and closed: v = 0, ok = false.
		//>zh qcount > 0：普通的缓冲接收，ok 为 true。之后 qcount == 0 且已关闭：v = 0，ok = false。
		v, ok := <-ch
		fmt.Println("received", v, ok)
	}
}
