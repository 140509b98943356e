/* check.c: type checking the Go subset.
 *
 * Three passes over the file, as go/types does them in spirit:
 *  1. collect: every package-level name (imports, types, functions and
 *     methods, variables, constants) into the package scope, so bodies can
 *     refer to names declared later;
 *  2. resolve: type declarations (struct fields may point back at their own
 *     type), function signatures and method sets, then package-level
 *     variables and constants in source order;
 *  3. bodies: every function and literal, statement by statement.
 *
 * Each expression node gets a NodeInfo: what it denotes (a value, a
 * variable, a constant, a type, ...) and its type.  Untyped constants keep
 * their value and take a type from their context, as in Go.
 *
 * Errors are collected with their positions and the earliest one is
 * reported, which is what gc shows first.  Messages use gc's wording; a
 * construct hchanviz does not model says so and points to docs/go-subset.md. */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../types.h"

#define UNSUPPORTED " is not supported by hchanviz (see docs/go-subset.md)"

typedef struct Scope Scope;
struct Scope {
    Scope *parent;
    Symbol *syms;
    FuncInfo *fn; /* function this scope belongs to (NULL: package and universe) */
};

typedef struct Loop {
    struct Loop *outer;
    const char *label;
    bool is_loop;     /* for (continue allowed) */
    bool is_switch;   /* switch/select (break allowed) */
} Loop;

typedef struct Err { Pos pos; char msg[300]; } Err;

typedef struct Checker {
    Checked *out;
    Sim *S;
    Ast *ast;
    Scope *universe, *pkg, *scope;
    FuncInfo *fn;
    Loop *loops;
    Err first;
    int nerr;
    FuncInfo *last_fn;
    int32_t ntoplevel_lits;
    const char *pending_label; /* label of the statement being checked, for its loop */
} Checker;

/* ---- errors ---------------------------------------------------------------- */

static void errorf(Checker *c, Pos pos, const char *fmt, ...) {
    Err e;
    e.pos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    if (c->nerr == 0 || pos.offset < c->first.pos.offset) c->first = e;
    c->nerr++;
}

/* ---- allocation from the Ast's arena ------------------------------------------ */

static void *alloc(Checker *c, size_t n) {
    void *p = ast_alloc(c->ast, n);
    if (!p) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    return p;
}

static NodeInfo *info(Checker *c, Node *n) {
    if (!n->info) {
        NodeInfo *ni = alloc(c, sizeof *ni);
        ni->field = ni->native = ni->builtin = -1;
        n->info = ni;
    }
    return n->info;
}

static const char *src_text(Checker *c, const Node *n) {
    size_t a = n->pos.offset, b = n->end;
    if (b <= a || b > c->ast->src_len) return n->name ? n->name : "?";
    if (b - a > 60) b = a + 60;
    return ast_strndup(c->ast, c->ast->src + a, b - a);
}

static const char *tname(Checker *c, TypeId t) { return t ? type_name(c->S, t) : "<nil>"; }

/* gc's description of an operand: "x (variable of type int)". */
static const char *describe(Checker *c, Node *n) {
    NodeInfo *ni = info(c, n);
    char buf[400];
    const char *text = src_text(c, n);
    if (ni->mode == TM_CONST && ni->untyped) {
        const char *k = ni->type == TYPE_STRING ? "string" : ni->type == TYPE_BOOL ? "bool" : ni->type == TYPE_RUNE ? "rune" : "int";
        if (n->kind == ND_IDENT || n->kind == ND_BINARY) {
            char v[100];
            if (ni->type == TYPE_STRING) snprintf(v, sizeof v, "%s", "");
            value_format(c->S, ni->type, ni->cval, v, sizeof v);
            if (ni->type == TYPE_STRING) snprintf(buf, sizeof buf, "%s (untyped %s constant)", text, k);
            else if (n->kind == ND_IDENT && strcmp(text, "true") && strcmp(text, "false"))
                snprintf(buf, sizeof buf, "%s (untyped %s constant %s)", text, k, v);
            else snprintf(buf, sizeof buf, "%s (untyped %s constant)", text, k);
        } else {
            snprintf(buf, sizeof buf, "%s (untyped %s constant)", text, k);
        }
    } else if (ni->mode == TM_CONST) {
        char v[100];
        value_format(c->S, ni->type, ni->cval, v, sizeof v);
        snprintf(buf, sizeof buf, "%s (constant %s of type %s)", text, v, tname(c, ni->type));
    } else if (ni->mode == TM_VAR) {
        snprintf(buf, sizeof buf, "%s (variable of type %s)", text, tname(c, ni->type));
    } else if (ni->type == TYPE_NIL) {
        snprintf(buf, sizeof buf, "nil");
    } else {
        snprintf(buf, sizeof buf, "%s (value of type %s)", text, tname(c, ni->type));
    }
    return ast_strndup(c->ast, buf, strlen(buf));
}

/* ---- scopes ------------------------------------------------------------------ */

static void push_scope(Checker *c) {
    Scope *s = alloc(c, sizeof *s);
    s->parent = c->scope;
    s->fn = c->fn;
    c->scope = s;
}

static void pop_scope(Checker *c) {
    /* Go reports unused local variables of the scope. */
    for (Symbol *s = c->scope->syms; s; s = s->next)
        if (s->kind == SYM_VAR && s->owner && !s->used && !s->param && strcmp(s->name, "_") != 0)
            errorf(c, s->pos, "%s declared but not used", s->name);
    c->scope = c->scope->parent;
}

static Symbol *lookup_in(Scope *s, const char *name) {
    for (Symbol *y = s->syms; y; y = y->next)
        if (strcmp(y->name, name) == 0) return y;
    return NULL;
}

static Symbol *lookup(Checker *c, const char *name) {
    for (Scope *s = c->scope; s; s = s->parent) {
        Symbol *y = lookup_in(s, name);
        if (y) return y;
    }
    return NULL;
}

static Symbol *new_symbol(Checker *c, SymKind kind, const char *name, Pos pos, TypeId type) {
    Symbol *y = alloc(c, sizeof *y);
    y->kind = kind;
    y->name = name;
    y->pos = pos;
    y->type = type;
    return y;
}

/* Declares a symbol in the current scope (the blank identifier declares nothing). */
static Symbol *declare(Checker *c, Symbol *y) {
    if (strcmp(y->name, "_") != 0) {
        Symbol *old = lookup_in(c->scope, y->name);
        if (old) {
            errorf(c, y->pos, "%s redeclared in this block", y->name);
            return old;
        }
    }
    y->next = c->scope->syms;
    c->scope->syms = y;
    return y;
}

/* A new local variable of the current function, given its slot. */
static Symbol *new_local(Checker *c, const char *name, Pos pos, TypeId type) {
    Symbol *y = new_symbol(c, SYM_VAR, name, pos, type);
    y->owner = c->fn;
    y->slot = c->fn->nlocals++;
    /* Struct variables always live in a cell: their fields are addressable. */
    if (type && sim_type(c->S, type)->kind == TY_STRUCT) y->boxed = true;
    return y;
}

/* ---- types ---------------------------------------------------------------------- */

static TypeId resolve_type(Checker *c, Node *n);

static TypeId struct_type(Checker *c, Node *n, const char *name, TypeId into) {
    int32_t count = 0;
    for (Node *f = n->list; f; f = f->next) {
        if (!f->list) {
            errorf(c, f->pos, "embedded fields" UNSUPPORTED);
            return TYPE_EMPTY_STRUCT;
        }
        for (Node *nm = f->list; nm; nm = nm->next) count++;
    }
    StrId *names = alloc(c, sizeof *names * (size_t)(count + 1));
    TypeId *types = alloc(c, sizeof *types * (size_t)(count + 1));
    int32_t i = 0;
    for (Node *f = n->list; f; f = f->next) {
        TypeId ft = resolve_type(c, f->type);
        for (Node *nm = f->list; nm; nm = nm->next) {
            for (int32_t j = 0; j < i; j++)
                if (strcmp(strtab_get(&c->S->strs, names[j], NULL), nm->name) == 0) errorf(c, nm->pos, "%s redeclared", nm->name);
            names[i] = strtab_intern(&c->S->strs, nm->name);
            types[i++] = ft ? ft : TYPE_INT;
        }
    }
    if (into) {
        type_struct_define(c->S, into, count, names, types);
        return into;
    }
    if (count == 0) return TYPE_EMPTY_STRUCT;
    char buf[512];
    size_t k = (size_t)snprintf(buf, sizeof buf, "struct { ");
    for (int32_t j = 0; j < count && k < sizeof buf; j++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s %s", j ? "; " : "", strtab_get(&c->S->strs, names[j], NULL),
                              tname(c, types[j]));
    if (k < sizeof buf) snprintf(buf + k, sizeof buf - k, " }");
    (void)name;
    return type_struct(c->S, buf, count, names, types);
}

static TypeId func_type(Checker *c, Node *ft) {
    TypeId params[64], results[64];
    int32_t np = 0, nr = 0;
    for (Node *f = ft->list; f; f = f->next) {
        if (f->type && f->type->kind == ND_ELLIPSIS) {
            errorf(c, f->type->pos, "variadic functions" UNSUPPORTED);
            return 0;
        }
        TypeId t = resolve_type(c, f->type);
        int32_t k = 0;
        for (Node *nm = f->list; nm; nm = nm->next) k++;
        if (k == 0) k = 1;
        for (int32_t i = 0; i < k && np < 64; i++) params[np++] = t;
    }
    for (Node *f = ft->rhs; f; f = f->next) {
        TypeId t = resolve_type(c, f->type);
        int32_t k = 0;
        for (Node *nm = f->list; nm; nm = nm->next) k++;
        if (k == 0) k = 1;
        for (int32_t i = 0; i < k && nr < 64; i++) results[nr++] = t;
    }
    return type_func(c->S, np, params, nr, results);
}

static TypeId resolve_type(Checker *c, Node *n) {
    if (!n) return 0;
    NodeInfo *ni = info(c, n);
    switch (n->kind) {
    case ND_PAREN: return resolve_type(c, n->x);
    case ND_IDENT: {
        Symbol *y = lookup(c, n->name);
        if (!y) {
            errorf(c, n->pos, "undefined: %s", n->name);
            return 0;
        }
        if (y->kind != SYM_TYPE) {
            errorf(c, n->pos, "%s is not a type", n->name);
            return 0;
        }
        if (!y->type) errorf(c, n->pos, "type %s" UNSUPPORTED, n->name);
        ni->mode = TM_TYPE;
        ni->type = y->type;
        return y->type;
    }
    case ND_SELECTOR: {
        if (n->x->kind == ND_IDENT) {
            Symbol *y = lookup(c, n->x->name);
            if (y && y->kind == SYM_PKG) {
                y->pkg_used = true;
                TypeId t = 0;
                if (y->id == PKG_SYNC && strcmp(n->name, "Mutex") == 0) t = TYPE_MUTEX;
                else if (y->id == PKG_SYNC && strcmp(n->name, "WaitGroup") == 0) t = TYPE_WAITGROUP;
                else if (y->id == PKG_SYNC && strcmp(n->name, "Once") == 0) t = TYPE_ONCE;
                else if (y->id == PKG_TIME && strcmp(n->name, "Duration") == 0) t = TYPE_DURATION;
                else if (y->id == PKG_TIME && strcmp(n->name, "Time") == 0) t = TYPE_TIME;
                if (!t) {
                    errorf(c, n->pos, "type %s.%s" UNSUPPORTED, n->x->name, n->name);
                    return 0;
                }
                ni->mode = TM_TYPE;
                ni->type = t;
                return t;
            }
        }
        errorf(c, n->pos, "%s is not a type", src_text(c, n));
        return 0;
    }
    case ND_CHAN_TYPE: {
        TypeId e = resolve_type(c, n->type);
        if (!e) return 0;
        return type_chan(c->S, e, (n->flags & NF_SEND_ONLY) ? CHAN_SEND : (n->flags & NF_RECV_ONLY) ? CHAN_RECV : CHAN_BOTH);
    }
    case ND_SLICE_TYPE: {
        TypeId e = resolve_type(c, n->type);
        return e ? type_slice(c->S, e) : 0;
    }
    case ND_STAR: {
        TypeId e = resolve_type(c, n->x);
        return e ? type_ptr(c->S, e) : 0;
    }
    case ND_FUNC_TYPE: return func_type(c, n);
    case ND_STRUCT_TYPE: return struct_type(c, n, NULL, 0);
    case ND_INTERFACE_TYPE:
        if (n->list) {
            errorf(c, n->pos, "interfaces with methods" UNSUPPORTED);
            return 0;
        }
        return TYPE_ANY;
    case ND_MAP_TYPE: errorf(c, n->pos, "map types" UNSUPPORTED); return 0;
    case ND_ARRAY_TYPE: errorf(c, n->pos, "array types" UNSUPPORTED); return 0;
    default: errorf(c, n->pos, "%s is not a type", src_text(c, n)); return 0;
    }
}

static bool is_kind(Checker *c, TypeId t, int kind) { return t && sim_type(c->S, t)->kind == kind; }
static bool is_int(Checker *c, TypeId t) { return is_kind(c, t, TY_INT) && t != TYPE_TIME; }
static bool is_iface(Checker *c, TypeId t) { return is_kind(c, t, TY_IFACE); }
static bool nilable(Checker *c, TypeId t) {
    int k = t ? sim_type(c->S, t)->kind : -1;
    return k == TY_PTR || k == TY_SLICE || k == TY_CHAN || k == TY_FUNC || k == TY_IFACE;
}

/* The type an untyped constant takes where no type is asked for. */
static TypeId default_type(TypeId t) { return t; }

/* Can a value described by ni be assigned to a variable of type t?  Untyped
 * constants get t (when representable); a concrete value put in an
 * interface is marked for boxing. */
static bool assignable(Checker *c, Node *n, TypeId t) {
    NodeInfo *ni = info(c, n);
    TypeId v = ni->type;
    if (!t || !v) return true; /* an earlier error */
    if (v == t) return true;
    if (v == TYPE_NIL) {
        if (!nilable(c, t)) return false;
        ni->type = t; /* nil takes the type it is compared with or assigned to */
        return true;
    }
    if (is_iface(c, t)) {
        if (!is_iface(c, v)) ni->iface_of = ni->untyped ? default_type(v) : v;
        return true;
    }
    if (ni->untyped) {
        const Type *tt = sim_type(c->S, t);
        if ((v == TYPE_INT || v == TYPE_RUNE) && tt->kind == TY_INT && t != TYPE_TIME) {
            ni->type = t;
            if (tt->size == 4 && (ni->cval.i < INT32_MIN || ni->cval.i > INT32_MAX)) {
                errorf(c, n->pos, "cannot use %s (untyped int constant %lld) as %s value in assignment (overflows)",
                       src_text(c, n), (long long)ni->cval.i, tname(c, t));
            }
            return true;
        }
        if (v == TYPE_STRING && tt->kind == TY_STRING) return ni->type = t, true;
        if (v == TYPE_BOOL && tt->kind == TY_BOOL) return ni->type = t, true;
        return false;
    }
    const Type *vt = sim_type(c->S, v), *tt = sim_type(c->S, t);
    /* A bidirectional channel fits a directional one of the same element. */
    if (vt->kind == TY_CHAN && tt->kind == TY_CHAN && vt->dir == CHAN_BOTH && vt->elem == tt->elem && !tt->named) return true;
    return false;
}

static void must_assign(Checker *c, Node *n, TypeId t, const char *context) {
    if (!assignable(c, n, t))
        errorf(c, n->pos, "cannot use %s as %s value in %s", describe(c, n), tname(c, t), context);
}

/* ---- expressions --------------------------------------------------------------- */

static NodeInfo *expr(Checker *c, Node *n);
static void stmt(Checker *c, Node *n);
static void block(Checker *c, Node *n);
static void func_body(Checker *c, FuncInfo *fi);
static FuncInfo *new_func(Checker *c, Node *decl, const char *name, FuncInfo *parent);

static NodeInfo *set_value(Checker *c, Node *n, TMode mode, TypeId t) {
    NodeInfo *ni = info(c, n);
    ni->mode = mode;
    ni->type = t;
    return ni;
}

static NodeInfo *set_const(Checker *c, Node *n, TypeId t, Value v, bool untyped) {
    NodeInfo *ni = set_value(c, n, TM_CONST, t);
    ni->cval = v;
    ni->untyped = untyped;
    return ni;
}

/* A value-producing expression (not a type, package or builtin). */
static NodeInfo *value(Checker *c, Node *n) {
    NodeInfo *ni = expr(c, n);
    switch (ni->mode) {
    case TM_TYPE: errorf(c, n->pos, "%s (type) is not an expression", src_text(c, n)); break;
    case TM_VOID: errorf(c, n->pos, "%s (no value) used as value", src_text(c, n)); break;
    case TM_MULTI: errorf(c, n->pos, "multiple-value %s (value of type %s) in single-value context", src_text(c, n), tname(c, ni->type)); break;
    case TM_PKG: errorf(c, n->pos, "use of package %s without selector", n->name ? n->name : "?"); break;
    case TM_BUILTIN:
    case TM_NATIVE: errorf(c, n->pos, "%s (built-in function) must be called", src_text(c, n)); break;
    default: return ni;
    }
    ni->mode = TM_VALUE;
    ni->type = 0;
    return ni;
}

/* Marks the variable behind an addressable expression as living in a cell. */
static void take_address(Checker *c, Node *n) {
    while (n->kind == ND_PAREN) n = n->x;
    if (n->kind == ND_IDENT) {
        Symbol *y = info(c, n)->sym;
        if (y && y->kind == SYM_VAR) y->boxed = true;
    }
}

/* Records that the current function uses y from an enclosing one: every
 * literal between captures it, so the cell pointer can be passed down. */
static void capture(Checker *c, Symbol *y) {
    if (!y->owner || y->owner == c->fn) return;
    y->boxed = true;
    for (FuncInfo *f = c->fn; f && f != y->owner; f = f->parent) {
        bool have = false;
        for (int32_t i = 0; i < f->ncaptures; i++) have |= f->captures[i] == y;
        if (have) continue;
        if (f->ncaptures == f->capcap) {
            int32_t ncap = f->capcap ? f->capcap * 2 : 8;
            Symbol **nc = alloc(c, sizeof *nc * (size_t)ncap);
            if (f->ncaptures) memcpy(nc, f->captures, sizeof *nc * (size_t)f->ncaptures);
            f->captures = nc;
            f->capcap = ncap;
        }
        f->captures[f->ncaptures++] = y;
    }
}

static NodeInfo *ident(Checker *c, Node *n) {
    NodeInfo *ni = info(c, n);
    if (strcmp(n->name, "_") == 0) {
        errorf(c, n->pos, "cannot use _ as value");
        return set_value(c, n, TM_VALUE, 0);
    }
    Symbol *y = lookup(c, n->name);
    if (!y) {
        errorf(c, n->pos, "undefined: %s", n->name);
        return set_value(c, n, TM_VALUE, 0);
    }
    ni->sym = y;
    switch (y->kind) {
    case SYM_VAR:
        y->used = true;
        capture(c, y);
        return set_value(c, n, TM_VAR, y->type);
    case SYM_CONST: return set_const(c, n, y->type, y->cval, y->untyped);
    case SYM_TYPE: return set_value(c, n, TM_TYPE, y->type);
    case SYM_FUNC: return set_value(c, n, TM_VALUE, y->fn ? y->fn->type : 0);
    case SYM_PKG: y->pkg_used = true; return set_value(c, n, TM_PKG, 0);
    case SYM_BUILTIN: ni->builtin = y->id; return set_value(c, n, TM_BUILTIN, 0);
    case SYM_NIL: return set_value(c, n, TM_VALUE, TYPE_NIL);
    }
    return ni;
}

/* Package members: natives, constants and types of fmt, time, runtime. */
static NodeInfo *pkg_member(Checker *c, Node *n, Package pkg) {
    static const struct { Package pkg; const char *name; int native; } natives[] = {
        {PKG_FMT, "Println", NATIVE_PRINTLN}, {PKG_FMT, "Print", NATIVE_PRINT}, {PKG_FMT, "Printf", NATIVE_PRINTF},
        {PKG_FMT, "Sprintln", NATIVE_SPRINTLN}, {PKG_FMT, "Sprint", NATIVE_SPRINT}, {PKG_FMT, "Sprintf", NATIVE_SPRINTF},
        {PKG_TIME, "Sleep", NATIVE_SLEEP}, {PKG_TIME, "After", NATIVE_AFTER},
        {PKG_RUNTIME, "Gosched", NATIVE_GOSCHED}, {PKG_RUNTIME, "NumGoroutine", NATIVE_NUMGOROUTINE},
        {PKG_RUNTIME, "Goexit", NATIVE_GOEXIT},
    };
    static const struct { const char *name; int64_t ns; } durations[] = {
        {"Nanosecond", 1}, {"Microsecond", 1000}, {"Millisecond", 1000000}, {"Second", 1000000000},
        {"Minute", 60000000000LL}, {"Hour", 3600000000000LL},
    };
    static const char *const pkgnames[] = {"fmt", "sync", "time", "runtime"};
    NodeInfo *ni = info(c, n);
    for (size_t i = 0; i < sizeof natives / sizeof *natives; i++)
        if (natives[i].pkg == pkg && strcmp(natives[i].name, n->name) == 0) {
            ni->native = natives[i].native;
            return set_value(c, n, TM_NATIVE, 0);
        }
    if (pkg == PKG_TIME)
        for (size_t i = 0; i < sizeof durations / sizeof *durations; i++)
            if (strcmp(durations[i].name, n->name) == 0) return set_const(c, n, TYPE_DURATION, value_int(durations[i].ns), false);
    TypeId t = resolve_type(c, n);
    if (t) return set_value(c, n, TM_TYPE, t);
    c->nerr--; /* replace resolve_type's message with a better one */
    errorf(c, n->opos, "%s.%s" UNSUPPORTED, pkgnames[pkg], n->name);
    return set_value(c, n, TM_VALUE, 0);
}

static Method *find_method(Checker *c, TypeId t, const char *name) {
    for (int32_t i = 0; i < c->out->nmethods; i++)
        if (c->out->methods[i].recv == t && strcmp(c->out->methods[i].name, name) == 0) return &c->out->methods[i];
    return NULL;
}

static NodeInfo *selector(Checker *c, Node *n) {
    if (n->x->kind == ND_IDENT) {
        Symbol *y = lookup(c, n->x->name);
        if (y && y->kind == SYM_PKG) {
            y->pkg_used = true;
            info(c, n->x)->mode = TM_PKG;
            return pkg_member(c, n, (Package)y->id);
        }
    }
    NodeInfo *xi = expr(c, n->x);
    NodeInfo *ni = info(c, n);
    if (xi->mode == TM_TYPE) {
        errorf(c, n->pos, "method expressions" UNSUPPORTED);
        return set_value(c, n, TM_VALUE, 0);
    }
    TypeId t = xi->type;
    if (!t) return set_value(c, n, TM_VALUE, 0);
    TypeId base = t;
    if (is_kind(c, t, TY_PTR)) {
        base = sim_type(c->S, t)->elem;
        ni->deref = 1;
    }
    /* sync types: their methods are natives. */
    int k = sim_type(c->S, base)->kind;
    if (k == TY_MUTEX || k == TY_WAITGROUP || k == TY_ONCE) {
        static const struct { int kind; const char *name; int native; } m[] = {
            {TY_MUTEX, "Lock", NATIVE_MUTEX_LOCK}, {TY_MUTEX, "Unlock", NATIVE_MUTEX_UNLOCK},
            {TY_WAITGROUP, "Add", NATIVE_WG_ADD}, {TY_WAITGROUP, "Done", NATIVE_WG_DONE},
            {TY_WAITGROUP, "Wait", NATIVE_WG_WAIT}, {TY_ONCE, "Do", -2},
        };
        for (size_t i = 0; i < sizeof m / sizeof *m; i++)
            if (m[i].kind == k && strcmp(m[i].name, n->name) == 0) {
                ni->native = m[i].native;
                if (!ni->deref) take_address(c, n->x);
                ni->addr_recv = !ni->deref;
                return set_value(c, n, TM_NATIVE, base);
            }
        errorf(c, n->opos, "%s.%s undefined (type %s has no field or method %s)", src_text(c, n->x), n->name, tname(c, t), n->name);
        return set_value(c, n, TM_VALUE, 0);
    }
    if (k == TY_STRUCT) {
        const Type *st = sim_type(c->S, base);
        for (int32_t i = 0; i < st->nfields; i++) {
            const Field *f = &c->S->fields.items[st->field0 + i];
            if (strcmp(strtab_get(&c->S->strs, f->name, NULL), n->name) == 0) {
                ni->field = i;
                return set_value(c, n, TM_VAR, f->type);
            }
        }
    }
    Method *m = find_method(c, base, n->name);
    if (m) {
        ni->method = m;
        if (m->ptr && !ni->deref) {
            ni->addr_recv = true;
            take_address(c, n->x);
        }
        if (!m->ptr && ni->deref) ni->deref_recv = true;
        return set_value(c, n, TM_VALUE, m->fn->type);
    }
    errorf(c, n->opos, "%s.%s undefined (type %s has no field or method %s)", src_text(c, n->x), n->name, tname(c, t), n->name);
    return set_value(c, n, TM_VALUE, 0);
}

static NodeInfo *call(Checker *c, Node *n);

static const char *op_text(TokenKind op) {
    switch (op) {
    case TK_ADD: return "+"; case TK_SUB: return "-"; case TK_MUL: return "*"; case TK_QUO: return "/";
    case TK_REM: return "%"; case TK_AND: return "&"; case TK_OR: return "|"; case TK_XOR: return "^";
    case TK_SHL: return "<<"; case TK_SHR: return ">>"; case TK_AND_NOT: return "&^"; case TK_LAND: return "&&";
    case TK_LOR: return "||"; case TK_EQL: return "=="; case TK_NEQ: return "!="; case TK_LSS: return "<";
    case TK_LEQ: return "<="; case TK_GTR: return ">"; case TK_GEQ: return ">="; case TK_NOT: return "!";
    case TK_ARROW: return "<-"; default: return "?";
    }
}

static bool comparable(Checker *c, TypeId t) {
    if (!t) return true;
    const Type *ty = sim_type(c->S, t);
    if (ty->kind == TY_SLICE || ty->kind == TY_FUNC || ty->kind == TY_MUTEX || ty->kind == TY_WAITGROUP || ty->kind == TY_ONCE) return false;
    if (ty->kind == TY_STRUCT)
        for (int32_t i = 0; i < ty->nfields; i++)
            if (!comparable(c, c->S->fields.items[ty->field0 + i].type)) return false;
    return true;
}

static Value fold(Checker *c, Node *n, TokenKind op, Value a, Value b, TypeId t, bool *ok) {
    *ok = true;
    switch (op) {
    case TK_ADD:
        if (t && is_kind(c, t, TY_STRING)) {
            int32_t la, lb;
            const char *sa = strtab_get(&c->S->strs, a.ref, &la);
            char *tmp = alloc(c, (size_t)la + 1 + 0);
            memcpy(tmp, sa, (size_t)la);
            const char *sb = strtab_get(&c->S->strs, b.ref, &lb);
            char *all = alloc(c, (size_t)la + (size_t)lb + 1);
            memcpy(all, tmp, (size_t)la);
            memcpy(all + la, sb, (size_t)lb);
            return value_string(c->S, all, (size_t)la + (size_t)lb);
        }
        if ((b.i > 0 && a.i > INT64_MAX - b.i) || (b.i < 0 && a.i < INT64_MIN - b.i)) break;
        return value_int(a.i + b.i);
    case TK_SUB:
        if ((b.i < 0 && a.i > INT64_MAX + b.i) || (b.i > 0 && a.i < INT64_MIN + b.i)) break;
        return value_int(a.i - b.i);
    case TK_MUL:
        if (a.i && b.i && ((a.i * b.i) / b.i != a.i || (a.i == -1 && b.i == INT64_MIN) || (b.i == -1 && a.i == INT64_MIN))) break;
        return value_int((int64_t)((uint64_t)a.i * (uint64_t)b.i));
    case TK_QUO:
    case TK_REM:
        if (b.i == 0) {
            errorf(c, n->y->pos, "invalid operation: division by zero");
            *ok = false;
            return a;
        }
        if (a.i == INT64_MIN && b.i == -1) break;
        return value_int(op == TK_QUO ? a.i / b.i : a.i % b.i);
    case TK_AND: return value_int(a.i & b.i);
    case TK_OR: return value_int(a.i | b.i);
    case TK_XOR: return value_int(a.i ^ b.i);
    case TK_AND_NOT: return value_int(a.i & ~b.i);
    case TK_SHL:
        if (b.i < 0 || b.i >= 63 || (a.i != 0 && (a.i > (INT64_MAX >> b.i) || a.i < (INT64_MIN >> b.i)))) break;
        return value_int(a.i << b.i);
    case TK_SHR: return value_int(b.i >= 63 ? (a.i < 0 ? -1 : 0) : a.i >> b.i);
    default: *ok = false; return a;
    }
    errorf(c, n->pos, "constant overflow: %s" UNSUPPORTED, src_text(c, n));
    *ok = false;
    return a;
}

static NodeInfo *binary(Checker *c, Node *n) {
    NodeInfo *xi = value(c, n->x), *yi = value(c, n->y);
    TokenKind op = n->op;
    if (!xi->type || !yi->type) return set_value(c, n, TM_VALUE, 0);
    bool shift = op == TK_SHL || op == TK_SHR;
    bool cmp = op == TK_EQL || op == TK_NEQ || op == TK_LSS || op == TK_LEQ || op == TK_GTR || op == TK_GEQ;
    bool with_nil = xi->type == TYPE_NIL || yi->type == TYPE_NIL;
    /* Bring untyped operands to the other side's type. */
    TypeId t;
    if (shift) {
        if (!is_int(c, yi->type)) {
            errorf(c, n->y->pos, "invalid operation: shift count %s must be integer", describe(c, n->y));
            return set_value(c, n, TM_VALUE, 0);
        }
        t = xi->type;
    } else if (xi->untyped && !yi->untyped) {
        if (!assignable(c, n->x, yi->type) || is_iface(c, yi->type)) goto mismatch;
        t = yi->type;
    } else if (yi->untyped && !xi->untyped) {
        if (!assignable(c, n->y, xi->type) || is_iface(c, xi->type)) goto mismatch;
        t = xi->type;
    } else if (xi->untyped && yi->untyped) {
        if (xi->type == yi->type) t = xi->type;
        else if ((xi->type == TYPE_INT || xi->type == TYPE_RUNE) && (yi->type == TYPE_INT || yi->type == TYPE_RUNE)) t = TYPE_RUNE;
        else goto mismatch;
    } else if (xi->type == yi->type) {
        t = xi->type;
    } else if (cmp && (xi->type == TYPE_NIL || yi->type == TYPE_NIL)) {
        TypeId other = xi->type == TYPE_NIL ? yi->type : xi->type;
        if (nilable(c, other)) assignable(c, xi->type == TYPE_NIL ? n->x : n->y, other);
        else {
            errorf(c, n->pos, "invalid operation: %s (mismatched types %s and untyped nil)", src_text(c, n), tname(c, other));
            return set_value(c, n, TM_VALUE, 0);
        }
        t = other;
    } else if (cmp && is_iface(c, xi->type) != is_iface(c, yi->type)) {
        if (is_iface(c, xi->type)) assignable(c, n->y, xi->type), t = xi->type;
        else assignable(c, n->x, yi->type), t = yi->type;
    } else {
    mismatch:
        errorf(c, n->opos, "invalid operation: %s (mismatched types %s and %s)", src_text(c, n),
               xi->untyped ? (xi->type == TYPE_STRING ? "untyped string" : xi->type == TYPE_BOOL ? "untyped bool" : "untyped int") : tname(c, xi->type),
               yi->untyped ? (yi->type == TYPE_STRING ? "untyped string" : yi->type == TYPE_BOOL ? "untyped bool" : "untyped int") : tname(c, yi->type));
        return set_value(c, n, TM_VALUE, 0);
    }
    int kind = sim_type(c->S, t)->kind;
    bool ok;
    if (op == TK_LAND || op == TK_LOR) {
        if (kind != TY_BOOL) goto undefined;
    } else if (cmp) {
        if (op == TK_EQL || op == TK_NEQ) {
            if (!comparable(c, t) && !with_nil) {
                errorf(c, n->opos, "invalid operation: %s (%s cannot be compared)", src_text(c, n), tname(c, t));
                return set_value(c, n, TM_VALUE, 0);
            }
            if ((kind == TY_SLICE || kind == TY_FUNC) && !with_nil) {
                errorf(c, n->opos, "invalid operation: %s (%s can only be compared to nil)", src_text(c, n),
                       kind == TY_SLICE ? "slice" : "func");
                return set_value(c, n, TM_VALUE, 0);
            }
        } else if (kind != TY_INT && kind != TY_STRING) {
            goto undefined;
        }
        info(c, n)->conv = t; /* the operand type, for the compiler */
        if (xi->mode == TM_CONST && yi->mode == TM_CONST) {
            bool r;
            int d = kind == TY_STRING ? strcmp(strtab_get(&c->S->strs, xi->cval.ref, NULL), strtab_get(&c->S->strs, yi->cval.ref, NULL))
                                      : (xi->cval.i < yi->cval.i ? -1 : xi->cval.i > yi->cval.i);
            r = op == TK_EQL ? d == 0 : op == TK_NEQ ? d != 0 : op == TK_LSS ? d < 0 : op == TK_LEQ ? d <= 0 : op == TK_GTR ? d > 0 : d >= 0;
            return set_const(c, n, TYPE_BOOL, value_bool(r), xi->untyped && yi->untyped);
        }
        NodeInfo *ni = set_value(c, n, TM_VALUE, TYPE_BOOL);
        ni->untyped = false;
        return ni;
    } else if (op == TK_ADD && kind == TY_STRING) {
        /* string concatenation */
    } else if (kind != TY_INT) {
        goto undefined;
    }
    if (xi->mode == TM_CONST && yi->mode == TM_CONST) {
        Value v;
        if (op == TK_LAND) v = value_bool(xi->cval.i && yi->cval.i);
        else if (op == TK_LOR) v = value_bool(xi->cval.i || yi->cval.i);
        else {
            v = fold(c, n, op, xi->cval, yi->cval, t, &ok);
            if (!ok) return set_value(c, n, TM_VALUE, t);
        }
        return set_const(c, n, t, v, xi->untyped && (shift || yi->untyped));
    }
    if ((op == TK_QUO || op == TK_REM) && yi->mode == TM_CONST && yi->cval.i == 0 && kind == TY_INT) {
        errorf(c, n->y->pos, "invalid operation: division by zero");
    }
    return set_value(c, n, TM_VALUE, shift && xi->untyped ? TYPE_INT : t);
undefined:
    errorf(c, n->opos, "invalid operation: operator %s not defined on %s", op_text(op), describe(c, n->x));
    return set_value(c, n, TM_VALUE, 0);
}

static NodeInfo *unary(Checker *c, Node *n) {
    if (n->op == TK_AND) {
        Node *x = n->x;
        while (x->kind == ND_PAREN) x = x->x;
        if (x->kind == ND_COMPOSITE) {
            NodeInfo *xi = value(c, x);
            return set_value(c, n, TM_VALUE, xi->type ? type_ptr(c->S, xi->type) : 0);
        }
        NodeInfo *xi = expr(c, x);
        if (xi->mode != TM_VAR) {
            if (xi->type) errorf(c, n->pos, "invalid operation: cannot take address of %s", describe(c, x));
            return set_value(c, n, TM_VALUE, 0);
        }
        take_address(c, x);
        return set_value(c, n, TM_VALUE, xi->type ? type_ptr(c->S, xi->type) : 0);
    }
    if (n->op == TK_SUB && n->x->kind == ND_INT && (n->x->flags & NF_OVERFLOW) && !(n->x->flags & NF_OVERFLOW_U64) &&
        n->x->ival == (uint64_t)1 << 63) {
        /* -9223372036854775808: the literal alone overflows int64, its negation fits */
        set_const(c, n->x, TYPE_INT, value_int(INT64_MIN), true);
        return set_const(c, n, TYPE_INT, value_int(INT64_MIN), true);
    }
    NodeInfo *xi = value(c, n->x);
    TypeId t = xi->type;
    if (!t) return set_value(c, n, TM_VALUE, 0);
    if (n->op == TK_ARROW) {
        const Type *ct = sim_type(c->S, t);
        if (ct->kind != TY_CHAN) {
            errorf(c, n->pos, "invalid operation: cannot receive from non-channel %s", describe(c, n->x));
            return set_value(c, n, TM_VALUE, 0);
        }
        if (ct->dir == CHAN_SEND) {
            errorf(c, n->pos, "invalid operation: cannot receive from send-only channel %s", describe(c, n->x));
            return set_value(c, n, TM_VALUE, 0);
        }
        return set_value(c, n, TM_VALUE, ct->elem);
    }
    int kind = sim_type(c->S, t)->kind;
    bool ok = (n->op == TK_NOT) ? kind == TY_BOOL : kind == TY_INT;
    if (!ok) {
        errorf(c, n->pos, "invalid operation: operator %s not defined on %s", n->op == TK_NOT ? "!" : op_text(n->op), describe(c, n->x));
        return set_value(c, n, TM_VALUE, 0);
    }
    if (xi->mode == TM_CONST) {
        Value v = xi->cval;
        if (n->op == TK_NOT) v = value_bool(!v.i);
        else if (n->op == TK_SUB) {
            if (v.i == INT64_MIN) errorf(c, n->pos, "constant overflow: %s" UNSUPPORTED, src_text(c, n));
            v.i = -v.i;
        } else if (n->op == TK_XOR) v.i = ~v.i;
        return set_const(c, n, t, v, xi->untyped);
    }
    return set_value(c, n, TM_VALUE, t);
}

static NodeInfo *composite(Checker *c, Node *n, TypeId want) {
    TypeId t = n->type ? resolve_type(c, n->type) : want;
    if (!t) {
        for (Node *e = n->list; e; e = e->next) expr(c, e->kind == ND_KEY_VALUE ? e->y : e);
        return set_value(c, n, TM_VALUE, 0);
    }
    const Type *ty = sim_type(c->S, t);
    if ((ty->kind == TY_MUTEX || ty->kind == TY_WAITGROUP || ty->kind == TY_ONCE) && !n->list)
        return set_value(c, n, TM_VALUE, t);
    if (ty->kind == TY_SLICE) {
        TypeId et = ty->elem;
        for (Node *e = n->list; e; e = e->next) {
            if (e->kind == ND_KEY_VALUE) {
                errorf(c, e->pos, "indexed slice literals" UNSUPPORTED);
                continue;
            }
            NodeInfo *ei = e->kind == ND_COMPOSITE && !e->type ? composite(c, e, et) : value(c, e);
            (void)ei;
            must_assign(c, e, et, "slice literal");
        }
        return set_value(c, n, TM_VALUE, t);
    }
    if (ty->kind != TY_STRUCT) {
        errorf(c, n->pos, "invalid composite literal type %s", tname(c, t));
        return set_value(c, n, TM_VALUE, 0);
    }
    const int32_t nfields = ty->nfields, field0 = ty->field0; /* ty moves if checking adds types */
    bool keyed = n->list && n->list->kind == ND_KEY_VALUE;
    int32_t i = 0;
    for (Node *e = n->list; e; e = e->next, i++) {
        if ((e->kind == ND_KEY_VALUE) != keyed) {
            errorf(c, e->pos, "mixture of field:value and value elements in struct literal");
            break;
        }
        Node *v = e;
        int32_t fi = i;
        if (keyed) {
            v = e->y;
            fi = -1;
            if (e->x->kind == ND_IDENT)
                for (int32_t k = 0; k < nfields; k++)
                    if (strcmp(strtab_get(&c->S->strs, c->S->fields.items[field0 + k].name, NULL), e->x->name) == 0) fi = k;
            if (fi < 0) {
                errorf(c, e->x->pos, "unknown field %s in struct literal of type %s", e->x->name ? e->x->name : "?", tname(c, t));
                value(c, v);
                continue;
            }
            info(c, e)->field = fi;
        } else if (i >= nfields) {
            errorf(c, e->pos, "too many values in struct literal of type %s", tname(c, t));
            break;
        }
        TypeId ft = c->S->fields.items[field0 + fi].type;
        if (v->kind == ND_COMPOSITE && !v->type) composite(c, v, ft);
        else value(c, v);
        must_assign(c, v, ft, "struct literal");
    }
    if (!keyed && n->list && i < nfields) errorf(c, n->opos, "too few values in struct literal of type %s", tname(c, t));
    return set_value(c, n, TM_VALUE, t);
}

static NodeInfo *expr(Checker *c, Node *n) {
    NodeInfo *ni = info(c, n);
    switch (n->kind) {
    case ND_IDENT: return ident(c, n);
    case ND_INT:
        if (n->flags & (NF_OVERFLOW | NF_OVERFLOW_U64)) {
            errorf(c, n->pos, "cannot use %s (untyped int constant) as int value in expression (overflows)", n->name);
            return set_value(c, n, TM_VALUE, TYPE_INT);
        }
        return set_const(c, n, TYPE_INT, value_int((int64_t)n->ival), true);
    case ND_CHAR: return set_const(c, n, TYPE_RUNE, value_int((int64_t)n->ival), true);
    case ND_STRING: return set_const(c, n, TYPE_STRING, value_string(c->S, n->str, n->len), true);
    case ND_FLOAT:
    case ND_IMAG: errorf(c, n->pos, "floating-point numbers" UNSUPPORTED); return set_value(c, n, TM_VALUE, 0);
    case ND_PAREN: {
        NodeInfo *xi = expr(c, n->x);
        *ni = *xi;
        ni->iface_of = 0;
        return ni;
    }
    case ND_SELECTOR: return selector(c, n);
    case ND_BINARY: return binary(c, n);
    case ND_UNARY: return unary(c, n);
    case ND_STAR: {
        NodeInfo *xi = expr(c, n->x);
        if (xi->mode == TM_TYPE) return set_value(c, n, TM_TYPE, xi->type ? type_ptr(c->S, xi->type) : 0);
        if (!xi->type) return set_value(c, n, TM_VALUE, 0);
        if (!is_kind(c, xi->type, TY_PTR)) {
            errorf(c, n->pos, "invalid operation: cannot indirect %s", describe(c, n->x));
            return set_value(c, n, TM_VALUE, 0);
        }
        return set_value(c, n, TM_VAR, sim_type(c->S, xi->type)->elem);
    }
    case ND_CALL: return call(c, n);
    case ND_INDEX: {
        NodeInfo *xi = value(c, n->x), *yi = value(c, n->y);
        if (!xi->type) return set_value(c, n, TM_VALUE, 0);
        if (is_kind(c, xi->type, TY_STRING)) {
            errorf(c, n->pos, "indexing strings" UNSUPPORTED);
            return set_value(c, n, TM_VALUE, 0);
        }
        if (!is_kind(c, xi->type, TY_SLICE)) {
            errorf(c, n->pos, "invalid operation: cannot index %s", describe(c, n->x));
            return set_value(c, n, TM_VALUE, 0);
        }
        if (yi->type && !assignable(c, n->y, TYPE_INT)) errorf(c, n->y->pos, "invalid argument: index %s must be integer", describe(c, n->y));
        if (yi->mode == TM_CONST && yi->cval.i < 0)
            errorf(c, n->y->pos, "invalid argument: index %s must not be negative", describe(c, n->y));
        return set_value(c, n, TM_VAR, sim_type(c->S, xi->type)->elem);
    }
    case ND_SLICE_EXPR: {
        NodeInfo *xi = value(c, n->x);
        if (n->y) value(c, n->y), must_assign(c, n->y, TYPE_INT, "slice index");
        if (n->z) value(c, n->z), must_assign(c, n->z, TYPE_INT, "slice index");
        if (n->w) errorf(c, n->w->pos, "3-index slices" UNSUPPORTED);
        if (xi->type && !is_kind(c, xi->type, TY_SLICE)) {
            errorf(c, n->pos, "cannot slice %s", describe(c, n->x));
            return set_value(c, n, TM_VALUE, 0);
        }
        return set_value(c, n, TM_VALUE, xi->type);
    }
    case ND_COMPOSITE: return composite(c, n, 0);
    case ND_FUNC_LIT: {
        FuncInfo *fi = new_func(c, n, NULL, c->fn);
        ni->lit = fi;
        fi->type = func_type(c, n->type);
        func_body(c, fi);
        return set_value(c, n, TM_VALUE, fi->type);
    }
    case ND_TYPE_ASSERT: errorf(c, n->pos, "type assertions" UNSUPPORTED); return set_value(c, n, TM_VALUE, 0);
    case ND_KEY_VALUE: errorf(c, n->pos, "unexpected key:value"); return set_value(c, n, TM_VALUE, 0);
    case ND_CHAN_TYPE:
    case ND_SLICE_TYPE:
    case ND_FUNC_TYPE:
    case ND_STRUCT_TYPE:
    case ND_INTERFACE_TYPE:
    case ND_MAP_TYPE:
    case ND_ARRAY_TYPE: {
        TypeId t = resolve_type(c, n);
        return set_value(c, n, TM_TYPE, t);
    }
    default: errorf(c, n->pos, "unexpected %s", ast_kind_name(n->kind)); return set_value(c, n, TM_VALUE, 0);
    }
}

/* Arguments of a call: a single multi-value call spreads over the parameters. */
static int32_t count_args(Node *args) {
    int32_t n = 0;
    for (Node *a = args; a; a = a->next) n++;
    return n;
}

static void check_args(Checker *c, Node *n, TypeId ft, const char *fname, int32_t skip) {
    const Type *t = sim_type(c->S, ft);
    int32_t want = t->nfields - skip;
    /* A copy: checking the arguments may add types (and move typelist). */
    TypeId params[64];
    for (int32_t i = 0; i < want && i < 64; i++) params[i] = c->S->typelist.items[t->field0 + skip + i];
    int32_t have = count_args(n->list);
    if (have == 1) {
        NodeInfo *ai = expr(c, n->list);
        if (ai->mode == TM_MULTI) {
            const Type *rt = sim_type(c->S, ai->type);
            if (rt->nresults != want) {
                errorf(c, rt->nresults < want ? n->end ? n->pos : n->pos : n->list->pos, "%s arguments in call to %s",
                       rt->nresults < want ? "not enough" : "too many", fname);
                return;
            }
            for (int32_t i = 0; i < want; i++) {
                TypeId r = c->S->typelist.items[rt->field0 + rt->nfields + i];
                if (r != params[i] && !is_iface(c, params[i]))
                    errorf(c, n->list->pos, "cannot use %s (value of type %s) as %s value in argument to %s", src_text(c, n->list), tname(c, r), tname(c, params[i]), fname);
            }
            return;
        }
    }
    int32_t i = 0;
    for (Node *a = n->list; a; a = a->next, i++) {
        if (i >= want) {
            errorf(c, a->pos, "too many arguments in call to %s", fname);
            return;
        }
        if (!a->info || info(c, a)->mode == TM_NONE) value(c, a);
        else value(c, a);
        must_assign(c, a, params[i], "argument to");
        NodeInfo *ai = info(c, a);
        if (ai->type && !ai->iface_of && ai->untyped) ai->type = ai->type;
    }
    if (i < want) {
        Pos p = n->pos;
        p.offset = n->end ? n->end - 1 : n->pos.offset;
        /* gc points at the closing parenthesis */
        const char *s = c->ast->src;
        int32_t line = 1, col = 1;
        for (uint32_t k = 0; k < p.offset && k < c->ast->src_len; k++) {
            if (s[k] == '\n') line++, col = 1;
            else col++;
        }
        p.line = line;
        p.col = col;
        errorf(c, p, "not enough arguments in call to %s", fname);
    }
}

static NodeInfo *builtin_call(Checker *c, Node *n, int b) {
    int32_t nargs = count_args(n->list);
    Node *a0 = n->list, *a1 = a0 ? a0->next : NULL;
    NodeInfo *ni = info(c, n);
    ni->builtin = b;
    static const char *const names[] = {"len", "cap", "make", "append", "close", "panic", "recover", "new", "print", "println"};
    if (b == BI_PRINT || b == BI_PRINTLN) {
        errorf(c, n->pos, "the builtin %s" UNSUPPORTED ": use fmt.%s", names[b], b == BI_PRINT ? "Print" : "Println");
        return set_value(c, n, TM_VOID, 0);
    }
    int32_t min = b == BI_RECOVER ? 0 : 1, max = b == BI_MAKE ? 3 : b == BI_APPEND ? 1 << 20 : b == BI_RECOVER ? 0 : 1;
    if (nargs < min) {
        errorf(c, n->pos, "not enough arguments for %s() (expected %d, found %d)", names[b], min, nargs);
        return set_value(c, n, TM_VALUE, 0);
    }
    if (nargs > max) {
        errorf(c, n->pos, "too many arguments for %s(%s) (expected %d, found %d)", names[b], "", max, nargs);
        return set_value(c, n, TM_VALUE, 0);
    }
    switch (b) {
    case BI_LEN:
    case BI_CAP: {
        NodeInfo *ai = value(c, a0);
        int k = ai->type ? sim_type(c->S, ai->type)->kind : -1;
        if (ai->type && !(k == TY_SLICE || k == TY_CHAN || (k == TY_STRING && b == BI_LEN))) {
            errorf(c, a0->pos, "invalid argument: %s for %s", describe(c, a0), names[b]);
            return set_value(c, n, TM_VALUE, TYPE_INT);
        }
        if (ai->mode == TM_CONST && k == TY_STRING) {
            int32_t len;
            strtab_get(&c->S->strs, ai->cval.ref, &len);
            return set_const(c, n, TYPE_INT, value_int(len), false);
        }
        return set_value(c, n, TM_VALUE, TYPE_INT);
    }
    case BI_MAKE: {
        TypeId t = resolve_type(c, a0);
        info(c, a0)->mode = TM_TYPE;
        info(c, a0)->type = t;
        if (!t) return set_value(c, n, TM_VALUE, 0);
        int k = sim_type(c->S, t)->kind;
        if (k != TY_CHAN && k != TY_SLICE) {
            errorf(c, a0->pos, "invalid argument: cannot make %s; type must be slice, map, or channel", src_text(c, a0));
            return set_value(c, n, TM_VALUE, 0);
        }
        if (k == TY_SLICE && !a1) errorf(c, n->pos, "invalid operation: %s expects 2 or 3 arguments; found 1", src_text(c, n));
        if (a1 && a1->next && k == TY_CHAN) errorf(c, n->pos, "invalid operation: %s expects 1 or 2 arguments; found 3", src_text(c, n));
        if (a1 && a1->next) errorf(c, a1->next->pos, "the capacity argument of make([]T, len, cap)" UNSUPPORTED);
        if (a1) {
            NodeInfo *si = value(c, a1);
            if (si->type && !assignable(c, a1, TYPE_INT))
                errorf(c, a1->pos, "cannot convert %s to type int", describe(c, a1));
            if (si->mode == TM_CONST && si->cval.i < 0)
                errorf(c, a1->pos, "invalid argument: index %s must not be negative", describe(c, a1));
        }
        return set_value(c, n, TM_VALUE, t);
    }
    case BI_NEW: {
        TypeId t = resolve_type(c, a0);
        info(c, a0)->mode = TM_TYPE;
        info(c, a0)->type = t;
        return set_value(c, n, TM_VALUE, t ? type_ptr(c->S, t) : 0);
    }
    case BI_APPEND: {
        NodeInfo *si = value(c, a0);
        if (!si->type) return set_value(c, n, TM_VALUE, 0);
        if (!is_kind(c, si->type, TY_SLICE)) {
            errorf(c, a0->pos, "invalid argument: %s is not a slice", describe(c, a0));
            return set_value(c, n, TM_VALUE, 0);
        }
        if (n->flags & NF_DOTS) errorf(c, n->pos, "append(s, t...)" UNSUPPORTED);
        TypeId et = sim_type(c->S, si->type)->elem;
        for (Node *a = a1; a; a = a->next) {
            if (a->kind == ND_COMPOSITE && !a->type) composite(c, a, et);
            else value(c, a);
            must_assign(c, a, et, "argument to append");
        }
        return set_value(c, n, TM_VALUE, si->type);
    }
    case BI_CLOSE: {
        NodeInfo *ai = value(c, a0);
        if (!ai->type) return set_value(c, n, TM_VOID, 0);
        const Type *t = sim_type(c->S, ai->type);
        if (t->kind != TY_CHAN) errorf(c, a0->pos, "invalid operation: non-chan argument %s to close", describe(c, a0));
        else if (t->dir == CHAN_RECV) errorf(c, a0->pos, "invalid operation: cannot close receive-only channel %s", describe(c, a0));
        return set_value(c, n, TM_VOID, 0);
    }
    case BI_PANIC: {
        value(c, a0);
        must_assign(c, a0, TYPE_ANY, "argument to panic");
        return set_value(c, n, TM_VOID, 0);
    }
    case BI_RECOVER: return set_value(c, n, TM_VALUE, TYPE_ANY);
    }
    return set_value(c, n, TM_VALUE, 0);
}

static NodeInfo *native_call(Checker *c, Node *n, NodeInfo *fi) {
    int id = fi->native;
    NodeInfo *ni = info(c, n);
    ni->native = id;
    const char *fname = src_text(c, n->x);
    int32_t nargs = count_args(n->list);
    if (n->flags & NF_DOTS) errorf(c, n->pos, "calls with ... arguments" UNSUPPORTED);
    switch (id) {
    case NATIVE_PRINTLN: case NATIVE_PRINT: case NATIVE_PRINTF:
    case NATIVE_SPRINTLN: case NATIVE_SPRINT: case NATIVE_SPRINTF: {
        bool f = id == NATIVE_PRINTF || id == NATIVE_SPRINTF;
        if (f && nargs == 0) {
            errorf(c, n->pos, "not enough arguments in call to %s", fname);
            return set_value(c, n, TM_VALUE, 0);
        }
        /* fmt.Println(f()) prints all of f's results. */
        bool spread = !f && nargs == 1 && expr(c, n->list)->mode == TM_MULTI;
        for (Node *a = spread ? NULL : n->list; a; a = a->next) {
            NodeInfo *ai = value(c, a);
            if (f && a == n->list) must_assign(c, a, TYPE_STRING, "argument to");
            else if (ai->untyped) ai->type = default_type(ai->type);
        }
        bool s = id == NATIVE_SPRINTLN || id == NATIVE_SPRINT || id == NATIVE_SPRINTF;
        return set_value(c, n, s ? TM_VALUE : TM_VOID, s ? TYPE_STRING : 0);
    }
    case NATIVE_SLEEP:
    case NATIVE_AFTER:
        if (nargs != 1) {
            errorf(c, n->pos, "%s arguments in call to %s", nargs < 1 ? "not enough" : "too many", fname);
            return set_value(c, n, TM_VOID, 0);
        }
        value(c, n->list);
        must_assign(c, n->list, TYPE_DURATION, "argument to");
        if (id == NATIVE_SLEEP) return set_value(c, n, TM_VOID, 0);
        return set_value(c, n, TM_VALUE, type_chan(c->S, TYPE_TIME, CHAN_RECV));
    case NATIVE_GOSCHED:
    case NATIVE_GOEXIT:
    case NATIVE_NUMGOROUTINE:
    case NATIVE_MUTEX_LOCK:
    case NATIVE_MUTEX_UNLOCK:
    case NATIVE_WG_DONE:
    case NATIVE_WG_WAIT:
        if (nargs != 0) {
            errorf(c, n->list->pos, "too many arguments in call to %s", fname);
            return set_value(c, n, TM_VOID, 0);
        }
        return set_value(c, n, id == NATIVE_NUMGOROUTINE ? TM_VALUE : TM_VOID, id == NATIVE_NUMGOROUTINE ? TYPE_INT : 0);
    case NATIVE_WG_ADD:
        if (nargs != 1) {
            errorf(c, n->pos, "%s arguments in call to %s", nargs < 1 ? "not enough" : "too many", fname);
            return set_value(c, n, TM_VOID, 0);
        }
        value(c, n->list);
        must_assign(c, n->list, TYPE_INT, "argument to");
        return set_value(c, n, TM_VOID, 0);
    case -2: { /* sync.Once.Do(f) */
        TypeId ft = type_func(c->S, 0, NULL, 0, NULL);
        if (nargs != 1) {
            errorf(c, n->pos, "%s arguments in call to %s", nargs < 1 ? "not enough" : "too many", fname);
            return set_value(c, n, TM_VOID, 0);
        }
        value(c, n->list);
        must_assign(c, n->list, ft, "argument to");
        return set_value(c, n, TM_VOID, 0);
    }
    }
    return set_value(c, n, TM_VOID, 0);
}

static NodeInfo *call(Checker *c, Node *n) {
    NodeInfo *fi = expr(c, n->x);
    NodeInfo *ni = info(c, n);
    if (fi->mode == TM_BUILTIN) return builtin_call(c, n, fi->builtin);
    if (fi->mode == TM_NATIVE) return native_call(c, n, fi);
    if (fi->mode == TM_TYPE) {
        /* A conversion T(x). */
        TypeId t = fi->type;
        int32_t nargs = count_args(n->list);
        if (nargs != 1) {
            errorf(c, n->pos, nargs ? "too many arguments in conversion to %s" : "missing argument in conversion to %s", tname(c, t));
            return set_value(c, n, TM_VALUE, t);
        }
        NodeInfo *ai = value(c, n->list);
        ni->conv = t;
        if (!t || !ai->type) return set_value(c, n, TM_VALUE, t);
        const Type *tt = sim_type(c->S, t), *at = sim_type(c->S, ai->type);
        if (tt->kind == TY_INT && at->kind == TY_INT && t != TYPE_TIME && ai->type != TYPE_TIME) {
            if (ai->mode == TM_CONST) {
                Value v = ai->cval;
                if (tt->size == 4) v.i = (int32_t)(uint32_t)v.i;
                return set_const(c, n, t, v, false);
            }
            return set_value(c, n, TM_VALUE, t);
        }
        if (tt->kind == TY_STRING && at->kind == TY_INT) {
            errorf(c, n->pos, "conversions from integer to string" UNSUPPORTED);
            return set_value(c, n, TM_VALUE, t);
        }
        if (!assignable(c, n->list, t)) errorf(c, n->list->pos, "cannot convert %s to type %s", describe(c, n->list), tname(c, t));
        return set_value(c, n, TM_VALUE, t);
    }
    if (!fi->type) {
        for (Node *a = n->list; a; a = a->next) expr(c, a);
        return set_value(c, n, TM_VALUE, 0);
    }
    const Type *ft = sim_type(c->S, fi->type);
    if (ft->kind != TY_FUNC) {
        errorf(c, n->pos, "invalid operation: cannot call non-function %s", describe(c, n->x));
        return set_value(c, n, TM_VALUE, 0);
    }
    if (n->flags & NF_DOTS) errorf(c, n->pos, "calls with ... arguments" UNSUPPORTED);
    check_args(c, n, fi->type, src_text(c, n->x), 0);
    ft = sim_type(c->S, fi->type); /* checking the arguments may have moved the type table */
    if (ft->nresults == 0) return set_value(c, n, TM_VOID, 0);
    if (ft->nresults == 1) return set_value(c, n, TM_VALUE, c->S->typelist.items[ft->field0 + ft->nfields]);
    return set_value(c, n, TM_MULTI, fi->type);
}

/* ---- statements ----------------------------------------------------------------- */

static bool is_blank(Node *n) { return n->kind == ND_IDENT && strcmp(n->name, "_") == 0; }

/* The left side of an assignment: an addressable variable. */
static TypeId lvalue(Checker *c, Node *n) {
    if (is_blank(n)) {
        info(c, n)->mode = TM_VAR;
        return 0;
    }
    NodeInfo *ni;
    if (n->kind == ND_IDENT) {
        Symbol *y = lookup(c, n->name);
        bool was = y && y->used;
        ni = expr(c, n);
        if (y && y->kind == SYM_VAR) y->used = was; /* assigning is not using */
    } else {
        ni = expr(c, n);
    }
    if (ni->mode != TM_VAR) {
        if (ni->type || ni->mode == TM_CONST) {
            if (ni->mode == TM_CONST)
                errorf(c, n->pos, "cannot assign to %s (neither addressable nor a map index expression)", describe(c, n));
            else errorf(c, n->pos, "cannot assign to %s (neither addressable nor a map index expression)", describe(c, n));
        }
        return 0;
    }
    /* A field of a struct held in a map would not be addressable; we have no maps. */
    return ni->type;
}

static int32_t count(Node *l) { return count_args(l); }

/* Infers a new variable's type from its initial value. */
static TypeId var_type_of(Checker *c, Node *v) {
    NodeInfo *vi = info(c, v);
    if (vi->type == TYPE_NIL) {
        errorf(c, v->pos, "use of untyped nil in assignment");
        return 0;
    }
    return vi->untyped ? default_type(vi->type) : vi->type;
}

static void assign_stmt(Checker *c, Node *n) {
    int32_t nl = count(n->list), nr = count(n->rhs);
    bool define = n->op == TK_DEFINE;
    NodeInfo *ni = info(c, n);
    if (n->op != TK_ASSIGN && !define) {
        /* x op= y */
        TypeId t = lvalue(c, n->list);
        Node bin = *n;
        bin.kind = ND_BINARY;
        bin.x = n->list;
        bin.y = n->rhs;
        bin.info = NULL;
        switch (n->op) {
        case TK_ADD_ASSIGN: bin.op = TK_ADD; break; case TK_SUB_ASSIGN: bin.op = TK_SUB; break;
        case TK_MUL_ASSIGN: bin.op = TK_MUL; break; case TK_QUO_ASSIGN: bin.op = TK_QUO; break;
        case TK_REM_ASSIGN: bin.op = TK_REM; break; case TK_AND_ASSIGN: bin.op = TK_AND; break;
        case TK_OR_ASSIGN: bin.op = TK_OR; break; case TK_XOR_ASSIGN: bin.op = TK_XOR; break;
        case TK_SHL_ASSIGN: bin.op = TK_SHL; break; case TK_SHR_ASSIGN: bin.op = TK_SHR; break;
        case TK_AND_NOT_ASSIGN: bin.op = TK_AND_NOT; break; default: break;
        }
        Symbol *y = n->list->kind == ND_IDENT ? lookup(c, n->list->name) : NULL;
        bool was = y && y->used;
        NodeInfo *bi = binary(c, &bin);
        if (y && y->kind == SYM_VAR) y->used = was;
        ni->conv = t;
        if (t && bi->type && bi->type != t) errorf(c, n->opos, "invalid operation: mismatched types");
        return;
    }
    if (nr == 1 && nl > 1) {
        /* v1, v2 = f() / v, ok = <-ch */
        Node *r = n->rhs;
        NodeInfo *ri = expr(c, r);
        TypeId types[64] = {0};
        int32_t have = 1;
        if (ri->mode == TM_MULTI) {
            const Type *ft = sim_type(c->S, ri->type);
            have = ft->nresults;
            for (int32_t i = 0; i < have && i < 64; i++) types[i] = c->S->typelist.items[ft->field0 + ft->nfields + i];
        } else if (r->kind == ND_UNARY && r->op == TK_ARROW && nl == 2) {
            have = 2;
            types[0] = ri->type;
            types[1] = TYPE_BOOL;
            ni->builtin = 1; /* comma-ok receive */
        } else if (ri->mode == TM_VOID) {
            errorf(c, r->pos, "%s (no value) used as value", src_text(c, r));
            return;
        }
        if (have != nl) {
            errorf(c, n->list->pos, "assignment mismatch: %d variable%s but %s returns %d value%s", nl, nl > 1 ? "s" : "",
                   src_text(c, r), have, have > 1 ? "s" : "");
            return;
        }
        ni->defs = alloc(c, sizeof(Symbol *) * (size_t)nl);
        ni->ndefs = nl;
        int32_t i = 0, fresh = 0;
        for (Node *l = n->list; l; l = l->next, i++) {
            if (define && l->kind == ND_IDENT && !is_blank(l) && !lookup_in(c->scope, l->name)) {
                Symbol *y = declare(c, new_local(c, l->name, l->pos, types[i]));
                info(c, l)->sym = y;
                info(c, l)->mode = TM_VAR;
                info(c, l)->type = types[i];
                ni->defs[i] = y;
                fresh++;
            } else {
                if (define && l->kind != ND_IDENT) errorf(c, l->pos, "non-name %s on left side of :=", src_text(c, l));
                TypeId t = lvalue(c, l);
                if (t && types[i] && t != types[i] && !is_iface(c, t))
                    errorf(c, r->pos, "cannot use %s value as %s value in assignment", tname(c, types[i]), tname(c, t));
                if (t && types[i] && is_iface(c, t) && !is_iface(c, types[i])) info(c, l)->iface_of = types[i];
            }
        }
        if (define && !fresh) errorf(c, n->opos, "no new variables on left side of :=");
        return;
    }
    if (nl != nr) {
        if (nr == 1 || nl == 1) {
            NodeInfo *ri = expr(c, n->rhs);
            if (nl == 1 && nr > 1) errorf(c, n->list->pos, "assignment mismatch: 1 variable but %d values", nr);
            else if (ri->mode == TM_MULTI)
                errorf(c, n->list->pos, "assignment mismatch: %d variable%s but %s returns %d value%s", nl, nl > 1 ? "s" : "",
                       src_text(c, n->rhs), sim_type(c->S, ri->type)->nresults, sim_type(c->S, ri->type)->nresults > 1 ? "s" : "");
            else errorf(c, n->list->pos, "assignment mismatch: %d variables but %d value%s", nl, nr, nr > 1 ? "s" : "");
        } else {
            errorf(c, n->list->pos, "assignment mismatch: %d variables but %d values", nl, nr);
        }
        return;
    }
    /* Pairwise: right sides first (they see the old variables). */
    for (Node *r = n->rhs; r; r = r->next) value(c, r);
    ni->defs = alloc(c, sizeof(Symbol *) * (size_t)nl);
    ni->ndefs = nl;
    int32_t i = 0, fresh = 0;
    Node *r = n->rhs;
    for (Node *l = n->list; l; l = l->next, r = r->next, i++) {
        if (define && l->kind == ND_IDENT && !is_blank(l) && !lookup_in(c->scope, l->name)) {
            TypeId t = var_type_of(c, r);
            assignable(c, r, t);
            Symbol *y = declare(c, new_local(c, l->name, l->pos, t));
            info(c, l)->sym = y;
            info(c, l)->mode = TM_VAR;
            info(c, l)->type = t;
            ni->defs[i] = y;
            fresh++;
            continue;
        }
        if (define && l->kind != ND_IDENT) errorf(c, l->pos, "non-name %s on left side of :=", src_text(c, l));
        if (is_blank(l)) {
            info(c, l)->mode = TM_VAR;
            NodeInfo *rinfo = info(c, r);
            if (rinfo->type == TYPE_NIL) errorf(c, r->pos, "use of untyped nil in assignment");
            continue;
        }
        TypeId t = lvalue(c, l);
        if (t) must_assign(c, r, t, "assignment");
    }
    if (define && !fresh) errorf(c, n->opos, "no new variables on left side of :=");
}

static void var_spec(Checker *c, Node *spec, bool global) {
    TypeId t = spec->type ? resolve_type(c, spec->type) : 0;
    int32_t nl = count(spec->list), nr = count(spec->rhs);
    NodeInfo *si = info(c, spec);
    si->defs = alloc(c, sizeof(Symbol *) * (size_t)nl);
    si->ndefs = nl;
    TypeId types[64] = {0};
    if (nr == 1 && nl > 1) {
        NodeInfo *ri = expr(c, spec->rhs);
        if (ri->mode == TM_MULTI && sim_type(c->S, ri->type)->nresults == nl) {
            const Type *ft = sim_type(c->S, ri->type);
            for (int32_t i = 0; i < nl && i < 64; i++) types[i] = t ? t : c->S->typelist.items[ft->field0 + ft->nfields + i];
        } else if (spec->rhs->kind == ND_UNARY && spec->rhs->op == TK_ARROW && nl == 2) {
            types[0] = t ? t : ri->type;
            types[1] = TYPE_BOOL;
            si->builtin = 1;
        } else {
            errorf(c, spec->list->pos, "assignment mismatch: %d variables but %s returns %d value%s", nl, src_text(c, spec->rhs),
                   ri->mode == TM_MULTI ? sim_type(c->S, ri->type)->nresults : 1, "s");
        }
    } else if (nr && nr != nl) {
        errorf(c, spec->list->pos, nr > nl ? "assignment mismatch: %d variable%s but %d values" : "assignment mismatch: %d variables but %d value%s",
               nl, nl > 1 ? "s" : "", nr, nr > 1 ? "s" : "");
    } else {
        Node *r = spec->rhs;
        for (int32_t i = 0; r && i < 64; r = r->next, i++) {
            if (r->kind == ND_COMPOSITE && !r->type && t) composite(c, r, t);
            else value(c, r);
            if (t) {
                must_assign(c, r, t, "variable declaration");
                types[i] = t;
            } else {
                types[i] = var_type_of(c, r);
                assignable(c, r, types[i]);
            }
        }
        if (!spec->rhs)
            for (int32_t i = 0; i < nl && i < 64; i++) types[i] = t;
    }
    int32_t i = 0;
    for (Node *nm = spec->list; nm; nm = nm->next, i++) {
        Symbol *y;
        if (global) {
            y = lookup_in(c->pkg, nm->name);
            if (y) y->type = types[i];
        } else {
            y = new_local(c, nm->name, nm->pos, types[i < 64 ? i : 63]);
            if (strcmp(nm->name, "_") != 0) declare(c, y);
        }
        info(c, nm)->sym = y;
        info(c, nm)->mode = TM_VAR;
        info(c, nm)->type = types[i < 64 ? i : 63];
        si->defs[i] = y;
    }
}

static void const_spec(Checker *c, Node *spec, Node *prev_values, TypeId prev_type, bool global) {
    TypeId t = spec->type ? resolve_type(c, spec->type) : prev_type;
    Node *values = spec->rhs ? spec->rhs : prev_values;
    if (!values) {
        errorf(c, spec->pos, "missing init expr for const declaration");
        return;
    }
    /* iota is the spec's index in its group. */
    Symbol *iota = lookup_in(c->universe, "iota");
    iota->cval = value_int((int64_t)spec->ival);
    Node *v = values;
    for (Node *nm = spec->list; nm; nm = nm->next) {
        if (!v) {
            errorf(c, nm->pos, "missing init expr for const declaration");
            return;
        }
        if (!spec->rhs) v->info = NULL; /* re-evaluated with this iota */
        NodeInfo *vi = value(c, v);
        Symbol *y = global ? lookup_in(c->pkg, nm->name) : new_symbol(c, SYM_CONST, nm->name, nm->pos, 0);
        if (!y) y = new_symbol(c, SYM_CONST, nm->name, nm->pos, 0);
        y->kind = SYM_CONST;
        if (vi->mode != TM_CONST) {
            if (vi->type) errorf(c, v->pos, "%s is not constant", describe(c, v));
            y->type = vi->type;
        } else {
            if (t) must_assign(c, v, t, "constant declaration");
            y->type = t ? t : vi->type;
            y->untyped = !t && vi->untyped;
            y->cval = vi->cval;
        }
        if (!global && strcmp(nm->name, "_")) declare(c, y);
        info(c, nm)->sym = y;
        v = v->next;
    }
}

static void local_decl(Checker *c, Node *n) {
    Node *prev_values = NULL;
    TypeId prev_type = 0;
    for (Node *spec = n->list; spec; spec = spec->next) {
        if (spec->kind == ND_VAR_SPEC) var_spec(c, spec, false);
        else if (spec->kind == ND_CONST_SPEC) {
            const_spec(c, spec, prev_values, prev_type, false);
            if (spec->rhs) prev_values = spec->rhs, prev_type = spec->type ? resolve_type(c, spec->type) : 0;
        } else if (spec->kind == ND_TYPE_SPEC) {
            errorf(c, spec->pos, "type declarations inside functions" UNSUPPORTED);
        }
    }
}

static void cond(Checker *c, Node *n, const char *what) {
    NodeInfo *ni = value(c, n);
    if (ni->type && !is_kind(c, ni->type, TY_BOOL))
        errorf(c, n->pos, "non-boolean condition in %s statement", what);
}

static Loop *push_loop(Checker *c, const char *label, bool is_loop) {
    Loop *l = alloc(c, sizeof *l);
    l->outer = c->loops;
    l->label = label;
    l->is_loop = is_loop;
    l->is_switch = !is_loop;
    c->loops = l;
    return l;
}

static void range_stmt(Checker *c, Node *n) {
    push_scope(c);
    NodeInfo *xi = value(c, n->x);
    NodeInfo *ni = info(c, n);
    TypeId kt = 0, vt = 0;
    int k = xi->type ? sim_type(c->S, xi->type)->kind : -1;
    if (k == TY_CHAN) {
        if (sim_type(c->S, xi->type)->dir == CHAN_SEND)
            errorf(c, n->x->pos, "invalid operation: range %s: receive from send-only channel", src_text(c, n->x));
        kt = sim_type(c->S, xi->type)->elem;
        if (n->z) errorf(c, n->z->pos, "range over %s permits only one iteration variable", describe(c, n->x));
    } else if (k == TY_SLICE) {
        kt = TYPE_INT;
        vt = sim_type(c->S, xi->type)->elem;
    } else if (k == TY_INT) {
        kt = xi->untyped ? TYPE_INT : xi->type;
        if (xi->untyped) xi->type = TYPE_INT;
        if (n->z) errorf(c, n->z->pos, "range over %s permits only one iteration variable", describe(c, n->x));
    } else if (k == TY_STRING) {
        errorf(c, n->x->pos, "range over strings" UNSUPPORTED);
    } else if (xi->type) {
        errorf(c, n->x->pos, "cannot range over %s", describe(c, n->x));
    }
    ni->conv = xi->type;
    ni->defs = alloc(c, sizeof(Symbol *) * 2);
    ni->ndefs = 2;
    Node *vars[2] = {n->y, n->z};
    TypeId types[2] = {kt, vt};
    for (int i = 0; i < 2; i++) {
        if (!vars[i]) continue;
        if (n->op == TK_DEFINE) {
            if (vars[i]->kind != ND_IDENT) {
                errorf(c, vars[i]->pos, "non-name %s on left side of :=", src_text(c, vars[i]));
                continue;
            }
            if (is_blank(vars[i])) continue;
            Symbol *y = declare(c, new_local(c, vars[i]->name, vars[i]->pos, types[i]));
            info(c, vars[i])->sym = y;
            info(c, vars[i])->mode = TM_VAR;
            info(c, vars[i])->type = types[i];
            ni->defs[i] = y;
        } else {
            TypeId t = lvalue(c, vars[i]);
            if (t && types[i] && t != types[i]) errorf(c, vars[i]->pos, "cannot assign %s to %s in range", tname(c, types[i]), describe(c, vars[i]));
        }
    }
    push_loop(c, c->pending_label, true);
    c->pending_label = NULL;
    block(c, n->body);
    c->loops = c->loops->outer;
    pop_scope(c);
}

static void comm_clause(Checker *c, Node *cl) {
    push_scope(c);
    Node *s = cl->x;
    if (s) {
        if (s->kind == ND_SEND) stmt(c, s);
        else if (s->kind == ND_EXPR_STMT) {
            Node *e = s->x;
            while (e->kind == ND_PAREN) e = e->x;
            if (e->kind != ND_UNARY || e->op != TK_ARROW) errorf(c, s->pos, "select case must be receive, send or assign recv");
            value(c, s->x);
        } else if (s->kind == ND_ASSIGN) {
            Node *r = s->rhs;
            while (r && r->kind == ND_PAREN) r = r->x;
            if (!r || s->rhs->next || r->kind != ND_UNARY || r->op != TK_ARROW || count(s->list) > 2)
                errorf(c, s->pos, "select case must be receive, send or assign recv");
            else stmt(c, s);
        }
    }
    block(c, cl->body);
    pop_scope(c);
}

/* Is n a terminating statement (Go spec), for "missing return"? */
static bool has_break(Node *n, const char *label, bool top);
static bool terminating(Node *n) {
    if (!n) return false;
    switch (n->kind) {
    case ND_RETURN: return true;
    case ND_BRANCH: return n->op == TK_GOTO;
    case ND_EXPR_STMT:
        return n->x->kind == ND_CALL && n->x->x->kind == ND_IDENT && strcmp(n->x->x->name, "panic") == 0;
    case ND_BLOCK: {
        Node *last = NULL;
        for (Node *s = n->list; s; s = s->next) last = s;
        return terminating(last);
    }
    case ND_IF: return n->els && terminating(n->body) && terminating(n->els);
    case ND_LABELED: return terminating(n->body);
    case ND_FOR: return !n->cond && !has_break(n->body, NULL, true);
    case ND_SWITCH:
    case ND_SELECT: {
        bool def = n->kind == ND_SELECT;
        for (Node *cl = n->list; cl; cl = cl->next) {
            if (cl->flags & NF_DEFAULT) def = true;
            Node *last = NULL;
            for (Node *s = cl->body ? cl->body->list : NULL; s; s = s->next) last = s;
            if (has_break(cl->body, NULL, true)) return false;
            if (!terminating(last) && !(last && last->kind == ND_BRANCH && last->op == TK_FALLTHROUGH)) return false;
        }
        return def;
    }
    default: return false;
    }
}

static bool has_break(Node *n, const char *label, bool top) {
    if (!n) return false;
    if (n->kind == ND_BRANCH && n->op == TK_BREAK && (!n->name ? top : label && strcmp(n->name, label) == 0)) return true;
    bool nested = n->kind == ND_FOR || n->kind == ND_RANGE || n->kind == ND_SWITCH || n->kind == ND_SELECT;
    if (n->kind == ND_FUNC_LIT) return false;
    Node *kids[] = {n->body, n->els, n->init, n->post};
    for (size_t i = 0; i < 4; i++)
        if (kids[i] && kids[i] != n && has_break(kids[i], label, top && !nested)) return true;
    if (n->kind == ND_BLOCK || n->kind == ND_SWITCH || n->kind == ND_SELECT || n->kind == ND_CASE_CLAUSE || n->kind == ND_COMM_CLAUSE)
        for (Node *s = n->list; s; s = s->next)
            if (has_break(s, label, top && !(n->kind == ND_SWITCH || n->kind == ND_SELECT))) return true;
    return false;
}

static void stmt(Checker *c, Node *n) {
    switch (n->kind) {
    case ND_EMPTY: break;
    case ND_BLOCK:
        push_scope(c);
        for (Node *s = n->list; s; s = s->next) stmt(c, s);
        pop_scope(c);
        break;
    case ND_EXPR_STMT: {
        NodeInfo *ni = expr(c, n->x);
        Node *x = n->x;
        while (x->kind == ND_PAREN) x = x->x;
        bool ok = x->kind == ND_CALL || (x->kind == ND_UNARY && x->op == TK_ARROW);
        if (ok && x->kind == ND_CALL && (ni->builtin == BI_LEN || ni->builtin == BI_CAP || ni->builtin == BI_APPEND ||
                                         ni->builtin == BI_MAKE || ni->builtin == BI_NEW || ni->conv))
            ok = false;
        if (!ok && (ni->type || ni->mode == TM_CONST)) errorf(c, n->pos, "%s (%s) is not used", src_text(c, n->x),
            ni->mode == TM_CONST ? (ni->untyped ? "untyped int constant" : "constant") : "value of type");
        break;
    }
    case ND_SEND: {
        NodeInfo *ci = value(c, n->x);
        NodeInfo *vi = value(c, n->y);
        (void)vi;
        if (!ci->type) break;
        const Type *ct = sim_type(c->S, ci->type);
        if (ct->kind != TY_CHAN) {
            errorf(c, n->opos, "invalid operation: cannot send to non-channel %s", describe(c, n->x));
            break;
        }
        if (ct->dir == CHAN_RECV) {
            errorf(c, n->opos, "invalid operation: cannot send to receive-only channel %s", describe(c, n->x));
            break;
        }
        TypeId elem = ct->elem;
        if (n->y->kind == ND_COMPOSITE && !n->y->type) composite(c, n->y, elem);
        must_assign(c, n->y, elem, "send");
        break;
    }
    case ND_INCDEC: {
        Symbol *y = n->x->kind == ND_IDENT ? lookup(c, n->x->name) : NULL;
        bool was = y && y->used;
        TypeId t = lvalue(c, n->x);
        if (y && y->kind == SYM_VAR) y->used = was;
        if (t && !is_int(c, t))
            errorf(c, n->pos, "invalid operation: %s%s (non-numeric type %s)", src_text(c, n->x), n->op == TK_INC ? "++" : "--", tname(c, t));
        info(c, n)->conv = t;
        break;
    }
    case ND_ASSIGN: assign_stmt(c, n); break;
    case ND_GO:
    case ND_DEFER: {
        Node *x = n->x;
        while (x->kind == ND_PAREN) x = x->x;
        if (x->kind != ND_CALL) {
            errorf(c, n->x->pos, "expression in %s must be function call", n->kind == ND_GO ? "go" : "defer");
            break;
        }
        NodeInfo *ci = expr(c, x);
        if (ci->conv || ci->builtin == BI_LEN || ci->builtin == BI_CAP || ci->builtin == BI_APPEND || ci->builtin == BI_MAKE ||
            ci->builtin == BI_NEW)
            errorf(c, n->x->pos, "%s discards result of %s", n->kind == ND_GO ? "go" : "defer", src_text(c, x));
        break;
    }
    case ND_RETURN: {
        FuncInfo *f = c->fn;
        int32_t nr = count(n->list);
        if (nr == 0) {
            if (f->nresults && !(f->results && f->results[0] && f->results[0]->name[0] != '~'))
                errorf(c, n->pos, "not enough return values\n\thave ()\n\twant (%s)", "...");
            break;
        }
        if (nr == 1 && f->nresults > 1) {
            NodeInfo *ri = expr(c, n->list);
            if (ri->mode == TM_MULTI && sim_type(c->S, ri->type)->nresults == f->nresults) break;
        }
        if (nr != f->nresults) {
            for (Node *r = n->list; r; r = r->next) if (!r->info) expr(c, r);
            errorf(c, n->list->pos, nr > f->nresults ? "too many return values" : "not enough return values");
            break;
        }
        int32_t i = 0;
        for (Node *r = n->list; r; r = r->next, i++) {
            if (r->kind == ND_COMPOSITE && !r->type) composite(c, r, f->results[i]->type);
            else value(c, r);
            must_assign(c, r, f->results[i]->type, "return statement");
        }
        break;
    }
    case ND_BRANCH: {
        if (n->op == TK_GOTO) {
            errorf(c, n->pos, "goto" UNSUPPORTED);
            break;
        }
        if (n->op == TK_FALLTHROUGH) break; /* checked by the switch */
        Loop *l = c->loops;
        for (; l; l = l->outer) {
            if (n->name) {
                if (l->label && strcmp(l->label, n->name) == 0) break;
            } else if (n->op == TK_BREAK || l->is_loop) {
                break;
            }
        }
        if (!l) {
            if (n->name) errorf(c, n->pos, "invalid %s label %s", n->op == TK_BREAK ? "break" : "continue", n->name);
            else errorf(c, n->pos, n->op == TK_BREAK ? "break is not in a loop, switch, or select" : "continue is not in a loop");
        } else if (n->op == TK_CONTINUE && !l->is_loop) {
            errorf(c, n->pos, "invalid continue label %s", n->name);
        }
        break;
    }
    case ND_LABELED:
        c->pending_label = n->name;
        stmt(c, n->body);
        c->pending_label = NULL;
        break;
    case ND_IF:
        push_scope(c);
        if (n->init) stmt(c, n->init);
        cond(c, n->cond, "if");
        block(c, n->body);
        if (n->els) stmt(c, n->els);
        pop_scope(c);
        break;
    case ND_FOR: {
        const char *label = c->pending_label;
        c->pending_label = NULL;
        push_scope(c);
        if (n->init) stmt(c, n->init);
        if (n->cond) cond(c, n->cond, "for");
        if (n->post) {
            if (n->post->kind == ND_ASSIGN && n->post->op == TK_DEFINE) errorf(c, n->post->pos, "cannot declare in post statement of for loop");
            stmt(c, n->post);
        }
        push_loop(c, label, true);
        block(c, n->body);
        c->loops = c->loops->outer;
        pop_scope(c);
        break;
    }
    case ND_RANGE: range_stmt(c, n); break;
    case ND_SWITCH: {
        const char *label = c->pending_label;
        c->pending_label = NULL;
        push_scope(c);
        if (n->init) stmt(c, n->init);
        TypeId tt = TYPE_BOOL;
        if (n->x) {
            if (n->x->kind == ND_TYPE_ASSERT) {
                errorf(c, n->x->pos, "type switches" UNSUPPORTED);
                pop_scope(c);
                break;
            }
            NodeInfo *xi = value(c, n->x);
            tt = xi->untyped ? default_type(xi->type) : xi->type;
            assignable(c, n->x, tt);
        }
        info(c, n)->conv = tt;
        push_loop(c, label, false);
        int ndefault = 0;
        for (Node *cl = n->list; cl; cl = cl->next) {
            if (cl->flags & NF_DEFAULT && ++ndefault > 1) errorf(c, cl->pos, "multiple defaults in switch");
            for (Node *e = cl->list; e; e = e->next) {
                NodeInfo *ei = value(c, e);
                if (!ei->type || !tt) continue;
                if (!assignable(c, e, tt)) {
                    if (n->x) errorf(c, e->pos, "invalid case %s in switch on %s (mismatched types %s and %s)", src_text(c, e),
                                     src_text(c, n->x), tname(c, ei->type), tname(c, tt));
                    else errorf(c, e->pos, "invalid case %s in switch (mismatched types %s and bool)", src_text(c, e), tname(c, ei->type));
                }
            }
            push_scope(c);
            Node *last = NULL;
            for (Node *s = cl->body ? cl->body->list : NULL; s; s = s->next) {
                if (s->kind == ND_BRANCH && s->op == TK_FALLTHROUGH) {
                    if (s->next) errorf(c, s->pos, "fallthrough statement out of place");
                    else if (!cl->next) errorf(c, s->pos, "cannot fallthrough final case in switch");
                }
                stmt(c, s);
                last = s;
            }
            (void)last;
            pop_scope(c);
        }
        c->loops = c->loops->outer;
        pop_scope(c);
        break;
    }
    case ND_SELECT: {
        const char *label = c->pending_label;
        c->pending_label = NULL;
        push_loop(c, label, false);
        int ndefault = 0, ncases = 0;
        for (Node *cl = n->list; cl; cl = cl->next) {
            if ((cl->flags & NF_DEFAULT) && ++ndefault > 1) errorf(c, cl->pos, "multiple defaults in select");
            if (!(cl->flags & NF_DEFAULT)) ncases++;
            comm_clause(c, cl);
        }
        if (ncases > 32) errorf(c, n->pos, "select with more than 32 cases" UNSUPPORTED);
        c->loops = c->loops->outer;
        break;
    }
    case ND_VAR_DECL:
    case ND_CONST_DECL:
    case ND_TYPE_DECL: local_decl(c, n); break;
    case ND_FUNC_DECL: errorf(c, n->pos, "function declarations inside functions are not allowed"); break;
    default: errorf(c, n->pos, "unexpected %s statement", ast_kind_name(n->kind)); break;
    }
}

static void block(Checker *c, Node *n) {
    push_scope(c);
    for (Node *s = n->list; s; s = s->next) stmt(c, s);
    pop_scope(c);
}

/* ---- functions ----------------------------------------------------------------- */

static FuncInfo *new_func(Checker *c, Node *decl, const char *name, FuncInfo *parent) {
    FuncInfo *f = alloc(c, sizeof *f);
    f->decl = decl;
    f->parent = parent;
    if (!name) {
        /* Literals are named after the top-level function: main.main.func1, and nested main.main.func1.1. */
        char buf[256];
        if (parent && parent->parent) snprintf(buf, sizeof buf, "%s.%d", parent->name, ++parent->nlits);
        else snprintf(buf, sizeof buf, "%s.func%d", parent ? parent->name : "main.glob", parent ? ++parent->nlits : ++c->ntoplevel_lits);
        name = ast_strndup(c->ast, buf, strlen(buf));
    }
    f->name = name;
    f->index = c->out->nfuncs++;
    if (c->last_fn) c->last_fn->next = f;
    else c->out->funcs = f;
    c->last_fn = f;
    return f;
}

/* Declares parameters and results as the function's first locals, then checks the body. */
static void func_body(Checker *c, FuncInfo *fi) {
    FuncInfo *saved_fn = c->fn;
    Scope *saved_scope = c->scope;
    Loop *saved_loops = c->loops;
    c->loops = NULL;
    c->fn = fi;
    push_scope(c);
    Node *decl = fi->decl;
    Node *ft = decl->type;
    fi->params = alloc(c, sizeof(Symbol *) * 65);
    int32_t np = 0;
    if (decl->kind == ND_FUNC_DECL && decl->x) {
        Node *r = decl->x;
        TypeId rt = resolve_type(c, r->type);
        const char *rn = r->list ? r->list->name : "_";
        Symbol *y = new_local(c, rn, r->list ? r->list->pos : r->pos, rt);
        y->param = true;
        fi->recv = y;
        fi->params[np++] = y;
        if (strcmp(rn, "_")) declare(c, y);
    }
    const Type *t = fi->type ? sim_type(c->S, fi->type) : NULL;
    int32_t pi = 0;
    for (Node *f = ft->list; f; f = f->next) {
        Node *names = f->list;
        int32_t k = 0;
        for (Node *nm = names; nm; nm = nm->next) k++;
        if (!k) k = 1;
        for (int32_t i = 0; i < k; i++, pi++) {
            const char *nm = names ? names->name : "_";
            TypeId pt = t && pi < t->nfields ? c->S->typelist.items[t->field0 + pi] : 0;
            Symbol *y = new_local(c, nm, names ? names->pos : f->pos, pt);
            y->param = true;
            if (np < 65) fi->params[np++] = y;
            if (strcmp(nm, "_")) declare(c, y);
            if (names) names = names->next;
        }
    }
    fi->nparams = c->fn->nlocals;
    fi->result0 = c->fn->nlocals;
    fi->nresults = t ? t->nresults : 0;
    fi->results = alloc(c, sizeof(Symbol *) * (size_t)(fi->nresults + 1));
    int32_t ri = 0;
    for (Node *f = ft->rhs; f; f = f->next) {
        Node *names = f->list;
        int32_t k = 0;
        for (Node *nm = names; nm; nm = nm->next) k++;
        if (!k) k = 1;
        for (int32_t i = 0; i < k && ri < fi->nresults; i++, ri++) {
            const char *nm = names ? names->name : "~r";
            TypeId rt = c->S->typelist.items[t->field0 + t->nfields + ri];
            Symbol *y = new_local(c, nm, names ? names->pos : f->pos, rt);
            y->param = true;
            if (names && strcmp(nm, "_")) declare(c, y);
            fi->results[ri] = y;
            if (names) names = names->next;
        }
    }
    if (decl->body) {
        for (Node *s = decl->body->list; s; s = s->next) stmt(c, s);
        if (fi->nresults && !terminating(decl->body)) {
            Pos p = decl->body->pos;
            /* gc points at the closing brace */
            uint32_t off = decl->body->end ? decl->body->end - 1 : p.offset;
            int32_t line = 1, col = 1;
            for (uint32_t k = 0; k < off && k < c->ast->src_len; k++) {
                if (c->ast->src[k] == '\n') line++, col = 1;
                else col++;
            }
            p.line = line;
            p.col = col;
            p.offset = off;
            errorf(c, p, "missing return");
        }
    } else {
        errorf(c, decl->pos, "missing function body");
    }
    pop_scope(c);
    c->fn = saved_fn;
    c->scope = saved_scope;
    c->loops = saved_loops;
}

/* ---- the package ---------------------------------------------------------------- */

static void universe(Checker *c) {
    push_scope(c);
    c->universe = c->scope;
    static const struct { const char *name; TypeId t; } types[] = {
        {"int", TYPE_INT}, {"bool", TYPE_BOOL}, {"string", TYPE_STRING}, {"rune", TYPE_RUNE}, {"int32", TYPE_RUNE},
        {"any", TYPE_ANY}, {"error", TYPE_ERROR},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        declare(c, new_symbol(c, SYM_TYPE, types[i].name, (Pos){0, 0, 0}, types[i].t));
    static const char *const unsupported[] = {"int8", "int16", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
                                              "uintptr", "byte", "float32", "float64", "complex64", "complex128"};
    for (size_t i = 0; i < sizeof unsupported / sizeof *unsupported; i++)
        declare(c, new_symbol(c, SYM_TYPE, unsupported[i], (Pos){0, 0, 0}, 0));
    Symbol *t = declare(c, new_symbol(c, SYM_CONST, "true", (Pos){0, 0, 0}, TYPE_BOOL));
    t->cval = value_bool(true);
    t->untyped = true;
    Symbol *f = declare(c, new_symbol(c, SYM_CONST, "false", (Pos){0, 0, 0}, TYPE_BOOL));
    f->cval = value_bool(false);
    f->untyped = true;
    Symbol *iota = declare(c, new_symbol(c, SYM_CONST, "iota", (Pos){0, 0, 0}, TYPE_INT));
    iota->untyped = true;
    declare(c, new_symbol(c, SYM_NIL, "nil", (Pos){0, 0, 0}, TYPE_NIL));
    static const char *const builtins[] = {"len", "cap", "make", "append", "close", "panic", "recover", "new", "print", "println"};
    for (int i = 0; i < BI__COUNT; i++) declare(c, new_symbol(c, SYM_BUILTIN, builtins[i], (Pos){0, 0, 0}, 0))->id = i;
    static const char *const later[] = {"copy", "delete", "complex", "real", "imag", "min", "max", "clear"};
    for (size_t i = 0; i < sizeof later / sizeof *later; i++)
        declare(c, new_symbol(c, SYM_BUILTIN, later[i], (Pos){0, 0, 0}, 0))->id = -1;
}

static void collect(Checker *c, Node *file) {
    for (Node *d = file->list; d; d = d->next) {
        switch (d->kind) {
        case ND_IMPORT: {
            static const char *const pkgs[] = {"fmt", "sync", "time", "runtime"};
            int id = -1;
            for (int i = 0; i < PKG__COUNT; i++)
                if (strcmp(d->str, pkgs[i]) == 0) id = i;
            if (id < 0) {
                errorf(c, d->x ? d->x->pos : d->pos, "package \"%s\"" UNSUPPORTED, d->str);
                break;
            }
            if (d->name && strcmp(d->name, pkgs[id])) {
                errorf(c, d->pos, "renamed imports" UNSUPPORTED);
                break;
            }
            Symbol *y = new_symbol(c, SYM_PKG, pkgs[id], d->x ? d->x->pos : d->pos, 0);
            y->id = id;
            declare(c, y);
            break;
        }
        case ND_FUNC_DECL: {
            if (d->x) break; /* methods: after types */
            if (strcmp(d->name, "init") == 0) {
                errorf(c, d->opos, "func init" UNSUPPORTED);
                break;
            }
            char buf[256];
            snprintf(buf, sizeof buf, "main.%s", d->name);
            Symbol *y = new_symbol(c, SYM_FUNC, d->name, d->opos, 0);
            y->fn = new_func(c, d, ast_strndup(c->ast, buf, strlen(buf)), NULL);
            declare(c, y);
            if (strcmp(d->name, "main") == 0) c->out->main = y->fn;
            break;
        }
        case ND_TYPE_DECL:
            for (Node *s = d->list; s; s = s->next) {
                if (s->flags & NF_ALIAS) {
                    errorf(c, s->pos, "type aliases" UNSUPPORTED);
                    continue;
                }
                Symbol *y = new_symbol(c, SYM_TYPE, s->name, s->opos, 0);
                declare(c, y);
                info(c, s)->sym = y;
            }
            break;
        case ND_VAR_DECL:
            for (Node *s = d->list; s; s = s->next)
                for (Node *nm = s->list; nm; nm = nm->next) {
                    Symbol *y = new_symbol(c, SYM_VAR, nm->name, nm->pos, 0);
                    y->slot = c->out->nglobals++;
                    y->boxed = true; /* globals are heap cells */
                    y->used = true;
                    if (strcmp(nm->name, "_")) declare(c, y);
                }
            break;
        case ND_CONST_DECL:
            for (Node *s = d->list; s; s = s->next)
                for (Node *nm = s->list; nm; nm = nm->next)
                    if (strcmp(nm->name, "_")) declare(c, new_symbol(c, SYM_CONST, nm->name, nm->pos, 0));
            break;
        default: break;
        }
    }
}

static void resolve_types(Checker *c, Node *file) {
    /* Named structs first get an id, so fields can refer to any of them. */
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind != ND_TYPE_DECL) continue;
        for (Node *s = d->list; s; s = s->next) {
            Symbol *y = info(c, s)->sym;
            if (!y) continue;
            char name[256];
            snprintf(name, sizeof name, "main.%s", s->name);
            if (s->type->kind == ND_STRUCT_TYPE) y->type = type_struct(c->S, name, 0, NULL, NULL);
        }
    }
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind != ND_TYPE_DECL) continue;
        for (Node *s = d->list; s; s = s->next) {
            Symbol *y = info(c, s)->sym;
            if (!y) continue;
            char name[256];
            snprintf(name, sizeof name, "main.%s", s->name);
            if (s->type->kind == ND_STRUCT_TYPE) {
                struct_type(c, s->type, name, y->type);
            } else {
                TypeId u = resolve_type(c, s->type);
                if (!u) continue;
                const Type *ut = sim_type(c->S, u);
                if (ut->kind == TY_MUTEX || ut->kind == TY_WAITGROUP || ut->kind == TY_ONCE || ut->kind == TY_IFACE) {
                    errorf(c, s->pos, "named %s types" UNSUPPORTED, tname(c, u));
                    continue;
                }
                y->type = type_named(c->S, name, u, ut->size);
            }
        }
    }
    /* Embedding a struct in itself by value is invalid. */
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind != ND_TYPE_DECL) continue;
        for (Node *s = d->list; s; s = s->next) {
            Symbol *y = info(c, s)->sym;
            if (!y || !y->type || sim_type(c->S, y->type)->kind != TY_STRUCT) continue;
            const Type *st = sim_type(c->S, y->type);
            for (int32_t i = 0; i < st->nfields; i++)
                if (c->S->fields.items[st->field0 + i].type == y->type) errorf(c, s->opos, "invalid recursive type %s", s->name);
        }
    }
}

static void resolve_funcs(Checker *c, Node *file) {
    for (FuncInfo *f = c->out->funcs; f; f = f->next) f->type = func_type(c, f->decl->type);
    /* Methods. */
    int32_t n = 0;
    for (Node *d = file->list; d; d = d->next) n += d->kind == ND_FUNC_DECL && d->x;
    c->out->methods = alloc(c, sizeof(Method) * (size_t)(n + 1));
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind != ND_FUNC_DECL || !d->x) continue;
        Node *rt = d->x->type;
        bool ptr = rt->kind == ND_STAR;
        Node *base = ptr ? rt->x : rt;
        TypeId bt = base->kind == ND_IDENT ? resolve_type(c, base) : 0;
        if (base->kind != ND_IDENT || !bt) {
            if (base->kind != ND_IDENT) errorf(c, rt->pos, "invalid receiver type %s", src_text(c, rt));
            continue;
        }
        Symbol *ty = lookup(c, base->name);
        if (!ty || ty->kind != SYM_TYPE || !sim_type(c->S, bt)->named || strncmp(type_name(c->S, bt), "main.", 5)) {
            errorf(c, base->pos, "cannot define new methods on non-local type %s", base->name);
            continue;
        }
        if (find_method(c, bt, d->name)) {
            errorf(c, d->opos, "method %s.%s already declared", base->name, d->name);
            continue;
        }
        if (sim_type(c->S, bt)->kind == TY_STRUCT) {
            const Type *st = sim_type(c->S, bt);
            for (int32_t i = 0; i < st->nfields; i++)
                if (strcmp(strtab_get(&c->S->strs, c->S->fields.items[st->field0 + i].name, NULL), d->name) == 0)
                    errorf(c, d->opos, "field and method with the same name %s", d->name);
        }
        char buf[256];
        snprintf(buf, sizeof buf, ptr ? "main.(*%s).%s" : "main.%s.%s", base->name, d->name);
        FuncInfo *fi = new_func(c, d, ast_strndup(c->ast, buf, strlen(buf)), NULL);
        fi->type = func_type(c, d->type);
        Method *m = &c->out->methods[c->out->nmethods++];
        m->recv = bt;
        m->name = d->name;
        m->ptr = ptr;
        m->fn = fi;
    }
}

static void resolve_globals(Checker *c, Node *file) {
    /* Package-level initialisers run in a synthetic function, in source order. */
    FuncInfo *init = new_func(c, NULL, "main.init", NULL);
    c->out->init = init;
    FuncInfo *saved = c->fn;
    c->fn = init;
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind == ND_VAR_DECL)
            for (Node *s = d->list; s; s = s->next) var_spec(c, s, true);
        if (d->kind == ND_CONST_DECL) {
            Node *prev = NULL;
            TypeId prev_type = 0;
            for (Node *s = d->list; s; s = s->next) {
                const_spec(c, s, prev, prev_type, true);
                if (s->rhs) prev = s->rhs, prev_type = s->type ? resolve_type(c, s->type) : 0;
            }
        }
    }
    c->fn = saved;
}

bool check_file(Sim *S, Ast *ast, Checked *out, Diag *d) {
    memset(out, 0, sizeof *out);
    out->S = S;
    out->ast = ast;
    Checker c = {0};
    c.out = out;
    c.S = S;
    c.ast = ast;
    universe(&c);
    push_scope(&c);
    c.pkg = c.scope;
    Node *file = ast->file;
    if (strcmp(file->name, "main") != 0) errorf(&c, file->opos, "package %s is not a main package" UNSUPPORTED, file->name);
    collect(&c, file);
    resolve_types(&c, file);
    resolve_funcs(&c, file);
    resolve_globals(&c, file);
    for (FuncInfo *f = out->funcs; f; f = f->next)
        if (f->decl && f->decl->kind == ND_FUNC_DECL) func_body(&c, f);
    if (!out->main) {
        Pos p = {1, 1, 0};
        errorf(&c, p, "function main is undeclared in the main package");
    } else if (out->main->type && (sim_type(S, out->main->type)->nfields || sim_type(S, out->main->type)->nresults)) {
        errorf(&c, out->main->decl->opos, "func main must have no arguments and no return values");
    }
    for (Symbol *y = c.pkg->syms; y; y = y->next)
        if (y->kind == SYM_PKG && !y->pkg_used) errorf(&c, y->pos, "\"%s\" imported but not used", y->name);
    out->globals = NULL;
    if (c.nerr) {
        diag_report(d, ast->filename, ast->src, ast->src_len, c.first.pos.offset, c.first.pos.line, c.first.pos.col, "%s", c.first.msg);
        return false;
    }
    return true;
}

void check_free(Checked *c) { (void)c; /* everything lives in the Ast's arena */ }
