/* Tokens of the Go subset that hchanviz lessons are written in.
 *
 * TOKEN_LIST is an X-macro: X(kind, spelling).  The spelling is what the
 * token looks like in source (or a word for classes such as names and
 * literals); error messages are built from it.  Keywords are listed between
 * TK_BREAK and TK_VAR, in alphabetical order, and nowhere else.
 *
 * This header also holds the two small value types every stage shares:
 * Pos (a position in the source) and a UTF-8 decoder. */
#ifndef HCHANVIZ_GO_TOKEN_H
#define HCHANVIZ_GO_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define TOKEN_LIST(X)                      \
    X(TK_EOF, "EOF")                       \
    X(TK_ILLEGAL, "illegal character")     \
    /* names and literals */               \
    X(TK_IDENT, "name")                    \
    X(TK_INT, "literal")                   \
    X(TK_FLOAT, "literal")                 \
    X(TK_IMAG, "literal")                  \
    X(TK_CHAR, "literal")                  \
    X(TK_STRING, "literal")                \
    /* operators */                        \
    X(TK_ADD, "+")                         \
    X(TK_SUB, "-")                         \
    X(TK_MUL, "*")                         \
    X(TK_QUO, "/")                         \
    X(TK_REM, "%")                         \
    X(TK_AND, "&")                         \
    X(TK_OR, "|")                          \
    X(TK_XOR, "^")                         \
    X(TK_SHL, "<<")                        \
    X(TK_SHR, ">>")                        \
    X(TK_AND_NOT, "&^")                    \
    X(TK_ADD_ASSIGN, "+=")                 \
    X(TK_SUB_ASSIGN, "-=")                 \
    X(TK_MUL_ASSIGN, "*=")                 \
    X(TK_QUO_ASSIGN, "/=")                 \
    X(TK_REM_ASSIGN, "%=")                 \
    X(TK_AND_ASSIGN, "&=")                 \
    X(TK_OR_ASSIGN, "|=")                  \
    X(TK_XOR_ASSIGN, "^=")                 \
    X(TK_SHL_ASSIGN, "<<=")                \
    X(TK_SHR_ASSIGN, ">>=")                \
    X(TK_AND_NOT_ASSIGN, "&^=")            \
    X(TK_LAND, "&&")                       \
    X(TK_LOR, "||")                        \
    X(TK_ARROW, "<-")                      \
    X(TK_INC, "++")                        \
    X(TK_DEC, "--")                        \
    X(TK_EQL, "==")                        \
    X(TK_LSS, "<")                         \
    X(TK_GTR, ">")                         \
    X(TK_ASSIGN, "=")                      \
    X(TK_NOT, "!")                         \
    X(TK_TILDE, "~")                       \
    X(TK_NEQ, "!=")                        \
    X(TK_LEQ, "<=")                        \
    X(TK_GEQ, ">=")                        \
    X(TK_DEFINE, ":=")                     \
    X(TK_ELLIPSIS, "...")                  \
    /* delimiters */                       \
    X(TK_LPAREN, "(")                      \
    X(TK_LBRACK, "[")                      \
    X(TK_LBRACE, "{")                      \
    X(TK_COMMA, ",")                       \
    X(TK_PERIOD, ".")                      \
    X(TK_RPAREN, ")")                      \
    X(TK_RBRACK, "]")                      \
    X(TK_RBRACE, "}")                      \
    X(TK_SEMICOLON, ";")                   \
    X(TK_COLON, ":")                       \
    /* keywords (keep sorted, TK_BREAK first and TK_VAR last) */ \
    X(TK_BREAK, "break")                   \
    X(TK_CASE, "case")                     \
    X(TK_CHAN, "chan")                     \
    X(TK_CONST, "const")                   \
    X(TK_CONTINUE, "continue")             \
    X(TK_DEFAULT, "default")               \
    X(TK_DEFER, "defer")                   \
    X(TK_ELSE, "else")                     \
    X(TK_FALLTHROUGH, "fallthrough")       \
    X(TK_FOR, "for")                       \
    X(TK_FUNC, "func")                     \
    X(TK_GO, "go")                         \
    X(TK_GOTO, "goto")                     \
    X(TK_IF, "if")                         \
    X(TK_IMPORT, "import")                 \
    X(TK_INTERFACE, "interface")           \
    X(TK_MAP, "map")                       \
    X(TK_PACKAGE, "package")               \
    X(TK_RANGE, "range")                   \
    X(TK_RETURN, "return")                 \
    X(TK_SELECT, "select")                 \
    X(TK_STRUCT, "struct")                 \
    X(TK_SWITCH, "switch")                 \
    X(TK_TYPE, "type")                     \
    X(TK_VAR, "var")

typedef enum TokenKind {
#define TOKEN_ENUM_MEMBER(kind, spelling) kind,
    TOKEN_LIST(TOKEN_ENUM_MEMBER)
#undef TOKEN_ENUM_MEMBER
    TK_COUNT_
} TokenKind;

/* Returns the spelling of a token kind ("+", "func", "name", ...); never NULL. */
static inline const char *token_spelling(TokenKind k) {
    static const char *const spellings[] = {
#define TOKEN_SPELLING(kind, spelling) spelling,
        TOKEN_LIST(TOKEN_SPELLING)
#undef TOKEN_SPELLING
    };
    return (unsigned)k < (unsigned)TK_COUNT_ ? spellings[k] : "?";
}

/* Returns the enumerator name of a token kind ("TK_ADD"); for debugging and tests. */
static inline const char *token_kind_name(TokenKind k) {
    static const char *const names[] = {
#define TOKEN_NAME(kind, spelling) #kind,
        TOKEN_LIST(TOKEN_NAME)
#undef TOKEN_NAME
    };
    return (unsigned)k < (unsigned)TK_COUNT_ ? names[k] : "TK_?";
}

/* True for the 25 Go keywords. */
static inline int token_is_keyword(TokenKind k) { return k >= TK_BREAK && k <= TK_VAR; }

/* A position in a source file.  line and col are 1-based; col counts bytes
 * (like gc), so a tab or a multi-byte UTF-8 character before the position
 * each count as their byte length.  offset is the 0-based byte offset.
 * Sources are limited to 1 GiB (see parse_file), so 32 bits suffice. */
typedef struct Pos {
    int32_t line;
    int32_t col;
    uint32_t offset;
} Pos;

/* Decodes the UTF-8 sequence at s[0..n), n >= 1.  Stores the code point in
 * *rune and returns its length (1..4).  An invalid or truncated sequence,
 * an overlong form, a surrogate or a value above U+10FFFF yields
 * *rune = -1 and length 1, as Go's utf8.DecodeRune does. */
static inline int token_utf8_decode(const unsigned char *s, size_t n, int32_t *rune) {
    unsigned c = s[0];
    if (c < 0x80) { *rune = (int32_t)c; return 1; }
    int len;
    uint32_t r, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; r = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; r = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; r = c & 0x07; min = 0x10000; }
    else { *rune = -1; return 1; }
    if ((size_t)len > n) { *rune = -1; return 1; }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *rune = -1; return 1; }
        r = (r << 6) | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) { *rune = -1; return 1; }
    *rune = (int32_t)r;
    return len;
}

#endif
