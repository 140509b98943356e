/* Recursive-descent parser for the Go subset: source text in, Ast out.
 * The design notes are at the top of parser.c. */
#ifndef HCHANVIZ_GO_PARSER_H
#define HCHANVIZ_GO_PARSER_H

#include <stddef.h>

#include "ast.h"
#include "diag.h"

/* Limits that keep hostile input from exhausting the C stack.
 *
 * PARSE_MAX_NEST bounds syntactic nesting: every parenthesized or nested
 * expression, unary operator, block, composite literal, type literal,
 * label and else-if adds a level while it is being parsed.  Past the limit
 * the parser reports "syntax error: nesting too deep (limit 200)" for
 * blocks and statements, and "deeply nested expressions are not supported
 * by hchanviz" at the start of the outermost expression.
 *
 * PARSE_MAX_HEIGHT bounds the height of the finished tree, which long
 * left-associative chains (a + b + c ..., a.b.c..., f()()...) grow without
 * nesting.  Past it: "syntax error: expression too complex (limit 1000)".
 * Any later pass may therefore recurse over the tree without worrying
 * about its stack.
 *
 * PARSE_MAX_SOURCE is the largest accepted source, in bytes (1 GiB). */
#define PARSE_MAX_NEST 200
#define PARSE_MAX_HEIGHT 1000
#define PARSE_MAX_SOURCE ((size_t)1 << 30)

/* Parses one Go source file, src[0..len) (need not be NUL-terminated; may
 * contain NULs, which are reported).  filename is used in diagnostics and
 * may be NULL ("<input>").
 *
 * On success returns a new Ast that owns copies of the file name and the
 * source, the tree (ast->file, an ND_FILE) and every comment (ast->comments,
 * in source order, lesson narration and directives included); the caller
 * frees it with ast_free().  src and filename may be freed right away.
 *
 * On error -- a lexical or syntax error, input over PARSE_MAX_SOURCE, a
 * nesting limit, or running out of memory -- returns NULL and records the
 * first error in d (d may be NULL if the caller only wants success or
 * failure).  Nothing else is printed, nothing is leaked, and the parse
 * stops at the first error. */
Ast *parse_file(const char *filename, const char *src, size_t len, Diag *d);

#endif
