/* strtab.h: the Sim's strings.  Append-only: an id, once handed out, names the
 * same bytes forever, so restoring an earlier snapshot only truncates. */
#ifndef HCHANVIZ_STRTAB_H
#define HCHANVIZ_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "value.h"
#include "vec.h"

typedef struct StrSpan { int32_t off, len; } StrSpan;

typedef struct StrTab {
    VEC(char) bytes;      /* every string's bytes, each followed by a NUL */
    VEC(StrSpan) spans;   /* spans[id]; spans[0] is "" */
} StrTab;

void strtab_init(StrTab *t);
void strtab_free(StrTab *t);
/* Adds a copy of s[0..len) and returns its id.  Equal strings may get distinct ids. */
StrId strtab_add(StrTab *t, const char *s, size_t len);
/* The id of an equal string added before, or a new one (linear search: for names, not data). */
StrId strtab_intern(StrTab *t, const char *s);
/* NUL-terminated bytes of id (the string may itself contain NULs: use len). */
const char *strtab_get(const StrTab *t, StrId id, int32_t *len);

#endif
