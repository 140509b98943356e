/* check.c: type checking the Go subset -- errors, scopes, types and
 * assignability, declarations, functions and the package.
 *
 * Three passes over the file, as go/types does them in spirit:
 *  1. collect: every package-level name (imports, types, functions and
 *     methods, variables, constants) into the package scope, so bodies can
 *     refer to names declared later;
 *  2. resolve: type declarations (struct fields may point back at their own
 *     type), function signatures and method sets, then package-level
 *     constants and variables in source order (a type or constant used
 *     before its declaration is resolved on demand);
 *  3. bodies: every function and literal, statement by statement
 *     (check_stmt.c, check_expr.c).
 *
 * Each expression node gets a NodeInfo: what it denotes (a value, a
 * variable, a constant, a type, ...) and its type.  Untyped constants keep
 * their value and take a type from their context, as in Go.
 *
 * Errors are collected as gc collects them (check_internal.h) and the
 * earliest is reported, which is what gc shows first.  Messages use gc's
 * wording; a construct hchanviz does not model says so and points to
 * docs/go-subset.md. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"

/* ---- errors and memory ------------------------------------------------------------ */

/* gc stops after 10 errors (without -e): the first line it prints is the
 * earliest of those 10, in the order they were reported. */
enum { GC_MAX_ERRORS = 10 };

void ck_errorf(Checker *c, Pos pos, const char *fmt, ...) {
    if (c->nerr >= GC_MAX_ERRORS) {
        c->nerr++;
        return;
    }
    Err e;
    e.pos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    /* gc drops an error equal to the one just reported on the same line
     * (base.ErrorfAt): the first reported wins, whatever its column */
    if (c->nerr && pos.line == c->last.pos.line && strcmp(e.msg, c->last.msg) == 0) return;
    c->last = e;
    if (c->nerr == 0 || pos.offset < c->first.pos.offset) c->first = e;
    c->nerr++;
}

Pos ck_pos_at(Checker *c, uint32_t off) {
    Pos p = {1, 1, off};
    for (uint32_t k = 0; k < off && k < c->ast->src_len; k++) {
        if (c->ast->src[k] == '\n') p.line++, p.col = 1;
        else p.col++;
    }
    return p;
}

void *ck_alloc(Checker *c, size_t n) {
    void *p = ast_alloc(c->ast, n ? n : 1);
    if (!p) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    return p;
}

NodeInfo *ck_info(Checker *c, Node *n) {
    if (!n->info) {
        NodeInfo *ni = ck_alloc(c, sizeof *ni);
        ni->field = ni->native = ni->builtin = -1;
        n->info = ni;
    }
    return n->info;
}

const char *ck_strdup(Checker *c, const char *s) {
    const char *r = ast_strndup(c->ast, s, strlen(s));
    if (!r) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    return r;
}

/* ---- scopes ------------------------------------------------------------------------ */

void ck_push_scope(Checker *c) {
    Scope *s = ck_alloc(c, sizeof *s);
    s->parent = c->scope;
    s->fn = c->fn;
    s->order = c->nscopes++;
    c->scope = s;
}

void ck_pop_scope(Checker *c) {
    /* Go reports the unused local variables of the scope. */
    for (Symbol *s = c->scope->syms; s; s = s->next)
        if (s->kind == SYM_VAR && s->owner && !s->used && !s->param && strcmp(s->name, "_") != 0) {
            if (c->nunused == c->capunused) {
                c->capunused = c->capunused ? c->capunused * 2 : 16;
                Unused *nu = ck_alloc(c, sizeof *nu * (size_t)c->capunused);
                if (c->nunused) memcpy(nu, c->unused, sizeof *nu * (size_t)c->nunused);
                c->unused = nu;
            }
            c->unused[c->nunused++] = (Unused){s, c->scope->order};
        }
    c->scope = c->scope->parent;
}

static int unused_cmp(const void *a, const void *b) {
    const Unused *x = a, *y = b;
    if (x->scope_order != y->scope_order) return x->scope_order < y->scope_order ? -1 : 1;
    return x->sym->pos.offset < y->sym->pos.offset ? -1 : x->sym->pos.offset > y->sym->pos.offset;
}

/* types2's usage(): when a function's body is done, its unused variables,
 * scope by scope (outer first), by position within a scope. */
static void report_unused(Checker *c, int32_t from) {
    if (c->nunused - from > 1) qsort(c->unused + from, (size_t)(c->nunused - from), sizeof *c->unused, unused_cmp);
    for (int32_t i = from; i < c->nunused; i++)
        ck_errorf(c, c->unused[i].sym->pos, "%s declared but not used", c->unused[i].sym->name);
    c->nunused = from;
}

Symbol *ck_lookup_in(Scope *s, const char *name) {
    for (Symbol *y = s->syms; y; y = y->next)
        if (strcmp(y->name, name) == 0) return y;
    return NULL;
}

Symbol *ck_lookup(Checker *c, const char *name) {
    for (Scope *s = c->scope; s; s = s->parent) {
        Symbol *y = ck_lookup_in(s, name);
        if (y) return y;
    }
    return NULL;
}

Symbol *ck_new_symbol(Checker *c, SymKind kind, const char *name, Pos pos, TypeId type) {
    Symbol *y = ck_alloc(c, sizeof *y);
    y->kind = kind;
    y->name = name;
    y->pos = pos;
    y->type = type;
    return y;
}

/* Declares a symbol in the current scope (the blank identifier declares nothing). */
Symbol *ck_declare(Checker *c, Symbol *y) {
    if (strcmp(y->name, "_") != 0) {
        Symbol *old = ck_lookup_in(c->scope, y->name);
        if (old && old->kind == SYM_PKG && y->kind != SYM_PKG) {
            ck_errorf(c, y->pos, "%s already declared through import of package %s (\"%s\")", y->name, old->name, old->name);
            return old;
        }
        if (old) {
            ck_errorf(c, y->pos, "%s redeclared in this block", y->name);
            return old;
        }
    }
    y->next = c->scope->syms;
    c->scope->syms = y;
    return y;
}

/* A new local variable of the current function, given its slot. */
Symbol *ck_new_local(Checker *c, const char *name, Pos pos, TypeId type) {
    Symbol *y = ck_new_symbol(c, SYM_VAR, name, pos, type);
    y->owner = c->fn;
    y->slot = c->fn->nlocals++;
    /* Struct variables always live in a cell: their fields are addressable. */
    if (type && sim_type(c->S, type)->kind == TY_STRUCT) y->boxed = true;
    return y;
}

/* ---- package-level declarations resolved on demand ----------------------------------- */

/* A package-level type, constant or variable: its spec, and for a constant
 * the values and type it inherits in a group.  state: 0 not yet resolved,
 * 1 being resolved, 2 done.  Several names of one spec share it. */
struct PkgDecl {
    Symbol *sym;
    Node *spec, *values, *type;
    int state;
};

static PkgDecl *pkg_decl_of(Checker *c, Symbol *y) {
    for (int32_t i = 0; i < c->ndecls; i++)
        if (c->decls[i].sym == y) return &c->decls[i];
    return NULL;
}

static void set_spec_state(Checker *c, Node *spec, int state) {
    for (int32_t i = 0; i < c->ndecls; i++)
        if (c->decls[i].spec == spec) c->decls[i].state = state;
}

static void resolve_named_type(Checker *c, PkgDecl *d);
static void resolve_global_const(Checker *c, PkgDecl *d);

bool ck_resolve_pkg_symbol(Checker *c, Symbol *y) {
    PkgDecl *d = pkg_decl_of(c, y);
    if (!d || d->state == 2) return true;
    if (d->state == 1) {
        if (y->kind == SYM_TYPE) ck_errorf(c, y->pos, "invalid recursive type %s", y->name);
        else ck_errorf(c, y->pos, "initialization loop for %s", y->name);
        set_spec_state(c, d->spec, 2);
        return false;
    }
    if (y->kind == SYM_TYPE) resolve_named_type(c, d);
    else if (y->kind == SYM_CONST) resolve_global_const(c, d);
    return true;
}

/* ---- types ------------------------------------------------------------------------- */

void ck_unsupported_type(Checker *c, Pos pos, const char *name) {
    if (!strcmp(name, "float32") || !strcmp(name, "float64")) ck_errorf(c, pos, "floating-point numbers" UNSUPPORTED_PL);
    else if (!strcmp(name, "complex64") || !strcmp(name, "complex128")) ck_errorf(c, pos, "complex numbers" UNSUPPORTED_PL);
    else ck_errorf(c, pos, "type %s" UNSUPPORTED, name);
}

static TypeId struct_type(Checker *c, Node *n, TypeId into) {
    int32_t count = 0;
    for (Node *f = n->list; f; f = f->next) {
        if (!f->list) {
            ck_errorf(c, ck_start_pos(c, f), "embedded fields" UNSUPPORTED_PL);
            return 0;
        }
        for (Node *nm = f->list; nm; nm = nm->next) count++;
    }
    StrId *names = ck_alloc(c, sizeof *names * (size_t)(count + 1));
    TypeId *types = ck_alloc(c, sizeof *types * (size_t)(count + 1));
    int32_t i = 0;
    bool bad = false;
    for (Node *f = n->list; f; f = f->next) {
        TypeId ft = ck_resolve_type(c, f->type);
        if (!ft) bad = true;
        for (Node *nm = f->list; nm; nm = nm->next) {
            for (int32_t j = 0; j < i; j++)
                if (strcmp(strtab_get(&c->S->strs, names[j], NULL), nm->name) == 0 && strcmp(nm->name, "_"))
                    ck_errorf(c, ck_start_pos(c, nm), "%s redeclared", nm->name);
            names[i] = strtab_intern(&c->S->strs, nm->name);
            types[i++] = ft ? ft : TYPE_INT;
        }
    }
    if (into) {
        type_struct_define(c->S, into, count, names, types);
        return into;
    }
    if (bad) return 0;
    if (count == 0) return TYPE_EMPTY_STRUCT;
    char buf[512];
    size_t k = (size_t)snprintf(buf, sizeof buf, "struct { ");
    for (int32_t j = 0; j < count && k < sizeof buf; j++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s %s", j ? "; " : "", strtab_get(&c->S->strs, names[j], NULL),
                              type_name(c->S, types[j]));
    if (k < sizeof buf) snprintf(buf + k, sizeof buf - k, " }");
    return type_struct(c->S, buf, count, names, types);
}

enum { MAX_PARAMS = 64 };

/* What signature_types found. */
typedef enum SigResult { SIG_OK, SIG_BAD_TYPE, SIG_STOP } SigResult;

/* The types of a parameter or result list (`a, b int` counts twice) into
 * out[*n..].  SIG_BAD_TYPE: a type did not resolve (its error is out;
 * the caller goes on checking); SIG_STOP: a misplaced ... or too long a
 * list.  A final `...T` parameter is a []T and sets *variadic (NULL for a
 * result list, where ... cannot be). */
static SigResult signature_types(Checker *c, Node *list, TypeId *out, int32_t *n, const char *what, bool *variadic) {
    SigResult r = SIG_OK;
    for (Node *f = list; f; f = f->next) {
        TypeId t;
        if (f->type && f->type->kind == ND_ELLIPSIS) {
            int32_t names = 0;
            for (Node *nm = f->list; nm; nm = nm->next) names++;
            if (!variadic || f->next || names > 1) {
                ck_errorf(c, ck_start_pos(c, f->type), "can only use ... with final parameter in list");
                return SIG_STOP;
            }
            TypeId e = ck_resolve_type(c, f->type->type);
            t = e ? type_slice(c->S, e) : 0;
            *variadic = true;
        } else {
            t = ck_resolve_type(c, f->type);
        }
        if (!t) r = SIG_BAD_TYPE;
        int32_t k = 0;
        for (Node *nm = f->list; nm; nm = nm->next) k++;
        for (int32_t i = 0; i < (k ? k : 1); i++) {
            if (*n == MAX_PARAMS) {
                ck_errorf(c, ck_start_pos(c, f), "functions with more than %d %s" UNSUPPORTED_PL, MAX_PARAMS, what);
                return SIG_STOP;
            }
            out[(*n)++] = t;
        }
    }
    return r;
}

TypeId ck_func_type(Checker *c, Node *ft) {
    TypeId params[MAX_PARAMS], results[MAX_PARAMS];
    int32_t np = 0, nr = 0;
    bool variadic = false;
    SigResult p = signature_types(c, ft->list, params, &np, "parameters", &variadic);
    if (p == SIG_STOP) return 0;
    SigResult r = signature_types(c, ft->rhs, results, &nr, "results", NULL);
    if (p != SIG_OK || r != SIG_OK) return 0;
    return type_func_variadic(c->S, np, params, nr, results, variadic);
}

/* Names each package exports (Go 1.19), so that a misspelt one is
 * "undefined" as in gc while a real one is "not supported". */
static bool pkg_exports(Package pkg, const char *name) {
    static const char *const fmt_names[] = {
        "Append", "Appendf", "Appendln", "Errorf", "Formatter", "Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf",
        "Fscanln", "GoStringer", "Print", "Printf", "Println", "Scan", "ScanState", "Scanf", "Scanln", "Scanner",
        "Sprint", "Sprintf", "Sprintln", "Sscan", "Sscanf", "Sscanln", "State", "Stringer", NULL};
    static const char *const sync_names[] = {"Cond", "Locker", "Map", "Mutex", "NewCond", "Once", "Pool", "RWMutex",
                                             "WaitGroup", NULL};
    static const char *const time_names[] = {
        "ANSIC", "After", "AfterFunc", "April", "August", "Date", "December", "Duration", "February", "FixedZone",
        "Friday", "Hour", "January", "July", "June", "Kitchen", "Layout", "LoadLocation", "LoadLocationFromTZData",
        "Local", "Location", "March", "May", "Microsecond", "Millisecond", "Minute", "Monday", "Month", "Nanosecond",
        "NewTicker", "NewTimer", "November", "Now", "October", "Parse", "ParseDuration", "ParseError",
        "ParseInLocation", "RFC1123", "RFC1123Z", "RFC3339", "RFC3339Nano", "RFC822", "RFC822Z", "RFC850", "RubyDate",
        "Saturday", "Second", "September", "Since", "Sleep", "Stamp", "StampMicro", "StampMilli", "StampNano",
        "Sunday", "Thursday", "Tick", "Ticker", "Time", "Timer", "Tuesday", "UTC", "Unix", "UnixDate", "UnixMicro",
        "UnixMilli", "Until", "Wednesday", "Weekday", NULL};
    static const char *const runtime_names[] = {
        "BlockProfile", "BlockProfileRecord", "Breakpoint", "CPUProfile", "Caller", "Callers", "Compiler", "Error",
        "Frame", "Frames", "Func", "FuncForPC", "GC", "GOARCH", "GOMAXPROCS", "GOOS", "GOROOT", "Goexit",
        "GoroutineProfile", "Gosched", "KeepAlive", "LockOSThread", "MemProfile", "MemProfileRate",
        "MemProfileRecord", "MemStats", "MutexProfile", "NumCPU", "NumCgoCall", "NumGoroutine", "ReadMemStats",
        "ReadTrace", "SetBlockProfileRate", "SetCPUProfileRate", "SetCgoTraceback", "SetFinalizer",
        "SetMutexProfileFraction", "Stack", "StackRecord", "StartTrace", "StopTrace", "ThreadCreateProfile",
        "TypeAssertionError", "UnlockOSThread", "Version", NULL};
    const char *const *names = pkg == PKG_FMT ? fmt_names : pkg == PKG_SYNC ? sync_names : pkg == PKG_TIME ? time_names
                                                                                                    : runtime_names;
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], name) == 0) return true;
    return false;
}

static const char *const pkg_names[] = {"fmt", "sync", "time", "runtime"};

void ck_unknown_pkg_member(Checker *c, Node *sel, Package pkg) {
    if (pkg_exports(pkg, sel->name)) ck_errorf(c, ck_start_pos(c, sel), "%s.%s" UNSUPPORTED, pkg_names[pkg], sel->name);
    else ck_errorf(c, sel->opos, "undefined: %s.%s", pkg_names[pkg], sel->name);
}

/* A type that is not one: "x (variable of type int) is not a type". */
static TypeId not_a_type(Checker *c, Node *n) {
    NodeInfo *ni = ck_expr(c, n);
    if (ni->mode == TM_PKG) ck_errorf(c, ck_start_pos(c, n), "use of package %s not in selector", n->name);
    else if (ni->mode == TM_VOID) ck_errorf(c, ck_start_pos(c, n), "%s used as type", ck_describe(c, n));
    else if (ni->type || ni->mode == TM_BUILTIN || ni->mode == TM_NATIVE)
        ck_errorf(c, ck_start_pos(c, n), "%s is not a type", ck_describe(c, n));
    ni->mode = TM_VALUE;
    ni->type = 0;
    return 0;
}

static TypeId resolve_type_inner(Checker *c, Node *n) {
    switch (n->kind) {
    case ND_PAREN: return ck_resolve_type(c, n->x);
    case ND_IDENT: {
        Symbol *y = ck_lookup(c, n->name);
        if (!y) {
            if (strcmp(n->name, "_") == 0) ck_errorf(c, ck_start_pos(c, n), "cannot use _ as value or type");
            else ck_errorf(c, ck_start_pos(c, n), "undefined: %s", n->name);
            return 0;
        }
        if (y->kind != SYM_TYPE) return not_a_type(c, n);
        if (!y->type && y->id == SYM_TYPE_UNSUPPORTED) {
            ck_unsupported_type(c, n->pos, n->name);
            return 0;
        }
        if (!y->type && !y->owner) ck_resolve_pkg_symbol(c, y);
        return y->type;
    }
    case ND_SELECTOR: {
        if (n->x->kind == ND_IDENT) {
            Symbol *y = ck_lookup(c, n->x->name);
            if (y && y->kind == SYM_PKG) {
                y->pkg_used = true;
                ck_info(c, n->x)->mode = TM_PKG;
                if (y->id == PKG_SYNC && strcmp(n->name, "Mutex") == 0) return TYPE_MUTEX;
                if (y->id == PKG_SYNC && strcmp(n->name, "WaitGroup") == 0) return TYPE_WAITGROUP;
                if (y->id == PKG_SYNC && strcmp(n->name, "Once") == 0) return TYPE_ONCE;
                if (y->id == PKG_TIME && strcmp(n->name, "Duration") == 0) return TYPE_DURATION;
                if (y->id == PKG_TIME && strcmp(n->name, "Time") == 0) return TYPE_TIME;
                ck_unknown_pkg_member(c, n, (Package)y->id);
                return 0;
            }
        }
        return not_a_type(c, n);
    }
    case ND_CHAN_TYPE: {
        TypeId e = ck_resolve_type(c, n->type);
        if (!e) return 0;
        return type_chan(c->S, e, (n->flags & NF_SEND_ONLY) ? CHAN_SEND : (n->flags & NF_RECV_ONLY) ? CHAN_RECV : CHAN_BOTH);
    }
    case ND_SLICE_TYPE: {
        TypeId e = ck_resolve_type(c, n->type);
        return e ? type_slice(c->S, e) : 0;
    }
    case ND_STAR: {
        TypeId e = ck_resolve_type(c, n->x);
        return e ? type_ptr(c->S, e) : 0;
    }
    case ND_FUNC_TYPE: return ck_func_type(c, n);
    case ND_STRUCT_TYPE: return struct_type(c, n, 0);
    case ND_INTERFACE_TYPE:
        if (n->list) {
            ck_errorf(c, ck_start_pos(c, n), "interfaces with methods" UNSUPPORTED_PL);
            return 0;
        }
        return TYPE_ANY;
    case ND_MAP_TYPE: ck_errorf(c, ck_start_pos(c, n), "map types" UNSUPPORTED_PL); return 0;
    case ND_ARRAY_TYPE: ck_errorf(c, ck_start_pos(c, n), "array types" UNSUPPORTED_PL); return 0;
    case ND_ELLIPSIS: ck_errorf(c, ck_start_pos(c, n), "invalid use of '...'"); return 0;
    default: ck_errorf(c, ck_start_pos(c, n), "%s is not a type", ck_expr_str(c, n)); return 0;
    }
}

TypeId ck_resolve_type(Checker *c, Node *n) {
    if (!n) return 0;
    TypeId t = resolve_type_inner(c, n);
    NodeInfo *ni = ck_info(c, n);
    if (t || ni->mode == TM_NONE) {
        ni->mode = TM_TYPE;
        ni->type = t;
    }
    return t;
}

bool ck_is_kind(Checker *c, TypeId t, int kind) { return t > 0 && t <= c->S->types.len && sim_type(c->S, t)->kind == kind; }
bool ck_is_int(Checker *c, TypeId t) { return ck_is_kind(c, t, TY_INT) && t != TYPE_TIME; }
bool ck_is_iface(Checker *c, TypeId t) { return ck_is_kind(c, t, TY_IFACE); }
bool ck_nilable(Checker *c, TypeId t) {
    int k = t > 0 ? sim_type(c->S, t)->kind : -1;
    return k == TY_PTR || k == TY_SLICE || k == TY_CHAN || k == TY_FUNC || k == TY_IFACE;
}

bool ck_comparable(Checker *c, TypeId t) {
    if (!t) return true;
    const Type *ty = sim_type(c->S, t);
    if (ty->kind == TY_SLICE || ty->kind == TY_FUNC || ty->kind == TY_MUTEX || ty->kind == TY_WAITGROUP || ty->kind == TY_ONCE)
        return false;
    if (ty->kind == TY_STRUCT) {
        int32_t f0 = ty->field0, nf = ty->nfields;
        for (int32_t i = 0; i < nf; i++)
            if (!ck_comparable(c, c->S->fields.items[f0 + i].type)) return false;
    }
    return true;
}

TypeId ck_default_type(TypeId t) { return t; }

/* Declared with a name: main.Task and time.Duration, but also int and bool. */
static bool is_named(Checker *c, TypeId t) {
    if (t < TYPE__FIRST_FREE) return t != TYPE_EMPTY_STRUCT && t != TYPE_ANY && t != TYPE_NIL;
    return sim_type(c->S, t)->named;
}

bool ck_representable(Checker *c, Value v, TypeId vt, TypeId t) {
    if (ck_is_big(v)) return false;
    const Type *tt = sim_type(c->S, t);
    int vk = sim_type(c->S, vt)->kind;
    switch (tt->kind) {
    case TY_INT:
        if (t == TYPE_TIME || vk != TY_INT) return false;
        return tt->size != 4 || (v.i >= INT32_MIN && v.i <= INT32_MAX);
    case TY_STRING: return vk == TY_STRING;
    case TY_BOOL: return vk == TY_BOOL;
    default: return false;
    }
}

int ck_convert_untyped(Checker *c, Node *n, TypeId target) {
    NodeInfo *ni = ck_info(c, n);
    if (!ni->type || !target) return CONV_OK;
    bool isnil = ni->type == TYPE_NIL;
    if (!ni->untyped && !isnil) return CONV_OK;
    if (isnil) {
        if (target == TYPE_NIL) return CONV_OK;
        if (!ck_nilable(c, target)) return CONV_FAIL;
        ni->type = target; /* nil takes the type it is compared with or assigned to */
        return CONV_OK;
    }
    const Type *tt = sim_type(c->S, target);
    if (tt->kind == TY_IFACE) {
        if (target != TYPE_ANY && !(tt->underlying == TYPE_ANY && target != TYPE_ERROR)) return CONV_FAIL;
        ni->untyped = false;
        ni->iface_of = ck_default_type(ni->type);
        return CONV_OK;
    }
    if (ni->mode == TM_CONST) {
        if (!ck_representable(c, ni->cval, ni->type, target)) {
            bool numeric = sim_type(c->S, ni->type)->kind == TY_INT && tt->kind == TY_INT && target != TYPE_TIME;
            return numeric ? CONV_OVERFLOW : CONV_FAIL;
        }
    } else if (ni->type == TYPE_BOOL ? tt->kind != TY_BOOL : !(tt->kind == TY_INT && target != TYPE_TIME)) {
        return CONV_FAIL; /* untyped bool values (comparisons), untyped int values (shifts) */
    }
    ni->type = target;
    ni->untyped = false;
    return CONV_OK;
}

bool ck_convert_untyped_or_error(Checker *c, Node *n, TypeId target) {
    NodeInfo *ni = ck_info(c, n);
    const char *before = NULL;
    if (ni->untyped || ni->type == TYPE_NIL) before = ck_describe(c, n);
    int r = ck_convert_untyped(c, n, target);
    if (r == CONV_OK) return true;
    /* gc names the underlying type of the target */
    TypeId u = sim_type(c->S, target)->underlying;
    const char *tn = target == TYPE_ERROR ? "interface{Error() string}"
                                          : ck_type_str(c, u && u != target && !ck_is_kind(c, target, TY_STRUCT) ? u : target);
    if (r == CONV_OVERFLOW) ck_errorf(c, ck_start_pos(c, n), "%s overflows %s", before, tn);
    else ck_errorf(c, ck_start_pos(c, n), "cannot convert %s to %s", before, tn);
    ni->type = 0;
    ni->mode = TM_VALUE;
    return false;
}

bool ck_default_convert(Checker *c, Node *n, const char *context) {
    NodeInfo *ni = ck_info(c, n);
    if (!ni->untyped || !ni->type) return true;
    const char *before = ck_describe(c, n);
    TypeId d = ck_default_type(ni->type);
    int r = ck_convert_untyped(c, n, d);
    if (r == CONV_OK) return true;
    ck_errorf(c, ck_start_pos(c, n), "cannot use %s as %s value in %s%s", before, ck_type_str(c, d), context,
              r == CONV_OVERFLOW ? " (overflows)" : "");
    ni->type = 0;
    return false;
}

/* Does a method named name exist on t or *t? */
static bool has_method(Checker *c, TypeId t, const char *name) {
    for (int32_t i = 0; i < c->out->nmethods; i++)
        if (c->out->methods[i].recv == t && strcmp(c->out->methods[i].name, name) == 0) return true;
    return false;
}

bool ck_assignable_type(Checker *c, TypeId v, TypeId t) {
    if (v == t || !v || !t) return true;
    const Type *vt = sim_type(c->S, v), *tt = sim_type(c->S, t);
    if (tt->kind == TY_IFACE) return t != TYPE_ERROR; /* the empty interface; error wants an Error method */
    /* Identical underlying types, and at least one of them not named. */
    if (vt->underlying == tt->underlying && (!is_named(c, v) || !is_named(c, t))) return true;
    /* A bidirectional channel fits a directional one of the same element. */
    if (vt->kind == TY_CHAN && tt->kind == TY_CHAN && vt->dir == CHAN_BOTH && vt->elem == tt->elem &&
        (!is_named(c, v) || !is_named(c, t)))
        return true;
    return false;
}

bool ck_assign(Checker *c, Node *n, TypeId t, const char *context) {
    NodeInfo *ni = ck_info(c, n);
    if (!ni->type) return false; /* reported before */
    if (!t) return true;
    if (ni->type == TYPE_NIL) {
        if (ck_convert_untyped(c, n, t) == CONV_OK) return true;
        ck_errorf(c, ck_start_pos(c, n), "cannot use nil as %s value in %s", ck_type_str(c, t), context);
        return false;
    }
    if (ni->untyped) {
        /* an untyped operand takes t, or its default type for an interface */
        const char *before = ck_describe(c, n);
        TypeId target = ck_is_iface(c, t) ? ck_default_type(ni->type) : t;
        int r = ck_convert_untyped(c, n, target);
        if (r != CONV_OK) {
            ck_errorf(c, ck_start_pos(c, n), "cannot use %s as %s value in %s%s", before, ck_type_str(c, target), context,
                      r == CONV_OVERFLOW ? " (overflows)" : "");
            return false;
        }
    }
    if (ck_assignable_type(c, ni->type, t)) {
        if (ck_is_iface(c, t) && !ck_is_iface(c, ni->type)) ni->iface_of = ni->type;
        return true;
    }
    if (t == TYPE_ERROR && !ck_is_iface(c, ni->type)) {
        TypeId base = ck_is_kind(c, ni->type, TY_PTR) ? sim_type(c->S, ni->type)->elem : ni->type;
        if (has_method(c, base, "Error")) {
            ck_errorf(c, ck_start_pos(c, n), "error values of a program's own types" UNSUPPORTED_PL);
            return false;
        }
    }
    /* gc adds a reason on the next line (and a colon) when t is an interface
     * the value does not implement, or the value is an interface */
    bool reason = ck_is_iface(c, t) || ck_is_iface(c, ni->type);
    ck_errorf(c, ck_start_pos(c, n), "cannot use %s as type %s in %s%s", ck_describe(c, n), ck_type_str(c, t), context,
              reason ? ":" : "");
    return false;
}

/* ---- declarations ----------------------------------------------------------------- */

static int32_t count_list(Node *l) {
    int32_t n = 0;
    for (; l; l = l->next) n++;
    return n;
}

/* The type a new variable gets from its initial value x (types2's initVar
 * when the variable has no type yet); 0 if x is invalid. */
static TypeId init_type(Checker *c, Node *x, const char *context) {
    NodeInfo *xi = ck_info(c, x);
    if (!xi->type) return 0;
    if (xi->type == TYPE_NIL) {
        ck_errorf(c, ck_start_pos(c, x), "use of untyped nil in %s", context);
        return 0;
    }
    return xi->untyped ? ck_default_type(xi->type) : xi->type;
}

bool ck_broken_composite(Checker *c, Node *n) {
    while (n->kind == ND_PAREN) n = n->x;
    if (n->kind == ND_CALL) {
        Node *f = n->x;
        while (f->kind == ND_PAREN) f = f->x;
        NodeInfo *fi = f->info ? node_info(f) : NULL;
        if (!fi || fi->mode != TM_BUILTIN || (fi->builtin != BI_MAKE && fi->builtin != BI_NEW) || !n->list) return false;
        n = n->list;
    } else if (n->kind == ND_COMPOSITE) {
        if (!n->type) return false;
        n = n->type;
    } else if (n->kind == ND_UNARY && n->op == TK_AND) {
        return ck_broken_composite(c, n->x);
    } else if (n->kind == ND_FUNC_LIT) {
        n = n->type;
    }
    while (n->kind == ND_PAREN) n = n->x;
    bool composite = n->kind == ND_CHAN_TYPE || n->kind == ND_SLICE_TYPE || n->kind == ND_STAR || n->kind == ND_FUNC_TYPE ||
                     n->kind == ND_STRUCT_TYPE;
    (void)c;
    return composite && n->info && node_info(n)->mode == TM_TYPE && !node_info(n)->type;
}

/* "assignment mismatch: 2 variables but f returns 1 value" */
void ck_assign_mismatch(Checker *c, Node *rhs, int32_t nvars, int32_t nvals) {
    Node *r0 = rhs;
    while (r0->kind == ND_PAREN) r0 = r0->x;
    char vars[32], vals[32];
    snprintf(vars, sizeof vars, "%d variable%s", nvars, nvars == 1 ? "" : "s");
    snprintf(vals, sizeof vals, "%d value%s", nvals, nvals == 1 ? "" : "s");
    if (!rhs->next && r0->kind == ND_CALL)
        ck_errorf(c, ck_start_pos(c, rhs), "assignment mismatch: %s but %s returns %s", vars, ck_expr_str(c, r0->x), vals);
    else ck_errorf(c, ck_start_pos(c, rhs), "assignment mismatch: %s but %s", vars, vals);
}

void ck_var_spec(Checker *c, Node *spec, bool global) {
    TypeId t = spec->type ? ck_resolve_type(c, spec->type) : 0;
    bool typed = spec->type != NULL;
    int32_t nl = count_list(spec->list), nr = count_list(spec->rhs);
    NodeInfo *si = ck_info(c, spec);
    si->defs = ck_alloc(c, sizeof(Symbol *) * (size_t)nl);
    si->ndefs = nl;
    TypeId *types = ck_alloc(c, sizeof(TypeId) * (size_t)nl);
    bool *bad = ck_alloc(c, sizeof(bool) * (size_t)nl);
    for (int32_t i = 0; i < nl; i++) types[i] = t, bad[i] = typed && !t;
    if (nr == 0) {
        /* var x T: the zero value */
    } else if (nr == nl) {
        int32_t i = 0;
        for (Node *r = spec->rhs; r; r = r->next, i++) {
            ck_value_hint(c, r, t);
            if (typed) {
                if (!ck_assign(c, r, t, "variable declaration")) bad[i] = true;
            } else {
                types[i] = init_type(c, r, "variable declaration");
                if (!types[i] || !ck_assign(c, r, types[i], "variable declaration")) bad[i] = true;
            }
        }
    } else if (nr == 1) {
        /* var a, b = f()  /  var v, ok = <-ch */
        Node *r = spec->rhs, *u = r;
        while (u->kind == ND_PAREN) u = u->x;
        NodeInfo *ri = ck_expr(c, r);
        int32_t have = 1;
        TypeId rtypes[2] = {0, TYPE_BOOL};
        const Type *ft = NULL;
        if (ri->mode == TM_MULTI) {
            ft = sim_type(c->S, ri->type);
            have = ft->nresults;
        } else if (ck_is_void_native_with_results(c, r)) {
            have = 2;
        } else if (u->kind == ND_UNARY && u->op == TK_ARROW && nl == 2 && ri->type) {
            have = 2;
            rtypes[0] = ri->type;
            si->builtin = 1; /* comma-ok receive */
        } else {
            ri = ck_value(c, r);
        }
        for (int32_t i = 0; i < nl; i++) bad[i] = true;
        if (ri->type && have != nl) {
            ck_assign_mismatch(c, r, nl, have);
        } else if (ri->type && ri->mode != TM_MULTI && have == 2 && !si->builtin) {
            ck_errorf(c, ck_start_pos(c, r), "the results of %s" UNSUPPORTED_PL, ck_expr_str(c, u->x));
        } else if (ri->type) {
            for (int32_t i = 0; i < nl; i++) {
                TypeId rt = ft ? c->S->typelist.items[ft->field0 + ft->nfields + i] : rtypes[i];
                bad[i] = false;
                if (!typed) types[i] = rt;
                else if (!ck_assignable_type(c, rt, t) || (rt == TYPE_BOOL && i == 1 && si->builtin && !ck_is_kind(c, t, TY_BOOL))) {
                    bad[i] = true;
                    ck_errorf(c, ck_start_pos(c, r), "cannot use %s (value of type %s) as type %s in assignment", ck_expr_str(c, r),
                              ck_type_str(c, rt), ck_type_str(c, t));
                }
            }
        }
    } else {
        /* arity errors: the values are checked all the same */
        int32_t i = 0;
        for (Node *r = spec->rhs; r; r = r->next, i++) {
            ck_value_hint(c, r, t);
            if (i < nl) {
                if (typed) ck_assign(c, r, t, "variable declaration");
                else types[i] = init_type(c, r, "variable declaration"), ck_assign(c, r, types[i], "variable declaration");
            }
        }
        if (nl < nr) {
            Node *extra = spec->rhs;
            for (int32_t k = 0; k < nl; k++) extra = extra->next;
            ck_errorf(c, ck_start_pos(c, extra), "extra init expr %s", ck_expr_str(c, extra));
        } else if (nr) {
            Node *missing = spec->list;
            for (int32_t k = 0; k < nr; k++) missing = missing->next;
            ck_errorf(c, ck_start_pos(c, missing), "missing init expr for %s", missing->name);
        }
        for (int32_t k = 0; k < nl; k++) bad[k] = true;
    }
    int32_t i = 0;
    for (Node *nm = spec->list; nm; nm = nm->next, i++) {
        Symbol *y;
        if (global) {
            y = ck_lookup_in(c->pkg, nm->name);
            if (y && y->kind == SYM_VAR && y->pos.offset == nm->pos.offset) y->type = bad[i] && !typed ? 0 : types[i];
            else y = NULL;
        } else {
            y = ck_new_local(c, nm->name, nm->pos, bad[i] && !typed ? 0 : types[i]);
            /* no follow-on "declared but not used", unless gc keeps the type */
            Node *init = nr == nl ? spec->rhs : nr == 1 ? spec->rhs : NULL;
            for (int32_t k = 0; nr == nl && k < i; k++) init = init->next;
            if (bad[i] && !ck_broken_composite(c, typed ? spec->type : init ? init : spec->list)) y->used = true;
        }
        NodeInfo *ni = ck_info(c, nm);
        ni->sym = y;
        ni->mode = TM_VAR;
        ni->type = y ? y->type : types[i];
        si->defs[i] = y;
    }
    /* Locals are in scope after the spec. */
    if (!global)
        for (i = 0; i < nl; i++)
            if (si->defs[i] && strcmp(si->defs[i]->name, "_")) ck_declare(c, si->defs[i]);
}

/* A constant spec; values and type are inherited in a group when the spec
 * has none (iota is the spec's index there). */
void ck_const_spec(Checker *c, Node *spec, Node *values, Node *type_node, bool global) {
    TypeId t = type_node ? ck_resolve_type(c, type_node) : 0;
    bool inherited = !spec->rhs;
    if (!values) {
        ck_errorf(c, ck_start_pos(c, spec->list), "missing init expr for const declaration");
        return;
    }
    Symbol *iota = ck_lookup_in(c->universe, "iota");
    Value saved_iota = iota->cval;
    int32_t saved_id = iota->id;
    iota->cval = value_int((int64_t)spec->ival);
    iota->id = 0;
    Node *v = values;
    Symbol **made = ck_alloc(c, sizeof(Symbol *) * (size_t)count_list(spec->list));
    int32_t k = 0;
    for (Node *nm = spec->list; nm; nm = nm->next, k++) {
        Symbol *y = global ? ck_lookup_in(c->pkg, nm->name) : NULL;
        if (!y || y->kind != SYM_CONST || y->pos.offset != nm->pos.offset) y = ck_new_symbol(c, SYM_CONST, nm->name, nm->pos, 0);
        made[k] = y;
        ck_info(c, nm)->sym = y;
        if (!v) {
            ck_errorf(c, ck_start_pos(c, nm), "missing init expr for %s", nm->name);
            continue;
        }
        if (inherited) v->info = NULL; /* re-evaluated with this iota */
        NodeInfo *vi = ck_value(c, v);
        y->kind = SYM_CONST;
        if (vi->mode != TM_CONST) {
            if (vi->type) {
                if (inherited) ck_errorf(c, ck_start_pos(c, nm), "%s is not constant", ck_describe(c, v));
                else ck_errorf(c, ck_start_pos(c, v), "%s is not constant", ck_describe(c, v));
            }
            y->type = 0;
        } else if (t && !ck_assign(c, v, t, "constant declaration")) {
            y->type = 0;
        } else {
            y->type = t ? t : vi->type;
            y->untyped = !t && vi->untyped;
            y->cval = vi->cval;
        }
        v = v->next;
    }
    if (v) {
        if (inherited)
            ck_errorf(c, ck_start_pos(c, spec->list), "extra init expr at %s:%d:%d", c->ast->filename, v->pos.line, v->pos.col);
        else ck_errorf(c, ck_start_pos(c, v), "extra init expr %s", ck_expr_str(c, v));
    }
    iota->cval = saved_iota;
    iota->id = saved_id;
    if (!global)
        for (int32_t i = 0; i < k; i++)
            if (strcmp(made[i]->name, "_")) ck_declare(c, made[i]);
}

static void resolve_named_type(Checker *c, PkgDecl *d) {
    Node *s = d->spec;
    Symbol *y = d->sym;
    d->state = 1;
    Node *base = s->type;
    while (base->kind == ND_PAREN) base = base->x;
    if (base->kind == ND_IDENT) {
        /* type A B, B a struct declared later: B's fields first */
        Symbol *b = ck_lookup(c, base->name);
        PkgDecl *bd = b && b->kind == SYM_TYPE ? pkg_decl_of(c, b) : NULL;
        if (bd && bd->state == 0 && b->type && ck_is_kind(c, b->type, TY_STRUCT)) resolve_named_type(c, bd);
        else if (bd && bd->state == 1 && b->type) {
            ck_errorf(c, b->pos, "invalid recursive type %s", b->name);
            d->state = 2;
            return;
        }
    }
    char name[256];
    snprintf(name, sizeof name, "main.%s", s->name);
    if (s->type->kind == ND_STRUCT_TYPE) {
        struct_type(c, s->type, y->type);
    } else {
        TypeId u = ck_resolve_type(c, s->type);
        if (u) {
            const Type *ut = sim_type(c->S, u);
            if (ut->kind == TY_MUTEX || ut->kind == TY_WAITGROUP || ut->kind == TY_ONCE || ut->kind == TY_IFACE || u == TYPE_TIME)
                ck_errorf(c, ck_start_pos(c, s), "named %s types" UNSUPPORTED_PL, ck_type_str(c, u));
            else y->type = type_named(c->S, name, u, ut->size);
        }
    }
    d->state = 2;
}

static void resolve_global_const(Checker *c, PkgDecl *d) {
    set_spec_state(c, d->spec, 1);
    FuncInfo *saved = c->fn;
    Scope *saved_scope = c->scope;
    c->fn = c->out->init;
    c->scope = c->pkg;
    ck_const_spec(c, d->spec, d->values, d->type, true);
    c->fn = saved;
    c->scope = saved_scope;
    set_spec_state(c, d->spec, 2);
}

/* ---- functions ------------------------------------------------------------------------ */

FuncInfo *ck_new_func(Checker *c, Node *decl, const char *name, FuncInfo *parent) {
    FuncInfo *f = ck_alloc(c, sizeof *f);
    f->decl = decl;
    f->parent = parent;
    if (!name) {
        /* Literals are named after the top-level function: main.main.func1, and nested main.main.func1.1. */
        char buf[256];
        if (parent && parent->parent) snprintf(buf, sizeof buf, "%s.%d", parent->name, ++parent->nlits);
        else snprintf(buf, sizeof buf, "%s.func%d", parent ? parent->name : "main.glob", parent ? ++parent->nlits : ++c->ntoplevel_lits);
        name = ck_strdup(c, buf);
    }
    f->name = name;
    f->index = c->out->nfuncs++;
    if (c->last_fn) c->last_fn->next = f;
    else c->out->funcs = f;
    c->last_fn = f;
    return f;
}

/* Declares parameters and results as the function's first locals, then checks the body. */
/* The type of each parameter (results: of each result) of a function type
 * node, one per name; from the signature, or, if it did not resolve, from
 * the parameters that did (0 for the others). */
static int32_t field_types(Checker *c, Node *fields, const TypeId *sig, int32_t nsig, TypeId **out) {
    int32_t n = 0;
    for (Node *f = fields; f; f = f->next) {
        int32_t k = 0;
        for (Node *nm = f->list; nm; nm = nm->next) k++;
        n += k ? k : 1;
    }
    TypeId *types = ck_alloc(c, sizeof(TypeId) * (size_t)(n + 1));
    int32_t i = 0;
    for (Node *f = fields; f; f = f->next) {
        int32_t k = 0;
        for (Node *nm = f->list; nm; nm = nm->next) k++;
        TypeId t = f->type && f->type->info ? node_info(f->type)->type : 0;
        if (f->type && f->type->info && node_info(f->type)->mode != TM_TYPE) t = 0;
        for (int32_t j = 0; j < (k ? k : 1); j++, i++) types[i] = sig && i < nsig ? sig[i] : t;
    }
    *out = types;
    return n;
}

/* Declares parameters and results as the function's first locals, then checks the body. */
void ck_func_body(Checker *c, FuncInfo *fi) {
    FuncInfo *saved_fn = c->fn;
    Scope *saved_scope = c->scope;
    int32_t unused_from = c->nunused, saved_nscopes = c->nscopes;
    c->fn = fi;
    c->nscopes = 0;
    ck_push_scope(c);
    Node *decl = fi->decl;
    Node *ft = decl->type;
    const Type *t = fi->type ? sim_type(c->S, fi->type) : NULL;
    TypeId *ptypes, *rtypes;
    /* typelist stays unallocated (items NULL) while every signature is empty:
     * no pointer arithmetic on it then. */
    const TypeId *sig = t && c->S->typelist.items ? c->S->typelist.items + t->field0 : NULL;
    int32_t nparams = field_types(c, ft->list, sig, t ? t->nfields : 0, &ptypes);
    int32_t nresults = field_types(c, ft->rhs, sig ? sig + t->nfields : NULL, t ? t->nresults : 0, &rtypes);
    fi->params = ck_alloc(c, sizeof(Symbol *) * (size_t)(nparams + 2));
    int32_t np = 0;
    if (decl->kind == ND_FUNC_DECL && decl->x) {
        Node *r = decl->x;
        Method *m = NULL;
        for (int32_t i = 0; i < c->out->nmethods; i++)
            if (c->out->methods[i].fn == fi) m = &c->out->methods[i];
        TypeId rt = m ? (m->ptr ? type_ptr(c->S, m->recv) : m->recv) : 0;
        const char *rn = r->list ? r->list->name : "_";
        Symbol *y = ck_new_local(c, rn, r->list ? r->list->pos : r->pos, rt);
        y->param = true;
        fi->recv = y;
        fi->params[np++] = y;
        if (strcmp(rn, "_")) ck_declare(c, y);
    }
    int32_t pi = 0;
    for (Node *f = ft->list; f; f = f->next) {
        Node *names = f->list;
        int32_t k = 0;
        for (Node *nm = names; nm; nm = nm->next) k++;
        if (!k) k = 1;
        for (int32_t i = 0; i < k; i++, pi++) {
            const char *nm = names ? names->name : "_";
            Symbol *y = ck_new_local(c, nm, names ? names->pos : f->pos, ptypes[pi]);
            y->param = true;
            fi->params[np++] = y;
            if (strcmp(nm, "_")) ck_declare(c, y);
            if (names) names = names->next;
        }
    }
    fi->nparams = c->fn->nlocals;
    fi->result0 = c->fn->nlocals;
    fi->nresults = nresults;
    fi->results = ck_alloc(c, sizeof(Symbol *) * (size_t)(fi->nresults + 1));
    int32_t ri = 0;
    for (Node *f = ft->rhs; f; f = f->next) {
        Node *names = f->list;
        int32_t k = 0;
        for (Node *nm = names; nm; nm = nm->next) k++;
        if (!k) k = 1;
        for (int32_t i = 0; i < k && ri < fi->nresults; i++, ri++) {
            const char *nm = names ? names->name : "~r";
            Symbol *y = ck_new_local(c, nm, names ? names->pos : f->pos, rtypes[ri]);
            y->param = true;
            if (names && strcmp(nm, "_")) ck_declare(c, y);
            fi->results[ri] = y;
            if (names) names = names->next;
        }
    }
    if (decl->body) {
        ck_body(c, decl->body);
        if (fi->nresults && !ck_terminating(decl->body)) {
            /* gc points at the closing brace */
            uint32_t off = decl->body->end ? decl->body->end - 1 : decl->body->pos.offset;
            ck_errorf(c, ck_pos_at(c, off), "missing return");
        }
    } else {
        ck_errorf(c, ck_start_pos(c, decl), "missing function body");
    }
    ck_pop_scope(c);
    report_unused(c, unused_from);
    c->fn = saved_fn;
    c->scope = saved_scope;
    c->nscopes = saved_nscopes;
}

/* ---- the package ---------------------------------------------------------------------- */

static void universe(Checker *c) {
    ck_push_scope(c);
    c->universe = c->scope;
    static const struct { const char *name; TypeId t; } types[] = {
        {"int", TYPE_INT}, {"bool", TYPE_BOOL}, {"string", TYPE_STRING}, {"rune", TYPE_RUNE}, {"int32", TYPE_RUNE},
        {"any", TYPE_ANY}, {"error", TYPE_ERROR},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        ck_declare(c, ck_new_symbol(c, SYM_TYPE, types[i].name, (Pos){0, 0, 0}, types[i].t));
    static const char *const unsupported[] = {"int8", "int16", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
                                              "uintptr", "byte", "float32", "float64", "complex64", "complex128"};
    for (size_t i = 0; i < sizeof unsupported / sizeof *unsupported; i++)
        ck_declare(c, ck_new_symbol(c, SYM_TYPE, unsupported[i], (Pos){0, 0, 0}, 0))->id = SYM_TYPE_UNSUPPORTED;
    Symbol *t = ck_declare(c, ck_new_symbol(c, SYM_CONST, "true", (Pos){0, 0, 0}, TYPE_BOOL));
    t->cval = value_bool(true);
    t->untyped = true;
    Symbol *f = ck_declare(c, ck_new_symbol(c, SYM_CONST, "false", (Pos){0, 0, 0}, TYPE_BOOL));
    f->cval = value_bool(false);
    f->untyped = true;
    Symbol *iota = ck_declare(c, ck_new_symbol(c, SYM_CONST, "iota", (Pos){0, 0, 0}, TYPE_INT));
    iota->untyped = true;
    iota->id = -1; /* outside a constant declaration */
    ck_declare(c, ck_new_symbol(c, SYM_NIL, "nil", (Pos){0, 0, 0}, TYPE_NIL));
    static const char *const builtins[] = {"len", "cap", "make", "append", "close", "panic", "recover", "new", "print", "println"};
    for (int i = 0; i < BI__COUNT; i++) ck_declare(c, ck_new_symbol(c, SYM_BUILTIN, builtins[i], (Pos){0, 0, 0}, 0))->id = i;
    static const char *const later[] = {"copy", "delete", "complex", "real", "imag"};
    for (size_t i = 0; i < sizeof later / sizeof *later; i++)
        ck_declare(c, ck_new_symbol(c, SYM_BUILTIN, later[i], (Pos){0, 0, 0}, 0))->id = -1;
}

static void add_pkg_decl(Checker *c, Symbol *y, Node *spec, Node *values, Node *type) {
    if (c->ndecls == c->capdecls) {
        int32_t ncap = c->capdecls ? c->capdecls * 2 : 32;
        PkgDecl *nd = ck_alloc(c, sizeof *nd * (size_t)ncap);
        if (c->ndecls) memcpy(nd, c->decls, sizeof *nd * (size_t)c->ndecls);
        c->decls = nd;
        c->capdecls = ncap;
    }
    c->decls[c->ndecls++] = (PkgDecl){y, spec, values, type, 0};
}

static void collect(Checker *c, Node *file) {
    for (Node *d = file->list; d; d = d->next) {
        switch (d->kind) {
        case ND_IMPORT: {
            int id = -1;
            for (int i = 0; i < PKG__COUNT; i++)
                if (strcmp(d->str, pkg_names[i]) == 0) id = i;
            if (id < 0) {
                ck_errorf(c, d->x ? d->x->pos : d->pos, "package \"%s\"" UNSUPPORTED, d->str);
                break;
            }
            if (d->name && strcmp(d->name, pkg_names[id])) {
                ck_errorf(c, ck_start_pos(c, d), "renamed imports" UNSUPPORTED_PL);
                break;
            }
            Symbol *y = ck_new_symbol(c, SYM_PKG, pkg_names[id], d->x ? d->x->pos : d->pos, 0);
            y->id = id;
            ck_declare(c, y);
            break;
        }
        case ND_FUNC_DECL: {
            if (d->x) break; /* methods: after types */
            if (strcmp(d->name, "init") == 0) {
                ck_errorf(c, d->opos, "func init" UNSUPPORTED);
                break;
            }
            char buf[256];
            snprintf(buf, sizeof buf, "main.%s", d->name);
            Symbol *y = ck_new_symbol(c, SYM_FUNC, d->name, d->opos, 0);
            y->fn = ck_new_func(c, d, ck_strdup(c, buf), NULL);
            if (strcmp(d->name, "_")) ck_declare(c, y);
            if (strcmp(d->name, "main") == 0) c->out->main = y->fn;
            break;
        }
        case ND_TYPE_DECL:
            for (Node *s = d->list; s; s = s->next) {
                if (!strcmp(s->name, "main") || !strcmp(s->name, "init")) {
                    ck_errorf(c, s->opos, "cannot declare %s - must be func", s->name);
                    continue;
                }
                if (s->flags & NF_ALIAS) {
                    ck_errorf(c, ck_start_pos(c, s), "type aliases" UNSUPPORTED_PL);
                    continue;
                }
                Symbol *y = ck_new_symbol(c, SYM_TYPE, s->name, s->opos, 0);
                ck_declare(c, y);
                ck_info(c, s)->sym = y;
                add_pkg_decl(c, y, s, NULL, NULL);
            }
            break;
        case ND_VAR_DECL:
            for (Node *s = d->list; s; s = s->next)
                for (Node *nm = s->list; nm; nm = nm->next) {
                    if (!strcmp(nm->name, "main") || !strcmp(nm->name, "init"))
                        ck_errorf(c, nm->pos, "cannot declare %s - must be func", nm->name);
                    Symbol *y = ck_new_symbol(c, SYM_VAR, nm->name, nm->pos, 0);
                    y->slot = c->out->nglobals++;
                    y->boxed = true; /* globals are heap cells */
                    y->used = true;
                    if (strcmp(nm->name, "_")) ck_declare(c, y);
                }
            break;
        case ND_CONST_DECL: {
            Node *values = NULL, *type = NULL;
            for (Node *s = d->list; s; s = s->next) {
                if (s->rhs || s->type) values = s->rhs, type = s->type;
                for (Node *nm = s->list; nm; nm = nm->next)
                    if (!strcmp(nm->name, "main") || !strcmp(nm->name, "init")) {
                        ck_errorf(c, nm->pos, "cannot declare %s - must be func", nm->name);
                    } else if (strcmp(nm->name, "_")) {
                        Symbol *y = ck_declare(c, ck_new_symbol(c, SYM_CONST, nm->name, nm->pos, 0));
                        if (y->pos.offset == nm->pos.offset) add_pkg_decl(c, y, s, values, type);
                    }
            }
            break;
        }
        default: break;
        }
    }
}

static void resolve_types(Checker *c, Node *file) {
    /* Named structs first get an id, so fields can refer to any of them. */
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind != ND_TYPE_DECL) continue;
        for (Node *s = d->list; s; s = s->next) {
            Symbol *y = s->info ? ck_info(c, s)->sym : NULL;
            if (!y || y->pos.offset != s->opos.offset) continue;
            char name[256];
            snprintf(name, sizeof name, "main.%s", s->name);
            if (s->type->kind == ND_STRUCT_TYPE) y->type = type_struct(c->S, name, 0, NULL, NULL);
        }
    }
    for (int32_t i = 0; i < c->ndecls; i++)
        if (c->decls[i].sym->kind == SYM_TYPE && c->decls[i].state == 0) resolve_named_type(c, &c->decls[i]);
    /* Embedding a struct in itself by value is invalid. */
    for (int32_t i = 0; i < c->ndecls; i++) {
        Symbol *y = c->decls[i].sym;
        if (y->kind != SYM_TYPE || !y->type || sim_type(c->S, y->type)->kind != TY_STRUCT) continue;
        const Type *st = sim_type(c->S, y->type);
        for (int32_t k = 0; k < st->nfields; k++)
            if (c->S->fields.items[st->field0 + k].type == y->type) {
                ck_errorf(c, y->pos, "invalid recursive type %s", y->name);
                break;
            }
    }
}

/* A method declaration's receiver: its base type (a local named type) and
 * whether it is a pointer; false, with gc's error, if it is not valid. */
static bool method_receiver(Checker *c, Node *d, TypeId *bt, bool *ptr, const char **base_name) {
    Node *rt = d->x->type;
    Pos at = d->x->list ? d->x->list->pos : rt->pos;
    if (!ck_resolve_type(c, rt)) return false;
    *ptr = rt->kind == ND_STAR;
    Node *base = *ptr ? rt->x : rt;
    while (base->kind == ND_PAREN) base = base->x;
    if (base->kind != ND_IDENT) {
        ck_errorf(c, at, "invalid receiver type %s", ck_expr_str(c, rt));
        return false;
    }
    *bt = ck_info(c, base)->type;
    *base_name = base->name;
    if (!*bt) return false;
    Symbol *ty = ck_lookup(c, base->name);
    if (!ty || ty->kind != SYM_TYPE || !sim_type(c->S, *bt)->named || strncmp(type_name(c->S, *bt), "main.", 5)) {
        ck_errorf(c, at, "cannot define new methods on non-local type %s", ck_type_str(c, *bt));
        return false;
    }
    for (int32_t i = 0; i < c->out->nmethods; i++)
        if (c->out->methods[i].recv == *bt && strcmp(c->out->methods[i].name, d->name) == 0) {
            ck_errorf(c, d->opos, "%s.%s redeclared in this block", base->name, d->name);
            return false;
        }
    if (sim_type(c->S, *bt)->kind == TY_STRUCT) {
        const Type *st = sim_type(c->S, *bt);
        for (int32_t i = 0; i < st->nfields; i++)
            if (strcmp(strtab_get(&c->S->strs, c->S->fields.items[st->field0 + i].name, NULL), d->name) == 0)
                ck_errorf(c, d->opos, "field and method with the same name %s", d->name);
    }
    return true;
}

static void resolve_funcs(Checker *c, Node *file) {
    for (FuncInfo *f = c->out->funcs; f; f = f->next) f->type = ck_func_type(c, f->decl->type);
    /* Methods. */
    int32_t n = 0;
    for (Node *d = file->list; d; d = d->next) n += d->kind == ND_FUNC_DECL && d->x;
    c->out->methods = ck_alloc(c, sizeof(Method) * (size_t)(n + 1));
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind != ND_FUNC_DECL || !d->x) continue;
        TypeId bt = 0;
        bool ptr = false;
        const char *base_name = NULL;
        if (method_receiver(c, d, &bt, &ptr, &base_name)) {
            char buf[256];
            snprintf(buf, sizeof buf, ptr ? "main.(*%s).%s" : "main.%s.%s", base_name, d->name);
            FuncInfo *fi = ck_new_func(c, d, ck_strdup(c, buf), NULL);
            fi->type = ck_func_type(c, d->type);
            /* fmt and panic would call it; they do not here: refuse rather than print something else. */
            const Type *ft = fi->type ? sim_type(c->S, fi->type) : NULL;
            if ((strcmp(d->name, "String") == 0 || strcmp(d->name, "Error") == 0) && ft && ft->kind == TY_FUNC &&
                ft->nfields == 0 && ft->nresults == 1 && c->S->typelist.items[ft->field0] == TYPE_STRING)
                ck_errorf(c, d->opos, "%s %s method (fmt and panic would call %s.%s)" UNSUPPORTED, d->name[0] == 'E' ? "an" : "a", d->name, base_name,
                          d->name);
            Method *m = &c->out->methods[c->out->nmethods++];
            m->recv = bt;
            m->name = d->name;
            m->ptr = ptr;
            m->fn = fi;
        } else {
            /* not a method after all: its body is still checked, as gc does */
            FuncInfo *fi = ck_new_func(c, d, ck_strdup(c, d->name), NULL);
            fi->type = ck_func_type(c, d->type);
        }
    }
}

static void resolve_globals(Checker *c, Node *file) {
    /* In source order: constants (resolved earlier if used before their
     * declaration) and the variables' initialisers, which run in a
     * synthetic function. */
    c->out->init = ck_new_func(c, NULL, "main.init", NULL);
    FuncInfo *saved = c->fn;
    c->fn = c->out->init;
    for (Node *d = file->list; d; d = d->next) {
        if (d->kind == ND_VAR_DECL)
            for (Node *s = d->list; s; s = s->next) ck_var_spec(c, s, true);
        if (d->kind == ND_CONST_DECL)
            for (Node *s = d->list; s; s = s->next)
                for (int32_t i = 0; i < c->ndecls; i++)
                    if (c->decls[i].spec == s && c->decls[i].state == 0) resolve_global_const(c, &c->decls[i]);
    }
    c->fn = saved;
}

/* Which name the program uses for int32 (our one type for both): gc says
 * "rune" or "int32" after what the source wrote; and "any" or
 * "interface{}" for the empty interface. */
static const char *rune_name(const Ast *ast, const char **any_name) {
    bool saw_rune = false, saw_int32 = false, saw_any = false, saw_interface = false;
    const char *s = ast->src;
    size_t n = ast->src_len;
    for (size_t i = 0; i < n;) {
        char ch = s[i];
        if (ch == '/' && i + 1 < n && s[i + 1] == '/') {
            while (i < n && s[i] != '\n') i++;
        } else if (ch == '/' && i + 1 < n && s[i + 1] == '*') {
            for (i += 2; i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'); i++) {}
            i += 2;
        } else if (ch == '"' || ch == '\'' || ch == '`') {
            for (i++; i < n && s[i] != ch && (ch == '`' || s[i] != '\n'); i++)
                if (s[i] == '\\' && ch != '`') i++;
            i++;
        } else if (ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            size_t a = i;
            while (i < n && (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
                i++;
            if (i - a == 4 && !memcmp(s + a, "rune", 4)) saw_rune = true;
            if (i - a == 5 && !memcmp(s + a, "int32", 5)) saw_int32 = true;
            if (i - a == 3 && !memcmp(s + a, "any", 3)) saw_any = true;
            if (i - a == 9 && !memcmp(s + a, "interface", 9)) saw_interface = true;
        } else {
            i++;
        }
    }
    *any_name = saw_any && !saw_interface ? "any" : "interface{}";
    return saw_int32 && !saw_rune ? "int32" : "rune";
}

bool check_file(Sim *S, Ast *ast, int lang, Checked *out, Diag *d) {
    memset(out, 0, sizeof *out);
    out->S = S;
    out->lang = lang;
    out->ast = ast;
    Checker c = {0};
    c.out = out;
    c.S = S;
    c.ast = ast;
    c.rune_name = rune_name(ast, &c.any_name);
    universe(&c);
    ck_push_scope(&c);
    c.pkg = c.scope;
    Node *file = ast->file;
    if (strcmp(file->name, "main") != 0) ck_errorf(&c, file->opos, "package %s is not a main package" UNSUPPORTED, file->name);
    collect(&c, file);
    resolve_types(&c, file);
    resolve_funcs(&c, file);
    resolve_globals(&c, file);
    /* bodies in source order, methods among functions, as gc checks them */
    for (Node *decl = file->list; decl; decl = decl->next)
        if (decl->kind == ND_FUNC_DECL)
            for (FuncInfo *f = out->funcs; f; f = f->next)
                if (f->decl == decl) {
                    ck_func_body(&c, f);
                    break;
                }
    if (!out->main) {
        /* the linker's complaint: only once the compiler found nothing */
        if (!c.nerr) ck_errorf(&c, (Pos){1, 1, 0}, "function main is undeclared in the main package");
    } else if (out->main->type && (sim_type(S, out->main->type)->nfields || sim_type(S, out->main->type)->nresults)) {
        ck_errorf(&c, out->main->decl->opos, "func main must have no arguments and no return values");
    }
    for (Symbol *y = c.pkg->syms; y; y = y->next)
        if (y->kind == SYM_PKG && !y->pkg_used) ck_errorf(&c, y->pos, "imported and not used: \"%s\"", y->name);
    out->globals = NULL;
    if (!c.nerr && c.silent_invalid) {
        /* a checker bug: better a message than code built on an unchecked node */
        Node *n = c.silent_invalid;
        ck_errorf(&c, n->pos, "internal error: %s could not be type-checked", ck_expr_str(&c, n));
    }
    if (c.nerr) {
        diag_report(d, ast->filename, ast->src, ast->src_len, c.first.pos.offset, c.first.pos.line, c.first.pos.col, "%s", c.first.msg);
        return false;
    }
    return true;
}

void check_free(Checked *c) { (void)c; /* everything lives in the Ast's arena */ }
