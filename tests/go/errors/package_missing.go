// ERROR: 2:1: syntax error: package statement must be first
import "fmt"

func main() {
	fmt.Println("no package clause")
}
