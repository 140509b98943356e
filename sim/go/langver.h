/* langver.h: which Go language version a program is compiled under, as the
 * go command picks it.
 *
 * The version decides two rules that change what a program prints:
 *   - before go1.22 a three-clause or range loop has one variable for the
 *     whole loop (a closure sees its last value); from go1.22 each
 *     iteration has its own;
 *   - range over an integer exists from go1.22 only.
 * Versions are written as their minor number (19 for go1.19). */
#ifndef HCHANVIZ_LANGVER_H
#define HCHANVIZ_LANGVER_H

#include <stddef.h>

/* The toolchain we are judged by (Go 1.19) and the first version with
 * per-iteration loop variables and range over int. */
enum { LANG_DEFAULT = 19, LANG_LOOPVAR = 22, LANG_MIN = 1, LANG_MAX = 99 };

/* The version for the program in file `path` with text src[0..len): the
 * `go` line of a go.mod in the file's directory or one above it, else a
 * `//go:build go1.N` line before the package clause, else flag (a
 * `--lang go1.N` given by the user; 0 for none), else LANG_DEFAULT.
 * `from` is set to where it came from ("go.mod", "//go:build", "--lang",
 * "default"), for messages; it may be NULL. */
int langver_resolve(const char *path, const char *src, size_t len, int flag, const char **from);

/* Parses "go1.N" (also "1.N", "go1.N.P", "1.N.P") into N; -1 if it is not one. */
int langver_parse(const char *text, size_t len);

#endif
