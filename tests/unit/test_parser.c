/* Tests for the Go parser (sim/go/parser.c) and the AST (sim/go/ast.c). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "go/ast.h"
#include "go/diag.h"
#include "go/parser.h"

/* ---------------------------------------------------------------------------
 * Helpers */

/* Parses src, failing the test (with the diagnostic) if it does not parse. */
static Ast *must_parse(const char *src) {
    Diag d;
    diag_init(&d);
    Ast *a = parse_file("t.go", src, strlen(src), &d);
    if (!a) {
        char *s = diag_format(&d);
        print_error("unexpected parse error:\n%s", s ? s : "?");
        free(s);
    }
    assert_non_null(a);
    assert_false(diag_has_error(&d));
    diag_free(&d);
    return a;
}

static void check_file(const char *src, const char *want) {
    Ast *a = must_parse(src);
    char *got = ast_dump_str(a->file, 0);
    assert_string_equal(got, want);
    free(got);
    ast_free(a);
}

/* Dumps the statements of the body of the last function in a, separated
 * by spaces. */
static char *dump_body(const Ast *a) {
    const Node *fn = a->file->list;
    while (fn->next) fn = fn->next;
    assert_int_equal(fn->kind, ND_FUNC_DECL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (const Node *s = fn->body->list; s; s = s->next) {
        if (s != fn->body->list) fputc(' ', f);
        ast_dump(f, s, 0);
    }
    fclose(f);
    return buf;
}

/* Parses stmts as the body of func f() and compares the dumped statements. */
static void check_stmts(const char *stmts, const char *want) {
    char src[8192];
    snprintf(src, sizeof src, "package main\n\nfunc f() {\n%s\n}\n", stmts);
    Ast *a = must_parse(src);
    char *got = dump_body(a);
    if (strcmp(got, want) != 0) print_error("statements:\n%s\n", stmts);
    assert_string_equal(got, want);
    free(got);
    ast_free(a);
}

/* Parses `var _ = expr` and compares the dump of expr. */
static void check_expr(const char *expr, const char *want) {
    char src[4096];
    snprintf(src, sizeof src, "package main\nvar _ = %s\n", expr);
    Ast *a = must_parse(src);
    char *got = ast_dump_str(a->file->list->list->rhs, 0);
    if (strcmp(got, want) != 0) print_error("expression: %s\n", expr);
    assert_string_equal(got, want);
    free(got);
    ast_free(a);
}

/* Parses src (of length len) and checks for exactly this first error. */
static void check_error_n(const char *src, size_t len, int line, int col, const char *msg) {
    Diag d;
    diag_init(&d);
    Ast *a = parse_file("t.go", src, len, &d);
    if (a || !diag_has_error(&d) || strcmp(d.msg, msg) != 0 || d.line != line || d.col != col) {
        print_error("source:\n%s\nwant %d:%d: %s\ngot  %d:%d: %s\n", src, line, col, msg, d.line, d.col,
                    d.msg ? d.msg : "(no error)");
    }
    assert_null(a);
    assert_true(diag_has_error(&d));
    assert_string_equal(d.msg, msg);
    assert_int_equal(d.line, line);
    assert_int_equal(d.col, col);
    diag_free(&d);
}

static void check_error(const char *src, int line, int col, const char *msg) {
    check_error_n(src, strlen(src), line, col, msg);
}

/* Wraps stmts in a function whose body starts on line 3 and checks the error. */
static void check_stmt_error(const char *stmts, int line, int col, const char *msg) {
    char src[4096];
    snprintf(src, sizeof src, "package main\nfunc f() {\n%s\n}\n", stmts);
    check_error(src, line, col, msg);
}

/* ---------------------------------------------------------------------------
 * Files and declarations */

static void test_package_and_imports(void **state) {
    (void)state;
    check_file("package main", "(file main)");
    check_file("package main\n\nimport \"fmt\"\n", "(file main (import \"fmt\"))");
    check_file("package main\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n",
               "(file main (import \"fmt\") (import \"sync\"))");
    check_file("package main\nimport ( \"fmt\"; \"sync\" )\nimport f \"fmt\"\nimport . \"x/y\"\nimport _ `z`\n",
               "(file main (import \"fmt\") (import \"sync\") (import f \"fmt\") (import . \"x/y\") (import _ \"z\"))");
    Ast *a = must_parse("package main\nimport (\n\t\"fmt\"\n)\n");
    const Node *imp = a->file->list;
    assert_int_equal(imp->kind, ND_IMPORT);
    assert_true(imp->flags & NF_GROUPED);
    assert_string_equal(imp->str, "fmt");
    assert_int_equal(imp->len, 3);
    assert_int_equal(imp->pos.line, 3);
    assert_int_equal(imp->pos.col, 2);
    ast_free(a);
}

static void test_func_decls(void **state) {
    (void)state;
    check_file("package main\nfunc main() {}\n", "(file main (func main - (functype [] []) (block)))");
    check_file("package main\nfunc (s *Session) Close() {}\n",
               "(file main (func Close (field [s] (* Session)) (functype [] []) (block)))");
    check_file("package main\nfunc (t T) String() string { return \"t\" }\n",
               "(file main (func String (field [t] T) (functype [] [(field [] string)]) (block (return \"t\"))))");
    check_file("package main\nfunc (T) m() {}\n", "(file main (func m (field [] T) (functype [] []) (block)))");
    check_file("package main\nfunc f(a, b int, c string) (int, bool) {}\n",
               "(file main (func f - (functype [(field [a b] int) (field [c] string)] "
               "[(field [] int) (field [] bool)]) (block)))");
    check_file("package main\nfunc f() (n int, err error) { return }\n",
               "(file main (func f - (functype [] [(field [n] int) (field [err] error)]) (block (return))))");
    check_file("package main\nfunc f(a, b, c int) {}\n",
               "(file main (func f - (functype [(field [a b c] int)] []) (block)))");
    check_file("package main\nfunc f(int, string) {}\n",
               "(file main (func f - (functype [(field [] int) (field [] string)] []) (block)))");
    check_file("package main\nfunc f(chan int, *T, []int, sync.Mutex,) {}\n",
               "(file main (func f - (functype [(field [] (chan int)) (field [] (* T)) (field [] (slice int)) "
               "(field [] (sel sync Mutex))] []) (block)))");
    check_file("package main\nfunc f(xs ...int) {}\n",
               "(file main (func f - (functype [(field [xs] (... int))] []) (block)))");
    check_file("package main\nfunc f(done chan<- bool, in <-chan int, f func(int) bool) {}\n",
               "(file main (func f - (functype [(field [done] (chan<- bool)) (field [in] (<-chan int)) "
               "(field [f] (functype [(field [] int)] [(field [] bool)]))] []) (block)))");
    check_file("package main\nfunc external(int) int\n",
               "(file main (func external - (functype [(field [] int)] [(field [] int)]) -))");
}

static void test_type_decls(void **state) {
    (void)state;
    check_file("package main\ntype Session struct { a, b chan int; ok bool; lock sync.Mutex }\n",
               "(file main (type (spec Session (struct (field [a b] (chan int)) (field [ok] bool) "
               "(field [lock] (sel sync Mutex))))))");
    check_file("package main\ntype Task struct {\n\tID int `json:\"id\"`\n\t*Base\n\tsync.Mutex\n\tName string\n}\n",
               "(file main (type (spec Task (struct (field [ID] int \"json:\\\"id\\\"\") (field [] (* Base)) "
               "(field [] (sel sync Mutex)) (field [Name] string)))))");
    check_file("package main\ntype X int\ntype E struct{}\n",
               "(file main (type (spec X int)) (type (spec E (struct))))");
    check_file("package main\ntype (\n\tA int\n\tB = string\n)\n",
               "(file main (type (spec A int) (alias B string)))");
    check_file("package main\ntype I interface {\n\tM(a int) (int, error)\n\tfmt.Stringer\n}\ntype Any interface{}\n",
               "(file main (type (spec I (interface (field [M] (functype [(field [a] int)] "
               "[(field [] int) (field [] error)])) (field [] (sel fmt Stringer))))) "
               "(type (spec Any (interface))))");
    check_file("package main\ntype M map[string][]*Task\ntype A [3]int\ntype F func() chan struct{}\n",
               "(file main (type (spec M (map string (slice (* Task))))) (type (spec A (array 3 int))) "
               "(type (spec F (functype [] [(field [] (chan (struct)))]))))");
}

static void test_var_const_decls(void **state) {
    (void)state;
    check_file("package main\nvar x int\nvar y = 1\nvar a, b int = 1, 2\n",
               "(file main (var (spec [x] int [])) (var (spec [y] - [1])) (var (spec [a b] int [1 2])))");
    check_file("package main\nvar (\n\tmu sync.Mutex\n\tn, m = 1, \"s\"\n)\n",
               "(file main (var (spec [mu] (sel sync Mutex) []) (spec [n m] - [1 \"s\"])))");
    check_file("package main\nconst Pi = 3.14\nconst N int = 10\n",
               "(file main (const (spec [Pi] - [3.14] iota=0)) (const (spec [N] int [10] iota=0)))");
    check_file("package main\nconst (\n\tA = iota\n\tB\n\tC\n)\n",
               "(file main (const (spec [A] - [iota] iota=0) (spec [B] - [] iota=1) (spec [C] - [] iota=2)))");
    check_file("package main\nconst ( KB = 1 << (10 * (iota + 1)); MB )\n",
               "(file main (const (spec [KB] - [(<< 1 (paren (* 10 (paren (+ iota 1)))))] iota=0) "
               "(spec [MB] - [] iota=1)))");
    Ast *a = must_parse("package main\nvar (\n\tx int\n)\n");
    assert_true(a->file->list->flags & NF_GROUPED);
    ast_free(a);
}

/* ---------------------------------------------------------------------------
 * Statements */

static void test_simple_statements(void **state) {
    (void)state;
    check_stmts("x := 1", "(:= [x] [1])");
    check_stmts("v, ok := m[k]", "(:= [v ok] [(index m k)])");
    check_stmts("a, b = b, a", "(= [a b] [b a])");
    check_stmts("x += 1; x -= 2; x *= 3; x /= 4; x %= 5",
                "(+= [x] [1]) (-= [x] [2]) (*= [x] [3]) (/= [x] [4]) (%= [x] [5])");
    check_stmts("x &= 1; x |= 2; x ^= 3; x <<= 4; x >>= 5; x &^= 6",
                "(&= [x] [1]) (|= [x] [2]) (^= [x] [3]) (<<= [x] [4]) (>>= [x] [5]) (&^= [x] [6])");
    check_stmts("i++\ni--", "(++ i) (-- i)");
    check_stmts("ch <- v", "(send ch v)");
    check_stmts("<-ch", "(expr (<- ch))");
    check_stmts("f(a, b)", "(expr (call f a b))");
    check_stmts("s.mu.Lock()", "(expr (call (sel (sel s mu) Lock)))");
    check_stmts("var wg sync.WaitGroup", "(var (spec [wg] (sel sync WaitGroup) []))");
    check_stmts("const k = 2", "(const (spec [k] - [2] iota=0))");
    check_stmts("type pair struct{ a, b int }", "(type (spec pair (struct (field [a b] int))))");
    check_stmts("{\n\tx := 1\n\t{}\n}", "(block (:= [x] [1]) (block))");
    check_stmts(";;\nx++;;", "(++ x)");
    check_stmts("p.x, a[i] = 1, 2", "(= [(sel p x) (index a i)] [1 2])");
    check_stmts("*p = 3", "(= [(* p)] [3])");
    check_stmts("x, y := <-ch, 1", "(:= [x y] [(<- ch) 1])");
}

static void test_if_statements(void **state) {
    (void)state;
    check_stmts("if x > 0 {\n\ty()\n}", "(if - (> x 0) (block (expr (call y))) -)");
    check_stmts("if v, ok := <-ch; ok {\n}", "(if (:= [v ok] [(<- ch)]) ok (block) -)");
    check_stmts("if a {\n} else if b {\n} else {\n\tc()\n}",
                "(if - a (block) (if - b (block) (block (expr (call c)))))");
    check_stmts("if x := f(); x {\n} else {\n}", "(if (:= [x] [(call f)]) x (block) (block))");
    check_stmts("if err := g(); err != nil {\n\treturn\n}", "(if (:= [err] [(call g)]) (!= err nil) (block (return)) -)");
}

static void test_for_statements(void **state) {
    (void)state;
    check_stmts("for i := 0; i < 10; i++ {\n}", "(for (:= [i] [0]) (< i 10) (++ i) (block))");
    check_stmts("for x < 10 {\n\tx++\n}", "(for - (< x 10) - (block (++ x)))");
    check_stmts("for {\n}", "(for - - - (block))");
    check_stmts("for ;; {\n}", "(for - - - (block))");
    check_stmts("for i := 0; i < n; {\n}", "(for (:= [i] [0]) (< i n) - (block))");
    check_stmts("for range ch {\n}", "(range - - - ch (block))");
    check_stmts("for v := range ch {\n}", "(range v - := ch (block))");
    check_stmts("for i, v := range slice {\n}", "(range i v := slice (block))");
    check_stmts("for i := range 10 {\n}", "(range i - := 10 (block))");
    check_stmts("for k, v = range m {\n}", "(range k v = m (block))");
    check_stmts("for _, x := range []int{1, 2} {\n}", "(range _ x := (composite (slice int) 1 2) (block))");
    check_stmts("for i := 0; i < 3; i, j = i+1, j-1 {\n}",
                "(for (:= [i] [0]) (< i 3) (= [i j] [(+ i 1) (- j 1)]) (block))");
}

static void test_branches_and_labels(void **state) {
    (void)state;
    check_stmts("outer:\n\tfor {\n\t\tfor {\n\t\t\tbreak outer\n\t\t}\n\t\tcontinue outer\n\t}",
                "(label outer (for - - - (block (for - - - (block (break outer))) (continue outer))))");
    check_stmts("for {\n\tbreak\n\tcontinue\n}", "(for - - - (block (break) (continue)))");
    check_stmts("goto L\nL:\n\tx++", "(goto L) (label L (++ x))");
    check_stmts("L:\n", "(label L (empty))");
    check_stmts("L: ;", "(label L (empty))");
    check_stmts("return 1, nil", "(return 1 nil)");
    check_stmts("return", "(return)");
}

static void test_switch_statements(void **state) {
    (void)state;
    check_stmts("switch x := f(); x {\ncase 1, 2:\n\ta()\ncase 3:\ndefault:\n\tb()\n\tfallthrough\n}",
                "(switch (:= [x] [(call f)]) x (case [1 2] (expr (call a))) (case [3]) "
                "(default (expr (call b)) (fallthrough)))");
    check_stmts("switch {\ncase x < 0:\n\treturn\n}", "(switch - - (case [(< x 0)] (return)))");
    check_stmts("switch x {\n}", "(switch - x)");
    check_stmts("switch v := i.(type) {\ncase int, string:\n\t_ = v\n}",
                "(switch - (assert i type v) (case [int string] (= [_] [v])))");
    check_stmts("switch i.(type) {\n}", "(switch - (assert i type))");
    check_stmts("switch x := 1; {\n}", "(switch (:= [x] [1]) -)");
}

static void test_select_statements(void **state) {
    (void)state;
    check_stmts("select {\n"
                "case ch <- v:\n"
                "case v := <-ch:\n\tuse(v)\n"
                "case v, ok := <-ch:\n"
                "case x = <-ch:\n"
                "case <-done:\n\treturn\n"
                "default:\n"
                "}",
                "(select (comm (send ch v)) (comm (:= [v] [(<- ch)]) (expr (call use v))) "
                "(comm (:= [v ok] [(<- ch)])) (comm (= [x] [(<- ch)])) (comm (expr (<- done)) (return)) "
                "(default))");
    check_stmts("select {}", "(select)");
    Ast *a = must_parse("package main\nfunc f() {\n\tselect {\n\tcase <-c:\n\t\tx()\n\t}\n}\n");
    const Node *comm = a->file->list->body->list->list;
    assert_int_equal(comm->kind, ND_COMM_CLAUSE);
    assert_int_equal(comm->body->kind, ND_BLOCK);
    assert_true(comm->body->flags & NF_IMPLICIT);
    assert_int_equal(comm->body->pos.line, 4);
    assert_int_equal(comm->body->pos.col, 10); /* the ':' */
    ast_free(a);
}

static void test_go_and_defer(void **state) {
    (void)state;
    check_stmts("go worker(ch)", "(go (call worker ch))");
    check_stmts("go s.run()", "(go (call (sel s run)))");
    check_stmts("go func() {\n\tch <- 1\n}()", "(go (call (funclit (functype [] []) (block (send ch 1)))))");
    check_stmts("go func(x int) { f(x) }(i)",
                "(go (call (funclit (functype [(field [x] int)] []) (block (expr (call f x)))) i))");
    check_stmts("defer wg.Done()", "(defer (call (sel wg Done)))");
    check_stmts("defer mu.Unlock()\ndefer close(ch)", "(defer (call (sel mu Unlock))) (defer (call close ch))");
}

/* ---------------------------------------------------------------------------
 * Expressions */

static void test_precedence(void **state) {
    (void)state;
    check_expr("a || b && c == d + e * f", "(|| a (&& b (== c (+ d (* e f)))))");
    check_expr("a * b + c", "(+ (* a b) c)");
    check_expr("a + b + c", "(+ (+ a b) c)");
    check_expr("a - b - c", "(- (- a b) c)");
    check_expr("a == b || c != d", "(|| (== a b) (!= c d))");
    check_expr("a < b && c <= d && e > f && g >= h", "(&& (&& (&& (< a b) (<= c d)) (> e f)) (>= g h))");
    check_expr("a | b ^ c &^ d", "(^ (| a b) (&^ c d))");
    check_expr("a << 1 >> 2 & 3 % 4 / 5", "(/ (% (& (>> (<< a 1) 2) 3) 4) 5)");
    check_expr("-x * y", "(* (- x) y)");
    check_expr("-x + +y - ^z", "(- (+ (- x) (+ y)) (^ z))");
    check_expr("!ok && !done", "(&& (! ok) (! done))");
    check_expr("<-ch + 1", "(+ (<- ch) 1)");
    check_expr("<-<-chch", "(<- (<- chch))");
    check_expr("*p * *q", "(* (* p) (* q))");
    check_expr("&x", "(& x)");
    check_expr("(a + b) * c", "(* (paren (+ a b)) c)");
}

static void test_operands_and_primaries(void **state) {
    (void)state;
    check_expr("x", "x");
    check_expr("42", "42");
    check_expr("0x1F + 0o17 + 017 + 0b1010 + 1_000", "(+ (+ (+ (+ 0x1F 0o17) 017) 0b1010) 1_000)");
    check_expr("\"a\\tb\\x41\\u00e9\\101\"", "\"a\\tbAéA\"");
    check_expr("`raw\\n`", "\"raw\\\\n\"");
    check_expr("'a'", "'a'");
    check_expr("'世'", "'世'");
    check_expr("1.5", "1.5");
    check_expr("true", "true");
    check_expr("nil", "nil");
    check_expr("f(a, b)", "(call f a b)");
    check_expr("f()", "(call f)");
    check_expr("f(a,\n\tb,\n)", "(call f a b)");
    check_expr("x.m()", "(call (sel x m))");
    check_expr("a.b.c", "(sel (sel a b) c)");
    check_expr("a[i]", "(index a i)");
    check_expr("a[i][j]", "(index (index a i) j)");
    check_expr("a[i:j]", "(slice-expr a i j)");
    check_expr("a[:j]", "(slice-expr a - j)");
    check_expr("a[i:]", "(slice-expr a i -)");
    check_expr("a[:]", "(slice-expr a - -)");
    check_expr("a[i:j:k]", "(slice-expr a i j k)");
    check_expr("f(x)(y)", "(call (call f x) y)");
    check_expr("append(a, b...)", "(call... append a b)");
    check_expr("x.(T)", "(assert x T)");
    check_expr("x.(*T).f", "(sel (assert x (* T)) f)");
    check_expr("[]byte(s)", "(call (slice byte) s)");
    check_expr("(*T)(p)", "(call (paren (* T)) p)");
    check_expr("time.Duration(n) * time.Millisecond", "(* (call (sel time Duration) n) (sel time Millisecond))");
    check_expr("func(x int) int { return x }", "(funclit (functype [(field [x] int)] [(field [] int)]) (block (return x)))");
    check_expr("func() {}()", "(call (funclit (functype [] []) (block)))");
}

static void test_composite_literals(void **state) {
    (void)state;
    check_expr("T{a, b}", "(composite T a b)");
    check_expr("T{Name: v, Age: 3}", "(composite T (kv Name v) (kv Age 3))");
    check_expr("&T{}", "(& (composite T))");
    check_expr("&Session{ok: true,\n}", "(& (composite Session (kv ok true)))");
    check_expr("[]int{1, 2, 3}", "(composite (slice int) 1 2 3)");
    check_expr("struct{}{}", "(composite (struct))");
    check_expr("[]string{}", "(composite (slice string))");
    check_expr("[...]int{1}", "(composite (array ... int) 1)");
    check_expr("[2]T{{1}, {2}}", "(composite (array 2 T) (composite - 1) (composite - 2))");
    check_expr("map[string]int{\"a\": 1}", "(composite (map string int) (kv \"a\" 1))");
    check_expr("map[K][]V{{1, 2}: {}}", "(composite (map K (slice V)) (kv (composite - 1 2) (composite -)))");
    check_expr("sync.WaitGroup{}", "(composite (sel sync WaitGroup))");
    check_expr("[]struct{ x, y int }{{1, 2}}", "(composite (slice (struct (field [x y] int))) (composite - 1 2))");
}

static void test_types_in_expressions(void **state) {
    (void)state;
    check_expr("make(chan int)", "(call make (chan int))");
    check_expr("make(chan T, 3)", "(call make (chan T) 3)");
    check_expr("make([]int, n)", "(call make (slice int) n)");
    check_expr("make(chan<- int)", "(call make (chan<- int))");
    check_expr("make(<-chan int)", "(call make (<-chan int))");
    check_expr("make(chan chan int)", "(call make (chan (chan int)))");
    check_expr("make(chan struct{})", "(call make (chan (struct)))");
    check_expr("make(chan<- chan int)", "(call make (chan<- (chan int)))");
    check_expr("make(chan (<-chan int))", "(call make (chan (paren (<-chan int))))");
    check_expr("make(<-chan <-chan int)", "(call make (<-chan (<-chan int)))");
    check_expr("make(map[string]int)", "(call make (map string int))");
    check_expr("new(T)", "(call new T)");
    check_expr("new(*T)", "(call new (* T))");
    check_expr("new([]T)", "(call new (slice T))");
    check_expr("f(func(int) bool)", "(call f (functype [(field [] int)] [(field [] bool)]))");
    check_expr("f(interface{})", "(call f (interface))");
    check_expr("f(any)", "(call f any)");
    check_expr("f(sync.WaitGroup, time.Duration)", "(call f (sel sync WaitGroup) (sel time Duration))");
    check_expr("<-chan int(nil)", "(<- (call (chan int) nil))");
    check_expr("(<-chan int)(nil)", "(call (paren (<-chan int)) nil)");
}

static void test_composite_literal_ambiguity(void **state) {
    (void)state;
    /* inside if/for/switch headers a bare T{ opens the block ... */
    check_stmts("if x == y {\n}", "(if - (== x y) (block) -)");
    /* ... so the literal must be parenthesized, */
    check_stmts("if x == (T{}) {\n}", "(if - (== x (paren (composite T))) (block) -)");
    /* unless it is inside some other brackets or has a type literal. */
    check_stmts("if f(T{}) {\n}", "(if - (call f (composite T)) (block) -)");
    check_stmts("if a[T{}.x] {\n}", "(if - (index a (sel (composite T) x)) (block) -)");
    check_stmts("for _, v := range []T{{1}} {\n}", "(range _ v := (composite (slice T) (composite - 1)) (block))");
    check_stmts("switch (T{}) {\n}", "(switch - (paren (composite T)))");
    check_stmts("if func() bool { return T{} == t }() {\n}",
                "(if - (call (funclit (functype [] [(field [] bool)]) (block (return (== (composite T) t))))) (block) -)");
    check_stmts("if ok := s == (p.T{}); ok {\n}", "(if (:= [ok] [(== s (paren (composite (sel p T))))]) ok (block) -)");
    /* and everywhere else composite literals are fine */
    check_stmts("x := T{}\nif x == y {\n}", "(:= [x] [(composite T)]) (if - (== x y) (block) -)");
    /* the error gc gives for the unparenthesized form */
    check_stmt_error("\tif x == T{} {\n\t}", 3, 14, "syntax error: unexpected { at end of statement");
    check_stmt_error("\tx := (T){}", 3, 10, "syntax error: cannot parenthesize type in composite literal");
}

/* A complete lesson-style program, dumped whole. */
static void test_representative_program(void **state) {
    (void)state;
    const char *src =
        "package main\n"
        "\n"
        "import (\n"
        "\t\"fmt\"\n"
        "\t\"sync\"\n"
        ")\n"
        "\n"
        "//> A Session owns two channels and a lock.\n"
        "type Session struct {\n"
        "\ta, b chan int\n"
        "\tok   bool\n"
        "\tlock sync.Mutex\n"
        "}\n"
        "\n"
        "func (s *Session) Close() { close(s.a) }\n"
        "\n"
        "func (t Session) String() string { return \"session\" }\n"
        "\n"
        "const (\n"
        "\tA = iota\n"
        "\tB\n"
        ")\n"
        "\n"
        "func main() {\n"
        "\tch := make(chan int, 3)\n"
        "\tdone := make(chan struct{})\n"
        "\tvar wg sync.WaitGroup\n"
        "\twg.Add(1)\n"
        "\tgo func() {\n"
        "\t\tdefer wg.Done()\n"
        "\t\tfor i := 0; i < 3; i++ {\n"
        "\t\t\tch <- i //> send\n"
        "\t\t}\n"
        "\t\tclose(ch)\n"
        "\t}()\n"
        "\tfor v := range ch {\n"
        "\t\tfmt.Println(v)\n"
        "\t}\n"
        "\tselect {\n"
        "\tcase v, ok := <-ch:\n"
        "\t\t_, _ = v, ok\n"
        "\tcase <-done:\n"
        "\tdefault:\n"
        "\t}\n"
        "\twg.Wait()\n"
        "}\n";
    const char *want =
        "(file main (import \"fmt\") (import \"sync\") (type (spec Session (struct (field [a b] (chan int)) (fiel"
        "d [ok] bool) (field [lock] (sel sync Mutex))))) (func Close (field [s] (* Session)) (functype [] [])"
        " (block (expr (call close (sel s a))))) (func String (field [t] Session) (functype [] [(field [] str"
        "ing)]) (block (return \"session\"))) (const (spec [A] - [iota] iota=0) (spec [B] - [] iota=1)) (func m"
        "ain - (functype [] []) (block (:= [ch] [(call make (chan int) 3)]) (:= [done] [(call make (chan (str"
        "uct)))]) (var (spec [wg] (sel sync WaitGroup) [])) (expr (call (sel wg Add) 1)) (go (call (funclit ("
        "functype [] []) (block (defer (call (sel wg Done))) (for (:= [i] [0]) (< i 3) (++ i) (block (send ch"
        " i))) (expr (call close ch)))))) (range v - := ch (block (expr (call (sel fmt Println) v)))) (select"
        " (comm (:= [v ok] [(<- ch)]) (= [_ _] [v ok])) (comm (expr (<- done))) (default)) (expr (call (sel w"
        "g Wait))))))";
    check_file(src, want);
    Ast *a = must_parse(src);
    assert_int_equal(a->ncomments, 2);
    assert_int_equal(a->comments[0].pos.line, 8);
    assert_int_equal(a->comments[1].kind, COMMENT_NARRATION);
    assert_int_equal(a->comments[1].pos.line, 32);
    ast_free(a);
}

/* ---------------------------------------------------------------------------
 * Positions, comments, literal values */

static void test_positions(void **state) {
    (void)state;
    const char *src = "package main\n\nfunc main() {\n\tx := a + f(b)\n\ts.m()\n}\n";
    Ast *a = must_parse(src);
    const Node *fn = a->file->list;
    assert_int_equal(fn->kind, ND_FUNC_DECL);
    assert_int_equal(fn->pos.line, 3);
    assert_int_equal(fn->pos.col, 1);
    assert_int_equal(fn->opos.col, 6); /* the name */
    const Node *assign = fn->body->list;
    assert_int_equal(assign->kind, ND_ASSIGN);
    assert_int_equal(assign->pos.line, 4);
    assert_int_equal(assign->pos.col, 2);
    assert_int_equal(assign->opos.col, 4); /* := */
    const Node *sum = assign->rhs;
    assert_int_equal(sum->kind, ND_BINARY);
    assert_int_equal(sum->op, TK_ADD);
    assert_int_equal(sum->pos.col, 7);
    assert_int_equal(sum->opos.col, 9);
    const Node *call = sum->y;
    assert_int_equal(call->kind, ND_CALL);
    assert_int_equal(call->pos.col, 11);
    assert_int_equal(call->opos.col, 12);
    /* end offsets: the source text of a node is src[pos.offset, end) */
    assert_int_equal(call->end - call->pos.offset, strlen("f(b)"));
    assert_memory_equal(a->src + assign->pos.offset, "x := a + f(b)", assign->end - assign->pos.offset);
    const Node *sel = fn->body->list->next->x->x;
    assert_int_equal(sel->kind, ND_SELECTOR);
    assert_int_equal(sel->pos.line, 5);
    assert_int_equal(sel->opos.col, 4); /* m */
    assert_memory_equal(a->src + fn->pos.offset, "func main() {", 13);
    assert_int_equal(fn->end, strlen(src) - 1);
    /* dump with positions */
    char *s = ast_dump_str(assign, AST_DUMP_POS);
    assert_string_equal(s, "(:=@4:2 [x@4:2] [(+@4:7 a@4:7 (call@4:11 f@4:11 b@4:13))])");
    free(s);
    ast_free(a);

    /* columns count bytes: a multi-byte string shifts later columns */
    a = must_parse("package main\nvar s, t = \"héllo\", y\n");
    const Node *y = a->file->list->list->rhs->next;
    assert_int_equal(y->pos.col, 22);
    ast_free(a);
}

static void test_comments_on_ast(void **state) {
    (void)state;
    const char *src = "// Package doc.\n"
                      "package main\n"
                      "\n"
                      "//hchanviz:schedule random seed=7\n"
                      "func main() {\n"
                      "\tch := make(chan int) //> An unbuffered channel.\n"
                      "\t//>zh 无缓冲通道。\n"
                      "\tgo func() { ch <- 1 }() /* inline */\n"
                      "\t<-ch\n"
                      "}\n";
    Ast *a = must_parse(src);
    assert_int_equal(a->ncomments, 5);
    assert_int_equal(a->comments[0].kind, COMMENT_PLAIN);
    assert_int_equal(a->comments[0].pos.line, 1);
    assert_int_equal(a->comments[1].kind, COMMENT_DIRECTIVE);
    assert_int_equal(a->comments[1].pos.line, 4);
    assert_memory_equal(a->comments[1].body, "schedule random seed=7", a->comments[1].body_len);
    assert_int_equal(a->comments[2].kind, COMMENT_NARRATION);
    assert_int_equal(a->comments[2].pos.line, 6);
    assert_int_equal(a->comments[2].pos.col, 23);
    assert_memory_equal(a->comments[2].body, "An unbuffered channel.", a->comments[2].body_len);
    assert_int_equal(a->comments[3].kind, COMMENT_NARRATION_ZH);
    assert_int_equal(a->comments[3].pos.line, 7);
    assert_memory_equal(a->comments[3].body, "无缓冲通道。", a->comments[3].body_len);
    assert_true(a->comments[4].block);
    assert_int_equal(a->comments[4].pos.line, 8);
    /* comments live in the Ast's copy of the source */
    assert_ptr_equal(a->comments[2].text, a->src + a->comments[2].pos.offset);
    /* and the code around them parsed as usual */
    char *body = dump_body(a);
    assert_string_equal(body, "(:= [ch] [(call make (chan int))]) "
                              "(go (call (funclit (functype [] []) (block (send ch 1))))) (expr (<- ch))");
    free(body);
    ast_free(a);
}

static void test_literal_values(void **state) {
    (void)state;
    Ast *a = must_parse("package main\nvar x = []int{0x1F, 9223372036854775808, 99999999999999999999999, 'é', '\\xff'}\n"
                        "var s = \"a\\x00b\"\n");
    const Node *e = a->file->list->list->rhs->list;
    assert_int_equal(e->kind, ND_INT);
    assert_int_equal(e->ival, 31);
    assert_int_equal(e->flags & NF_OVERFLOW, 0);
    e = e->next;
    assert_true(e->ival == 9223372036854775808ull);
    assert_true(e->flags & NF_OVERFLOW);
    assert_false(e->flags & NF_OVERFLOW_U64);
    e = e->next;
    assert_true(e->flags & NF_OVERFLOW_U64);
    assert_string_equal(e->name, "99999999999999999999999");
    e = e->next;
    assert_int_equal(e->kind, ND_CHAR);
    assert_int_equal(e->ival, 0xE9);
    e = e->next;
    assert_int_equal(e->ival, 0xFF);
    const Node *s = a->file->list->next->list->rhs;
    assert_int_equal(s->kind, ND_STRING);
    assert_int_equal(s->len, 3);
    assert_memory_equal(s->str, "a\0b", 3);
    ast_free(a);
}

/* ---------------------------------------------------------------------------
 * Errors */

static void test_syntax_errors(void **state) {
    (void)state;
    check_error("", 1, 1, "syntax error: package statement must be first");
    check_error("func main() {}\n", 1, 1, "syntax error: package statement must be first");
    check_error("package\n", 2, 1, "syntax error: unexpected EOF, expecting name");
    check_error("package main\nx := 1\n", 2, 1, "syntax error: non-declaration statement outside function body");
    check_error("package main\nfunc main() {\n}\n}\n", 4, 1, "syntax error: non-declaration statement outside function body");
    check_error("package main\nfunc main()\n{\n}\n", 3, 1, "syntax error: unexpected semicolon or newline before {");
    check_error("package main\nfunc f() {}\nimport \"fmt\"\n", 3, 1,
                "syntax error: non-declaration statement outside function body");
    check_error("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"a\"\n}\n", 6, 17,
                "syntax error: unexpected newline in argument list; possibly missing comma or )");
    check_error("package main\nfunc f(a int\n) {}\n", 2, 13,
                "syntax error: unexpected newline in parameter list; possibly missing comma or )");
    check_error("package main\nvar x = []int{1, 2\n}\n", 2, 19,
                "syntax error: unexpected newline in composite literal; possibly missing comma or }");
    check_error("package main\nfunc f() {\n\tx := 1 +\n}\n", 4, 1, "syntax error: unexpected }, expecting expression");
    check_error("package main\nfunc f() {\n\tx := )\n}\n", 3, 7, "syntax error: unexpected ), expecting expression");
    check_error("package main\nfunc f() {\n\tfor {\n\t}\n\telse {}\n}\n", 5, 2,
                "syntax error: unexpected else, expecting }");
    check_error("package main\nfunc f() int { return 1 } x\n", 2, 27, "syntax error: unexpected x after top level declaration");
    check_error("package main\nimport 42\n", 2, 10, "syntax error: import path must be a string");
    check_error("package main\nimport\n", 3, 1, "syntax error: missing import path");
    check_error("package main\ntype T\n", 2, 7, "syntax error: unexpected newline in type declaration");
    check_error("package main\nvar x := 1\n", 2, 7, "syntax error: unexpected :=, expecting =");
    check_error("package main\nfunc (a, b T) m() {}\n", 2, 15, "method has multiple receivers");
    check_error("package main\nfunc () m() {}\n", 2, 9, "method has no receiver");
    check_error("package main\nfunc f(a int, string) {}\n", 2, 15, "syntax error: mixed named and unnamed parameters");
    check_error("package main\nfunc f(a, b int, c) {}\n", 2, 18, "syntax error: mixed named and unnamed parameters");
    check_file("package main\nfunc f(a, b) {}\n", "(file main (func f - (functype [(field [] a) (field [] b)] []) (block)))");
    check_error("package main\nfunc 1() {}\n", 2, 6, "syntax error: unexpected literal 1, expecting name or (");
    check_error("package main\ntype T struct { 1 }\n", 2, 17, "syntax error: unexpected literal 1, expecting field name or embedded type");
    check_error("package main\nvar c chan\n", 3, 1, "syntax error: missing channel element type");
    check_error("package main\nvar c = make(<-chan<-int)\n", 2, 25, "syntax error: unexpected int, expecting chan");
    check_file("package main\nvar d = make(<-chan<- chan int)\n", "(file main (var (spec [d] - [(call make (<-chan (<-chan int)))])))");

    check_stmt_error("\tif true\n\t{\n\t}", 3, 9, "syntax error: unexpected newline, expecting { after if clause");
    check_stmt_error("\tif {\n\t}", 3, 5, "syntax error: missing condition in if statement");
    check_stmt_error("\tif x := 1; {\n\t}", 3, 11, "syntax error: missing condition in if statement");
    check_stmt_error("\tx := 1\n\tif x = 5 {\n\t}", 4, 7, "syntax error: cannot use assignment (x) = (5) as value");
    check_stmt_error("\tif x := 5 {\n\t}", 3, 7, "syntax error: cannot use x := 5 as value");
    check_stmt_error("\tfor i := 0; i < 3; j := 1 {\n\t}", 3, 23, "syntax error: cannot declare in post statement of for loop");
    check_stmt_error("\tfor i := 0; {\n\t}", 3, 14, "syntax error: unexpected {, expecting for loop condition");
    check_stmt_error("\tfor var i = 0; ; {\n\t}", 3, 10, "syntax error: var declaration not allowed in for initializer");
    check_stmt_error("\tif x {\n\t} else for {}", 4, 9, "syntax error: else must be followed by if or statement block");
    check_stmt_error("\tgo (f())", 3, 5, "expression in go must not be parenthesized");
    check_stmt_error("\tdefer f", 3, 8, "expression in defer must be function call");
    check_stmt_error("\tgo x + 1", 3, 5, "expression in go must be function call");
    check_stmt_error("\ta, b", 3, 6, "syntax error: unexpected newline, expecting := or = or comma");
    check_stmt_error("\tx := 1 y := 2", 3, 9, "syntax error: unexpected y at end of statement");
    check_stmt_error("\tswitch x {\n\tfoo\n\t}", 4, 2, "syntax error: unexpected foo, expecting case or default or }");
    check_stmt_error("\tswitch x {\n\tcase 1\n\t}", 4, 8, "syntax error: unexpected newline, expecting :");
    check_stmt_error("\tselect x {\n\t}", 3, 9, "syntax error: missing { after select clause");
    check_stmt_error("\tfor a, b, c := range x {\n\t}", 3, 12, "range clause permits at most two iteration variables");
    check_stmt_error("\tx.", 4, 1, "syntax error: unexpected }, expecting name or (");
    check_stmt_error("\tx = a[]", 3, 8, "syntax error: unexpected ], expecting operand");
    check_stmt_error("\tx = a[1:2:]", 3, 12, "final index required in 3-index slice");
    check_stmt_error("\tx = a[1::3]", 3, 10, "middle index required in 3-index slice");
    check_stmt_error("\tx = f(a..., b)", 3, 14, "syntax error: unexpected b, expecting )");
    check_stmt_error("\tL: )", 3, 3, "syntax error: missing statement after label");
}

static void test_lexical_errors_through_parser(void **state) {
    (void)state;
    check_stmt_error("\tx := @", 3, 7, "invalid character U+0040 '@'");
    check_stmt_error("\tx := \"abc\n", 3, 11, "newline in string");
    check_error("package main\nfunc f() {\n\tx := \"abc", 3, 7, "string not terminated");
    check_stmt_error("\tx := 'a", 3, 9, "newline in rune literal");
    check_error("package main\nvar r = 'a", 2, 9, "rune literal not terminated");
    check_stmt_error("\tx := 09", 3, 8, "invalid digit '9' in octal literal");
    check_error_n("package main\x00\n", 14, 1, 13, "invalid NUL character");
    check_error("package main\n/* forever", 2, 1, "comment not terminated");
    /* smart quotes pasted from a web page */
    check_stmt_error("\tfmt.Println(\xE2\x80\x9Chi\xE2\x80\x9D)", 3, 14, "invalid character U+201C '\xE2\x80\x9C' in identifier");
}

static void test_diag_format_of_parse_error(void **state) {
    (void)state;
    const char *src = "package main\n\nfunc main() {\n\tif x := \"世\"; x == 1\n\t}\n}\n";
    Diag d;
    diag_init(&d);
    Ast *a = parse_file("lesson.go", src, strlen(src), &d);
    assert_null(a);
    char *s = diag_format(&d);
    assert_string_equal(s, "lesson.go:4:23: syntax error: unexpected newline, expecting { after if clause\n"
                           "\tif x := \"世\"; x == 1\n"
                           "\t                   ^\n");
    free(s);
    diag_free(&d);
    /* a NULL Diag is allowed */
    assert_null(parse_file("x.go", "package", 7, NULL));
    assert_null(parse_file(NULL, NULL, 0, NULL));
}

/* ---------------------------------------------------------------------------
 * Robustness */

/* Builds prefix + n copies of open + middle + n copies of close + suffix. */
static char *nested(const char *prefix, const char *open, size_t n, const char *middle, const char *close,
                    const char *suffix, size_t *len) {
    size_t cap = strlen(prefix) + n * (strlen(open) + strlen(close)) + strlen(middle) + strlen(suffix) + 1;
    char *s = malloc(cap);
    assert_non_null(s);
    char *p = s;
    p += sprintf(p, "%s", prefix);
    for (size_t i = 0; i < n; i++) p += sprintf(p, "%s", open);
    p += sprintf(p, "%s", middle);
    for (size_t i = 0; i < n; i++) p += sprintf(p, "%s", close);
    p += sprintf(p, "%s", suffix);
    *len = (size_t)(p - s);
    return s;
}

static void check_nested(const char *prefix, const char *open, size_t n, const char *middle, const char *close,
                         const char *suffix, const char *want_msg) {
    size_t len;
    char *src = nested(prefix, open, n, middle, close, suffix, &len);
    Diag d;
    diag_init(&d);
    Ast *a = parse_file("deep.go", src, len, &d);
    if (want_msg) {
        if (a || !d.msg || strcmp(d.msg, want_msg) != 0)
            print_error("%s x %zu: got %s\n", open, n, d.msg ? d.msg : "(parsed)");
        assert_null(a);
        assert_string_equal(d.msg, want_msg);
        char *s = diag_format(&d);
        assert_non_null(s);
        free(s);
    } else {
        if (!a) print_error("%s x %zu: %s\n", open, n, d.msg ? d.msg : "?");
        assert_non_null(a);
    }
    ast_free(a);
    diag_free(&d);
    free(src);
}

static void test_deep_nesting(void **state) {
    (void)state;
    const char *deep = "syntax error: nesting too deep (limit 200)";
    /* Go accepts any depth; hchanviz says a deep expression is outside its subset */
    const char *deep_expr = "deeply nested expressions are not supported by hchanviz (see docs/go-subset.md)";
    const char *tall = "syntax error: expression too complex (limit 1000)";
    const char *fn = "package main\nfunc f() {\n\tx := ";
    /* moderate nesting is fine */
    check_nested(fn, "(", 150, "1", ")", "\n}\n", NULL);
    check_nested("package main\nfunc f() ", "{", 150, "", "}", "\n", NULL);
    check_nested(fn, "1 + ", 900, "1", "", "\n}\n", NULL);
    /* 5,000 levels of anything give a diagnostic, never a stack overflow */
    check_nested(fn, "(", 5000, "1", ")", "\n}\n", deep_expr);
    check_nested("package main\nfunc f() ", "{", 5000, "", "}", "\n", deep);
    check_nested(fn, "[]int{", 5000, "", "}", "\n}\n", deep_expr);
    check_nested(fn, "T{", 5000, "", "}", "\n}\n", deep_expr);
    check_nested("package main\nvar x = T", "{", 5000, "", "}", "\n", deep_expr);
    check_nested(fn, "!", 5000, "x", "", "\n}\n", deep_expr);
    check_nested(fn, "- ", 5000, "x", "", "\n}\n", deep_expr);
    check_nested(fn, "<-", 5000, "c", "", "\n}\n", deep_expr);
    check_nested(fn, "*", 5000, "p", "", "\n}\n", deep_expr);
    check_nested(fn, "f(", 5000, "", ")", "\n}\n", deep_expr);
    check_nested(fn, "a[", 5000, "0", "]", "\n}\n", deep_expr);
    check_nested("package main\nvar x ", "[]", 5000, "int", "", "\n", deep);
    check_nested("package main\nvar x ", "chan ", 5000, "int", "", "\n", deep);
    check_nested("package main\nvar x ", "*", 5000, "int", "", "\n", deep);
    check_nested("package main\nvar x ", "map[int]", 5000, "int", "", "\n", deep);
    check_nested("package main\nvar x ", "func(", 5000, "", ")", "\n", deep);
    check_nested("package main\nvar x ", "struct{ f ", 5000, "int", "}", "\n", deep);
    check_nested(fn, "func() int { return ", 5000, "1", "}()", "\n}\n", deep_expr);
    check_nested("package main\nfunc f() {\n", "if x {\n", 5000, "", "}\n", "}\n", deep);
    check_nested("package main\nfunc f() {\n\tif x {\n\t}", " else if x {\n\t}", 5000, "", "", "\n}\n", deep);
    check_nested("package main\nfunc f() {\n", "for {\n", 5000, "", "}\n", "}\n", deep);
    check_nested("package main\nfunc f() {\n", "switch {\ncase true:\n", 5000, "", "}\n", "}\n", deep);
    check_nested("package main\nfunc f() {\n", "L:\n", 5000, "", "", "}\n", deep);
    /* long chains nest nothing but grow the tree */
    check_nested(fn, "1 + ", 5000, "1", "", "\n}\n", tall);
}

static void test_long_chains(void **state) {
    (void)state;
    const char *tall = "syntax error: expression too complex (limit 1000)";
    const char *fn = "package main\nfunc f() {\n\tx := a";
    check_nested(fn, "", 0, "", "", "\n}\n", NULL);
    check_nested(fn, ".b", 5000, "", "", "\n}\n", tall);
    check_nested(fn, "()", 5000, "", "", "\n}\n", tall);
    check_nested(fn, "[0]", 5000, "", "", "\n}\n", tall);
    check_nested(fn, " && b", 5000, "", "", "\n}\n", tall);
    check_nested("package main\nvar s = ", "\"a\" + ", 5000, "\"b\"", "", "\n", tall);
    /* flat lists, however long, are fine */
    check_nested("package main\nvar s = []int{", "1, ", 100000, "", "", "}\n", NULL);
    check_nested("package main\nfunc f() {\n", "\tx++\n", 100000, "", "", "}\n", NULL);
    check_nested("package main\n", "func f() {}\n", 20000, "", "", "", NULL);
    check_nested("package main\nfunc f(", "a, ", 20000, "b int", "", ") {}\n", NULL);
}

static void test_random_bytes(void **state) {
    (void)state;
    unsigned seed = 2024;
    static const char *const pieces[] = {"package main\n", "func", "(", ")", "{", "}", "[", "]", "x", ":=",
                                         "<-", "chan", "\n", ";", ",", "\"s\"", "'c'", "1", "if", "for",
                                         "range", "select", "case", ":", "go", ".", "*", "&", "struct",
                                         "interface", "map", "=", "...", "//> n\n", "/*", "*/", "`"};
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    char buf[8192];
    for (int round = 0; round < 400; round++) {
        size_t len = 0;
        if (round % 2 == 0) {
            size_t n = (size_t)(round * 17 % 4000 + 1);
            for (; len < n; len++) {
                seed = seed * 1103515245u + 12345u;
                buf[len] = (char)(seed >> 16);
            }
        } else {
            /* token soup that gets past the lexer far more often */
            len = (size_t)snprintf(buf, sizeof buf, "package main\n");
            for (int k = 0; k < round % 300 + 1 && len < sizeof buf - 32; k++) {
                seed = seed * 1103515245u + 12345u;
                const char *piece = pieces[(seed >> 16) % npieces];
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s ", piece);
            }
        }
        Diag d;
        diag_init(&d);
        Ast *a = parse_file("rnd.go", buf, len, &d);
        if (a) {
            assert_false(diag_has_error(&d));
            char *s = ast_dump_str(a->file, AST_DUMP_POS);
            assert_non_null(s);
            free(s);
        } else {
            assert_true(diag_has_error(&d));
            assert_non_null(d.msg);
            assert_true(d.line >= 1);
            assert_true(d.col >= 1);
            char *s = diag_format(&d);
            assert_non_null(s);
            free(s);
        }
        ast_free(a);
        diag_free(&d);
    }
}

static void test_ten_megabytes(void **state) {
    (void)state;
    const size_t target = 10u << 20;
    /* a long but ordinary lesson: statements, strings and narration */
    const char *head = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan string, 1)\n";
    const char *line = "\tch <- \"a fairly long message that the goroutine sends\" //> narration for the line\n"
                       "\tfmt.Println(<-ch) // and a plain comment that is not narration at all\n";
    char *src = malloc(target + 1024);
    assert_non_null(src);
    size_t len = (size_t)sprintf(src, "%s", head);
    size_t line_len = strlen(line);
    while (len + line_len < target) {
        memcpy(src + len, line, line_len);
        len += line_len;
    }
    len += (size_t)sprintf(src + len, "}\n");
    Diag d;
    diag_init(&d);
    Ast *a = parse_file("big.go", src, len, &d);
    assert_non_null(a);
    assert_true(a->ncomments > 100000);
    assert_int_equal(a->src_len, len);
    ast_free(a);

    /* 10 MB of open parentheses */
    memset(src, '(', target);
    memcpy(src, "package main\nvar x = ", 21);
    a = parse_file("parens.go", src, target, &d);
    assert_null(a);
    assert_string_equal(d.msg, "deeply nested expressions are not supported by hchanviz (see docs/go-subset.md)");
    assert_int_equal(d.line, 2);
    assert_int_equal(d.col, 9);
    diag_free(&d);

    /* 10 MB of garbage */
    unsigned seed = 7;
    for (size_t i = 0; i < target; i++) {
        seed = seed * 1103515245u + 12345u;
        src[i] = (char)(seed >> 16);
    }
    a = parse_file("garbage.go", src, target, &d);
    assert_null(a);
    assert_true(diag_has_error(&d));
    diag_free(&d);

    /* 10 MB in a single string literal and a single comment */
    len = (size_t)sprintf(src, "package main\nvar s = \"");
    memset(src + len, 'a', target);
    len += target;
    len += (size_t)sprintf(src + len, "\" /* ");
    a = parse_file("string.go", src, len, &d);
    assert_null(a);
    assert_string_equal(d.msg, "comment not terminated");
    diag_free(&d);
    free(src);
}

static void test_ast_api(void **state) {
    (void)state;
    Ast *a = ast_new();
    assert_non_null(a);
    /* many small and a few large allocations, all zeroed and aligned */
    for (int i = 0; i < 10000; i++) {
        char *p = ast_alloc(a, (size_t)(i % 100) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % sizeof(void *), 0);
        assert_int_equal(p[0], 0);
        p[0] = 1;
    }
    char *big = ast_alloc(a, 1 << 20);
    assert_non_null(big);
    assert_int_equal(big[(1 << 20) - 1], 0);
    char *s = ast_strndup(a, "hello world", 5);
    assert_string_equal(s, "hello");
    Pos pos = {3, 4, 20};
    Node *n = ast_new_node(a, ND_IDENT, pos);
    n->name = "x";
    assert_int_equal(n->opos.line, 3);
    char *dump = ast_dump_str(n, AST_DUMP_POS);
    assert_string_equal(dump, "x@3:4");
    free(dump);
    dump = ast_dump_str(NULL, 0);
    assert_string_equal(dump, "-");
    free(dump);
    assert_string_equal(ast_kind_name(ND_CALL), "call");
    assert_string_equal(ast_kind_enum_name(ND_COMM_CLAUSE), "ND_COMM_CLAUSE");
    ast_free(a);
    ast_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_package_and_imports),
        cmocka_unit_test(test_func_decls),
        cmocka_unit_test(test_type_decls),
        cmocka_unit_test(test_var_const_decls),
        cmocka_unit_test(test_simple_statements),
        cmocka_unit_test(test_if_statements),
        cmocka_unit_test(test_for_statements),
        cmocka_unit_test(test_branches_and_labels),
        cmocka_unit_test(test_switch_statements),
        cmocka_unit_test(test_select_statements),
        cmocka_unit_test(test_go_and_defer),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_operands_and_primaries),
        cmocka_unit_test(test_composite_literals),
        cmocka_unit_test(test_types_in_expressions),
        cmocka_unit_test(test_composite_literal_ambiguity),
        cmocka_unit_test(test_representative_program),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_comments_on_ast),
        cmocka_unit_test(test_literal_values),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_lexical_errors_through_parser),
        cmocka_unit_test(test_diag_format_of_parse_error),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_ten_megabytes),
        cmocka_unit_test(test_ast_api),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
