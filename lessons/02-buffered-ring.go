// Title: Buffered channel: a ring buffer with sendx and recvx
// Title-zh: 带缓冲 channel：带 sendx 和 recvx 的环形缓冲区
// Teaches: make(chan Task, 3) allocates a ring of three slots. A send copies the value into
//   buf[sendx] and advances sendx; a receive copies buf[recvx] out, clears that slot to the
//   zero value and advances recvx. Both indexes wrap to 0 at dataqsiz, so the ring is reused
//   without moving anything. qcount (len) counts the values held.
// Teaches-zh: make(chan Task, 3) 分配一个有三个槽位的环形缓冲区。发送把值拷贝到 buf[sendx] 并让 sendx 前进；
//   接收把 buf[recvx] 拷贝出来，把该槽清零，并让 recvx 前进。两个下标到 dataqsiz 时都回绕到 0，
//   所以缓冲区被反复使用，不需要移动任何元素。qcount（len）记录其中的值的个数。
// Predict: After sending t1 and t2, receiving one, then sending t3 and t4: which slot holds t4,
//   and in what order do the last three receives come out?
// Predict-zh: 发送 t1、t2，接收一个，再发送 t3、t4 之后：t4 在哪个槽位？最后三次接收按什么顺序取出？
// Outcome: exit 0
// Source: 001 §3.1 (hchan: elemsize, elemtype, lock), §3.2 (make(chan Task, 3)), §3.2.1 and §3.2.2
//   (acquire, copy, release), §3.4 and §3.5 (chanbuf, sendx, recvx)

package main

import "fmt"

type Task struct {
	ID   int
	Name string
}

func main() {
	//> dataqsiz = 3, qcount = 0, sendx = recvx = 0: three empty slots. elemtype = main.Task and
	//> elemsize = 24 (an int, 8 bytes, and a string header, 16): every copy in or out of buf moves
	//> exactly elemsize bytes with typedmemmove. lock guards all these fields: each send and
	//> receive below takes it first and releases it last.
	//>zh dataqsiz = 3，qcount = 0，sendx = recvx = 0：三个空槽。elemtype = main.Task，elemsize = 24
	//>zh （一个 int 占 8 字节，一个 string 头占 16 字节）：进出 buf 的每次拷贝都用 typedmemmove 恰好搬运
	//>zh elemsize 个字节。lock 保护所有这些字段：下面的每次发送和接收都先加锁，最后解锁。
	ch := make(chan Task, 3)
	//> buf[0] = t1 (a copy of the struct), sendx 0 -> 1, qcount 1.
	//>zh buf[0] = t1（结构体的拷贝），sendx 0 -> 1，qcount 1。
	ch <- Task{1, "t1"}
	ch <- Task{2, "t2"} //> buf[1] = t2, sendx 1 -> 2. //>zh buf[1] = t2，sendx 1 -> 2。
	fmt.Println("len", len(ch), "cap", cap(ch))
	//> Takes buf[recvx] = buf[0], clears buf[0] to Task{0, ""}, recvx 0 -> 1.
	//>zh 取出 buf[recvx] = buf[0]，把 buf[0] 清为 Task{0, ""}，recvx 0 -> 1。
	t := <-ch
	fmt.Println("received", t.Name, "- len", len(ch))
	//> buf[2] = t3; sendx reaches dataqsiz and wraps: 2 -> 0.
	//>zh buf[2] = t3；sendx 到达 dataqsiz 后回绕：2 -> 0。
	ch <- Task{3, "t3"}
	//> buf[0] = t4: the slot t1 left is reused. sendx 0 -> 1 = recvx: the ring is full.
	//>zh buf[0] = t4：复用 t1 空出的槽。sendx 0 -> 1 = recvx：环满了。
	ch <- Task{4, "t4"}
	fmt.Println("len", len(ch), "cap", cap(ch), "- full")
	for i := 0; i < 3; i++ {
		//> FIFO from recvx: buf[1] (t2), buf[2] (t3), then recvx wraps to 0 and takes buf[0] (t4).
		//>zh 从 recvx 开始先进先出：buf[1]（t2）、buf[2]（t3），然后 recvx 回绕到 0，取 buf[0]（t4）。
		t = <-ch
		fmt.Println("received", t.Name, "id", t.ID, "- len", len(ch))
	}
}
