// Title: Lost updates fixed with a mutex: the load and the store in one critical section
// Title-zh: 用互斥锁修复丢失的更新：读取和写入在同一个临界区里
// Teaches: The counter of lesson 31, each count++ now between mu.Lock() and mu.Unlock(). A goroutine
//   may still be preempted between the load and the store, but the other one then blocks in Lock
//   (semacquire) until Unlock: no one else's load can come between them. hchanviz explore finds a
//   single outcome over every schedule, count: 6; and run --race finds no race, since Unlock
//   happens before the next Lock (sync.Mutex's race annotations: Lock acquires, Unlock releases),
//   which orders every access to count.
// Teaches-zh: 还是第 31 课的计数器，只是每次 count++ 都放在 mu.Lock() 和 mu.Unlock() 之间。goroutine 仍可能在
//   读取和写入之间被抢占，但另一个 goroutine 此时会阻塞在 Lock（semacquire）上直到 Unlock：别人的读取无法插在
//   中间。hchanviz explore 在所有调度中只找到一个结果，count: 6；run --race 也找不到竞态，因为 Unlock
//   happens before 下一次 Lock（sync.Mutex 的竞态标注：Lock 获取，Unlock 释放），它给每次对 count 的访问排了序。
// Predict: Can another schedule print less than 6 now? Where would the other goroutine wait?
// Predict-zh: 现在别的调度还会打印小于 6 的值吗？另一个 goroutine 会在哪里等待？
// Outcome: exit 0
// Source: 001 §1 (data races and atomicity: protect the whole read-modify-write)

package main

import (
	"fmt"
	"sync"
)

var (
	count int
	mu    sync.Mutex
)

func add(wg *sync.WaitGroup) {
	for i := 0; i < 3; i++ {
		//> Whoever holds mu does the whole load-add-store; the other waits in Lock.
		//>zh 持有 mu 的一方完成整个读取-加法-写入；另一方在 Lock 中等待。
		mu.Lock()
		count++
		//> Unlock releases; the next Lock acquires: the race detector sees the order.
		//>zh Unlock 释放；下一次 Lock 获取：竞态检测器看得到这个顺序。
		mu.Unlock()
	}
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	//> The same two goroutines; now every access to count is made holding mu.
	//>zh 还是那两个 goroutine；现在对 count 的每次访问都在持有 mu 时进行。
	go add(&wg)
	go add(&wg)
	wg.Wait()
	//> Always 6: explore finds this one outcome over every schedule.
	//>zh 总是 6：explore 在所有调度中只找到这一个结果。
	fmt.Println("count:", count)
}
