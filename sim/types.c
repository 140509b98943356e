/* types.c: type descriptors (sizes as gc lays them out on amd64) and values of them. */
#include <stdio.h>
#include <string.h>

#include "types.h"

static TypeId add_type(Sim *S, Type t) {
    VEC_PUSH(S->types, t);
    return S->types.len;
}

void types_init(Sim *S) {
    add_type(S, (Type){TY_INT, 8, 8, 0, 0, strtab_intern(&S->strs, "int"), 0, 0});
    add_type(S, (Type){TY_BOOL, 1, 1, 0, 0, strtab_intern(&S->strs, "bool"), 0, 0});
    add_type(S, (Type){TY_STRING, 16, 8, 0, 0, strtab_intern(&S->strs, "string"), 0, 0});
    add_type(S, (Type){TY_STRUCT, 0, 1, 0, 0, strtab_intern(&S->strs, "struct {}"), 0, 0});
}

const char *type_name(const Sim *S, TypeId t) {
    if (t <= 0 || t > S->types.len) return "?";
    return strtab_get(&S->strs, sim_type(S, t)->name, NULL);
}

TypeId type_chan(Sim *S, TypeId elem, int dir) {
    for (int32_t i = 0; i < S->types.len; i++) {
        const Type *t = &S->types.items[i];
        if (t->kind == TY_CHAN && t->elem == elem && t->dir == dir) return i + 1;
    }
    char name[256];
    const char *en = type_name(S, elem);
    const char *fmt = dir == CHAN_SEND ? "chan<- %s" : dir == CHAN_RECV ? "<-chan %s" : "chan %s";
    /* `chan (<-chan int)` needs parentheses, as Go prints it. */
    if (dir == CHAN_BOTH && strncmp(en, "<-chan", 6) == 0) fmt = "chan (%s)";
    snprintf(name, sizeof name, fmt, en);
    return add_type(S, (Type){TY_CHAN, 8, 8, elem, dir, strtab_intern(&S->strs, name), 0, 0});
}

TypeId type_struct(Sim *S, const char *name, int32_t nfields, const StrId *fnames, const TypeId *ftypes) {
    Type t = {TY_STRUCT, 0, 1, 0, 0, strtab_intern(&S->strs, name), S->fields.len, nfields};
    int32_t off = 0;
    for (int32_t i = 0; i < nfields; i++) {
        const Type *ft = sim_type(S, ftypes[i]);
        int32_t al = ft->align > 0 ? ft->align : 1;
        off = (off + al - 1) / al * al;
        Field f = {fnames[i], ftypes[i], off};
        VEC_PUSH(S->fields, f);
        off += sim_type(S, ftypes[i])->size;
        if (al > t.align) t.align = al;
    }
    t.size = (off + t.align - 1) / t.align * t.align;
    return add_type(S, t);
}

TypeId type_named(Sim *S, const char *name, TypeId underlying, int32_t size) {
    Type t = *sim_type(S, underlying);
    t.name = strtab_intern(&S->strs, name);
    t.size = size;
    return add_type(S, t);
}

Value value_zero(const Sim *S, TypeId t) {
    switch (sim_type(S, t)->kind) {
    case TY_INT: return value_int(0);
    case TY_BOOL: return value_bool(false);
    case TY_STRING: return (Value){VK_STRING, 0, 0};
    case TY_CHAN: return value_chan(0);
    case TY_STRUCT: return (Value){VK_STRUCT, 0, 0};
    }
    return value_nil();
}

Value value_struct(Sim *S, TypeId t, const Value *fields) {
    int32_t n = sim_type(S, t)->nfields;
    if (n == 0) return (Value){VK_STRUCT, 0, 0};
    int32_t at = S->heap.len;
    VEC_RESERVE(S->heap, at + n);
    memcpy(S->heap.items + at, fields, (size_t)n * sizeof *fields);
    S->heap.len += n;
    return (Value){VK_STRUCT, at + 1, 0};
}

Value value_field(const Sim *S, TypeId t, Value v, int32_t i) {
    const Type *ty = sim_type(S, t);
    const Field *f = &S->fields.items[ty->field0 + i];
    if (v.ref == 0) return value_zero(S, f->type);
    return S->heap.items[v.ref - 1 + i];
}

Value value_string(Sim *S, const char *s, size_t len) {
    if (len == 0) return (Value){VK_STRING, 0, 0};
    return (Value){VK_STRING, strtab_add(&S->strs, s, len), 0};
}

bool value_equal(const Sim *S, TypeId t, Value a, Value b) {
    const Type *ty = sim_type(S, t);
    switch (ty->kind) {
    case TY_INT:
    case TY_BOOL: return a.i == b.i;
    case TY_CHAN: return a.ref == b.ref;
    case TY_STRING: {
        int32_t la, lb;
        const char *sa = strtab_get(&S->strs, a.ref, &la), *sb = strtab_get(&S->strs, b.ref, &lb);
        return la == lb && memcmp(sa, sb, (size_t)la) == 0;
    }
    case TY_STRUCT:
        for (int32_t i = 0; i < ty->nfields; i++) {
            TypeId ft = S->fields.items[ty->field0 + i].type;
            if (!value_equal(S, ft, value_field(S, t, a, i), value_field(S, t, b, i))) return false;
        }
        return true;
    }
    return false;
}

/* Appends with snprintf semantics: *n counts what was needed. */
static void put(char *buf, size_t cap, int *n, const char *s, int len) {
    for (int i = 0; i < len; i++) {
        if ((size_t)(*n + i) + 1 < cap) buf[*n + i] = s[i];
    }
    *n += len;
    if (cap) buf[(size_t)*n < cap ? (size_t)*n : cap - 1] = '\0';
}

static void format_into(const Sim *S, TypeId t, Value v, char *buf, size_t cap, int *n) {
    char tmp[64];
    const Type *ty = sim_type(S, t);
    switch (ty->kind) {
    case TY_INT: put(buf, cap, n, tmp, snprintf(tmp, sizeof tmp, "%lld", (long long)v.i)); break;
    case TY_BOOL: put(buf, cap, n, v.i ? "true" : "false", v.i ? 4 : 5); break;
    case TY_STRING: {
        int32_t len;
        const char *s = strtab_get(&S->strs, v.ref, &len);
        put(buf, cap, n, s, len);
        break;
    }
    /* A channel prints as its address; ours is a stable made-up one per channel. */
    case TY_CHAN:
        if (v.ref == 0) put(buf, cap, n, "<nil>", 5);
        else put(buf, cap, n, tmp, snprintf(tmp, sizeof tmp, "0xc0000%05x", 0x1000 + (unsigned)v.ref * 0x60));
        break;
    case TY_STRUCT:
        put(buf, cap, n, "{", 1);
        for (int32_t i = 0; i < ty->nfields; i++) {
            if (i) put(buf, cap, n, " ", 1);
            format_into(S, S->fields.items[ty->field0 + i].type, value_field(S, t, v, i), buf, cap, n);
        }
        put(buf, cap, n, "}", 1);
        break;
    }
}

int value_format(const Sim *S, TypeId t, Value v, char *buf, size_t cap) {
    int n = 0;
    if (cap) buf[0] = '\0';
    format_into(S, t, v, buf, cap, &n);
    return n;
}
