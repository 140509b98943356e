// Title: Lost updates fixed by an owner: one goroutine keeps the counter, the others send to it
// Title-zh: 用所有者修复丢失的更新：一个 goroutine 保管计数器，其他 goroutine 给它发消息
// Teaches: Share memory by communicating (lesson 24): the counter belongs to one goroutine, counter,
//   and only it ever reads or writes count. The two workers send 1 on adds for each increment; when
//   both are done, main closes adds and counter sends the total back. Every access to count is made
//   by the same goroutine, so there is nothing to race on: hchanviz explore finds one outcome,
//   total: 6, over every schedule, and run --race finds no race. The channel operations themselves
//   are synchronised by the runtime (hchan's lock), which is what the lost update lacked.
// Teaches-zh: 通过通信共享内存（第 24 课）：计数器属于一个 goroutine，counter，只有它读写 count。两个 worker 每次
//   自增就往 adds 发送一个 1；两者都完成后，main 关闭 adds，counter 把总数发回来。对 count 的每次访问都来自同一个
//   goroutine，所以没有什么可以竞争的：hchanviz explore 在所有调度中只找到一个结果 total: 6，run --race 也找不到
//   竞态。channel 操作本身由运行时同步（hchan 的锁），这正是丢失更新时所缺少的。
// Predict: Which goroutine touches count? What would go wrong if a worker did count++ itself?
// Predict-zh: 哪个 goroutine 会访问 count？如果某个 worker 自己做 count++，会出什么问题？
// Outcome: exit 0
// Source: 001 §1 (data races: give the data one owner); 001 §4.1

package main

import (
	"fmt"
	"sync"
)

func counter(adds <-chan int, total chan<- int) {
	count := 0
	//> Only this goroutine reads or writes count: each receive is one increment, in some order.
	//>zh 只有这个 goroutine 读写 count：每次接收就是一次自增，顺序任意。
	for n := range adds {
		count += n
	}
	total <- count
}

func worker(adds chan<- int, wg *sync.WaitGroup) {
	for i := 0; i < 3; i++ {
		//> A worker never touches count: it asks the owner, through the channel.
		//>zh worker 从不访问 count：它通过 channel 请求所有者。
		adds <- 1
	}
	wg.Done()
}

func main() {
	adds := make(chan int)
	total := make(chan int)
	go counter(adds, total)
	var wg sync.WaitGroup
	wg.Add(2)
	go worker(adds, &wg)
	go worker(adds, &wg)
	wg.Wait()
	//> The workers are done: closing adds ends counter's range, and it sends the total.
	//>zh worker 都完成了：关闭 adds 结束 counter 的 range，它发回总数。
	close(adds)
	fmt.Println("total:", <-total)
}
