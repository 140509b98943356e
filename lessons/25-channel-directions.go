// Title: Channel directions: what chan<- and <-chan forbid
// Title-zh: channel 的方向：chan<- 和 <-chan 禁止了什么
// Teaches: chan T can send and receive; chan<- T can only send; <-chan T can only receive. A
//   bidirectional channel converts implicitly to either direction, so a function states in its
//   signature what it will do with a channel, and the compiler holds it to that. The direction is
//   a property of the type only: at run time there is one hchan, and both ends below are the same
//   pointer to it. Closing belongs to the sending side: close of a <-chan T does not compile, which
//   is the principle "don't close from the receiver side" made a type rule. Each forbidden line is
//   shown with the message go build (and hchanviz) prints for it.
// Teaches-zh: chan T 可以发送也可以接收；chan<- T 只能发送；<-chan T 只能接收。双向 channel 可以隐式转换成任一
//   方向，所以函数在签名里就声明了它会怎样使用一个 channel，而编译器会让它说到做到。方向只是类型的属性：运行时
//   只有一个 hchan，下面两端是指向它的同一个指针。关闭属于发送一方：对 <-chan T 调用 close 无法通过编译，这就是
//   "不要从接收方关闭"这条原则变成了类型规则。每一行被禁止的代码都附上了 go build（以及 hchanviz）给出的报错。
// Predict: Which of these compile: a receive from out in producer, a send on in in consumer,
//   close(in) in consumer, close(out) in producer?
// Predict-zh: 以下哪些能通过编译：在 producer 里从 out 接收、在 consumer 里向 in 发送、在 consumer 里
//   close(in)、在 producer 里 close(out)？
// Outcome: exit 0
// Source: 001 §2.4 (chan T, chan<- T, <-chan T), §4.1 (don't close from the receiver side)

package main

import "fmt"

// producer may only send on out, and it may close it.
func producer(out chan<- int) {
	for i := 1; i <= 3; i++ {
		//> A send on a send-only channel: allowed. Writing v := <-out here instead is rejected with
		//> "invalid operation: cannot receive from send-only channel out (variable of type chan<- int)".
		//>zh 在只能发送的 channel 上发送：允许。如果在这里改写成 v := <-out，编译会被拒绝：
		//>zh "invalid operation: cannot receive from send-only channel out (variable of type chan<- int)"。
		out <- i
	}
	//> The sending side closes: allowed on chan<- int.
	//>zh 由发送一方关闭：chan<- int 允许 close。
	close(out)
}

// consumer may only receive from in.
func consumer(in <-chan int, done chan<- bool) {
	//> Receiving from a receive-only channel: allowed. A send here, in <- 0, is rejected with
	//> "invalid operation: cannot send to receive-only channel in (variable of type <-chan int)".
	//>zh 从只能接收的 channel 接收：允许。如果在这里发送 in <- 0，编译会被拒绝：
	//>zh "invalid operation: cannot send to receive-only channel in (variable of type <-chan int)"。
	for v := range in {
		fmt.Println("consumer got", v)
	}
	//> close(in) here is rejected with
	//> "invalid operation: cannot close receive-only channel in (variable of type <-chan int)":
	//> the receiver cannot close, by type.
	//>zh 在这里写 close(in) 会被拒绝："invalid operation: cannot close receive-only channel in
	//>zh (variable of type <-chan int)"：从类型上就保证了接收方无法关闭。
	done <- true
}

func main() {
	ch := make(chan int)
	done := make(chan bool)
	var out chan<- int = ch //> chan int converts to chan<- int implicitly. //>zh chan int 隐式转换为 chan<- int。
	var in <-chan int = ch
	//> The same hchan under three types: out, in and ch compare equal.
	//>zh 同一个 hchan，三种类型：out、in 和 ch 相等。
	fmt.Println("same channel:", out == ch, in == ch)
	go producer(out)
	go consumer(in, done)
	<-done
}
