/* types.c: type descriptors (sizes as gc lays them out on amd64) and values of them. */
#include <stdio.h>
#include <string.h>

#include "types.h"
#include "fmt.h"

static TypeId add_type(Sim *S, Type t) {
    VEC_PUSH(S->types, t);
    TypeId id = S->types.len;
    if (!t.named) S->types.items[id - 1].underlying = id;
    return id;
}

static Type basic(int kind, int32_t size, const char *name, Sim *S) {
    return (Type){.kind = kind, .size = size, .align = size ? (size < 8 ? size : 8) : 1,
                  .name = strtab_intern(&S->strs, name)};
}

static TypeId add_named(Sim *S, Type t, TypeId underlying) {
    t.named = true;
    t.underlying = underlying;
    return add_type(S, t);
}

void types_init(Sim *S) {
    add_type(S, basic(TY_INT, 8, "int", S));
    add_type(S, basic(TY_BOOL, 1, "bool", S));
    add_type(S, basic(TY_STRING, 16, "string", S));
    add_type(S, basic(TY_STRUCT, 0, "struct {}", S));
    add_type(S, basic(TY_INT, 4, "int32", S));
    add_type(S, basic(TY_IFACE, 16, "interface {}", S));
    add_type(S, basic(TY_NIL, 8, "nil", S));
    add_named(S, basic(TY_MUTEX, 8, "sync.Mutex", S), 0);
    add_named(S, basic(TY_WAITGROUP, 16, "sync.WaitGroup", S), 0);
    add_named(S, basic(TY_ONCE, 12, "sync.Once", S), 0);
    add_named(S, basic(TY_INT, 8, "time.Duration", S), TYPE_INT);
    add_named(S, basic(TY_INT, 24, "time.Time", S), 0);
    add_named(S, basic(TY_IFACE, 16, "error", S), TYPE_ANY);
    for (TypeId t = TYPE_MUTEX; t <= TYPE_TIME; t++)
        if (!S->types.items[t - 1].underlying) S->types.items[t - 1].underlying = t;
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
    return add_type(S, (Type){.kind = TY_CHAN, .size = 8, .align = 8, .elem = elem, .dir = dir,
                              .name = strtab_intern(&S->strs, name)});
}

TypeId type_struct(Sim *S, const char *name, int32_t nfields, const StrId *fnames, const TypeId *ftypes) {
    Type t = {.kind = TY_STRUCT, .align = 1, .name = strtab_intern(&S->strs, name)};
    TypeId id = strncmp(name, "struct", 6) != 0 ? add_named(S, t, 0) : add_type(S, t);
    if (!S->types.items[id - 1].underlying) S->types.items[id - 1].underlying = id;
    type_struct_define(S, id, nfields, fnames, ftypes);
    return id;
}

void type_struct_define(Sim *S, TypeId t, int32_t nfields, const StrId *fnames, const TypeId *ftypes) {
    int32_t field0 = S->fields.len, off = 0, align = 1;
    for (int32_t i = 0; i < nfields; i++) {
        const Type *ft = sim_type(S, ftypes[i]);
        int32_t al = ft->align > 0 ? ft->align : 1;
        off = (off + al - 1) / al * al;
        Field f = {fnames[i], ftypes[i], off};
        VEC_PUSH(S->fields, f);
        off += sim_type(S, ftypes[i])->size;
        if (al > align) align = al;
    }
    Type *ty = &S->types.items[t - 1];
    ty->field0 = field0;
    ty->nfields = nfields;
    ty->align = align;
    ty->size = (off + align - 1) / align * align;
}

TypeId type_named(Sim *S, const char *name, TypeId underlying, int32_t size) {
    Type t = *sim_type(S, underlying);
    t.name = strtab_intern(&S->strs, name);
    t.size = size;
    return add_named(S, t, underlying);
}

static TypeId intern(Sim *S, Type t, const char *name) {
    for (int32_t i = 0; i < S->types.len; i++) {
        const Type *u = &S->types.items[i];
        if (u->kind == t.kind && !u->named && u->elem == t.elem && u->nfields == t.nfields &&
            u->nresults == t.nresults && u->dir == t.dir && (t.kind != TY_FUNC || t.nfields + t.nresults == 0 || memcmp(S->typelist.items + u->field0,
                S->typelist.items + t.field0, sizeof(TypeId) * (size_t)(t.nfields + t.nresults)) == 0))
            return i + 1;
    }
    t.name = strtab_intern(&S->strs, name);
    return add_type(S, t);
}

TypeId type_slice(Sim *S, TypeId elem) {
    char name[256];
    snprintf(name, sizeof name, "[]%s", type_name(S, elem));
    return intern(S, (Type){.kind = TY_SLICE, .size = 24, .align = 8, .elem = elem}, name);
}

TypeId type_ptr(Sim *S, TypeId elem) {
    char name[256];
    snprintf(name, sizeof name, "*%s", type_name(S, elem));
    return intern(S, (Type){.kind = TY_PTR, .size = 8, .align = 8, .elem = elem}, name);
}

TypeId type_func(Sim *S, int32_t nparams, const TypeId *params, int32_t nresults, const TypeId *results) {
    return type_func_variadic(S, nparams, params, nresults, results, false);
}

TypeId type_func_variadic(Sim *S, int32_t nparams, const TypeId *params, int32_t nresults, const TypeId *results,
                          bool variadic) {
    int32_t at = S->typelist.len;
    for (int32_t i = 0; i < nparams; i++) VEC_PUSH(S->typelist, params[i]);
    for (int32_t i = 0; i < nresults; i++) VEC_PUSH(S->typelist, results[i]);
    char name[512];
    size_t n = (size_t)snprintf(name, sizeof name, "func(");
    for (int32_t i = 0; i < nparams && n < sizeof name; i++) {
        bool dots = variadic && i == nparams - 1; /* "...T" for the final []T */
        n += (size_t)snprintf(name + n, sizeof name - n, "%s%s%s", i ? ", " : "", dots ? "..." : "",
                              dots ? type_name(S, sim_type(S, params[i])->elem) : type_name(S, params[i]));
    }
    if (n < sizeof name) n += (size_t)snprintf(name + n, sizeof name - n, ")");
    for (int32_t i = 0; i < nresults && n < sizeof name; i++)
        n += (size_t)snprintf(name + n, sizeof name - n, "%s%s%s", i ? ", " : nresults > 1 ? " (" : " ",
                              type_name(S, results[i]), i == nresults - 1 && nresults > 1 ? ")" : "");
    TypeId t = intern(S, (Type){.kind = TY_FUNC, .size = 8, .align = 8, .field0 = at, .nfields = nparams,
                                .nresults = nresults, .dir = variadic ? 1 : 0}, name);
    if (S->types.items[t - 1].field0 != at) S->typelist.len = at; /* an equal one existed */
    return t;
}

Value value_zero(const Sim *S, TypeId t) {
    switch (sim_type(S, t)->kind) {
    case TY_SLICE: return (Value){VK_SLICE, 0, 0};
    case TY_PTR: return (Value){VK_PTR, 0, 0};
    case TY_FUNC: return (Value){VK_FUNC, 0, -1};
    case TY_IFACE:
    case TY_NIL: return (Value){VK_IFACE, 0, 0};
    case TY_MUTEX:
    case TY_WAITGROUP:
    case TY_ONCE: return (Value){VK_SYNC, 0, 0};
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

int value_format(const Sim *S, TypeId t, Value v, char *buf, size_t cap) {
    /* fmt's %v of the value as an operand of static type t (fmt.c). */
    FmtBuf out = {0};
    FmtArg a = {t, v};
    fmt_print(S, &out, &a, 1);
    if (cap) {
        size_t n = out.len < cap - 1 ? out.len : cap - 1;
        if (n) memcpy(buf, out.data, n);
        buf[n] = '\0';
    }
    int need = (int)out.len;
    fmt_buf_free(&out);
    return need;
}
