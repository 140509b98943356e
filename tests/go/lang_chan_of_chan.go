// lang: channels of channels: each request carries its own reply channel (request/response).
package main

import "fmt"

type Request struct {
	N     int
	Reply chan int
}

func server(reqs <-chan Request) {
	for r := range reqs {
		r.Reply <- r.N * r.N
	}
	fmt.Println("server: requests closed")
}

func main() {
	reqs := make(chan Request)
	go server(reqs)
	for i := 2; i <= 4; i++ {
		reply := make(chan int)
		reqs <- Request{N: i, Reply: reply}
		fmt.Println(i, "squared is", <-reply)
	}
	chans := make(chan chan string, 2)
	c1 := make(chan string, 1)
	c1 <- "inner value"
	chans <- c1
	fmt.Println(<-<-chans)
	close(reqs)
	done := make(chan chan bool)
	go func() {
		ack := <-done
		ack <- true
	}()
	ack := make(chan bool)
	done <- ack
	fmt.Println("acked:", <-ack)
}
