/* vec.h: a growable array of T, the only container sim/ uses.
 *
 * A Vec is {items, len, cap}.  Everything the simulation owns lives in Vecs
 * addressed by index, so copying a Sim is copying its Vecs (see snapshot.c).
 * VEC_PUSH aborts on out-of-memory: the simulator bounds every input before it
 * grows a Vec, so running out here is an internal failure, not a user error. */
#ifndef HCHANVIZ_VEC_H
#define HCHANVIZ_VEC_H

#include <stdlib.h>
#include <string.h>

#define VEC(T) struct { T *items; int32_t len, cap; }

void *vec_grow(void *items, int32_t *cap, int32_t need, size_t elem);

#define VEC_RESERVE(v, n) \
    ((n) > (v).cap ? (void)((v).items = vec_grow((v).items, &(v).cap, (n), sizeof *(v).items)) : (void)0)
#define VEC_PUSH(v, x) \
    (VEC_RESERVE((v), (v).len + 1), (v).items[(v).len++] = (x))
#define VEC_FREE(v) (free((v).items), (v).items = NULL, (v).len = (v).cap = 0)
/* Deep copy of src into dst (dst's old storage is reused or freed). */
#define VEC_COPY(dst, src) \
    ((dst).len = 0, VEC_RESERVE((dst), (src).len), \
     (src).len ? (void)memcpy((dst).items, (src).items, (size_t)(src).len * sizeof *(src).items) : (void)0, \
     (dst).len = (src).len)

#endif
