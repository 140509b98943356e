#include <string.h>

#include "strtab.h"

void strtab_init(StrTab *t) {
    memset(t, 0, sizeof *t);
    strtab_add(t, "", 0);
}

void strtab_free(StrTab *t) {
    VEC_FREE(t->bytes);
    VEC_FREE(t->spans);
}

StrId strtab_add(StrTab *t, const char *s, size_t len) {
    StrSpan sp = {t->bytes.len, (int32_t)len};
    VEC_RESERVE(t->bytes, t->bytes.len + (int32_t)len + 1);
    if (len) memcpy(t->bytes.items + t->bytes.len, s, len);
    t->bytes.len += (int32_t)len;
    t->bytes.items[t->bytes.len++] = '\0';
    VEC_PUSH(t->spans, sp);
    return t->spans.len - 1;
}

StrId strtab_intern(StrTab *t, const char *s) {
    size_t n = strlen(s);
    for (int32_t i = 0; i < t->spans.len; i++)
        if ((size_t)t->spans.items[i].len == n && memcmp(t->bytes.items + t->spans.items[i].off, s, n) == 0)
            return i;
    return strtab_add(t, s, n);
}

const char *strtab_get(const StrTab *t, StrId id, int32_t *len) {
    if (id < 0 || id >= t->spans.len) id = 0;
    if (len) *len = t->spans.items[id].len;
    return t->bytes.items + t->spans.items[id].off;
}
