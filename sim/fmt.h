/* fmt.h: Go's package fmt printing (Print, Println, Printf, Errorf) and the
 * runtime's printing of a panic value, on the Sim's values, byte-identical to
 * Go 1.19 for the types the simulator has.
 *
 * Values are read, never changed, through the Sim's storage as value.h lays
 * it out; in particular a non-nil pointer's heap cell holds the pointee value
 * (for a pointer to a struct, a VK_STRUCT value), a slice's elements are
 * consecutive heap cells, an interface's cell holds its dynamic value, and a
 * func value is nil when its i is negative (as value_zero makes it).
 *
 * Methods: the simulator cannot call a program's own String() or Error()
 * methods from here, so fmt knows these method sets, by type name:
 *   *errors.errorString, *fmt.wrapError  Error() = the first field (a string)
 *   runtime.plainError (a named string)  Error() = the string
 *   time.Duration                        String() as Go's Duration.String
 *   time.Time (nanoseconds since start)  String() as Go prints it on the
 *                                        playground clock (-tags faketime)
 * Every other value prints through its structure, as Go prints a value whose
 * type has no methods.  (Not modelled: a program's own String/Error methods,
 * Time's GoString for %#v, and Time's struct fields for verbs like %d, which
 * print the nanoseconds here.)
 *
 * Addresses (pointers, channels, functions, %p) cannot match a real run's;
 * they are made up, stable for a given heap cell / channel / function. */
#ifndef HCHANVIZ_FMT_H
#define HCHANVIZ_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "sim.h"

/* One operand of a print call, as an `any` holds it: the dynamic type and the
 * value.  type 0 is the nil interface.  A type that is itself an interface
 * (TYPE_ANY, TYPE_ERROR) with a VK_IFACE value is unwrapped to its dynamic
 * type and value first, as converting an interface to `any` does. */
typedef struct FmtArg {
    TypeId type;
    Value v;
} FmtArg;

/* A growable byte buffer.  Zero-initialise it ({0}); the fmt functions append
 * to it.  data is NUL-terminated whenever it is non-NULL (the NUL is not
 * counted in len; the text itself may contain NULs).  Aborts on out of memory,
 * as the Sim's Vecs do. */
typedef struct FmtBuf {
    char *data;
    size_t len, cap;
} FmtBuf;

/* Releases the buffer's storage and empties it (safe on a zeroed buffer). */
void fmt_buf_free(FmtBuf *b);
/* Appends s[0..len). */
void fmt_buf_write(FmtBuf *b, const char *s, size_t len);
/* Makes room for extra more bytes plus the NUL (aborts on out of memory). */
void fmt_buf_reserve(FmtBuf *b, size_t extra);

/* fmt.Print / Sprint: the operands' %v forms, with a space between two
 * operands when neither is a string (of any string type).  Appends to out. */
void fmt_print(const Sim *S, FmtBuf *out, const FmtArg *args, int n);
/* fmt.Println / Sprintln: the operands' %v forms separated by spaces, then a
 * newline.  Appends to out. */
void fmt_println(const Sim *S, FmtBuf *out, const FmtArg *args, int n);
/* fmt.Printf / Sprintf with format[0..flen): verbs v d s q t T x X c U b o O p
 * and %%, flags "+-# 0", width, precision, * and explicit [n] argument
 * indexes, and Go's error forms (%!d(string=hi), %!d(MISSING),
 * %!(EXTRA int=3), %!z(int=5), %!d(<nil>), %!(NOVERB), %!d(BADINDEX),
 * %!(BADWIDTH), %!(BADPREC)).  %w is a bad verb here, as in Printf.
 * Appends to out. */
void fmt_printf(const Sim *S, FmtBuf *out, const char *format, size_t flen, const FmtArg *args, int n);

/* errors.New(msg): a new *errors.errorString (its type is added to the Sim on
 * first use).  Returns the dynamic type and value, ready to be an FmtArg or to
 * be boxed into an `error` interface. */
FmtArg fmt_errors_new(Sim *S, const char *msg, size_t len);
/* fmt.Errorf: formats as fmt_printf does, except that one %w with an error
 * operand prints that error's text and makes the result a *fmt.wrapError
 * (fields msg, err) instead of a *errors.errorString. */
FmtArg fmt_errorf(Sim *S, const char *format, size_t flen, const FmtArg *args, int n);
/* If a value of dynamic type t has an Error method that fmt knows (see
 * above), appends its Error() text to out and returns true; otherwise
 * appends nothing and returns false. */
bool fmt_error_text(const Sim *S, FmtBuf *out, TypeId t, Value v);

/* The runtime's printing of a panic value (printpanics): what follows
 * "panic: " (no " [recovered]", no newline).  An error prints its Error()
 * text, a Stringer (time.Duration) its String(), nil "nil", a bool, an
 * unnamed integer or a string its value, a named bool/integer/string
 * `main.T(3)` / `main.S("x")`, anything else `(main.T) 0xc000100000`. */
void fmt_panic_value(const Sim *S, FmtBuf *out, FmtArg arg);

/* time.Duration(ns).String(): "1.5s", "100ms", "2m0s", "0s", "1h0m0s", "-1µs".
 * Appends to out. */
void fmt_duration(FmtBuf *out, int64_t ns);

#endif
