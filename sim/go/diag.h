/* Diagnostics for the Go front end.
 *
 * A Diag collects errors reported while lexing and parsing one file.  It
 * keeps the first error in full (file, line, col, message and a copy of the
 * offending source line) and counts the rest: the front end stops at the
 * first error, so later ones would mostly be noise.
 *
 * Library code never prints or exits; callers decide what to do with a Diag,
 * typically print diag_format()'s result. */
#ifndef HCHANVIZ_GO_DIAG_H
#define HCHANVIZ_GO_DIAG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Diag {
    int count;        /* errors reported so far; only the first is kept */
    char *file;       /* file name of the first error (owned), NULL if none */
    int line;         /* 1-based line of the first error */
    int col;          /* 1-based column in bytes, like gc */
    char *msg;        /* message without position, e.g. "newline in string" (owned) */
    char *src_line;   /* raw bytes of the source line, no newline (owned; may hold NULs) */
    size_t src_line_len;
} Diag;

/* Initializes an empty collector.  Pair with diag_free(). */
void diag_init(Diag *d);

/* Releases the strings held by d and resets it to empty; d itself is the
 * caller's.  Safe on an initialized, empty Diag. */
void diag_free(Diag *d);

/* True once at least one error was reported.  NULL counts as no error. */
bool diag_has_error(const Diag *d);

#if defined(__GNUC__) || defined(__clang__)
#define DIAG_PRINTF(fmt_idx, arg_idx) __attribute__((format(printf, fmt_idx, arg_idx)))
#else
#define DIAG_PRINTF(fmt_idx, arg_idx)
#endif

/* Reports an error at byte offset `offset` of src[0..len), which lies on
 * (1-based) `line` and `col`.  The message is printf-formatted.  The first
 * error is copied into d (file name, message and the source line around
 * offset, so src may be freed afterwards); later errors only bump d->count.
 * file may be NULL (stored as "<input>").  If copying fails for lack of
 * memory, the fields are left NULL but count still records the error.
 * d may be NULL, in which case nothing happens. */
void diag_report(Diag *d, const char *file, const char *src, size_t len, size_t offset,
                 int line, int col, const char *fmt, ...) DIAG_PRINTF(8, 9);

/* Renders the first error as
 *     "FILE:LINE:COL: message\n<source line>\n<prefix>^\n"
 * where <prefix> holds a tab for every tab before the column in the source
 * line and a space for every other character (one per UTF-8 character, not
 * per byte, so the caret lines up on a terminal).  Control bytes and invalid
 * UTF-8 in the echoed line are shown as '?' so binary garbage cannot upset a
 * terminal.  Returns a malloc'd NUL-terminated string the caller frees, or
 * NULL if there is no error or memory ran out. */
char *diag_format(const Diag *d);

#endif
