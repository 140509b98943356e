// Title: Lost updates: count++ is a load, an add and a store
// Title-zh: 丢失的更新：count++ 是一次读取、一次加法和一次写入
// Teaches: Two goroutines each add 1 to a shared counter three times. count++ is not one step: it loads
//   count, adds 1, and stores the result (001 §1: Load, Incr, Store). Under Go's own scheduler with
//   GOMAXPROCS=1 each goroutine runs its three increments without being interrupted, so this program
//   prints 6. With more than one P another goroutine may run between the load and the store: if both
//   load the same value, both store value+1 and one update is lost. hchanviz explore tries every
//   schedule: the final count can be anything from 2 to 6, and each value comes with a witness, the
//   schedule with the fewest preemptions that produces it (hchanviz run --sched replay:W plays it).
//   hchanviz run --race reports the race in the schedule that prints 6, as go run -race does: no
//   happens-before edge orders the two goroutines' accesses, whether or not an update was lost.
// Teaches-zh: 两个 goroutine 各自给共享计数器加 1，各加三次。count++ 不是一步：它读取 count、加 1、再写回结果
//   （001 §1：Load、Incr、Store）。GOMAXPROCS=1 时在 Go 自己的调度器下，每个 goroutine 连续完成三次自增不会
//   被打断，所以这个程序打印 6。有不止一个 P 时，另一个 goroutine 可能在读取和写入之间运行：如果两者读到同一个值，
//   两者都写入 value+1，一次更新就丢了。hchanviz explore 尝试所有调度：最终的计数可以是 2 到 6 之间的任何值，
//   每个值都有一个见证调度，即产生它的抢占最少的调度（用 hchanviz run --sched replay:W 重放）。hchanviz run --race
//   在打印 6 的调度中就报告了竞态，go run -race 也是如此：没有任何 happens-before 关系给两个 goroutine 的访问排序，
//   不管更新是否丢失。
// Predict: What does this program print under Go's own schedule? What is the smallest count another
//   schedule could print, and how?
// Predict-zh: 在 Go 自己的调度下这个程序打印什么？别的调度可能打印的最小计数是多少？怎样做到？
// Outcome: exit 0
// Source: 001 §1 (data races and atomicity: i++ is Load, Incr, Store)

package main

import (
	"fmt"
	"sync"
)

var count int

func add(wg *sync.WaitGroup) {
	for i := 0; i < 3; i++ {
		//> Load, add, store: with --preempt another goroutine may run between the load and the store.
		//>zh 读取、加法、写入：加上 --preempt，另一个 goroutine 可能在读取和写入之间运行。
		count++
	}
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	//> Two goroutines share count: nothing orders their loads and stores.
	//>zh 两个 goroutine 共享 count：没有任何东西给它们的读取和写入排序。
	go add(&wg)
	go add(&wg)
	//> Wait orders each goroutine's last store before main's read, but not the goroutines among themselves.
	//>zh Wait 保证每个 goroutine 的最后一次写入发生在 main 读取之前，但不给两个 goroutine 之间排序。
	wg.Wait()
	//> 6 under Go's own schedule; hchanviz explore finds every count from 2 to 6.
	//>zh 在 Go 自己的调度下是 6；hchanviz explore 能找到从 2 到 6 的每个计数。
	fmt.Println("count:", count)
}
