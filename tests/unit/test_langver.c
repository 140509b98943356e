/* test_langver.c: the language version a program compiles under, chosen as
 * the go command chooses it, and the two rules it decides.
 *
 * Truths: the go command's order (a go.mod's go line, a //go:build go1.N
 * line, then what the user asked, then the toolchain's own, Go 1.19), and
 * the language spec of each version: before go1.22 a loop has one variable
 * for all iterations (closures see its last value), from go1.22 one per
 * iteration; range over an int exists from go1.22 only (under go1.19 gc
 * says "cannot range over 3 (untyped int constant)", as recorded in
 * tests/go/errors/range_over_int_go119.go). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "go/compile.h"
#include "go/diag.h"
#include "go/langver.h"
#include "vm.h"

static void test_parse(void **state) {
    (void)state;
    assert_int_equal(langver_parse("go1.19", 6), 19);
    assert_int_equal(langver_parse("1.22", 4), 22);
    assert_int_equal(langver_parse("go1.21.3", 8), 21);
    assert_int_equal(langver_parse("go1.", 4), -1);
    assert_int_equal(langver_parse("go2.1", 5), -1);
    assert_int_equal(langver_parse("go1.x", 5), -1);
    assert_int_equal(langver_parse("go1.22rc1", 9), -1);
    assert_int_equal(langver_parse("", 0), -1);
}

static char dir[256];

static void write_file(const char *name, const char *text) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char plain[] = "package main\nfunc main() {}\n";
static const char tagged[] = "//go:build go1.22\n\npackage main\nfunc main() {}\n";

static void test_resolution_order(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hchanviz-langver-%d", (int)getpid());
    mkdir(dir, 0755);
    char sub[300], file[400];
    snprintf(sub, sizeof sub, "%s/pkg", dir);
    mkdir(sub, 0755);
    snprintf(file, sizeof file, "%s/main.go", sub);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs(plain, f);
    fclose(f);
    const char *from;
    /* None of the three: the toolchain's own (unless a go.mod sits above /tmp). */
    int v = langver_resolve(file, plain, strlen(plain), 0, &from);
    if (strcmp(from, "go.mod") != 0) {
        assert_int_equal(v, LANG_DEFAULT);
        assert_string_equal(from, "default");
        assert_int_equal(langver_resolve(file, plain, strlen(plain), 21, &from), 21);
        assert_string_equal(from, "--lang");
        assert_int_equal(langver_resolve(file, tagged, strlen(tagged), 21, &from), 22);
        assert_string_equal(from, "//go:build");
    }
    /* A go.mod one directory above the file wins over both. */
    write_file("go.mod", "module example.com/m\n\n// a comment\ngo 1.20\n\nrequire x v1.0.0\n");
    assert_int_equal(langver_resolve(file, tagged, strlen(tagged), 22, &from), 20);
    assert_string_equal(from, "go.mod");
    /* A //go:build line after the package clause is not a build constraint. */
    char path[512];
    snprintf(path, sizeof path, "%s/go.mod", dir);
    remove(path);
    const char late[] = "package main\n//go:build go1.22\nfunc main() {}\n";
    v = langver_resolve(file, late, strlen(late), 0, &from);
    if (strcmp(from, "go.mod") != 0) assert_int_equal(v, LANG_DEFAULT);
    remove(file);
    rmdir(sub);
    rmdir(dir);
}

/* Runs src compiled under lang (fixed); the output, or the error. */
static void run(const char *src, int lang, char *out, size_t cap) {
    Sim *S = sim_new(0);
    Program p;
    program_init(&p);
    p.lang = lang;
    p.lang_fixed = true;
    Diag d;
    diag_init(&d);
    out[0] = 0;
    if (!compile_source(S, "t.go", src, strlen(src), &p, &d, NULL)) {
        snprintf(out, cap, "%d:%d: %s", d.line, d.col, d.msg ? d.msg : "?");
    } else {
        assert_int_equal(p.lang, lang);
        vm_start(S, &p);
        size_t n = 0;
        int st;
        do {
            st = sim_step(S);
            size_t k = (size_t)S->output.len;
            if (k && n + k < cap) memcpy(out + n, S->output.items, k), n += k;
        } while (st == SIM_RUNNING);
        out[n] = 0;
    }
    diag_free(&d);
    program_free(&p);
    sim_free(S);
}

static const char closures[] = "package main\n"
                               "import \"fmt\"\n"
                               "func main() {\n"
                               "\tvar fs []func()\n"
                               "\tfor i := 0; i < 3; i++ {\n"
                               "\t\tfs = append(fs, func() { fmt.Print(i) })\n"
                               "\t}\n"
                               "\tfor _, v := range []int{7, 8} {\n"
                               "\t\tfs = append(fs, func() { fmt.Print(v) })\n"
                               "\t}\n"
                               "\tfor _, f := range fs {\n"
                               "\t\tf()\n"
                               "\t}\n"
                               "}\n";

static void test_loop_variables(void **state) {
    (void)state;
    char out[256];
    run(closures, 19, out, sizeof out);
    assert_string_equal(out, "33388"); /* one i (3 after the loop), one v (8) */
    run(closures, 21, out, sizeof out);
    assert_string_equal(out, "33388");
    run(closures, 22, out, sizeof out);
    assert_string_equal(out, "01278"); /* each iteration's own */
}

static void test_range_over_int(void **state) {
    (void)state;
    const char src[] = "package main\nimport \"fmt\"\nfunc main() {\n\tfor i := range 3 {\n\t\tfmt.Print(i)\n\t}\n}\n";
    char out[256];
    run(src, 19, out, sizeof out);
    assert_string_equal(out, "4:17: cannot range over 3 (untyped int constant)");
    run(src, 22, out, sizeof out);
    assert_string_equal(out, "012");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_resolution_order),
        cmocka_unit_test(test_loop_variables),
        cmocka_unit_test(test_range_over_int),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
