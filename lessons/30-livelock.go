// Title: Livelock: two polite goroutines back off in step, for ever (pinned)
// Title-zh: 活锁：两个谦让的 goroutine 步调一致地退让，永无止境（固定调度）
// Teaches: alice and bob each need both halves of a corridor, left and right: each half is a channel
//   with one slot, taken by sending into it and given back by receiving from it. Each takes the half in
//   front of them, takes a step (Gosched), tries the other half without blocking (select with default)
//   and, finding it taken, politely gives theirs back, steps aside and starts again. In lockstep, which
//   is how Go's own scheduler runs them with GOMAXPROCS=1 (each Gosched sends one to the global queue
//   behind the other), every attempt fails for both: both are busy, neither gets anywhere. That is
//   livelock, and Go does not detect it: checkdead reports only goroutines that are all asleep, and
//   these two are always runnable. A real livelock never ends; here each gives up after 5 attempts and
//   main, our own watchdog, panics when nobody got through. The pinned schedule lets them waste two
//   rounds and then breaks the lockstep once, with a single pick. alice is G2, bob is G3 (main is G1).
// Teaches-zh: alice 和 bob 都需要走廊的两半，left 和 right：每一半是一个只有一个槽位的 channel，往里发送就是
//   占用，从里面接收就是归还。每人先占自己面前的那一半，迈一步（Gosched），再不阻塞地试另一半（带 default
//   的 select），发现被占了，就客气地把自己那一半还回去，让到一边，从头再来。步调一致时（GOMAXPROCS=1 下
//   Go 自己的调度器正是这样运行它们的：每次 Gosched 都把一个送到全局队列、排在另一个后面），两人的每次尝试
//   都会失败：两人都很忙，谁也前进不了。这就是活锁，而且 Go 检测不到它：checkdead 只在所有 goroutine
//   都睡着时才报告，而这两个一直是可运行的。真正的活锁永远不会结束；这里每人尝试 5 次后放弃，main 作为我们
//   自己的看门狗，在没有人通过时 panic。固定的调度让他们白白浪费两轮，然后只用一次选取打破一次步调。alice
//   是 G2，bob 是 G3（main 是 G1）。
// Predict: Under Go's own schedule, how many attempts does each waste? With the pinned schedule, who
//   gets through, on which attempt, and how many rounds were wasted?
// Predict-zh: 在 Go 自己的调度下，每人浪费几次尝试？在固定的调度下，谁通过了？在第几次尝试？浪费了几轮？
// Outcome: exit 0
// Goal: Schedule by hand so that someone gets through before the watchdog panics
// Goal-zh: 手动调度，让某个人在看门狗 panic 之前通过
// Goal-outcome: exit 0
// Source: 001 §1 (livelock: the two people in the corridor)

package main

import (
	"fmt"
	"runtime"
	"sync"
)

const attempts = 5

// take tries to occupy a half without waiting: a send into its one slot, or default.
func take(half chan bool) bool {
	select {
	case half <- true:
		return true
	default:
		return false
	}
}

func polite(name string, mine, other chan bool, through chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for attempt := 1; attempt <= attempts; attempt++ {
		//> Take the half in front of me. The other one gave it back before its own retry, so it is
		//> free whenever both keep in step.
		//>zh 占住面前的那一半。对方在自己重试之前已经把它还回来了，所以只要两人步调一致，它总是空的。
		mine <- true
		//> A step forward: Gosched puts this goroutine at the tail of the global queue, behind the
		//> other one, who now takes its own half.
		//>zh 向前迈一步：Gosched 把这个 goroutine 放到全局队列的队尾，排在对方后面，对方这时去占它自己的那一半。
		runtime.Gosched()
		//> Try the other half without blocking: a select with default.
		//>zh 不阻塞地试另一半：带 default 的 select。
		if take(other) {
			fmt.Println(name, "gets through on attempt", attempt, "after", attempt-1, "wasted")
			<-other
			<-mine
			through <- attempt - 1
			return
		}
		//> Taken: the other one stands there. Wait a step before giving way, to be polite.
		//>zh 被占了：对方就站在那里。先等一步再让开，这是客气。
		runtime.Gosched()
		<-mine //> Give my half back. //>zh 把自己那一半还回去。
		fmt.Println(name, "backs off")
		//> Step aside and start again. The other one is doing exactly the same.
		//>zh 让到一边，从头再来。对方也在做一模一样的事。
		runtime.Gosched()
	}
	fmt.Println(name, "gives up after", attempts, "attempts")
}

//hchanviz:schedule G1 G3 G2 G3 G2 G3 G2 G3 G2 G3 G2 G3 G2 G3 G3 G2
func main() {
	//> The pinned schedule: decisions 1 to 14 are Go's own: main, then bob (G3, the last created,
	//> in runnext) and alice (G2) taking turns, two rounds of take, try, give back. Decision 15 is
	//> the one change: Go would run alice, who is about to take left again; the pin runs bob twice
	//> in a row, so bob tries left while it is still free. One uneven step ends the livelock. (The
	//> last pick, alice at decision 16, is the only goroutine runnable then.)
	//>zh 固定的调度：第 1 到第 14 次决策与 Go 自己的相同：先是 main，然后 bob（G3，最后创建的，在 runnext
	//>zh 里）和 alice（G2）轮流，两轮“占住、尝试、归还”。第 15 次决策是唯一的改动：Go 会运行 alice，她正
	//>zh 要再次占住 left；固定的调度让 bob 连续运行两次，于是 bob 在 left 还空着的时候去试它。只要一步不
	//>zh 同步，活锁就结束了。（最后一次选取，即第 16 次决策的 alice，是当时唯一可运行的 goroutine。）
	left := make(chan bool, 1)
	right := make(chan bool, 1)
	through := make(chan int, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go polite("alice", left, right, through, &wg)
	go polite("bob", right, left, through, &wg)
	wg.Wait()
	//> Nobody got through: a real livelock would spin here for ever; the watchdog turns it into a
	//> panic. That is how this program ends under Go's own schedule with GOMAXPROCS=1, where the two
	//> never fall out of step. With GOMAXPROCS=4 they run on two threads, each at its own pace: in the
	//> recorded runs both endings occurred, some runs got through and some livelocked until the
	//> watchdog panicked.
	//>zh 没有人通过：真正的活锁会在这里永远空转下去；看门狗把它变成 panic。在 GOMAXPROCS=1 下，Go 自己的
	//>zh 调度从不让两人失去同步，这个程序就是这样结束的。在 GOMAXPROCS=4 下，两人在两个线程上各按自己的步调
	//>zh 运行：在记录的运行中，两种结局都出现了，有的运行有人通过，有的一直活锁到看门狗 panic。
	if len(through) == 0 {
		panic("livelock: nobody got through")
	}
	//> Both got through in the end, each after wasting two rounds.
	//>zh 最后两人都通过了，各自都先浪费了两轮。
	fmt.Println("main:", len(through), "got through; the first wasted", <-through, "rounds")
}
