/* fuzz_util.h: what the libFuzzer harnesses share.
 *
 * The readers under test take a path, not a buffer, so each input is
 * written to a fresh temporary file, used, then removed: nothing survives
 * from one input to the next. */
#ifndef HCHANVIZ_FUZZ_UTIL_H
#define HCHANVIZ_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes data[0..size) to a new file under $TMPDIR (or /tmp) whose name
 * ends with suffix (".go", ".json"); its name goes to path (cap bytes).
 * Aborts if the file cannot be written: the harness, not the input, is
 * broken then. */
void fuzz_temp_write(const uint8_t *data, size_t size, const char *suffix, char *path, size_t cap);

/* A second name beside path for an output file (path + suffix). */
void fuzz_temp_sibling(const char *path, const char *suffix, char *out, size_t cap);

#endif
