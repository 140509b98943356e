// ERROR: 7:1: syntax error: unexpected semicolon or newline before {
package main

import "fmt"

func main()
{
	fmt.Println("brace on its own line")
}
