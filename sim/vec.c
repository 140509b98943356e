#include <stdint.h>
#include <stdio.h>

#include "vec.h"

void *vec_grow(void *items, int32_t *cap, int32_t need, size_t elem) {
    int64_t ncap = *cap ? *cap : 8;
    while (ncap < need) ncap *= 2;
    if (ncap > INT32_MAX) {
        fprintf(stderr, "hchanviz: internal limit: container over 2^31 items\n");
        abort();
    }
    void *p = realloc(items, (size_t)ncap * elem);
    if (!p) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    *cap = (int32_t)ncap;
    return p;
}
