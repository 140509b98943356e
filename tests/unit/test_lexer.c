/* Tests for the Go lexer (sim/go/lexer.c) and diagnostics (sim/go/diag.c). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "go/diag.h"
#include "go/lexer.h"

/* Lexes src and renders the token stream as space-separated words: names,
 * literals and keywords as written, operators as spelled, inserted
 * semicolons as <nl> or <eof>, TK_EOF as EOF and TK_ILLEGAL as ILLEGAL.
 * Returns a static buffer. */
static const char *lex_words(const char *src) {
    static char out[4096];
    Lexer lx;
    lexer_init(&lx, "t.go", src, strlen(src), NULL);
    size_t n = 0;
    out[0] = '\0';
    for (int guard = 0; guard < 1000; guard++) {
        Token t = lexer_next(&lx);
        char word[256];
        if (t.kind == TK_SEMICOLON && (t.flags & TOKF_NEWLINE)) snprintf(word, sizeof word, "<nl>");
        else if (t.kind == TK_SEMICOLON && (t.flags & TOKF_EOF)) snprintf(word, sizeof word, "<eof>");
        else if (t.kind == TK_EOF) snprintf(word, sizeof word, "EOF");
        else if (t.kind == TK_ILLEGAL) snprintf(word, sizeof word, "ILLEGAL");
        else snprintf(word, sizeof word, "%.*s", (int)t.len, t.text);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", word);
        if (t.kind == TK_EOF) break;
    }
    lexer_free(&lx);
    return out;
}

/* Lexes src and returns its first token (the lexer is freed). */
static Token lex_first(const char *src, Diag *d) {
    Lexer lx;
    lexer_init(&lx, "t.go", src, strlen(src), d);
    Token t = lexer_next(&lx);
    lexer_free(&lx);
    return t;
}

/* Lexes all of src and checks that exactly the given first error came out. */
static void check_lex_error(const char *src, int line, int col, const char *msg) {
    Diag d;
    diag_init(&d);
    Lexer lx;
    lexer_init(&lx, "t.go", src, strlen(src), &d);
    for (int guard = 0; guard < 10000; guard++)
        if (lexer_next(&lx).kind == TK_EOF) break;
    lexer_free(&lx);
    if (!diag_has_error(&d) || strcmp(d.msg, msg) != 0 || d.line != line || d.col != col) {
        print_error("source %s\nwant %d:%d: %s\ngot  %d:%d: %s\n", src, line, col, msg, d.line, d.col,
                    d.msg ? d.msg : "(no error)");
    }
    assert_true(diag_has_error(&d));
    assert_string_equal(d.msg, msg);
    assert_int_equal(d.line, line);
    assert_int_equal(d.col, col);
    diag_free(&d);
}

static void test_operators(void **state) {
    (void)state;
    const char *src = "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- "
                      "== < > = ! ~ != <= >= := ... ( [ { , . ) ] } ; :";
    const TokenKind want[] = {
        TK_ADD, TK_SUB, TK_MUL, TK_QUO, TK_REM, TK_AND, TK_OR, TK_XOR, TK_SHL, TK_SHR, TK_AND_NOT,
        TK_ADD_ASSIGN, TK_SUB_ASSIGN, TK_MUL_ASSIGN, TK_QUO_ASSIGN, TK_REM_ASSIGN, TK_AND_ASSIGN,
        TK_OR_ASSIGN, TK_XOR_ASSIGN, TK_SHL_ASSIGN, TK_SHR_ASSIGN, TK_AND_NOT_ASSIGN, TK_LAND, TK_LOR,
        TK_ARROW, TK_INC, TK_DEC, TK_EQL, TK_LSS, TK_GTR, TK_ASSIGN, TK_NOT, TK_TILDE, TK_NEQ, TK_LEQ,
        TK_GEQ, TK_DEFINE, TK_ELLIPSIS, TK_LPAREN, TK_LBRACK, TK_LBRACE, TK_COMMA, TK_PERIOD, TK_RPAREN,
        TK_RBRACK, TK_RBRACE, TK_SEMICOLON, TK_COLON, TK_EOF};
    Lexer lx;
    lexer_init(&lx, "t.go", src, strlen(src), NULL);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        Token t = lexer_next(&lx);
        if (t.kind != want[i]) print_error("token %zu: want %s got %s\n", i, token_kind_name(want[i]), token_kind_name(t.kind));
        assert_int_equal(t.kind, want[i]);
        if (t.kind != TK_EOF) assert_int_equal(t.len, strlen(token_spelling(t.kind)));
    }
    lexer_free(&lx);
}

static void test_keywords(void **state) {
    (void)state;
    const char *src = "break case chan const continue default defer else fallthrough for func go goto if "
                      "import interface map package range return select struct switch type var";
    Lexer lx;
    lexer_init(&lx, "t.go", src, strlen(src), NULL);
    for (int k = TK_BREAK; k <= TK_VAR; k++) {
        Token t = lexer_next(&lx);
        assert_int_equal(t.kind, k);
        assert_true(token_is_keyword(t.kind));
    }
    /* var at the end does not insert a semicolon */
    assert_int_equal(lexer_next(&lx).kind, TK_EOF);
    lexer_free(&lx);
    /* keyword prefixes and extensions are names */
    assert_int_equal(lex_first("fo", NULL).kind, TK_IDENT);
    assert_int_equal(lex_first("format", NULL).kind, TK_IDENT);
    assert_int_equal(lex_first("Func", NULL).kind, TK_IDENT);
    assert_int_equal(lex_first("_", NULL).kind, TK_IDENT);
    assert_int_equal(lex_first("iota", NULL).kind, TK_IDENT);
}

static void test_semicolon_insertion(void **state) {
    (void)state;
    /* after names, literals, return/break/continue/fallthrough, ++ -- ) ] } */
    assert_string_equal(lex_words("x\ny"), "x <nl> y <eof> EOF");
    assert_string_equal(lex_words("42\n"), "42 <nl> EOF");
    assert_string_equal(lex_words("0x1F\n"), "0x1F <nl> EOF");
    assert_string_equal(lex_words("1.5\n"), "1.5 <nl> EOF");
    assert_string_equal(lex_words("2i\n"), "2i <nl> EOF");
    assert_string_equal(lex_words("'a'\n"), "'a' <nl> EOF");
    assert_string_equal(lex_words("\"s\"\n"), "\"s\" <nl> EOF");
    assert_string_equal(lex_words("`raw`\n"), "`raw` <nl> EOF");
    assert_string_equal(lex_words("f()\n"), "f ( ) <nl> EOF");
    assert_string_equal(lex_words("a[i]\n"), "a [ i ] <nl> EOF");
    assert_string_equal(lex_words("{}\n"), "{ } <nl> EOF");
    assert_string_equal(lex_words("return\n"), "return <nl> EOF");
    assert_string_equal(lex_words("break\n"), "break <nl> EOF");
    assert_string_equal(lex_words("continue\n"), "continue <nl> EOF");
    assert_string_equal(lex_words("fallthrough\n"), "fallthrough <nl> EOF");
    assert_string_equal(lex_words("i++\n"), "i ++ <nl> EOF");
    assert_string_equal(lex_words("i--\n"), "i -- <nl> EOF");
    /* not after operators, opening brackets, commas or other keywords */
    assert_string_equal(lex_words("a +\nb"), "a + b <eof> EOF");
    assert_string_equal(lex_words("f(\nx,\ny)"), "f ( x , y ) <eof> EOF");
    assert_string_equal(lex_words("x.\ny"), "x . y <eof> EOF");
    assert_string_equal(lex_words("func\nif\nvar\n"), "func if var EOF");
    assert_string_equal(lex_words("ch <-\nv"), "ch <- v <eof> EOF");
    /* blank lines give one semicolon; \r\n works */
    assert_string_equal(lex_words("x\n\n\ny\n"), "x <nl> y <nl> EOF");
    assert_string_equal(lex_words("x\r\ny\r\n"), "x <nl> y <nl> EOF");
    /* at end of file */
    assert_string_equal(lex_words("x"), "x <eof> EOF");
    assert_string_equal(lex_words(")"), ") <eof> EOF");
    assert_string_equal(lex_words("+"), "+ EOF");
    assert_string_equal(lex_words(""), "EOF");
    /* explicit semicolons are ordinary tokens */
    assert_string_equal(lex_words("a; b"), "a ; b <eof> EOF");
}

static void test_comments_and_semicolons(void **state) {
    (void)state;
    /* a line comment ends at the newline, which still inserts a semicolon */
    assert_string_equal(lex_words("x // c\ny"), "x <nl> y <eof> EOF");
    assert_string_equal(lex_words("x // c"), "x <eof> EOF");
    assert_string_equal(lex_words("x //> narration\n"), "x <nl> EOF");
    /* a block comment spanning lines acts as a newline, a one-line one does not */
    assert_string_equal(lex_words("x /* a\nb */ y"), "x <nl> y <eof> EOF");
    assert_string_equal(lex_words("x /* a */ y"), "x y <eof> EOF");
    assert_string_equal(lex_words("+ /* a\nb */ y"), "+ y <eof> EOF");
    assert_string_equal(lex_words("x /* c */"), "x <eof> EOF");
    /* the inserted semicolon sits on the newline (or the comment start) */
    Lexer lx;
    const char *src = "ab // c\nx /* m\n */ y";
    lexer_init(&lx, "t.go", src, strlen(src), NULL);
    lexer_next(&lx);
    Token semi = lexer_next(&lx);
    assert_int_equal(semi.kind, TK_SEMICOLON);
    assert_int_equal(semi.pos.line, 1);
    assert_int_equal(semi.pos.col, 8);
    assert_int_equal(semi.pos.offset, 7);
    assert_int_equal(semi.len, 0);
    Token x = lexer_next(&lx);
    assert_int_equal(x.pos.line, 2);
    assert_int_equal(x.pos.col, 1);
    semi = lexer_next(&lx);
    assert_int_equal(semi.kind, TK_SEMICOLON);
    assert_int_equal(semi.pos.line, 2);
    assert_int_equal(semi.pos.col, 3);
    Token y = lexer_next(&lx);
    assert_int_equal(y.pos.line, 3);
    assert_int_equal(y.pos.col, 5);
    lexer_free(&lx);
}

static void test_comment_collection(void **state) {
    (void)state;
    const char *src = "package main\n"
                      "//> Two goroutines meet.\n"
                      "//>zh 两个协程相遇。\n"
                      "//hchanviz:schedule fifo\n"
                      "x := 1 // trailing\n"
                      "/* block\n comment */\n"
                      "//>zhong is not zh\n"
                      "//plain\r\n";
    Lexer lx;
    lexer_init(&lx, "t.go", src, strlen(src), NULL);
    while (lexer_next(&lx).kind != TK_EOF) {}
    assert_int_equal(lx.ncomments, 7);
    const Comment *c = lx.comments;
    assert_int_equal(c[0].kind, COMMENT_NARRATION);
    assert_int_equal(c[0].pos.line, 2);
    assert_int_equal(c[0].pos.col, 1);
    assert_int_equal(c[0].body_len, strlen("Two goroutines meet."));
    assert_memory_equal(c[0].body, "Two goroutines meet.", c[0].body_len);
    assert_int_equal(c[0].len, strlen("//> Two goroutines meet."));
    assert_int_equal(c[1].kind, COMMENT_NARRATION_ZH);
    assert_int_equal(c[1].pos.line, 3);
    assert_memory_equal(c[1].body, "两个协程相遇。", c[1].body_len);
    assert_int_equal(c[2].kind, COMMENT_DIRECTIVE);
    assert_int_equal(c[2].pos.line, 4);
    assert_memory_equal(c[2].body, "schedule fifo", c[2].body_len);
    assert_int_equal(c[3].kind, COMMENT_PLAIN);
    assert_int_equal(c[3].pos.line, 5);
    assert_int_equal(c[3].pos.col, 8);
    assert_memory_equal(c[3].body, " trailing", c[3].body_len);
    assert_true(c[4].block);
    assert_int_equal(c[4].pos.line, 6);
    assert_memory_equal(c[4].body, " block\n comment ", c[4].body_len);
    assert_int_equal(c[5].kind, COMMENT_NARRATION);
    assert_memory_equal(c[5].body, "zhong is not zh", c[5].body_len);
    assert_int_equal(c[6].kind, COMMENT_PLAIN);
    assert_int_equal(c[6].len, strlen("//plain")); /* \r dropped */
    lexer_free(&lx);
}

static void test_int_literals(void **state) {
    (void)state;
    struct { const char *src; uint64_t value; uint32_t flags; } cases[] = {
        {"0", 0, 0},
        {"42", 42, 0},
        {"1_000_000", 1000000, 0},
        {"0x1F", 31, 0},
        {"0X_ff", 255, 0},
        {"0o17", 15, 0},
        {"0O17", 15, 0},
        {"017", 15, 0},
        {"0b1010", 10, 0},
        {"0B1_0", 2, 0},
        {"9223372036854775807", 9223372036854775807ull, 0},
        {"9223372036854775808", 9223372036854775808ull, TOKF_OVERFLOW},
        {"18446744073709551615", 18446744073709551615ull, TOKF_OVERFLOW},
        {"18446744073709551616", UINT64_MAX, TOKF_OVERFLOW | TOKF_OVERFLOW_U64},
        {"0xFFFFFFFFFFFFFFFFFF", UINT64_MAX, TOKF_OVERFLOW | TOKF_OVERFLOW_U64},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Diag d;
        diag_init(&d);
        Token t = lex_first(cases[i].src, &d);
        assert_false(diag_has_error(&d));
        assert_int_equal(t.kind, TK_INT);
        assert_int_equal(t.len, strlen(cases[i].src));
        if (t.ival != cases[i].value) print_error("%s\n", cases[i].src);
        assert_true(t.ival == cases[i].value);
        assert_int_equal(t.flags & (TOKF_OVERFLOW | TOKF_OVERFLOW_U64), cases[i].flags);
    }
}

static void test_float_literals(void **state) {
    (void)state;
    const char *floats[] = {"1.5", ".5", "1.", "1e9", "1.5e-3", "1E+2", "0x1p-2", "0x1.8p1", "09.5", "1_0.2_5"};
    for (size_t i = 0; i < sizeof floats / sizeof floats[0]; i++) {
        Diag d;
        diag_init(&d);
        Token t = lex_first(floats[i], &d);
        assert_false(diag_has_error(&d));
        assert_int_equal(t.kind, TK_FLOAT);
        assert_int_equal(t.len, strlen(floats[i]));
    }
    assert_int_equal(lex_first("2i", NULL).kind, TK_IMAG);
    assert_int_equal(lex_first("1.5i", NULL).kind, TK_IMAG);
    /* x.5 is not a float after a name: "x" "." ... no, ".5" is a float */
    assert_string_equal(lex_words("a.b"), "a . b <eof> EOF");
    assert_string_equal(lex_words("x...y"), "x ... y <eof> EOF");
    assert_string_equal(lex_words("f(x..)"), "f ( x . . ) <eof> EOF");
}

static void test_rune_literals(void **state) {
    (void)state;
    struct { const char *src; uint64_t value; } cases[] = {
        {"'a'", 'a'},          {"'\\n'", '\n'},        {"'\\t'", '\t'},         {"'\\''", '\''},
        {"'\\\\'", '\\'},      {"'世'", 0x4E16},        {"'\\x41'", 0x41},       {"'\\101'", 0101},
        {"'\\u00e9'", 0xE9},   {"'\\U0001F600'", 0x1F600}, {"'\\xff'", 0xFF},   {"'\\a'", 7},
        {"'\"'", '"'},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Diag d;
        diag_init(&d);
        Token t = lex_first(cases[i].src, &d);
        if (diag_has_error(&d)) print_error("%s: %s\n", cases[i].src, d.msg);
        assert_false(diag_has_error(&d));
        assert_int_equal(t.kind, TK_CHAR);
        assert_int_equal(t.len, strlen(cases[i].src));
        assert_int_equal(t.ival, cases[i].value);
    }
}

/* Unquotes the first token of src into a static buffer. */
static const char *unquoted(const char *src, size_t *len) {
    static char out[256];
    Diag d;
    diag_init(&d);
    Token t = lex_first(src, &d);
    assert_false(diag_has_error(&d));
    assert_int_equal(t.kind, TK_STRING);
    *len = lexer_unquote(t.text, t.len, out);
    assert_true(*len <= t.len);
    out[*len] = '\0';
    return out;
}

static void test_string_literals(void **state) {
    (void)state;
    size_t n;
    assert_string_equal(unquoted("\"hello\"", &n), "hello");
    assert_string_equal(unquoted("\"a\\tb\\n\"", &n), "a\tb\n");
    assert_string_equal(unquoted("\"\\\\ \\\"\"", &n), "\\ \"");
    assert_string_equal(unquoted("\"\\x41\\101\"", &n), "AA");
    assert_string_equal(unquoted("\"\\u00e9\"", &n), "\xC3\xA9");
    assert_string_equal(unquoted("\"\\U0001F600\"", &n), "\xF0\x9F\x98\x80");
    assert_string_equal(unquoted("\"\\xff\"", &n), "\xFF");
    assert_string_equal(unquoted("\"世界\"", &n), "世界");
    assert_string_equal(unquoted("\"\"", &n), "");
    assert_int_equal(n, 0);
    assert_string_equal(unquoted("\"a\\000b\"", &n), "a");
    assert_int_equal(n, 3);
    assert_string_equal(unquoted("`a\\n\"b`", &n), "a\\n\"b");
    assert_string_equal(unquoted("`line1\r\nline2`", &n), "line1\nline2");
    Token t = lex_first("`raw`", NULL);
    assert_true(t.flags & TOKF_RAW);
    /* a raw string spanning lines keeps line numbers right */
    Lexer lx;
    const char *src = "`a\nb\nc` x";
    lexer_init(&lx, "t.go", src, strlen(src), NULL);
    Token s = lexer_next(&lx);
    assert_int_equal(s.len, 7);
    Token x = lexer_next(&lx);
    assert_int_equal(x.kind, TK_IDENT);
    assert_int_equal(x.pos.line, 3);
    assert_int_equal(x.pos.col, 4);
    lexer_free(&lx);
}

static void test_positions(void **state) {
    (void)state;
    /* columns count bytes, like gc: a tab is 1, '世' is 3 */
    const char *src = "package main\n\tx := \"世\" + y\n";
    Lexer lx;
    lexer_init(&lx, "t.go", src, strlen(src), NULL);
    Token t;
    t = lexer_next(&lx); /* package */
    assert_int_equal(t.pos.line, 1);
    assert_int_equal(t.pos.col, 1);
    assert_int_equal(t.pos.offset, 0);
    t = lexer_next(&lx); /* main */
    assert_int_equal(t.pos.col, 9);
    t = lexer_next(&lx); /* newline */
    assert_int_equal(t.kind, TK_SEMICOLON);
    assert_int_equal(t.pos.col, 13);
    t = lexer_next(&lx); /* x */
    assert_int_equal(t.pos.line, 2);
    assert_int_equal(t.pos.col, 2);
    assert_int_equal(t.pos.offset, 14);
    t = lexer_next(&lx); /* := */
    assert_int_equal(t.pos.col, 4);
    t = lexer_next(&lx); /* "世" */
    assert_int_equal(t.pos.col, 7);
    assert_int_equal(t.len, 5);
    t = lexer_next(&lx); /* + */
    assert_int_equal(t.pos.col, 13);
    t = lexer_next(&lx); /* y */
    assert_int_equal(t.pos.col, 15);
    lexer_free(&lx);
    /* unicode identifiers */
    assert_string_equal(lex_words("世界 := café"), "世界 := café <eof> EOF");
    /* a leading BOM is skipped */
    assert_string_equal(lex_words("\xEF\xBB\xBFpackage main"), "package main <eof> EOF");
}

static void test_lex_errors(void **state) {
    (void)state;
    check_lex_error("x := @", 1, 6, "invalid character U+0040 '@'");
    check_lex_error("a\n  #", 2, 3, "invalid character U+0023 '#'");
    check_lex_error("x \x01", 1, 3, "invalid character U+0001");
    check_lex_error("s := \xE2\x80\x9Chi\xE2\x80\x9D", 1, 6, "invalid character U+201C '\xE2\x80\x9C' in identifier");
    check_lex_error("x := \xC2\xA7", 1, 6, "invalid character U+00A7 '\xC2\xA7' in identifier");
    check_lex_error("ab\xE2\x80\x9C", 1, 3, "invalid character U+201C '\xE2\x80\x9C' in identifier");
    check_lex_error("x\xFFy", 1, 2, "invalid UTF-8 encoding");
    check_lex_error("\"a\xC0\x80\"", 1, 3, "invalid UTF-8 encoding");
    check_lex_error("// c\xFE\n", 1, 5, "invalid UTF-8 encoding");
    check_lex_error("x \xEF\xBB\xBF", 1, 3, "invalid BOM in the middle of the file");
    check_lex_error("x \"a\"\nb \"abc\ny\"", 2, 7, "newline in string");
    check_lex_error("x := \"abc", 1, 6, "string not terminated");
    check_lex_error("x := `ab\nc", 1, 6, "string not terminated");
    check_lex_error("x := 'a", 1, 6, "rune literal not terminated");
    check_lex_error("x := 'a\n'", 1, 8, "newline in rune literal");
    check_lex_error("x := ''", 1, 7, "empty rune literal or unescaped '");
    check_lex_error("x := 'ab'", 1, 6, "more than one character in rune literal");
    check_lex_error("\"\\q\"", 1, 3, "unknown escape");
    check_lex_error("\"\\xZZ\"", 1, 4, "invalid character 'Z' in hexadecimal escape");
    check_lex_error("\"\\u12\"", 1, 6, "invalid character '\"' in hexadecimal escape");
    check_lex_error("'\\400'", 1, 6, "octal escape value 256 > 255");
    check_lex_error("\"\\uD800\"", 1, 8, "escape is invalid Unicode code point U+D800");
    check_lex_error("\"\\U00110000\"", 1, 12, "escape is invalid Unicode code point U+110000");
    check_lex_error("x /* never", 1, 3, "comment not terminated");
    check_lex_error("x := 09", 1, 7, "invalid digit '9' in octal literal");
    check_lex_error("0b102", 1, 5, "invalid digit '2' in binary literal");
    check_lex_error("0o8", 1, 3, "invalid digit '8' in octal literal");
    check_lex_error("y := 0x", 1, 8, "hexadecimal literal has no digits");
    check_lex_error("0b", 1, 3, "binary literal has no digits");
    check_lex_error("1__0", 1, 3, "'_' must separate successive digits");
    check_lex_error("1_", 1, 2, "'_' must separate successive digits");
    check_lex_error("0x_", 1, 4, "hexadecimal literal has no digits");
    check_lex_error("1e", 1, 3, "exponent has no digits");
    check_lex_error("0x1.5", 1, 6, "hexadecimal mantissa requires a 'p' exponent");
    check_lex_error("0b1.0", 1, 4, "invalid radix point in binary literal");
    check_lex_error("0x1e2p", 1, 7, "exponent has no digits");
    check_lex_error("0b1e2", 1, 4, "'e' exponent requires decimal mantissa");
    /* NUL bytes, which a C string cannot hold, are checked directly */
    const char src[] = "x :=\0 1\n\"a\0\"";
    Diag d;
    diag_init(&d);
    Lexer lx;
    lexer_init(&lx, "t.go", src, sizeof src - 1, &d);
    Token t;
    while ((t = lexer_next(&lx)).kind != TK_EOF) {}
    lexer_free(&lx);
    assert_int_equal(d.count, 2);
    assert_string_equal(d.msg, "invalid NUL character");
    assert_int_equal(d.line, 1);
    assert_int_equal(d.col, 5);
    diag_free(&d);
}

static void test_illegal_tokens_and_recovery(void **state) {
    (void)state;
    /* the lexer reports, returns TK_ILLEGAL and goes on */
    assert_string_equal(lex_words("a @ b"), "a ILLEGAL b <eof> EOF");
    assert_string_equal(lex_words("a \xFF b"), "a ILLEGAL b <eof> EOF");
    /* a bad literal still comes back as a literal, flagged */
    Diag d;
    diag_init(&d);
    Token t = lex_first("0x", &d);
    assert_int_equal(t.kind, TK_INT);
    assert_true(t.flags & TOKF_BAD);
    diag_free(&d);
}

static void test_random_bytes_terminate(void **state) {
    (void)state;
    unsigned seed = 12345;
    char buf[4096];
    for (int round = 0; round < 200; round++) {
        size_t len = (size_t)(round * 20 + 1);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)(seed >> 16);
            if (round % 2 && (seed >> 8) % 3 == 0) buf[i] = "\"'`/*\n\\0x.e_"[(seed >> 4) % 13];
        }
        Diag d;
        diag_init(&d);
        Lexer lx;
        lexer_init(&lx, "r.go", buf, len, &d);
        size_t ntok = 0;
        Token tok;
        do {
            tok = lexer_next(&lx);
            ntok++;
            assert_true(tok.pos.offset <= len);
            assert_true((size_t)tok.pos.offset + tok.len <= len);
        } while (tok.kind != TK_EOF && ntok <= len + 2);
        assert_int_equal(tok.kind, TK_EOF); /* always reaches the end */
        if (d.count) {
            char *s = diag_format(&d);
            assert_non_null(s);
            free(s);
        }
        lexer_free(&lx);
        diag_free(&d);
    }
}

static void test_diag_format(void **state) {
    (void)state;
    Diag d;
    diag_init(&d);
    assert_null(diag_format(&d));
    const char *src = "package main\n\tx := \"世\" @ y\n";
    /* '@' is at byte column 13 of line 2 */
    diag_report(&d, "a.go", src, strlen(src), 25, 2, 13, "invalid character U+%04X '%c'", 0x40, '@');
    diag_report(&d, "a.go", src, strlen(src), 0, 1, 1, "second error is only counted");
    assert_int_equal(d.count, 2);
    char *s = diag_format(&d);
    assert_string_equal(s, "a.go:2:13: invalid character U+0040 '@'\n"
                           "\tx := \"世\" @ y\n"
                           "\t         ^\n");
    free(s);
    diag_free(&d);
    assert_false(diag_has_error(&d));

    /* column past the end of the line (unexpected newline) and a CRLF line */
    diag_report(&d, NULL, "f(a\r\n", 5, 3, 1, 4, "syntax error: unexpected newline");
    s = diag_format(&d);
    assert_string_equal(s, "<input>:1:4: syntax error: unexpected newline\nf(a\n   ^\n");
    free(s);
    diag_free(&d);

    /* control bytes in the echoed line become '?' and stay aligned */
    const char bin[] = "a\x01\0b";
    diag_report(&d, "b.go", bin, 4, 3, 1, 4, "invalid character");
    s = diag_format(&d);
    assert_string_equal(s, "b.go:1:4: invalid character\na??b\n   ^\n");
    free(s);
    diag_free(&d);

    /* an empty file */
    diag_report(&d, "e.go", "", 0, 0, 1, 1, "syntax error: package statement must be first");
    s = diag_format(&d);
    assert_string_equal(s, "e.go:1:1: syntax error: package statement must be first\n\n^\n");
    free(s);
    diag_free(&d);
    /* NULL collectors are ignored */
    diag_report(NULL, "x", "", 0, 0, 1, 1, "nothing");
    assert_false(diag_has_error(NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_semicolon_insertion),
        cmocka_unit_test(test_comments_and_semicolons),
        cmocka_unit_test(test_comment_collection),
        cmocka_unit_test(test_int_literals),
        cmocka_unit_test(test_float_literals),
        cmocka_unit_test(test_rune_literals),
        cmocka_unit_test(test_string_literals),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_lex_errors),
        cmocka_unit_test(test_illegal_tokens_and_recovery),
        cmocka_unit_test(test_random_bytes_terminate),
        cmocka_unit_test(test_diag_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
