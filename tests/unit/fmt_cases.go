//go:build ignore

// fmt_cases.go generated the expected strings of tests/unit/test_fmt.c: the
// WANT table there is this program's output under Go 1.19, pasted verbatim.
//
//	cd tests/unit && GOMAXPROCS=1 go run fmt_cases.go
//
// Each case is a name and what real Go prints for it; test_fmt.c builds the
// same operands out of Sim values and looks its expectations up by name.
// Panic cases run this program again as a child ("panic NAME") and take the
// first line of its crash output, after "panic: ".  time.Time cases run it
// under Go's playground clock (go run -tags faketime fmt_cases.go time),
// whose output comes in frames of a 16-byte header and the text.
// go vet objects to many of these calls: the bad formats are the point.  Cases whose output holds
// an address (non-nil pointers, channels, funcs) are not here: a run's
// addresses cannot be matched, and test_fmt.c checks only their shape.
package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

type T struct {
	A int
	B string
}

type Outer struct {
	In  T
	N   int
	P   *T
	S   []int
	E   any
	Err error
	C   chan int
	F   func()
}

type W struct {
	D time.Duration
	d time.Duration
	E any
	e any
}

type E struct{}

type L struct {
	mu sync.Mutex
	n  int
}

type MyInt int
type MyStr string
type MyBool bool

type wantCase struct{ name, got string }

var cases []wantCase

func add(name, got string) { cases = append(cases, wantCase{name, got}) }

func f(name, format string, a ...any) { add(name, fmt.Sprintf(format, a...)) }

// cquote writes s as a C string literal, bytes outside printable ASCII as
// three-digit octal escapes (which, unlike \x, cannot swallow a following digit).
func cquote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f || c == '?':
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var panics = map[string]func(){
	"panic_str":     func() { panic("boom") },
	"panic_int":     func() { panic(42) },
	"panic_bool":    func() { panic(true) },
	"panic_rune":    func() { panic('x') },
	"panic_err":     func() { panic(errors.New("boom")) },
	"panic_errorf":  func() { panic(fmt.Errorf("wrap: %w", errors.New("boom"))) },
	"panic_myint":   func() { panic(MyInt(3)) },
	"panic_mystr":   func() { panic(MyStr("x")) },
	"panic_mybool":  func() { panic(MyBool(false)) },
	"panic_dur":     func() { panic(1500 * time.Millisecond) },
	"panic_nil":     func() { panic(nil) },
	"panic_nilptr":  func() { panic((*T)(nil)) },
	"panic_sprintf": func() { panic(fmt.Sprintf("bad value %d", 7)) },
	"panic_plain": func() {
		var r any
		func() {
			defer func() { r = recover() }()
			c := make(chan int)
			close(c)
			close(c)
		}()
		panic(r)
	},
}

var panicOrder = []string{"panic_str", "panic_int", "panic_bool", "panic_rune", "panic_err", "panic_errorf",
	"panic_myint", "panic_mystr", "panic_mybool", "panic_dur", "panic_nil", "panic_nilptr", "panic_sprintf",
	"panic_plain"}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "panic" {
		panics[os.Args[2]]()
		return
	}
	if len(os.Args) == 2 && os.Args[1] == "time" { // under -tags faketime
		fmt.Println(time.Now())
		time.Sleep(1500 * time.Millisecond)
		fmt.Printf("%v|%T\n", time.Now(), time.Now())
		t := <-time.After(time.Second)
		fmt.Printf("%s|%d\n", []time.Time{t}, t.Nanosecond())
		return
	}

	// integers
	f("int_v", "%v", 42)
	f("int_d_neg", "%d", -7)
	f("int_w5", "%5d|", 42)
	f("int_wm5", "%-5d|", 42)
	f("int_z5", "%05d", 42)
	f("int_z5_neg", "%05d", -42)
	f("int_plus", "%+d", 42)
	f("int_space", "% d", 42)
	f("int_x", "%x", 255)
	f("int_X", "%X", 255)
	f("int_sharp_x", "%#x", 255)
	f("int_x_neg", "%x", -255)
	f("int_o", "%o", 8)
	f("int_sharp_o", "%#o", 8)
	f("int_O", "%O", 8)
	f("int_b", "%b", 5)
	f("int_prec", "%.3d", 42)
	f("int_prec_w", "%8.3d|", 42)
	f("int_zero_prec", "%08.3d", 42)
	f("int_prec0_zero", "[%.0d]", 0)
	f("int_w_prec0_zero", "[%5.0d]", 0)
	f("int_c", "%c", 65)
	f("int_c_cjk", "%c", 0x4e16)
	f("int_c_bad", "%c", -1)
	f("int_q", "%q", 65)
	f("int_q_nl", "%q", 10)
	f("int_q_plus", "%+q", 0x4e16)
	f("int_q_cjk", "%q", 0x4e16)
	f("int_U", "%U", 0x41)
	f("int_sharp_U", "%#U", 0x4e16)
	f("int_min", "%d", math.MinInt64)
	f("int_min_x", "%x", math.MinInt64)
	f("int_max", "%v", math.MaxInt64)
	f("int_s", "%s", 5)
	f("int_t", "%t", 5)
	f("int_z", "%z", 5)
	f("int_star", "%*d|", 5, 42)
	f("int_star_neg", "%*d|", -5, 42)
	f("int_star_prec", "%.*d", 3, 7)
	f("int_star_bad", "%*d", "x", 42)
	f("int_prec_star_bad", "%.*d", "x", 42)
	f("int_sharp_v", "%#v", 42)
	f("myint_v", "%v", MyInt(3))
	f("myint_T", "%T", MyInt(3))
	f("myint_sharp_v", "%#v", MyInt(3))
	f("rune_v", "%v", 'x')
	f("rune_c", "%c", 'x')
	f("rune_q", "%q", 'x')
	f("rune_T", "%T", 'x')
	f("rune_d", "%d", 'é')

	// booleans
	f("bool_v", "%v", true)
	f("bool_t", "%t", false)
	f("bool_w", "%6t|", true)
	f("bool_wm", "%-6v|", false)
	f("bool_d", "%d", true)
	f("bool_sharp_v", "%#v", true)

	// strings
	f("str_v", "%v", "hi")
	f("str_s", "%s", "hi")
	f("str_q", "%q", "hi")
	f("str_q_esc", "%q", "a\"b\\c\n\t\x00\x7f é 世 \u200b")
	f("str_q_plus", "%+q", "é世")
	f("str_q_sharp", "%#q", "hi")
	f("str_q_sharp_nl", "%#q", "a\nb")
	f("str_q_bad", "%q", "\xff")
	f("str_q_w", "%8q|", "hi")
	f("str_x", "%x", "hi")
	f("str_X", "%X", "hi!")
	f("str_x_space", "% x", "hi")
	f("str_x_sharp", "%#x", "hi")
	f("str_x_space_sharp", "% #x", "hi")
	f("str_x_empty", "[%x]", "")
	f("str_x_w", "%6x|", "hi")
	f("str_x_prec", "%.1x", "hi")
	f("str_w", "%10s|", "hi")
	f("str_wm", "%-10s|", "hi")
	f("str_prec", "%.2s", "hello")
	f("str_prec_utf8", "%.2s", "héllo")
	f("str_w_prec", "%5.1s|", "hello")
	f("str_zero", "%05s", "hi")
	f("str_w_utf8", "%6s|", "世界")
	f("str_d", "%d", "hi")
	f("str_c", "%c", "hi")
	f("str_empty", "[%v]", "")
	f("str_T", "%T", "hi")
	f("str_sharp_v", "%#v", "a\"b")
	f("mystr_v", "%v", MyStr("x"))
	f("mystr_T", "%T", MyStr("x"))

	// errors in the format, missing and extra operands
	f("missing", "%d %d", 1)
	f("missing_only", "%s")
	f("extra", "%d", 1, 3, "x")
	f("extra_nil", "hi", nil)
	f("extra_w", "%5d", 1, 2)
	f("extra_err", "x", errors.New("e"))
	f("nil_v", "%v", nil)
	f("nil_d", "%d", nil)
	f("nil_T", "%T", nil)
	f("nil_s", "%s", nil)
	f("nil_w", "%5v|", nil)
	f("noverb", "abc%")
	f("noverb_flags", "%-5")
	f("pct", "100%%")
	f("pct_w", "%5%")
	f("idx", "%[2]d %[1]d", 1, 2)
	f("idx_bad", "%[3]d", 1, 2)
	f("idx_reuse", "%[1]d %[1]v", 7)
	f("idx_then", "%[2]d %d", 1, 2, 3)
	f("idx_star", "%[2]*[1]d|", 7, 5)
	f("idx_syntax", "%[x]d", 1)
	f("bad_verb_utf8", "%é", 1)

	// structs
	t := T{1, "hi"}
	f("st_v", "%v", t)
	f("st_plus_v", "%+v", t)
	f("st_sharp_v", "%#v", t)
	f("st_T", "%T", t)
	f("st_d", "%d", t)
	f("st_s", "%s", t)
	f("st_x", "%x", t)
	f("st_q", "%q", t)
	f("st_w", "%4v", t)
	f("st_prec", "%.1v", t)
	f("st_zero_v", "%v", T{})
	f("st_zero_plus_v", "%+v", T{})
	f("st_zero_q", "%q", T{})
	f("empty_v", "%v", struct{}{})
	f("empty_sharp_v", "%#v", struct{}{})
	f("empty_T", "%T", struct{}{})
	f("named_empty_sharp_v", "%#v", E{})
	outer := Outer{In: T{1, "a"}, N: 2, S: []int{1, 2}}
	f("outer_v", "%v", outer)
	f("outer_plus_v", "%+v", outer)
	f("outer_sharp_v", "%#v", outer)
	outer2 := Outer{E: "x", Err: errors.New("bad")}
	f("outer2_v", "%v", outer2)
	f("outer2_plus_v", "%+v", outer2)
	f("outer3_sharp_v", "%#v", Outer{E: 5})
	w := W{D: 1500 * time.Millisecond, d: 1500 * time.Millisecond, E: 2 * time.Second, e: 2 * time.Second}
	f("w_v", "%v", w)
	f("w_plus_v", "%+v", w)

	// pointers
	f("ptr_v", "%v", &t)
	f("ptr_plus_v", "%+v", &t)
	f("ptr_sharp_v", "%#v", &t)
	f("ptr_T", "%T", &t)
	f("ptr_d", "%d", &t)
	var np *T
	f("nilptr_v", "%v", np)
	f("nilptr_sharp_v", "%#v", np)
	f("nilptr_d", "%d", np)
	f("nilptr_s", "%s", np)
	f("nilptr_p", "%p", np)
	f("nilptr_w", "%6v|", np)
	f("ptr_slice_v", "%v", &[]int{1, 2})

	// slices
	f("slice_v", "%v", []int{1, 2, 3})
	f("slice_strs", "%v", []string{"a", "b"})
	f("slice_strs_q", "%q", []string{"a", "b"})
	ts := []T{{1, "a"}, {2, "b"}}
	f("slice_st_v", "%v", ts)
	f("slice_st_plus_v", "%+v", ts)
	f("slice_st_sharp_v", "%#v", ts)
	f("slice_nil_v", "%v", []int(nil))
	f("slice_nil_sharp_v", "%#v", []int(nil))
	f("slice_empty_sharp_v", "%#v", []int{})
	f("slice_d", "%d", []int{1, 2, 3})
	f("slice_x", "%x", []int{10, 255})
	f("slice_w", "%3d", []int{1, 2})
	f("slice_s", "%s", []int{1, 2})
	f("slice_any", "%v", []any{1, "a", nil, true})
	f("slice_any_sharp_v", "%#v", []any{nil, 1})
	f("slice_any_T", "%T", []any{})
	f("slice_nested", "%v", [][]int{{1, 2}, {3}})
	f("slice_ptr_nil", "%v", []*T{nil})
	f("slice_err", "%v", []error{errors.New("x"), nil})
	f("slice_chan_nil", "%v", []chan int{nil})
	f("slice_T", "%T", []int{})
	f("slice_dur", "%v", []time.Duration{time.Second, 2 * time.Millisecond})

	// channels and funcs (nil ones: non-nil ones print addresses)
	var c chan int
	f("chan_nil_v", "%v", c)
	f("chan_T", "%T", c)
	f("chan_recv_T", "%T", (<-chan int)(nil))
	f("chan_send_T", "%T", (chan<- string)(nil))
	f("chan_chan_T", "%T", (chan (<-chan int))(nil))
	f("chan_nil_sharp_v", "%#v", c)
	f("chan_nil_d", "%d", c)
	f("chan_nil_p", "%p", c)
	var fn func()
	f("func_nil_v", "%v", fn)
	f("func_T", "%T", fn)
	f("func_T2", "%T", (func(int) string)(nil))
	f("func_T3", "%T", (func(int, string) (int, error))(nil))
	f("func_nil_sharp_v", "%#v", fn)
	f("func_nil_p", "%p", fn)

	// time.Duration
	f("dur_v", "%v", 1500*time.Millisecond)
	f("dur_100ms", "%v", 100*time.Millisecond)
	f("dur_2m", "%v", 120*time.Second)
	f("dur_0", "%v", time.Duration(0))
	f("dur_h", "%v", time.Hour+2*time.Minute+3500*time.Millisecond)
	f("dur_us", "%v", time.Microsecond)
	f("dur_us_frac", "%v", 1500*time.Nanosecond)
	f("dur_ms_frac", "%v", 1234567*time.Nanosecond)
	f("dur_ns", "%v", time.Nanosecond)
	f("dur_neg", "%v", -1500*time.Millisecond)
	f("dur_90m", "%v", 90*time.Minute)
	f("dur_max", "%v", time.Duration(math.MaxInt64))
	f("dur_min", "%v", time.Duration(math.MinInt64))
	f("dur_d", "%d", time.Second)
	f("dur_T", "%T", time.Second)
	f("dur_s", "%s", time.Second)
	f("dur_q", "%q", time.Second)
	f("dur_w", "%10v|", 1500*time.Millisecond)
	f("dur_t", "%t", time.Second)
	f("dur_x", "%x", time.Second)
	f("dur_sharp_v", "%#v", time.Second)
	d := 3 * time.Second
	f("dur_ptr_v", "%v", &d)

	// errors
	err := errors.New("boom")
	f("err_v", "%v", err)
	f("err_s", "%s", err)
	f("err_q", "%q", err)
	f("err_T", "%T", err)
	f("err_d", "%d", err)
	f("err_plus_v", "%+v", err)
	f("err_sharp_v", "%#v", err)
	f("err_x", "%x", err)
	f("err_w", "%10v|", err)
	wrapped := fmt.Errorf("wrap: %w", err)
	f("errorf_v", "%v", wrapped)
	f("errorf_T", "%T", wrapped)
	noW := fmt.Errorf("n=%d", 3)
	f("errorf_noW_v", "%v", noW)
	f("errorf_noW_T", "%T", noW)
	twoW := fmt.Errorf("%w %w", errors.New("a"), errors.New("b"))
	f("errorf_2w_v", "%v", twoW)
	f("errorf_2w_T", "%T", twoW)
	f("errorf_w_str", "%v", fmt.Errorf("%w", "s"))
	f("errorf_w_nil", "%v", fmt.Errorf("x %w", nil))
	f("printf_w", "%w", err)
	var plain any
	func() {
		defer func() { plain = recover() }()
		ch := make(chan int)
		close(ch)
		close(ch)
	}()
	f("plain_v", "%v", plain)
	f("plain_T", "%T", plain)

	// sync types, as their structs in package sync print
	var mu sync.Mutex
	f("mutex_v", "%v", &mu)
	f("mutex_plus_v", "%+v", &mu)
	f("mutex_sharp_v", "%#v", &mu)
	f("mutex_T", "%T", &mu)
	f("mutex_s", "%s", &mu)
	var wg sync.WaitGroup
	f("wg_v", "%v", &wg)
	f("wg_sharp_v", "%#v", &wg)
	var once sync.Once
	f("once_v", "%v", &once)
	f("once_plus_v", "%+v", &once)
	f("lock_in_struct", "%v", &L{n: 5})
	mu.Lock()
	f("mutex_locked", "%v", &mu)
	wg.Add(2)
	f("wg_add2", "%v", &wg)

	// Print and Println
	add("sprint_mixed", fmt.Sprint("a", 1, 2, "b"))
	add("sprint_ints", fmt.Sprint(1, 2))
	add("sprint_strs", fmt.Sprint("a", "b"))
	add("sprint_nil_nil", fmt.Sprint(nil, nil))
	add("sprint_str_nil", fmt.Sprint("x", nil, 3))
	add("sprint_mystr", fmt.Sprint(MyStr("a"), 1))
	add("sprint_ptr", fmt.Sprint(&T{1, "a"}, 2))
	add("sprint_err", fmt.Sprint(err, err))
	add("sprintln_mixed", fmt.Sprintln("a", 1, true, nil))
	add("sprintln_struct", fmt.Sprintln(T{1, "hi"}))
	add("sprintln_nil", fmt.Sprintln(nil))
	add("sprintln_bool", fmt.Sprintln(false))
	add("sprintln_empty", fmt.Sprintln())
	add("sprintln_err", fmt.Sprintln(err))
	add("sprintln_dur", fmt.Sprintln("took", 2*time.Second))

	// panics: the runtime's print of the value, from a child process
	for _, name := range panicOrder {
		out, _ := exec.Command(os.Args[0], "panic", name).CombinedOutput()
		line := strings.SplitN(string(out), "\n", 2)[0]
		add(name, strings.TrimPrefix(line, "panic: "))
	}

	// time.Time on the playground clock
	_, self, _, _ := runtime.Caller(0)
	out, err2 := exec.Command("go", "run", "-tags", "faketime", self, "time").Output()
	if err2 != nil {
		panic(err2)
	}
	var text []byte
	for len(out) >= 16 && string(out[:4]) == "\x00\x00PB" {
		n := binary.BigEndian.Uint32(out[12:16])
		text = append(text, out[16:16+n]...)
		out = out[16+n:]
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(text), "\n"), "\n") {
		add(fmt.Sprintf("time_%d", i), line)
	}

	fmt.Println("/* generated by tests/unit/fmt_cases.go under " + "Go 1.19 */")
	for _, c := range cases {
		fmt.Printf("    {%q, %s},\n", c.name, cquote(c.got))
	}
}
