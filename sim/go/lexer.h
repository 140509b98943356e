/* Lexer for the Go subset, with Go's automatic semicolon insertion.
 *
 * The lexer turns a byte buffer into Tokens one at a time.  It follows the
 * Go specification and gc's scanner (cmd/compile/internal/syntax):
 *
 *  - When a line's final token is an identifier, a literal, one of the
 *    keywords break/continue/fallthrough/return, or one of ++ -- ) ] },
 *    the newline (or end of file) becomes a TK_SEMICOLON token with the
 *    TOKF_NEWLINE (or TOKF_EOF) flag.  A line comment ends at the newline,
 *    so it never hides it; a block comment spanning lines acts as a newline.
 *  - Errors use gc's wording ("newline in string", "invalid character
 *    U+0040 '@'", ...) and go to the Diag given at init.  After an error the
 *    lexer goes on (skipping the bad character), so it never gets stuck.
 *  - Every comment is recorded, with its position, in lx->comments.
 *    Comments starting with "//>", "//>zh" and "//hchanviz:" are classified
 *    (lesson narration and directives) but otherwise behave like any other.
 *
 * Identifiers may contain Unicode letters and digits.  Without Unicode
 * tables, "letter" means: an ASCII letter or '_', or any non-ASCII code point
 * outside the common punctuation and symbol blocks (Latin-1 symbols, General
 * Punctuation such as smart quotes, arrows, math and box drawing, CJK and
 * full-width punctuation, emoji).  Like gc, such a character is reported as
 * "invalid character U+201C '...' in identifier", even at the start of a
 * token. */
#ifndef HCHANVIZ_GO_LEXER_H
#define HCHANVIZ_GO_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "token.h"

/* Token flags. */
enum {
    TOKF_NEWLINE = 1u << 0,  /* TK_SEMICOLON inserted at a newline (or multi-line comment) */
    TOKF_EOF = 1u << 1,      /* TK_SEMICOLON inserted at end of file */
    TOKF_BAD = 1u << 2,      /* malformed literal; an error was reported */
    TOKF_OVERFLOW = 1u << 3, /* TK_INT whose value does not fit in int64 */
    TOKF_OVERFLOW_U64 = 1u << 4, /* TK_INT whose value does not even fit in uint64 */
    TOKF_RAW = 1u << 5       /* TK_STRING written with backquotes */
};

typedef struct Token {
    TokenKind kind;
    uint32_t flags;   /* TOKF_* */
    Pos pos;          /* first byte of the token (of the newline for TOKF_NEWLINE) */
    const char *text; /* the token's source bytes (not NUL-terminated) */
    uint32_t len;     /* byte length of text; 0 for inserted semicolons and EOF */
    uint64_t ival;    /* TK_INT: value (UINT64_MAX if TOKF_OVERFLOW_U64); TK_CHAR: code point */
} Token;

typedef enum CommentKind {
    COMMENT_PLAIN,         /* any other comment */
    COMMENT_NARRATION,     /* "//> text": lesson narration */
    COMMENT_NARRATION_ZH,  /* "//>zh text": lesson narration in Chinese */
    COMMENT_DIRECTIVE      /* "//hchanviz:verb args": simulator directive */
} CommentKind;

typedef struct Comment {
    Pos pos;           /* position of the leading '/' */
    CommentKind kind;
    bool block;        /* a block comment (never narration or directive) */
    const char *text;  /* whole comment with its markers, no newline */
    uint32_t len;
    const char *body;  /* text after the opening marker (the slashes, "//>", "//>zh"
                        * or "//hchanviz:"); for narration one leading blank is
                        * dropped; for block comments the closing marker is
                        * excluded */
    uint32_t body_len;
} Comment;

typedef struct Lexer {
    const char *src;
    size_t len;
    size_t off;          /* next byte to read */
    int32_t line;        /* line of src[off] */
    size_t line_start;   /* offset of the first byte of that line */
    bool nlsemi;         /* a newline now would become a semicolon */
    const char *filename;
    Diag *diag;
    int errors;          /* lexical errors reported by this lexer */
    Comment *comments;   /* every comment seen so far, in source order (owned) */
    size_t ncomments, comments_cap;
    bool comments_oom;   /* recording a comment failed for lack of memory */
} Lexer;

/* Prepares lx to scan src[0..len).  src (which need not be NUL-terminated)
 * and filename are borrowed and must outlive the lexer; filename may be NULL.
 * len must stay below 2 GiB, as positions are 32-bit (parse_file enforces
 * a 1 GiB limit).
 * Errors go to d, which may be NULL.  A leading UTF-8 byte order mark is
 * skipped.  Pair with lexer_free(). */
void lexer_init(Lexer *lx, const char *filename, const char *src, size_t len, Diag *d);

/* Frees the comment list.  Tokens and comments point into src, not into the
 * lexer, so they stay valid as long as src does. */
void lexer_free(Lexer *lx);

/* Scans and returns the next token.  At the end it returns TK_EOF (possibly
 * after an inserted TK_SEMICOLON), and keeps returning TK_EOF.  On a lexical
 * error it reports to the Diag, bumps lx->errors and goes on: a bad literal
 * comes back with TOKF_BAD, a stray character as TK_ILLEGAL. */
Token lexer_next(Lexer *lx);

/* Decodes the body of a well-formed string or rune literal `lit` (with its
 * quotes, as in Token.text) into out, which must have room for len bytes (a
 * decoded literal is never longer than its source).  Escapes are replaced,
 * raw strings lose their carriage returns.  Appends no NUL.  Returns the
 * decoded length.  Malformed input is decoded on a best-effort basis without
 * reading or writing out of bounds. */
size_t lexer_unquote(const char *lit, size_t len, char *out);

#endif
