/* check_expr.c: type checking expressions and calls.
 *
 * Follows types2's expr.go, call.go, builtins.go, index.go and
 * conversions.go: operands are checked, untyped constants converted to the
 * type their context gives them, and errors reported at the start of the
 * operand gc blames (the left operand of a mismatched binary expression,
 * the channel of a receive, the last argument of a short call...). */
#include <stdio.h>
#include <string.h>

#include "check_internal.h"

static NodeInfo *const_overflow(Checker *c, Node *n);

static const char *const builtin_names[] = {"len", "cap", "make", "append", "close", "panic", "recover", "new", "print", "println"};

NodeInfo *ck_set_value(Checker *c, Node *n, TMode mode, TypeId t) {
    NodeInfo *ni = ck_info(c, n);
    ni->mode = mode;
    ni->type = t;
    ni->untyped = false;
    return ni;
}

NodeInfo *ck_set_const(Checker *c, Node *n, TypeId t, Value v, bool untyped) {
    NodeInfo *ni = ck_set_value(c, n, TM_CONST, t);
    ni->cval = v;
    ni->untyped = untyped;
    return ni;
}

/* An operand after an error: nothing more is reported about it. */
NodeInfo *ck_set_invalid(Checker *c, Node *n) {
    if (!c->nerr && !c->silent_invalid) c->silent_invalid = n;
    return ck_set_value(c, n, TM_VALUE, 0);
}

static Node *unparen(Node *n) {
    while (n->kind == ND_PAREN) n = n->x;
    return n;
}

static int32_t count_args(Node *args) {
    int32_t n = 0;
    for (Node *a = args; a; a = a->next) n++;
    return n;
}

/* Evaluates expressions only for their errors and uses (check.use). */
static void use_all(Checker *c, Node *list) {
    for (Node *a = list; a; a = a->next) ck_expr(c, a->kind == ND_KEY_VALUE ? a->y : a);
}

bool ck_is_void_native_with_results(Checker *c, Node *n) {
    n = unparen(n);
    if (n->kind != ND_CALL || !n->info) return false;
    Node *f = unparen(n->x);
    NodeInfo *fi = f->info ? node_info(f) : NULL;
    (void)c;
    return fi && fi->mode == TM_NATIVE &&
           (fi->native == NATIVE_PRINTLN || fi->native == NATIVE_PRINT || fi->native == NATIVE_PRINTF);
}

/* exclude() and singleValue(): a single value, not a type, package,
 * builtin, void call or tuple. */
NodeInfo *ck_value(Checker *c, Node *n) {
    ck_expr(c, n);
    return ck_single_value(c, n);
}

NodeInfo *ck_single_value(Checker *c, Node *n) {
    NodeInfo *ni = ck_info(c, n);
    switch (ni->mode) {
    case TM_TYPE:
        if (ni->type) ck_errorf(c, ck_start_pos(c, n), "%s is not an expression", ck_describe(c, n));
        break;
    case TM_VOID:
        if (ck_is_void_native_with_results(c, n))
            ck_errorf(c, ck_start_pos(c, n), "multiple-value %s (value of type %s) in single-value context", ck_expr_str(c, n),
                      ck_results_str(c, unparen(n)));
        else ck_errorf(c, ck_start_pos(c, n), "%s used as value", ck_describe(c, n));
        break;
    case TM_MULTI: ck_errorf(c, ck_start_pos(c, n), "multiple-value %s in single-value context", ck_describe(c, n)); break;
    case TM_PKG: ck_errorf(c, ck_start_pos(c, n), "use of package %s not in selector", unparen(n)->name ? unparen(n)->name : "?"); break;
    case TM_BUILTIN: ck_errorf(c, ck_start_pos(c, n), "%s must be called", ck_describe(c, n)); break;
    case TM_NATIVE:
        ck_errorf(c, ck_start_pos(c, n), "%s as a function value" UNSUPPORTED ": call it", ck_expr_str(c, n));
        break;
    default: return ni;
    }
    return ck_set_invalid(c, n);
}

static NodeInfo *composite(Checker *c, Node *n, TypeId hint);

NodeInfo *ck_value_hint(Checker *c, Node *n, TypeId hint) {
    if (n->kind == ND_COMPOSITE && !n->type) return composite(c, n, hint);
    return ck_value(c, n);
}

/* Marks the variable behind an addressable expression as living in a cell. */
static void take_address(Checker *c, Node *n) {
    n = unparen(n);
    if (n->kind == ND_IDENT) {
        Symbol *y = ck_info(c, n)->sym;
        if (y && y->kind == SYM_VAR) y->boxed = true;
    }
}

/* Is n addressable (a variable, a field of one, a slice element, *p)? */
bool ck_addressable(Checker *c, Node *n) {
    n = unparen(n);
    NodeInfo *ni = ck_info(c, n);
    switch (n->kind) {
    case ND_IDENT: return ni->mode == TM_VAR;
    case ND_SELECTOR: return ni->field >= 0 && (ni->deref || ck_addressable(c, n->x));
    case ND_INDEX: case ND_STAR: return ni->mode == TM_VAR;
    default: return false;
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
            Symbol **nc = ck_alloc(c, sizeof *nc * (size_t)ncap);
            if (f->ncaptures) memcpy(nc, f->captures, sizeof *nc * (size_t)f->ncaptures);
            f->captures = nc;
            f->capcap = ncap;
        }
        f->captures[f->ncaptures++] = y;
    }
}

static NodeInfo *ident(Checker *c, Node *n) {
    NodeInfo *ni = ck_info(c, n);
    if (strcmp(n->name, "_") == 0) {
        ck_errorf(c, ck_start_pos(c, n), "cannot use _ as value or type");
        return ck_set_invalid(c, n);
    }
    Symbol *y = ck_lookup(c, n->name);
    if (!y) {
        ck_errorf(c, ck_start_pos(c, n), "undefined: %s", n->name);
        return ck_set_invalid(c, n);
    }
    ni->sym = y;
    switch (y->kind) {
    case SYM_VAR:
        y->used = true;
        capture(c, y);
        if (!y->owner && !y->type) {
            /* a package-level variable whose initialiser has not run yet */
            bool later = false;
            for (Node *d = c->ast->file->list; d && !later; d = d->next)
                if (d->kind == ND_VAR_DECL)
                    for (Node *s = d->list; s && !later; s = s->next)
                        for (Node *nm = s->list; nm; nm = nm->next)
                            if (nm->pos.offset == y->pos.offset && !nm->info) later = true;
            if (later) ck_errorf(c, ck_start_pos(c, n), "initializing a package-level variable from one declared after it" UNSUPPORTED);
        }
        if (!y->type) return ck_set_invalid(c, n);
        return ck_set_value(c, n, TM_VAR, y->type);
    case SYM_CONST:
        if (y->id == -1 && strcmp(y->name, "iota") == 0) {
            ck_errorf(c, ck_start_pos(c, n), "cannot use iota outside constant declaration");
            return ck_set_invalid(c, n);
        }
        if (!y->type) ck_resolve_pkg_symbol(c, y); /* used before its declaration */
        if (!y->type) return ck_set_invalid(c, n);
        return ck_set_const(c, n, y->type, y->cval, y->untyped);
    case SYM_TYPE:
        if (!y->type && y->id == SYM_TYPE_UNSUPPORTED) ck_unsupported_type(c, n->pos, n->name);
        else if (!y->type) return ck_set_value(c, n, TM_TYPE, ck_resolve_type(c, n));
        return ck_set_value(c, n, TM_TYPE, y->type);
    case SYM_FUNC:
        if (y->fn && !y->fn->type && y->fn->decl && !c->out->init) {
            /* a function used in a signature before its own was resolved */
            bool busy = false;
            for (int i = 0; i < c->nresolving; i++) busy |= c->resolving[i] == y->fn;
            if (!busy && c->nresolving < (int)(sizeof c->resolving / sizeof *c->resolving)) {
                c->resolving[c->nresolving++] = y->fn;
                y->fn->type = ck_func_type(c, y->fn->decl->type);
                c->nresolving--;
            }
        }
        return ck_set_value(c, n, TM_VALUE, y->fn ? y->fn->type : 0);
    case SYM_PKG:
        /* selector() resolves `fmt.X` itself, so any use that reaches here is
         * outside a selector: `fmt` alone, `(fmt)`, `fmt = 1` (types2's ident). */
        ck_errorf(c, ck_start_pos(c, n), "use of package %s not in selector", n->name);
        return ck_set_invalid(c, n);
    case SYM_BUILTIN:
        if (y->id < 0) {
            ck_errorf(c, ck_start_pos(c, n), "the builtin %s" UNSUPPORTED, n->name);
            return ck_set_invalid(c, n);
        }
        ni->builtin = y->id;
        return ck_set_value(c, n, TM_BUILTIN, 0);
    case SYM_NIL: return ck_set_value(c, n, TM_VALUE, TYPE_NIL);
    }
    return ni;
}

/* ---- selectors ------------------------------------------------------------------------ */

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
    NodeInfo *ni = ck_info(c, n);
    for (size_t i = 0; i < sizeof natives / sizeof *natives; i++)
        if (natives[i].pkg == pkg && strcmp(natives[i].name, n->name) == 0) {
            ni->native = natives[i].native;
            return ck_set_value(c, n, TM_NATIVE, 0);
        }
    if (pkg == PKG_TIME)
        for (size_t i = 0; i < sizeof durations / sizeof *durations; i++)
            if (strcmp(durations[i].name, n->name) == 0) return ck_set_const(c, n, TYPE_DURATION, value_int(durations[i].ns), false);
    static const struct { Package pkg; const char *name; TypeId t; } types[] = {
        {PKG_SYNC, "Mutex", TYPE_MUTEX}, {PKG_SYNC, "WaitGroup", TYPE_WAITGROUP}, {PKG_SYNC, "Once", TYPE_ONCE},
        {PKG_TIME, "Duration", TYPE_DURATION}, {PKG_TIME, "Time", TYPE_TIME},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (types[i].pkg == pkg && strcmp(types[i].name, n->name) == 0) return ck_set_value(c, n, TM_TYPE, types[i].t);
    ck_unknown_pkg_member(c, n, pkg);
    return ck_set_invalid(c, n);
}

static Method *find_method(Checker *c, TypeId t, const char *name) {
    for (int32_t i = 0; i < c->out->nmethods; i++)
        if (c->out->methods[i].recv == t && strcmp(c->out->methods[i].name, name) == 0) return &c->out->methods[i];
    return NULL;
}

static int32_t find_field(Checker *c, TypeId t, const char *name) {
    if (!ck_is_kind(c, t, TY_STRUCT)) return -1;
    const Type *st = sim_type(c->S, t);
    for (int32_t i = 0; i < st->nfields; i++)
        if (strcmp(strtab_get(&c->S->strs, c->S->fields.items[st->field0 + i].name, NULL), name) == 0) return i;
    return -1;
}

static NodeInfo *selector(Checker *c, Node *n) {
    if (n->x->kind == ND_IDENT) {
        Symbol *y = ck_lookup(c, n->x->name);
        if (y && y->kind == SYM_PKG) {
            y->pkg_used = true;
            ck_set_value(c, n->x, TM_PKG, 0);
            ck_info(c, n->x)->sym = y;
            return pkg_member(c, n, (Package)y->id);
        }
    }
    NodeInfo *xi = ck_expr(c, n->x);
    NodeInfo *ni = ck_info(c, n);
    if (xi->mode == TM_TYPE) {
        if (xi->type) ck_errorf(c, ck_start_pos(c, n), "method expressions" UNSUPPORTED_PL);
        return ck_set_invalid(c, n);
    }
    if (xi->mode == TM_BUILTIN || xi->mode == TM_NATIVE) {
        ck_errorf(c, ck_node_pos(c, n), "cannot select on %s", ck_describe(c, n->x));
        return ck_set_invalid(c, n);
    }
    xi = ck_single_value(c, n->x);
    TypeId t = xi->type;
    if (!t) return ck_set_invalid(c, n);
    if (xi->untyped || t == TYPE_NIL) {
        ck_errorf(c, n->opos, "%s.%s undefined (type %s has no field or method %s)", ck_expr_str(c, n->x), n->name,
                  ck_operand_type(c, n->x), n->name);
        return ck_set_invalid(c, n);
    }
    TypeId base = t;
    if (ck_is_kind(c, t, TY_PTR)) {
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
                if (!ni->deref && !ck_addressable(c, n->x)) {
                    ck_errorf(c, n->opos, "cannot call pointer method %s on %s", n->name, ck_type_str(c, t));
                    return ck_set_invalid(c, n);
                }
                ni->native = m[i].native;
                if (!ni->deref) take_address(c, n->x);
                ni->addr_recv = !ni->deref;
                return ck_set_value(c, n, TM_NATIVE, base);
            }
        static const char *const others[] = {"TryLock", NULL};
        for (int i = 0; others[i]; i++)
            if (k == TY_MUTEX && strcmp(n->name, others[i]) == 0) {
                ck_errorf(c, ck_start_pos(c, n), "%s.%s" UNSUPPORTED, ck_type_str(c, base), n->name);
                return ck_set_invalid(c, n);
            }
    } else {
        int32_t fi = find_field(c, base, n->name);
        if (fi >= 0) {
            ni->field = fi;
            return ck_set_value(c, n, TM_VAR, c->S->fields.items[sim_type(c->S, base)->field0 + fi].type);
        }
        Method *m = find_method(c, base, n->name);
        if (m && (!ni->deref || !ck_is_kind(c, base, TY_PTR))) {
            ni->method = m;
            if (m->ptr && !ni->deref) {
                if (!ck_addressable(c, n->x)) {
                    ck_errorf(c, n->opos, "cannot call pointer method %s on %s", n->name, ck_type_str(c, t));
                    return ck_set_invalid(c, n);
                }
                ni->addr_recv = true;
                take_address(c, n->x);
            }
            if (!m->ptr && ni->deref) ni->deref_recv = true;
            return ck_set_value(c, n, TM_VALUE, m->fn->type);
        }
    }
    /* "..., but does have Name" when only the case of the first letter differs */
    char alt[128];
    snprintf(alt, sizeof alt, "%s", n->name);
    if (alt[0] >= 'a' && alt[0] <= 'z') alt[0] = (char)(alt[0] - 'a' + 'A');
    else if (alt[0] >= 'A' && alt[0] <= 'Z') alt[0] = (char)(alt[0] - 'A' + 'a');
    static const struct { int kind; const char *name; } sync_methods[] = {
        {TY_MUTEX, "Lock"}, {TY_MUTEX, "Unlock"}, {TY_MUTEX, "TryLock"}, {TY_WAITGROUP, "Add"},
        {TY_WAITGROUP, "Done"}, {TY_WAITGROUP, "Wait"}, {TY_ONCE, "Do"},
    };
    bool sync_alt = false;
    for (size_t i = 0; i < sizeof sync_methods / sizeof *sync_methods; i++)
        sync_alt |= sync_methods[i].kind == k && strcmp(sync_methods[i].name, alt) == 0;
    bool has_alt = strcmp(alt, n->name) && (sync_alt || find_field(c, base, alt) >= 0 || find_method(c, base, alt));
    ck_errorf(c, n->opos, "%s.%s undefined (type %s has no field or method %s%s%s)", ck_expr_str(c, n->x), n->name,
              ck_type_str(c, t), n->name, has_alt ? ", but does have " : "", has_alt ? alt : "");
    return ck_set_invalid(c, n);
}

/* ---- operators -------------------------------------------------------------------------- */

static const char *op_text(TokenKind op) { return token_spelling(op); }

static bool is_bool_t(Checker *c, TypeId t) { return ck_is_kind(c, t, TY_BOOL); }
static bool is_string_t(Checker *c, TypeId t) { return ck_is_kind(c, t, TY_STRING); }
static bool is_ordered(Checker *c, TypeId t) { return ck_is_int(c, t) || is_string_t(c, t); }

/* kindString: how gc names a type in "operator < not defined on slice". */
static const char *kind_string(Checker *c, TypeId t) {
    switch (t ? sim_type(c->S, t)->kind : -1) {
    case TY_SLICE: return "slice";
    case TY_STRUCT: return "struct";
    case TY_PTR: return "pointer";
    case TY_FUNC: return "func";
    case TY_IFACE: return "interface";
    case TY_CHAN: return "chan";
    case TY_MUTEX: case TY_WAITGROUP: case TY_ONCE: return "struct";
    default: return t == TYPE_NIL ? "untyped nil" : ck_type_str(c, t);
    }
}

static const char *incomparable_cause(Checker *c, TypeId t) {
    char buf[300];
    int k = sim_type(c->S, t)->kind;
    if (k == TY_SLICE || k == TY_FUNC) {
        snprintf(buf, sizeof buf, "%s can only be compared to nil", kind_string(c, t));
        return ck_strdup(c, buf);
    }
    if (k == TY_STRUCT) {
        const Type *st = sim_type(c->S, t);
        for (int32_t i = 0; i < st->nfields; i++) {
            TypeId ft = c->S->fields.items[st->field0 + i].type;
            if (!ck_comparable(c, ft)) {
                snprintf(buf, sizeof buf, "struct containing %s cannot be compared", ck_type_str(c, ft));
                return ck_strdup(c, buf);
            }
        }
    }
    snprintf(buf, sizeof buf, "%s cannot be compared", ck_type_str(c, t));
    return ck_strdup(c, buf);
}

/* Could operand x be assigned to type t (without changing x)? */
static bool operand_assignable(Checker *c, NodeInfo *x, TypeId t) {
    if (!x->type || !t) return true;
    if (x->type == TYPE_NIL) return t == TYPE_NIL || ck_nilable(c, t);
    if (x->untyped) {
        if (ck_is_iface(c, t)) return t == TYPE_ANY || (t != TYPE_ERROR && sim_type(c->S, t)->underlying == TYPE_ANY);
        if (x->mode == TM_CONST) return ck_representable(c, x->cval, x->type, t);
        return x->type == TYPE_BOOL ? is_bool_t(c, t) : ck_is_int(c, t);
    }
    return ck_assignable_type(c, x->type, t);
}

/* types2's comparison of xn and yn, the result into n; for a switch case,
 * xn is the case value and yn the tag. */
NodeInfo *ck_comparison(Checker *c, Node *n, Node *xn, Node *yn, TokenKind op, bool switch_case) {
    NodeInfo *xi = ck_info(c, xn), *yi = ck_info(c, yn);
    if (switch_case) op = TK_EQL;
    Node *err_op = xn;
    const char *cause = NULL;
    bool xnil = ck_is_nil(xn) && xi->mode != TM_TYPE, ynil = ck_is_nil(yn) && yi->mode != TM_TYPE;
    if (!operand_assignable(c, xi, yi->type) && !operand_assignable(c, yi, xi->type)) {
        err_op = yn;
        char buf[300];
        snprintf(buf, sizeof buf, "mismatched types %s and %s", ck_operand_type(c, xn), ck_operand_type(c, yn));
        cause = ck_strdup(c, buf);
        goto error;
    }
    if (op == TK_EQL || op == TK_NEQ) {
        if (xnil || ynil) {
            TypeId t = xnil ? yi->type : xi->type;
            if (!ck_nilable(c, t)) {
                err_op = yn;
                goto error;
            }
        } else if (!ck_comparable(c, xi->type)) {
            err_op = xn;
            cause = incomparable_cause(c, xi->type);
            goto error;
        } else if (!ck_comparable(c, yi->type)) {
            err_op = yn;
            cause = incomparable_cause(c, yi->type);
            goto error;
        }
    } else if (!is_ordered(c, xi->type)) {
        err_op = xn;
        goto error;
    } else if (!is_ordered(c, yi->type)) {
        err_op = yn;
        goto error;
    }
    /* The operand type, for the compiler; a concrete value compared with an
     * interface is boxed. */
    TypeId t = xnil ? yi->type : xi->type;
    if (ck_is_iface(c, xi->type) && !ck_is_iface(c, yi->type) && !ynil) yi->iface_of = yi->type, t = xi->type;
    else if (ck_is_iface(c, yi->type) && !ck_is_iface(c, xi->type) && !xnil) xi->iface_of = xi->type, t = yi->type;
    if (xnil && ynil) t = TYPE_NIL;
    ck_info(c, n)->conv = t;
    if (xi->mode == TM_CONST && yi->mode == TM_CONST) {
        if (ck_is_big(xi->cval) || ck_is_big(yi->cval)) return const_overflow(c, n);
        int d = is_string_t(c, xi->type) ? strcmp(strtab_get(&c->S->strs, xi->cval.ref, NULL), strtab_get(&c->S->strs, yi->cval.ref, NULL))
                                         : (xi->cval.i < yi->cval.i ? -1 : xi->cval.i > yi->cval.i);
        bool r = op == TK_EQL ? d == 0 : op == TK_NEQ ? d != 0 : op == TK_LSS ? d < 0 : op == TK_LEQ ? d <= 0 : op == TK_GTR ? d > 0 : d >= 0;
        NodeInfo *ni = ck_set_const(c, n, TYPE_BOOL, value_bool(r), true);
        ni->conv = t;
        return ni;
    }
    NodeInfo *ni = ck_set_value(c, n, TM_VALUE, TYPE_BOOL);
    ni->untyped = true; /* comparisons yield an untyped boolean value */
    ni->conv = t;
    return ni;
error:
    if (!cause) {
        char buf[300];
        snprintf(buf, sizeof buf, "operator %s not defined on %s", op_text(op), kind_string(c, ck_info(c, err_op)->type));
        cause = ck_strdup(c, buf);
    }
    if (switch_case)
        ck_errorf(c, ck_start_pos(c, xn), "invalid case %s in switch on %s (%s)", ck_expr_str(c, xn), ck_expr_str(c, yn), cause);
    else
        ck_errorf(c, ck_start_pos(c, err_op), "invalid operation: %s %s %s (%s)", ck_expr_str(c, xn), op_text(op), ck_expr_str(c, yn), cause);
    return ck_set_invalid(c, n);
}

/* Folds a constant integer operation; false if the result leaves int64
 * (which Go's arbitrary-precision constants would allow). */
static bool fold_int(TokenKind op, int64_t a, int64_t b, int64_t *r) {
    switch (op) {
    case TK_ADD: return !__builtin_add_overflow(a, b, r);
    case TK_SUB: return !__builtin_sub_overflow(a, b, r);
    case TK_MUL: return !__builtin_mul_overflow(a, b, r);
    case TK_QUO: if (a == INT64_MIN && b == -1) return false; *r = a / b; return true;
    case TK_REM: *r = b == -1 ? 0 : a % b; return true;
    case TK_AND: *r = a & b; return true;
    case TK_OR: *r = a | b; return true;
    case TK_XOR: *r = a ^ b; return true;
    case TK_AND_NOT: *r = a & ~b; return true;
    case TK_SHL:
        if (b >= 63 || (a != 0 && (a > (INT64_MAX >> b) || a < (INT64_MIN >> b)))) {
            if (a == 0) { *r = 0; return true; }
            return false;
        }
        *r = (int64_t)((uint64_t)a << b);
        return true;
    case TK_SHR: *r = b >= 63 ? (a < 0 ? -1 : 0) : a >> b; return true;
    default: return false;
    }
}

/* A folded constant of a typed int type must fit it (int32 here). */
static NodeInfo *check_typed_overflow(Checker *c, Node *n, NodeInfo *ni) {
    if (ni->mode == TM_CONST && !ni->untyped && ck_is_int(c, ni->type) && sim_type(c->S, ni->type)->size == 4 &&
        (ni->cval.i < INT32_MIN || ni->cval.i > INT32_MAX)) {
        ck_errorf(c, ck_node_pos(c, n), "%s overflows %s", ck_describe(c, n), ck_type_str(c, sim_type(c->S, ni->type)->underlying));
        return ck_set_invalid(c, n);
    }
    return ni;
}

static NodeInfo *const_overflow(Checker *c, Node *n) {
    ck_errorf(c, ck_node_pos(c, n), "constant arithmetic beyond 64 bits (%s)" UNSUPPORTED, ck_expr_str(c, n));
    return ck_set_invalid(c, n);
}

static NodeInfo *shift(Checker *c, Node *n, Node *xn, Node *yn) {
    NodeInfo *xi = ck_info(c, xn), *yi = ck_info(c, yn);
    bool xconst_int = xi->mode == TM_CONST && xi->untyped && (xi->type == TYPE_INT || xi->type == TYPE_RUNE);
    if (!ck_is_int(c, xi->type) && !xconst_int) {
        ck_errorf(c, ck_start_pos(c, xn), "invalid operation: shifted operand %s must be integer", ck_describe(c, xn));
        return ck_set_invalid(c, n);
    }
    if (yi->mode == TM_CONST) {
        if (ck_is_kind(c, yi->type, TY_INT) && yi->cval.i < 0) {
            ck_errorf(c, ck_start_pos(c, yn), "invalid operation: negative shift count %s", ck_describe(c, yn));
            return ck_set_invalid(c, n);
        }
        if (yi->untyped && !(yi->type == TYPE_INT || yi->type == TYPE_RUNE)) {
            ck_errorf(c, ck_start_pos(c, yn), "cannot convert %s to uint", ck_describe(c, yn));
            return ck_set_invalid(c, n);
        }
        if (!ck_is_int(c, yi->type)) {
            ck_errorf(c, ck_start_pos(c, yn), "invalid operation: shift count %s must be integer", ck_describe(c, yn));
            return ck_set_invalid(c, n);
        }
    } else if (!ck_is_int(c, yi->type)) {
        ck_errorf(c, ck_start_pos(c, yn), "invalid operation: shift count %s must be integer", ck_describe(c, yn));
        return ck_set_invalid(c, n);
    }
    if (xi->mode == TM_CONST && yi->mode == TM_CONST) {
        if (ck_is_big(xi->cval) || ck_is_big(yi->cval)) return const_overflow(c, n);
        if (yi->cval.i > 1074) {
            ck_errorf(c, ck_start_pos(c, yn), "invalid operation: invalid shift count %s", ck_describe(c, yn));
            return ck_set_invalid(c, n);
        }
        int64_t r;
        if (!fold_int(n->op, xi->cval.i, yi->cval.i, &r)) return const_overflow(c, n);
        return check_typed_overflow(c, n, ck_set_const(c, n, xi->type, value_int(r), xi->untyped));
    }
    if (xi->mode == TM_CONST && xi->untyped) {
        /* 1 << n: an untyped value whose type the context decides */
        NodeInfo *ni = ck_set_value(c, n, TM_VALUE, TYPE_INT);
        ni->untyped = true;
        return ni;
    }
    return ck_set_value(c, n, TM_VALUE, xi->type);
}

/* types2's binary.  e_null: an assignment operation (x op= y), whose
 * messages quote "x op= y". */
static NodeInfo *binary_op(Checker *c, Node *n, bool e_null) {
    Node *xn = n->x, *yn = n->y;
    TokenKind op = n->op;
    NodeInfo *xi = ck_value(c, xn), *yi = ck_value(c, yn);
    if (!xi->type || !yi->type) return ck_set_invalid(c, n);
    if (op == TK_SHL || op == TK_SHR) return shift(c, n, xn, yn);
    bool xnil = xi->type == TYPE_NIL, ynil = yi->type == TYPE_NIL;
    bool mix = ck_is_iface(c, xi->type) || ck_is_iface(c, yi->type) ||
               (is_bool_t(c, xi->type) == is_bool_t(c, yi->type) && is_string_t(c, xi->type) == is_string_t(c, yi->type) &&
                !(xnil && !ck_nilable(c, yi->type)) && !(ynil && !ck_nilable(c, xi->type)));
    if (mix) {
        if (xi->untyped && yi->untyped) {
            /* both untyped: int and rune make rune */
            if (xi->type != yi->type && (xi->type == TYPE_RUNE || yi->type == TYPE_RUNE)) xi->type = yi->type = TYPE_RUNE;
        } else {
            if (!xnil && !ck_convert_untyped_or_error(c, xn, yi->type)) return ck_set_invalid(c, n);
            if (!ynil && !ck_convert_untyped_or_error(c, yn, xi->type)) return ck_set_invalid(c, n);
            if (xnil && !ynil) ck_convert_untyped(c, xn, yi->type);
            if (ynil && !xnil) ck_convert_untyped(c, yn, xi->type);
        }
    }
    bool cmp = op == TK_EQL || op == TK_NEQ || op == TK_LSS || op == TK_LEQ || op == TK_GTR || op == TK_GEQ;
    if (cmp) return ck_comparison(c, n, xn, yn, op, false);
    if (xi->type != yi->type || xi->untyped != yi->untyped) {
        if (e_null)
            ck_errorf(c, ck_start_pos(c, xn), "invalid operation: %s %s= %s (mismatched types %s and %s)", ck_expr_str(c, xn), op_text(op),
                      ck_expr_str(c, yn), ck_operand_type(c, xn), ck_operand_type(c, yn));
        else
            ck_errorf(c, ck_start_pos(c, xn), "invalid operation: %s (mismatched types %s and %s)", ck_expr_str(c, n), ck_operand_type(c, xn),
                      ck_operand_type(c, yn));
        return ck_set_invalid(c, n);
    }
    TypeId t = xi->type;
    bool ok;
    switch (op) {
    case TK_ADD: ok = ck_is_int(c, t) || is_string_t(c, t); break;
    case TK_LAND: case TK_LOR: ok = is_bool_t(c, t); break;
    default: ok = ck_is_int(c, t); break;
    }
    if (!ok) {
        ck_errorf(c, ck_start_pos(c, xn), "invalid operation: operator %s not defined on %s", op_text(op), ck_describe(c, xn));
        return ck_set_invalid(c, n);
    }
    if ((op == TK_QUO || op == TK_REM) && yi->mode == TM_CONST && yi->cval.i == 0) {
        ck_errorf(c, ck_start_pos(c, yn), "invalid operation: division by zero");
        return ck_set_invalid(c, n);
    }
    bool untyped = xi->untyped && yi->untyped;
    if (xi->mode == TM_CONST && yi->mode == TM_CONST) {
        if (ck_is_big(xi->cval) || ck_is_big(yi->cval)) return const_overflow(c, n);
        Value v;
        if (op == TK_LAND) v = value_bool(xi->cval.i && yi->cval.i);
        else if (op == TK_LOR) v = value_bool(xi->cval.i || yi->cval.i);
        else if (op == TK_ADD && is_string_t(c, t)) {
            int32_t la, lb;
            const char *sa = strtab_get(&c->S->strs, xi->cval.ref, &la);
            char *all = ck_alloc(c, (size_t)la + 1);
            memcpy(all, sa, (size_t)la);
            const char *sb = strtab_get(&c->S->strs, yi->cval.ref, &lb);
            char *all2 = ck_alloc(c, (size_t)la + (size_t)lb + 1);
            memcpy(all2, all, (size_t)la);
            memcpy(all2 + la, sb, (size_t)lb);
            v = value_string(c->S, all2, (size_t)la + (size_t)lb);
        } else {
            int64_t r;
            if (!fold_int(op, xi->cval.i, yi->cval.i, &r)) return const_overflow(c, n);
            v = value_int(r);
        }
        return check_typed_overflow(c, n, ck_set_const(c, n, t, v, untyped));
    }
    NodeInfo *ni = ck_set_value(c, n, TM_VALUE, t);
    ni->untyped = untyped;
    return ni;
}

NodeInfo *ck_binary(Checker *c, Node *n, bool assign_op) { return binary_op(c, n, assign_op); }

static NodeInfo *unary(Checker *c, Node *n) {
    if (n->op == TK_AND) {
        Node *x = unparen(n->x);
        if (x->kind == ND_COMPOSITE) {
            NodeInfo *xi = ck_value(c, x);
            return ck_set_value(c, n, TM_VALUE, xi->type ? type_ptr(c->S, xi->type) : 0);
        }
        NodeInfo *xi = ck_value(c, n->x);
        if (!xi->type) return ck_set_invalid(c, n);
        if (!ck_addressable(c, n->x)) {
            ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot take address of %s", ck_describe(c, n->x));
            return ck_set_invalid(c, n);
        }
        take_address(c, x);
        return ck_set_value(c, n, TM_VALUE, type_ptr(c->S, xi->type));
    }
    if (n->op == TK_SUB && n->x->kind == ND_INT && (n->x->flags & NF_OVERFLOW) && !(n->x->flags & NF_OVERFLOW_U64) &&
        n->x->ival == (uint64_t)1 << 63) {
        /* -9223372036854775808: the literal alone overflows int64, its negation fits */
        ck_set_const(c, n->x, TYPE_INT, value_int(INT64_MIN), true);
        return ck_set_const(c, n, TYPE_INT, value_int(INT64_MIN), true);
    }
    NodeInfo *xi = ck_value(c, n->x);
    TypeId t = xi->type;
    if (!t) return ck_set_invalid(c, n);
    if (n->op == TK_ARROW) {
        if (!ck_is_kind(c, t, TY_CHAN)) {
            ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot receive from non-channel %s", ck_describe(c, n->x));
            return ck_set_invalid(c, n);
        }
        const Type *ct = sim_type(c->S, t);
        if (ct->dir == CHAN_SEND) {
            ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot receive from send-only channel %s", ck_describe(c, n->x));
            return ck_set_invalid(c, n);
        }
        return ck_set_value(c, n, TM_VALUE, ct->elem);
    }
    bool ok = n->op == TK_NOT ? is_bool_t(c, t) : n->op == TK_XOR ? ck_is_int(c, t) : ck_is_int(c, t);
    if (!ok) {
        ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: operator %s not defined on %s", op_text(n->op), ck_describe(c, n->x));
        return ck_set_invalid(c, n);
    }
    if (xi->mode == TM_CONST) {
        if (ck_is_big(xi->cval)) return const_overflow(c, n);
        Value v = xi->cval;
        if (n->op == TK_NOT) v = value_bool(!v.i);
        else if (n->op == TK_SUB) {
            if (v.i == INT64_MIN) return const_overflow(c, n);
            v.i = -v.i;
        } else if (n->op == TK_XOR) v.i = ~v.i;
        return check_typed_overflow(c, n, ck_set_const(c, n, t, v, xi->untyped));
    }
    NodeInfo *ni = ck_set_value(c, n, TM_VALUE, t);
    ni->untyped = xi->untyped;
    return ni;
}

/* ---- composite literals, indexing, slicing -------------------------------------------------- */

static NodeInfo *composite(Checker *c, Node *n, TypeId hint) {
    TypeId t;
    if (n->type) t = ck_resolve_type(c, n->type);
    else if (hint) t = hint;
    else {
        ck_errorf(c, ck_start_pos(c, n), "missing type in composite literal");
        use_all(c, n->list);
        return ck_set_invalid(c, n);
    }
    if (!t) {
        use_all(c, n->list);
        return ck_set_invalid(c, n);
    }
    const Type *ty = sim_type(c->S, t);
    if (!n->type && ty->kind == TY_PTR) {
        ck_errorf(c, ck_start_pos(c, n), "composite literals of pointer elements without &T" UNSUPPORTED_PL);
        use_all(c, n->list);
        return ck_set_invalid(c, n);
    }
    if ((ty->kind == TY_MUTEX || ty->kind == TY_WAITGROUP || ty->kind == TY_ONCE) && !n->list)
        return ck_set_value(c, n, TM_VALUE, t);
    if (ty->kind == TY_SLICE) {
        TypeId et = ty->elem;
        for (Node *e = n->list; e; e = e->next) {
            if (e->kind == ND_KEY_VALUE) {
                ck_errorf(c, ck_start_pos(c, e), "indexed slice literals" UNSUPPORTED_PL);
                ck_value_hint(c, e->y, et);
                continue;
            }
            ck_value_hint(c, e, et);
            ck_assign(c, e, et, "array or slice literal");
        }
        return ck_set_value(c, n, TM_VALUE, t);
    }
    if (ty->kind != TY_STRUCT) {
        use_all(c, n->list);
        ck_errorf(c, ck_start_pos(c, n), "invalid composite literal type %s", ck_type_str(c, t));
        return ck_set_invalid(c, n);
    }
    const int32_t nfields = ty->nfields, field0 = ty->field0; /* ty moves if checking adds types */
    if (!n->list) return ck_set_value(c, n, TM_VALUE, t);
    const char *tn = ck_type_str(c, t);
    if (n->list->kind == ND_KEY_VALUE) {
        bool *seen = ck_alloc(c, sizeof(bool) * (size_t)(nfields + 1));
        for (Node *e = n->list; e; e = e->next) {
            if (e->kind != ND_KEY_VALUE) {
                ck_errorf(c, ck_start_pos(c, e), "mixture of field:value and value elements in struct literal");
                ck_value(c, e);
                continue;
            }
            ck_value(c, e->y);
            if (e->x->kind != ND_IDENT) {
                ck_errorf(c, ck_node_pos(c, e), "invalid field name %s in struct literal", ck_expr_str(c, e->x));
                continue;
            }
            int32_t fi = -1;
            for (int32_t k = 0; k < nfields; k++)
                if (strcmp(strtab_get(&c->S->strs, c->S->fields.items[field0 + k].name, NULL), e->x->name) == 0) fi = k;
            if (fi < 0) {
                ck_errorf(c, ck_start_pos(c, e->x), "unknown field '%s' in struct literal of type %s", e->x->name, tn);
                continue;
            }
            ck_info(c, e)->field = fi;
            ck_assign(c, e->y, c->S->fields.items[field0 + fi].type, "struct literal");
            if (seen[fi]) {
                ck_errorf(c, ck_node_pos(c, e), "duplicate field name %s in struct literal", e->x->name);
                continue;
            }
            seen[fi] = true;
        }
        return ck_set_value(c, n, TM_VALUE, t);
    }
    int32_t i = 0;
    for (Node *e = n->list; e; e = e->next, i++) {
        if (e->kind == ND_KEY_VALUE) {
            ck_errorf(c, ck_node_pos(c, e), "mixture of field:value and value elements in struct literal");
            ck_value(c, e->y);
            continue;
        }
        ck_value(c, e);
        if (i >= nfields) {
            ck_errorf(c, ck_start_pos(c, e), "too many values in %s{…}", tn);
            break;
        }
        ck_assign(c, e, c->S->fields.items[field0 + i].type, "struct literal");
    }
    if (i < nfields) ck_errorf(c, ck_pos_at(c, n->end ? n->end - 1 : n->opos.offset), "too few values in %s{…}", tn);
    return ck_set_value(c, n, TM_VALUE, t);
}

/* check.index: an index or size argument, converted to int; false on error. */
static bool check_index(Checker *c, Node *n, const char *what) {
    NodeInfo *ni = ck_value(c, n);
    if (!ni->type) return false;
    if (!ck_convert_untyped_or_error(c, n, TYPE_INT)) return false;
    if (!ck_is_int(c, ni->type)) {
        ck_errorf(c, ck_start_pos(c, n), "invalid argument: %s %s must be integer", what, ck_describe(c, n));
        return false;
    }
    if (ni->mode == TM_CONST && ni->cval.i < 0) {
        ck_errorf(c, ck_start_pos(c, n), "invalid argument: %s %s must not be negative", what, ck_describe(c, n));
        return false;
    }
    return true;
}

static NodeInfo *index_expr(Checker *c, Node *n) {
    NodeInfo *xi = ck_expr(c, n->x);
    if (xi->mode == TM_TYPE) {
        if (xi->type) ck_errorf(c, ck_start_pos(c, n), "generics" UNSUPPORTED_PL);
        ck_expr(c, n->y);
        return ck_set_invalid(c, n);
    }
    xi = ck_single_value(c, n->x);
    if (!xi->type) {
        ck_expr(c, n->y);
        return ck_set_invalid(c, n);
    }
    if (is_string_t(c, xi->type)) {
        ck_errorf(c, ck_start_pos(c, n), "indexing strings" UNSUPPORTED);
        ck_expr(c, n->y);
        return ck_set_invalid(c, n);
    }
    if (!ck_is_kind(c, xi->type, TY_SLICE)) {
        ck_errorf(c, n->opos, "invalid operation: cannot index %s", ck_describe(c, n->x));
        return ck_set_invalid(c, n); /* gc leaves the index unchecked (and unused) */
    }
    TypeId et = sim_type(c->S, xi->type)->elem;
    check_index(c, n->y, "index");
    return ck_set_value(c, n, TM_VAR, et);
}

static NodeInfo *slice_expr(Checker *c, Node *n) {
    NodeInfo *xi = ck_value(c, n->x);
    if (!xi->type) {
        use_all(c, n->y), use_all(c, n->z), use_all(c, n->w);
        return ck_set_invalid(c, n);
    }
    if (is_string_t(c, xi->type)) {
        ck_errorf(c, ck_start_pos(c, n->x), "slicing strings" UNSUPPORTED);
        return ck_set_invalid(c, n);
    }
    if (!ck_is_kind(c, xi->type, TY_SLICE)) {
        ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot slice %s", ck_describe(c, n->x));
        return ck_set_invalid(c, n);
    }
    if (n->w) {
        ck_errorf(c, ck_start_pos(c, n->w), "3-index slices" UNSUPPORTED_PL);
        return ck_set_invalid(c, n);
    }
    bool ok_lo = !n->y || check_index(c, n->y, "index"), ok_hi = !n->z || check_index(c, n->z, "index");
    if (ok_lo && ok_hi && n->y && n->z && node_info(n->y)->mode == TM_CONST && node_info(n->z)->mode == TM_CONST &&
        node_info(n->z)->cval.i < node_info(n->y)->cval.i)
        ck_errorf(c, ck_start_pos(c, n->z), "invalid slice indices: %lld < %lld", (long long)node_info(n->z)->cval.i,
                  (long long)node_info(n->y)->cval.i);
    return ck_set_value(c, n, TM_VALUE, xi->type);
}

/* ---- calls ------------------------------------------------------------------------------- */

/* "argument to f" */
static const char *arg_context(Checker *c, Node *call) {
    const char *f = ck_expr_str(c, call->x);
    char buf[400];
    snprintf(buf, sizeof buf, "argument to %s", f);
    return ck_strdup(c, buf);
}

/* A call's arguments against parameter types params[0..npars) (types2's
 * arguments): a single multi-value call spreads over the parameters. */
static void check_args(Checker *c, Node *n, const TypeId *params, int32_t npars) {
    int32_t nargs = count_args(n->list);
    const char *fname = ck_expr_str(c, n->x);
    const char *context = arg_context(c, n);
    if (nargs == 1) {
        NodeInfo *ai = ck_expr(c, n->list);
        if (ai->mode == TM_MULTI) {
            const Type *rt = sim_type(c->S, ai->type);
            int32_t have = rt->nresults, r0 = rt->field0 + rt->nfields;
            if (have != npars) {
                ck_errorf(c, ck_start_pos(c, n->list), "%s arguments in call to %s", have < npars ? "not enough" : "too many", fname);
                return;
            }
            for (int32_t i = 0; i < npars; i++) {
                TypeId r = c->S->typelist.items[r0 + i];
                if (!ck_assignable_type(c, r, params[i]))
                    ck_errorf(c, ck_start_pos(c, n->list), "cannot use %s (value of type %s) as type %s in %s", ck_expr_str(c, n->list),
                              ck_type_str(c, r), ck_type_str(c, params[i]), context);
            }
            return;
        }
    }
    bool bad = false;
    for (Node *a = n->list; a; a = a->next)
        if (!(a == n->list && nargs == 1 ? ck_single_value(c, a) : ck_value(c, a))->type) bad = true;
    if (bad) return;
    if (nargs != npars) {
        Node *at = n->list;
        if (nargs > npars) {
            for (int32_t i = 0; i < npars; i++) at = at->next;
        } else if (nargs > 0) {
            while (at->next) at = at->next;
        }
        ck_errorf(c, at ? ck_start_pos(c, at) : ck_start_pos(c, n), "%s arguments in call to %s", nargs > npars ? "too many" : "not enough", fname);
        return;
    }
    int32_t i = 0;
    for (Node *a = n->list; a; a = a->next, i++) ck_assign(c, a, params[i], context);
}

/* A call of a variadic function without `...`: the arguments before the
 * last parameter as usual, then any number (none too) each assignable to
 * the element type T of its []T; the compiler packs those into a slice. */
static void check_variadic_args(Checker *c, Node *n, const TypeId *params, int32_t npars) {
    int32_t nargs = count_args(n->list), fixed = npars - 1;
    const char *fname = ck_expr_str(c, n->x);
    const char *context = arg_context(c, n);
    if (nargs == 1 && ck_expr(c, n->list)->mode == TM_MULTI) {
        ck_errorf(c, ck_start_pos(c, n->list), "a multi-valued call as the arguments of a variadic function" UNSUPPORTED);
        return;
    }
    bool bad = false;
    for (Node *a = n->list; a; a = a->next)
        if (!ck_value(c, a)->type) bad = true;
    if (bad) return;
    if (nargs < fixed) {
        Node *at = n->list;
        while (at && at->next) at = at->next;
        ck_errorf(c, at ? ck_start_pos(c, at) : ck_start_pos(c, n), "not enough arguments in call to %s", fname);
        return;
    }
    TypeId elem = sim_type(c->S, params[fixed])->elem;
    int32_t i = 0;
    for (Node *a = n->list; a; a = a->next, i++) ck_assign(c, a, i < fixed ? params[i] : elem, context);
}

/* x convertible to t (types2's convertibleTo, for the types we have)? */
static bool convertible(Checker *c, NodeInfo *x, TypeId t) {
    if (operand_assignable(c, x, t)) return true;
    TypeId v = x->type;
    const Type *vt = sim_type(c->S, v), *tt = sim_type(c->S, t);
    if (vt->underlying == tt->underlying) return true;
    if (vt->kind == TY_STRUCT && tt->kind == TY_STRUCT && vt->nfields == tt->nfields) {
        bool same = true;
        for (int32_t i = 0; i < vt->nfields && same; i++) {
            const Field *a = &c->S->fields.items[vt->field0 + i], *b = &c->S->fields.items[tt->field0 + i];
            same = a->name == b->name && a->type == b->type;
        }
        if (same) return true;
    }
    if (vt->kind == TY_PTR && tt->kind == TY_PTR && sim_type(c->S, vt->elem)->underlying == sim_type(c->S, tt->elem)->underlying)
        return true;
    return ck_is_int(c, v) && ck_is_int(c, t);
}

static NodeInfo *conversion(Checker *c, Node *n, TypeId t) {
    NodeInfo *ni = ck_info(c, n);
    int32_t nargs = count_args(n->list);
    if (nargs == 0) {
        ck_errorf(c, ck_start_pos(c, n), "missing argument in conversion to %s", ck_type_str(c, t));
        return ck_set_invalid(c, n);
    }
    if (nargs > 1) {
        use_all(c, n->list);
        Node *last = n->list;
        while (last->next) last = last->next;
        ck_errorf(c, ck_start_pos(c, last), "too many arguments in conversion to %s", ck_type_str(c, t));
        return ck_set_invalid(c, n);
    }
    Node *a = n->list;
    NodeInfo *ai = ck_value(c, a);
    if (!ai->type) return ck_set_invalid(c, n);
    if (n->flags & NF_DOTS) {
        ck_errorf(c, ck_start_pos(c, a), "invalid use of ... in type conversion to %s", ck_type_str(c, t));
        return ck_set_invalid(c, n);
    }
    const Type *tt = sim_type(c->S, t);
    bool const_type = (tt->kind == TY_INT && t != TYPE_TIME) || tt->kind == TY_STRING || tt->kind == TY_BOOL;
    if (ai->mode == TM_CONST && const_type) {
        if (ck_representable(c, ai->cval, ai->type, t)) {
            ni->conv = t;
            return check_typed_overflow(c, n, ck_set_const(c, n, t, ai->cval, false));
        }
        if (tt->kind == TY_STRING && ck_is_int(c, ai->type)) {
            ck_errorf(c, ck_start_pos(c, n), "conversions from integer to string" UNSUPPORTED_PL);
            return ck_set_invalid(c, n);
        }
        if (ai->untyped || !convertible(c, ai, t)) {
            ck_errorf(c, ck_start_pos(c, a), "cannot convert %s to type %s", ck_describe(c, a), ck_type_str(c, t));
            return ck_set_invalid(c, n);
        }
        /* a typed constant of another integer type: wraps at run time */
    } else if (tt->kind == TY_STRING && ck_is_int(c, ai->type)) {
        ck_errorf(c, ck_start_pos(c, n), "conversions from integer to string" UNSUPPORTED_PL);
        return ck_set_invalid(c, n);
    } else if ((tt->kind == TY_SLICE && sim_type(c->S, ai->type)->kind == TY_STRING) ||
               (tt->kind == TY_STRING && sim_type(c->S, ai->type)->kind == TY_SLICE)) {
        /* []rune(s), string(rs): valid Go, not modelled (a false type error would mislead) */
        ck_errorf(c, ck_start_pos(c, n), "conversions between strings and slices" UNSUPPORTED_PL);
        return ck_set_invalid(c, n);
    } else if (!convertible(c, ai, t)) {
        ck_errorf(c, ck_start_pos(c, a), "cannot convert %s to type %s", ck_describe(c, a), ck_type_str(c, t));
        return ck_set_invalid(c, n);
    }
    /* An untyped operand takes the type (its default type for an interface). */
    if (ai->untyped || ai->type == TYPE_NIL) ck_convert_untyped(c, a, t);
    else if (ck_is_iface(c, t) && !ck_is_iface(c, ai->type)) ai->iface_of = ai->type;
    if (ai->mode == TM_CONST && ck_is_int(c, t) && ck_is_int(c, ai->type)) {
        Value v = ai->cval;
        if (tt->size == 4) v.i = (int32_t)(uint32_t)v.i;
        ni->conv = t;
        return ck_set_const(c, n, t, v, false);
    }
    ni->conv = t;
    return ck_set_value(c, n, TM_VALUE, t);
}

static NodeInfo *builtin_call(Checker *c, Node *n, int b) {
    int32_t nargs = count_args(n->list);
    Node *a0 = n->list, *a1 = a0 ? a0->next : NULL;
    NodeInfo *ni = ck_info(c, n);
    ni->builtin = b;
    const char *name = builtin_names[b];
    if (b == BI_PRINT || b == BI_PRINTLN) {
        use_all(c, n->list);
        ck_errorf(c, ck_start_pos(c, n), "the builtin %s" UNSUPPORTED ": use fmt.%s", name, b == BI_PRINT ? "Print" : "Println");
        return ck_set_value(c, n, TM_VOID, 0);
    }
    if ((n->flags & NF_DOTS) && b != BI_APPEND) {
        use_all(c, n->list);
        ck_errorf(c, ck_start_pos(c, n), "invalid operation: invalid use of ... with built-in %s", name);
        return ck_set_invalid(c, n);
    }
    /* Arguments first, except the types of make and new; f() spreads. */
    if (b != BI_MAKE && b != BI_NEW) {
        if (nargs == 1 && ck_expr(c, a0)->mode == TM_MULTI) {
            int32_t k = sim_type(c->S, node_info(a0)->type)->nresults;
            if (b == BI_APPEND) ck_errorf(c, ck_start_pos(c, a0), "append(f()) with a multi-value f" UNSUPPORTED);
            else
                ck_errorf(c, ck_start_pos(c, n), "invalid operation: too many arguments for %s (expected %d, found %d)", ck_expr_str(c, n),
                          b == BI_RECOVER ? 0 : 1, k);
            return ck_set_invalid(c, n);
        }
        bool bad = false;
        for (Node *a = n->list; a; a = a->next)
            if (!(a == a0 && nargs == 1 ? ck_single_value(c, a) : ck_value(c, a))->type) bad = true;
        if (a0 && !node_info(a0)->type) return ck_set_invalid(c, n);
        if (bad && b != BI_APPEND) return ck_set_invalid(c, n);
    }
    int32_t want = b == BI_RECOVER ? 0 : 1;
    bool variadic = b == BI_MAKE || b == BI_APPEND;
    if (nargs < want || (!variadic && nargs > want)) {
        if (b == BI_MAKE || b == BI_NEW) use_all(c, n->list);
        ck_errorf(c, ck_start_pos(c, n), "invalid operation: %s arguments for %s (expected %d, found %d)", nargs < want ? "not enough" : "too many",
                  ck_expr_str(c, n), want, nargs);
        return ck_set_invalid(c, n);
    }
    switch (b) {
    case BI_LEN:
    case BI_CAP: {
        NodeInfo *ai = node_info(a0);
        int k = sim_type(c->S, ai->type)->kind;
        if (!(k == TY_SLICE || k == TY_CHAN || (k == TY_STRING && b == BI_LEN)) || ai->type == TYPE_NIL) {
            ck_errorf(c, ck_start_pos(c, a0), "invalid argument: %s for %s", ck_describe(c, a0), name);
            return ck_set_invalid(c, n);
        }
        if (ai->mode == TM_CONST && k == TY_STRING) {
            int32_t len;
            strtab_get(&c->S->strs, ai->cval.ref, &len);
            ck_convert_untyped(c, a0, TYPE_STRING);
            return ck_set_const(c, n, TYPE_INT, value_int(len), false);
        }
        return ck_set_value(c, n, TM_VALUE, TYPE_INT);
    }
    case BI_MAKE: {
        TypeId t = ck_resolve_type(c, a0);
        if (!t) {
            use_all(c, a1);
            return ck_set_invalid(c, n);
        }
        int k = sim_type(c->S, t)->kind;
        if (k != TY_CHAN && k != TY_SLICE) {
            use_all(c, a1);
            ck_errorf(c, ck_start_pos(c, a0), "invalid argument: cannot make %s; type must be slice, map, or channel", ck_expr_str(c, a0));
            return ck_set_invalid(c, n);
        }
        int32_t min = k == TY_SLICE ? 2 : 1;
        if (nargs < min || nargs > min + 1) {
            use_all(c, a1);
            ck_errorf(c, ck_start_pos(c, n), "invalid operation: %s expects %d or %d arguments; found %d", ck_expr_str(c, n), min, min + 1, nargs);
            return ck_set_invalid(c, n);
        }
        bool ok = true;
        for (Node *a = a1; a; a = a->next) ok &= check_index(c, a, "index");
        if (ok && a1 && a1->next && node_info(a1)->mode == TM_CONST && node_info(a1->next)->mode == TM_CONST &&
            node_info(a1)->cval.i > node_info(a1->next)->cval.i)
            ck_errorf(c, ck_start_pos(c, a1), "invalid argument: length and capacity swapped");
        else if (a1 && a1->next)
            ck_errorf(c, ck_start_pos(c, a1->next), "the capacity argument of make([]T, len, cap)" UNSUPPORTED);
        return ck_set_value(c, n, TM_VALUE, t);
    }
    case BI_NEW: {
        TypeId t = ck_resolve_type(c, a0);
        return t ? ck_set_value(c, n, TM_VALUE, type_ptr(c->S, t)) : ck_set_invalid(c, n);
    }
    case BI_APPEND: {
        NodeInfo *si = node_info(a0);
        if (!ck_is_kind(c, si->type, TY_SLICE)) {
            if (si->type == TYPE_NIL) ck_errorf(c, ck_start_pos(c, a0), "first argument to append must be a slice; have untyped nil");
            else ck_errorf(c, ck_start_pos(c, a0), "first argument to append must be a slice; have %s", ck_describe(c, a0));
            return ck_set_invalid(c, n);
        }
        TypeId st = si->type;
        if (n->flags & NF_DOTS) {
            ck_errorf(c, ck_start_pos(c, n), "append(s, t...)" UNSUPPORTED);
            return ck_set_value(c, n, TM_VALUE, st);
        }
        TypeId et = sim_type(c->S, st)->elem;
        for (Node *a = a1; a; a = a->next)
            if (node_info(a)->type) ck_assign(c, a, et, "argument to append");
        return ck_set_value(c, n, TM_VALUE, st);
    }
    case BI_CLOSE: {
        NodeInfo *ai = node_info(a0);
        if (!ck_is_kind(c, ai->type, TY_CHAN)) {
            ck_errorf(c, ck_start_pos(c, a0), "invalid operation: cannot close non-channel %s", ck_describe(c, a0));
            return ck_set_invalid(c, n);
        }
        if (sim_type(c->S, ai->type)->dir == CHAN_RECV) {
            ck_errorf(c, ck_start_pos(c, a0), "invalid operation: cannot close receive-only channel %s", ck_describe(c, a0));
            return ck_set_invalid(c, n);
        }
        return ck_set_value(c, n, TM_VOID, 0);
    }
    case BI_PANIC:
        ck_assign(c, a0, TYPE_ANY, "argument to panic");
        return ck_set_value(c, n, TM_VOID, 0);
    case BI_RECOVER: return ck_set_value(c, n, TM_VALUE, TYPE_ANY);
    }
    return ck_set_invalid(c, n);
}

/* Calls of the library functions hchanviz implements natively. */
static NodeInfo *native_call(Checker *c, Node *n, NodeInfo *fi) {
    int id = fi->native;
    NodeInfo *ni = ck_info(c, n);
    ni->native = id;
    const char *fname = ck_expr_str(c, n->x);
    const char *context = arg_context(c, n);
    int32_t nargs = count_args(n->list);
    if (n->flags & NF_DOTS) {
        use_all(c, n->list);
        ck_errorf(c, ck_start_pos(c, n), "calls with ... arguments" UNSUPPORTED_PL);
        return ck_set_invalid(c, n);
    }
    switch (id) {
    case NATIVE_PRINTLN: case NATIVE_PRINT: case NATIVE_PRINTF:
    case NATIVE_SPRINTLN: case NATIVE_SPRINT: case NATIVE_SPRINTF: {
        bool f = id == NATIVE_PRINTF || id == NATIVE_SPRINTF;
        bool s = id == NATIVE_SPRINTLN || id == NATIVE_SPRINT || id == NATIVE_SPRINTF;
        /* fmt.Println(f()) prints all of f's results. */
        bool spread = nargs == 1 && ck_expr(c, n->list)->mode == TM_MULTI;
        if (spread && f) {
            ck_errorf(c, ck_start_pos(c, n->list), "fmt.%s(f()) with a multi-value f" UNSUPPORTED, id == NATIVE_PRINTF ? "Printf" : "Sprintf");
            return ck_set_invalid(c, n);
        }
        for (Node *a = spread ? NULL : n->list; a; a = a->next) {
            NodeInfo *ai = a == n->list && nargs == 1 ? ck_single_value(c, a) : ck_value(c, a);
            if (f && a == n->list) ck_assign(c, a, TYPE_STRING, context);
            else if (ai->untyped) ck_default_convert(c, a, context);
        }
        if (f && nargs == 0) {
            ck_errorf(c, ck_start_pos(c, n), "not enough arguments in call to %s", fname);
            return ck_set_invalid(c, n);
        }
        return ck_set_value(c, n, s ? TM_VALUE : TM_VOID, s ? TYPE_STRING : 0);
    }
    default: break;
    }
    bool bad = false;
    for (Node *a = n->list; a; a = a->next)
        if (!ck_value(c, a)->type) bad = true;
    TypeId param = 0;
    int32_t want = 0;
    switch (id) {
    case NATIVE_SLEEP: case NATIVE_AFTER: param = TYPE_DURATION, want = 1; break;
    case NATIVE_WG_ADD: param = TYPE_INT, want = 1; break;
    case -2: param = type_func(c->S, 0, NULL, 0, NULL), want = 1; break; /* sync.Once.Do(f) */
    default: break;
    }
    if (!bad && nargs != want) {
        Node *at = n->list;
        if (nargs > want) {
            for (int32_t i = 0; i < want; i++) at = at->next;
        } else if (at) {
            while (at->next) at = at->next;
        }
        ck_errorf(c, at ? ck_start_pos(c, at) : ck_start_pos(c, n), "%s arguments in call to %s",
                  nargs > want ? "too many" : "not enough", fname);
    } else if (!bad && want) {
        ck_assign(c, n->list, param, context);
    }
    /* errors in the arguments leave the call's result valid, as in gc */
    switch (id) {
    case NATIVE_NUMGOROUTINE: return ck_set_value(c, n, TM_VALUE, TYPE_INT);
    case NATIVE_AFTER: return ck_set_value(c, n, TM_VALUE, type_chan(c->S, TYPE_TIME, CHAN_RECV));
    default: return ck_set_value(c, n, TM_VOID, 0);
    }
}

static NodeInfo *call(Checker *c, Node *n) {
    NodeInfo *fi = ck_expr(c, n->x);
    if (fi->mode == TM_BUILTIN) return builtin_call(c, n, fi->builtin);
    if (fi->mode == TM_NATIVE) return native_call(c, n, fi);
    if (fi->mode == TM_TYPE) {
        if (!fi->type) {
            use_all(c, n->list);
            return ck_set_invalid(c, n);
        }
        return conversion(c, n, fi->type);
    }
    fi = ck_single_value(c, n->x);
    if (!fi->type) {
        use_all(c, n->list);
        return ck_set_invalid(c, n);
    }
    if (!ck_is_kind(c, fi->type, TY_FUNC)) {
        ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot call non-function %s", ck_describe(c, n->x));
        return ck_set_invalid(c, n); /* gc leaves the arguments unchecked (and unused) */
    }
    TypeId ftype = fi->type;
    bool variadic = type_is_variadic(c->S, ftype);
    if ((n->flags & NF_DOTS) && !variadic) {
        use_all(c, n->list);
        ck_errorf(c, ck_start_pos(c, n), "cannot use ... in call to non-variadic %s", ck_expr_str(c, n->x));
        return ck_set_invalid(c, n);
    }
    const Type *ft = sim_type(c->S, ftype);
    int32_t npars = ft->nfields;
    TypeId *params = ck_alloc(c, sizeof(TypeId) * (size_t)(npars + 1));
    for (int32_t i = 0; i < npars; i++) params[i] = c->S->typelist.items[ft->field0 + i];
    if (variadic && !(n->flags & NF_DOTS)) check_variadic_args(c, n, params, npars);
    else check_args(c, n, params, npars);
    ft = sim_type(c->S, ftype); /* checking the arguments may have moved the type table */
    if (ft->nresults == 0) return ck_set_value(c, n, TM_VOID, 0);
    if (ft->nresults == 1) return ck_set_value(c, n, TM_VALUE, c->S->typelist.items[ft->field0 + ft->nfields]);
    return ck_set_value(c, n, TM_MULTI, ftype);
}

/* ---- expressions ------------------------------------------------------------------------ */

NodeInfo *ck_expr(Checker *c, Node *n) {
    NodeInfo *ni = ck_info(c, n);
    switch (n->kind) {
    case ND_IDENT: return ident(c, n);
    case ND_INT:
        if (n->flags & (NF_OVERFLOW | NF_OVERFLOW_U64)) return ck_set_const(c, n, TYPE_INT, ck_big_value(), true);
        return ck_set_const(c, n, TYPE_INT, value_int((int64_t)n->ival), true);
    case ND_CHAR: return ck_set_const(c, n, TYPE_RUNE, value_int((int64_t)n->ival), true);
    case ND_STRING: return ck_set_const(c, n, TYPE_STRING, value_string(c->S, n->str, n->len), true);
    case ND_FLOAT: ck_errorf(c, ck_start_pos(c, n), "floating-point numbers" UNSUPPORTED_PL); return ck_set_invalid(c, n);
    case ND_IMAG: ck_errorf(c, ck_start_pos(c, n), "complex numbers" UNSUPPORTED_PL); return ck_set_invalid(c, n);
    case ND_PAREN: {
        NodeInfo *xi = ck_expr(c, n->x);
        *ni = *xi;
        ni->iface_of = 0;
        return ni;
    }
    case ND_SELECTOR: return selector(c, n);
    case ND_BINARY: return binary_op(c, n, false);
    case ND_UNARY: return unary(c, n);
    case ND_STAR: {
        NodeInfo *xi = ck_expr(c, n->x);
        if (xi->mode == TM_TYPE) return ck_set_value(c, n, TM_TYPE, xi->type ? type_ptr(c->S, xi->type) : 0);
        xi = ck_single_value(c, n->x);
        if (!xi->type) return ck_set_invalid(c, n);
        if (!ck_is_kind(c, xi->type, TY_PTR)) {
            ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot indirect %s", ck_describe(c, n->x));
            return ck_set_invalid(c, n);
        }
        return ck_set_value(c, n, TM_VAR, sim_type(c->S, xi->type)->elem);
    }
    case ND_CALL: return call(c, n);
    case ND_INDEX: return index_expr(c, n);
    case ND_SLICE_EXPR: return slice_expr(c, n);
    case ND_COMPOSITE: return composite(c, n, 0);
    case ND_FUNC_LIT: {
        FuncInfo *fi = ck_new_func(c, n, NULL, c->fn);
        ni->lit = fi;
        fi->type = ck_func_type(c, n->type);
        ck_func_body(c, fi);
        return fi->type ? ck_set_value(c, n, TM_VALUE, fi->type) : ck_set_invalid(c, n);
    }
    case ND_TYPE_ASSERT:
        ck_expr(c, n->x);
        ck_errorf(c, ck_start_pos(c, n), "type assertions" UNSUPPORTED_PL);
        return ck_set_invalid(c, n);
    case ND_KEY_VALUE: ck_errorf(c, ck_start_pos(c, n), "unexpected key:value"); return ck_set_invalid(c, n);
    case ND_CHAN_TYPE: case ND_SLICE_TYPE: case ND_FUNC_TYPE: case ND_STRUCT_TYPE:
    case ND_INTERFACE_TYPE: case ND_MAP_TYPE: case ND_ARRAY_TYPE: case ND_ELLIPSIS: {
        TypeId t = ck_resolve_type(c, n);
        return ck_set_value(c, n, TM_TYPE, t);
    }
    default: ck_errorf(c, ck_start_pos(c, n), "unexpected %s", ast_kind_name(n->kind)); return ck_set_invalid(c, n);
    }
}
