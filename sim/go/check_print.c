/* check_print.c: types, expressions and operands as gc's messages print them.
 *
 * gc (types2) prints a type relative to the package being compiled, so
 * main.Task is "Task" while sync.Mutex keeps its package; an expression as
 * its syntax printer does (syntax.String: "s + n", "f(x, y)", composite and
 * function literal bodies shortened to "{…}"); an operand with what it is
 * and its type (operandString: "x (variable of type int)", "1 (untyped int
 * constant)", "<-ch (comma, ok expression of type string)"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"

/* A growable string; on running out of memory it stops growing (the
 * message is then truncated, which is harmless). */
typedef struct Str {
    char *p;
    size_t len, cap;
} Str;

enum { STR_MAX = 1 << 16 };

static void put_n(Str *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1 && cap < STR_MAX) cap *= 2;
        if (b->len + n + 1 > cap) n = cap > b->len + 1 ? cap - b->len - 1 : 0;
        char *np = realloc(b->p, cap);
        if (!np) return;
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void put(Str *b, const char *s) { put_n(b, s, strlen(s)); }

/* Moves the string into the Ast's arena. */
static const char *finish(Checker *c, Str *b) {
    const char *r = ast_strndup(c->ast, b->p ? b->p : "", b->len);
    free(b->p);
    return r ? r : "?";
}

/* ---- types ------------------------------------------------------------------ */

static void put_type(Checker *c, Str *b, TypeId t);

static void put_type_list(Checker *c, Str *b, int32_t from, int32_t n) {
    for (int32_t i = 0; i < n; i++) {
        if (i) put(b, ", ");
        put_type(c, b, c->S->typelist.items[from + i]);
    }
}

static void put_type(Checker *c, Str *b, TypeId t) {
    if (t <= 0 || t > c->S->types.len) {
        put(b, "invalid type");
        return;
    }
    switch (t) {
    case TYPE_NIL: put(b, "untyped nil"); return;
    case TYPE_ANY: put(b, c->any_name); return;
    case TYPE_RUNE: put(b, c->rune_name); return;
    case TYPE_EMPTY_STRUCT: put(b, "struct{}"); return;
    default: break;
    }
    const Type *ty = sim_type(c->S, t);
    if (ty->named || t < TYPE__FIRST_FREE) {
        const char *name = type_name(c->S, t);
        if (strncmp(name, "main.", 5) == 0) name += 5;
        put(b, name);
        return;
    }
    switch (ty->kind) {
    case TY_SLICE: put(b, "[]"); put_type(c, b, ty->elem); return;
    case TY_PTR: put(b, "*"); put_type(c, b, ty->elem); return;
    case TY_CHAN: {
        bool parens = false;
        if (ty->dir == CHAN_SEND) put(b, "chan<- ");
        else if (ty->dir == CHAN_RECV) put(b, "<-chan ");
        else {
            put(b, "chan ");
            parens = ck_is_kind(c, ty->elem, TY_CHAN) && sim_type(c->S, ty->elem)->dir == CHAN_RECV;
        }
        if (parens) put(b, "(");
        put_type(c, b, ty->elem);
        if (parens) put(b, ")");
        return;
    }
    case TY_FUNC: {
        int32_t f0 = ty->field0, np = ty->nfields, nr = ty->nresults;
        put(b, "func(");
        put_type_list(c, b, f0, np);
        put(b, ")");
        if (nr == 1) {
            put(b, " ");
            put_type(c, b, c->S->typelist.items[f0 + np]);
        } else if (nr > 1) {
            put(b, " (");
            put_type_list(c, b, f0 + np, nr);
            put(b, ")");
        }
        return;
    }
    case TY_STRUCT: {
        int32_t f0 = ty->field0, nf = ty->nfields;
        put(b, "struct{");
        for (int32_t i = 0; i < nf; i++) {
            const Field *f = &c->S->fields.items[f0 + i];
            if (i) put(b, "; ");
            put(b, strtab_get(&c->S->strs, f->name, NULL));
            put(b, " ");
            put_type(c, b, f->type);
        }
        put(b, "}");
        return;
    }
    default: put(b, type_name(c->S, t)); return;
    }
}

/* A tuple of the types typelist[from..from+n) named by the fields' names:
 * "(a int, b int)". */
static void put_named_tuple(Checker *c, Str *b, const Node *fields, int32_t from, int32_t n) {
    put(b, "(");
    int32_t i = 0;
    for (const Node *f = fields; f && i < n; f = f->next) {
        const Node *nm = f->list;
        do {
            if (i) put(b, ", ");
            if (nm) {
                put(b, nm->name);
                put(b, " ");
                nm = nm->next;
            }
            put_type(c, b, c->S->typelist.items[from + i]);
            i++;
        } while (nm && i < n);
    }
    put(b, ")");
}

/* The type of a declared function or literal: gc keeps the parameter
 * names ("func(x int) (n int)"). */
static void put_signature_type(Checker *c, Str *b, const Node *ft, TypeId t) {
    const Type *ty = sim_type(c->S, t);
    int32_t f0 = ty->field0, np = ty->nfields, nr = ty->nresults;
    put(b, "func");
    put_named_tuple(c, b, ft->list, f0, np);
    if (nr == 0) return;
    put(b, " ");
    if (nr == 1 && !ft->rhs->list) put_type(c, b, c->S->typelist.items[f0 + np]);
    else put_named_tuple(c, b, ft->rhs, f0 + np, nr);
}

const char *ck_type_str(Checker *c, TypeId t) {
    Str b = {0};
    put_type(c, &b, t);
    return finish(c, &b);
}

static const char *untyped_name(TypeId t) {
    switch (t) {
    case TYPE_STRING: return "untyped string";
    case TYPE_BOOL: return "untyped bool";
    case TYPE_RUNE: return "untyped rune";
    case TYPE_NIL: return "untyped nil";
    default: return "untyped int";
    }
}

const char *ck_operand_type(Checker *c, Node *n) {
    NodeInfo *ni = ck_info(c, n);
    if (ni->untyped || ni->type == TYPE_NIL) return untyped_name(ni->type);
    return ck_type_str(c, ni->type);
}

/* ---- constants ------------------------------------------------------------- */

/* strconv.Quote, shortened as go/constant prints long strings. */
static void put_quoted(Str *b, const char *s, int32_t len) {
    Str q = {0};
    put(&q, "\"");
    for (int32_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)s[i];
        int32_t r;
        int w = token_utf8_decode((const unsigned char *)s + i, (size_t)(len - i), &r);
        char tmp[16];
        if (r < 0) {
            snprintf(tmp, sizeof tmp, "\\x%02x", ch);
            put(&q, tmp);
        } else if (r == '"' || r == '\\') {
            tmp[0] = '\\', tmp[1] = (char)r, tmp[2] = 0;
            put(&q, tmp);
        } else if (r < 0x20 || r == 0x7F) {
            const char *esc = r == '\a' ? "\\a" : r == '\b' ? "\\b" : r == '\f' ? "\\f" : r == '\n' ? "\\n"
                            : r == '\r' ? "\\r" : r == '\t' ? "\\t" : r == '\v' ? "\\v" : NULL;
            if (esc) put(&q, esc);
            else {
                snprintf(tmp, sizeof tmp, "\\x%02x", ch);
                put(&q, tmp);
            }
        } else if (r >= 0x80 && r < 0xA0) {
            snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)r);
            put(&q, tmp);
        } else {
            put_n(&q, s + i, (size_t)w);
        }
        i += w;
    }
    put(&q, "\"");
    /* At most 72 runes: keep 69 and add "...". */
    size_t runes = 0, cut = 0;
    for (size_t i = 0; i < q.len; runes++) {
        int32_t r;
        if (runes == 69) cut = i;
        i += (size_t)token_utf8_decode((const unsigned char *)q.p + i, q.len - i, &r);
    }
    if (runes > 72) {
        put_n(b, q.p, cut);
        put(b, "...");
    } else {
        put_n(b, q.p ? q.p : "", q.len);
    }
    free(q.p);
}

const char *ck_const_str(Checker *c, TypeId t, Value v) {
    Str b = {0};
    int kind = t ? sim_type(c->S, t)->kind : TY_INT;
    if (kind == TY_STRING) {
        int32_t len;
        const char *s = strtab_get(&c->S->strs, v.ref, &len);
        put_quoted(&b, s, len);
    } else if (kind == TY_BOOL) {
        put(&b, v.i ? "true" : "false");
    } else {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", (long long)v.i);
        put(&b, tmp);
    }
    return finish(c, &b);
}

/* ---- expressions ------------------------------------------------------------- */

static void put_expr(Checker *c, Str *b, const Node *n);

static void put_src(Checker *c, Str *b, const Node *n) {
    size_t a = n->pos.offset, e = n->end;
    if (e > a && e <= c->ast->src_len) put_n(b, c->ast->src + a, e - a);
    else put(b, n->name ? n->name : "?");
}

static void put_list(Checker *c, Str *b, const Node *l, const char *sep) {
    for (const Node *x = l; x; x = x->next) {
        put_expr(c, b, x);
        if (x->next) put(b, sep);
    }
}

static const Node *unparen_c(const Node *n) {
    while (n && n->kind == ND_PAREN) n = n->x;
    return n;
}

/* A parameter list: "(a, b int, s string)". */
static void put_params(Checker *c, Str *b, const Node *fields) {
    put(b, "(");
    for (const Node *f = fields; f; f = f->next) {
        if (f->list) {
            put_list(c, b, f->list, ", ");
            put(b, " ");
        }
        put_expr(c, b, unparen_c(f->type));
        if (f->next) put(b, ", ");
    }
    put(b, ")");
}

static void put_signature(Checker *c, Str *b, const Node *ft) {
    put_params(c, b, ft->list);
    const Node *r = ft->rhs;
    if (!r) return;
    put(b, " ");
    if (!r->next && !r->list) put_expr(c, b, r->type);
    else put_params(c, b, r);
}

static void put_expr(Checker *c, Str *b, const Node *n) {
    if (!n) return;
    switch (n->kind) {
    case ND_IDENT: case ND_INT: case ND_FLOAT: case ND_IMAG: case ND_CHAR:
        if (n->name) put(b, n->name);
        else put_src(c, b, n);
        return;
    case ND_STRING: put_src(c, b, n); return;
    case ND_PAREN: put(b, "("); put_expr(c, b, n->x); put(b, ")"); return;
    case ND_SELECTOR: put_expr(c, b, n->x); put(b, "."); put(b, n->name ? n->name : "?"); return;
    case ND_INDEX: put_expr(c, b, n->x); put(b, "["); put_expr(c, b, n->y); put(b, "]"); return;
    case ND_SLICE_EXPR:
        put_expr(c, b, n->x);
        put(b, "[");
        put_expr(c, b, n->y);
        put(b, ":");
        put_expr(c, b, n->z);
        if (n->w) {
            put(b, ":");
            put_expr(c, b, n->w);
        }
        put(b, "]");
        return;
    case ND_TYPE_ASSERT:
        put_expr(c, b, n->x);
        put(b, ".(");
        if (n->type) put_expr(c, b, n->type);
        else put(b, "type");
        put(b, ")");
        return;
    case ND_CALL:
        put_expr(c, b, n->x);
        put(b, "(");
        put_list(c, b, n->list, ", ");
        if (n->flags & NF_DOTS) put(b, "...");
        put(b, ")");
        return;
    case ND_STAR: put(b, "*"); put_expr(c, b, n->x); return;
    case ND_UNARY: put(b, token_spelling(n->op)); put_expr(c, b, n->x); return;
    case ND_BINARY:
        put_expr(c, b, n->x);
        put(b, " ");
        put(b, token_spelling(n->op));
        put(b, " ");
        put_expr(c, b, n->y);
        return;
    case ND_KEY_VALUE: put_expr(c, b, n->x); put(b, ": "); put_expr(c, b, n->y); return;
    case ND_COMPOSITE:
        if (n->type) put_expr(c, b, n->type);
        put(b, n->list ? "{…}" : "{}");
        return;
    case ND_FUNC_LIT:
        put_expr(c, b, n->type);
        put(b, n->body && n->body->list ? " {…}" : " {}");
        return;
    case ND_FUNC_TYPE: put(b, "func"); put_signature(c, b, n); return;
    case ND_SLICE_TYPE: put(b, "[]"); put_expr(c, b, n->type); return;
    case ND_ARRAY_TYPE:
        put(b, "[");
        if (n->x) put_expr(c, b, n->x);
        else put(b, "...");
        put(b, "]");
        put_expr(c, b, n->type);
        return;
    case ND_MAP_TYPE: put(b, "map["); put_expr(c, b, n->x); put(b, "]"); put_expr(c, b, n->type); return;
    case ND_CHAN_TYPE: {
        bool parens = false;
        if (n->flags & NF_RECV_ONLY) put(b, "<-chan ");
        else if (n->flags & NF_SEND_ONLY) put(b, "chan<- ");
        else {
            put(b, "chan ");
            parens = n->type && n->type->kind == ND_CHAN_TYPE && (n->type->flags & NF_RECV_ONLY);
        }
        if (parens) put(b, "(");
        put_expr(c, b, n->type);
        if (parens) put(b, ")");
        return;
    }
    case ND_ELLIPSIS: put(b, "..."); put_expr(c, b, n->type); return;
    case ND_STRUCT_TYPE:
        put(b, "struct{");
        for (const Node *f = n->list; f; f = f->next) {
            if (f->list) {
                put_list(c, b, f->list, ", ");
                put(b, " ");
            }
            put_expr(c, b, f->type);
            if (f->next) put(b, "; ");
        }
        put(b, "}");
        return;
    case ND_INTERFACE_TYPE:
        put(b, "interface{");
        for (const Node *f = n->list; f; f = f->next) {
            if (f->list && f->type && f->type->kind == ND_FUNC_TYPE) {
                put_expr(c, b, f->list);
                put_signature(c, b, f->type);
            } else {
                put_expr(c, b, f->type);
            }
            if (f->next) put(b, "; ");
        }
        put(b, "}");
        return;
    default: put_src(c, b, n); return;
    }
}

const char *ck_expr_str(Checker *c, const Node *n) {
    Str b = {0};
    put_expr(c, &b, n);
    return finish(c, &b);
}

/* ---- operands ------------------------------------------------------------------ */

bool ck_is_nil(const Node *n) {
    n = unparen_c(n);
    const NodeInfo *ni = n ? node_info(n) : NULL;
    return n && n->kind == ND_IDENT && ni && ni->sym && ni->sym->kind == SYM_NIL;
}

const char *ck_describe(Checker *c, Node *n) {
    NodeInfo *ni = ck_info(c, n);
    if (ni->mode != TM_TYPE && ck_is_nil(n)) {
        if (!ni->type || ni->type == TYPE_NIL) return "nil";
        Str b = {0};
        put(&b, "nil (of type ");
        put_type(c, &b, ni->type);
        put(&b, ")");
        return finish(c, &b);
    }
    const char *e = ck_expr_str(c, n);
    Str b = {0};
    put(&b, e);
    put(&b, " (");
    switch (ni->mode) {
    case TM_TYPE: put(&b, "type"); break;
    case TM_VOID: put(&b, "no value"); break;
    case TM_BUILTIN: put(&b, "built-in"); break;
    case TM_PKG: put(&b, "package"); break;
    case TM_CONST: {
        const char *v = ck_is_big(ni->cval) ? e : ck_const_str(c, ni->type, ni->cval);
        if (ni->untyped) {
            put(&b, untyped_name(ni->type));
            put(&b, " constant");
            if (strcmp(v, e) != 0) {
                put(&b, " ");
                put(&b, v);
            }
        } else {
            put(&b, "constant");
            if (strcmp(v, e) != 0) {
                put(&b, " ");
                put(&b, v);
            }
            put(&b, " of type ");
            put_type(c, &b, ni->type);
        }
        break;
    }
    case TM_MULTI:
        put(&b, "value of type ");
        put(&b, n->kind == ND_CALL ? ck_results_str(c, n) : "tuple");
        break;
    default: {
        const Node *u = unparen_c(n);
        if (!ni->type) {
            put(&b, "invalid operand");
            break;
        }
        if (ni->untyped) {
            put(&b, untyped_name(ni->type));
            put(&b, ni->mode == TM_VAR ? " variable" : " value");
            break;
        }
        if (ni->mode == TM_VAR && ck_addressable(c, n)) put(&b, "variable");
        else if (u->kind == ND_UNARY && u->op == TK_ARROW) put(&b, "comma, ok expression");
        else put(&b, "value");
        put(&b, " of type ");
        /* a function or literal: its signature with the parameter names */
        const NodeInfo *ui = u->info ? node_info(u) : ni;
        FuncInfo *fn = NULL;
        if (u->kind == ND_FUNC_LIT) fn = ui->lit;
        else if (u->kind == ND_IDENT && ui->sym && ui->sym->kind == SYM_FUNC) fn = ui->sym->fn;
        else if (u->kind == ND_SELECTOR && ui->method) fn = ui->method->fn;
        if (fn && fn->decl && fn->decl->type && fn->type == ni->type) put_signature_type(c, &b, fn->decl->type, ni->type);
        else put_type(c, &b, ni->type);
        break;
    }
    }
    put(&b, ")");
    return finish(c, &b);
}

const char *ck_results_str(Checker *c, Node *call) {
    Node *f = (Node *)unparen_c(call->x);
    NodeInfo *fi = ck_info(c, f);
    if (fi->mode == TM_NATIVE && (fi->native == NATIVE_PRINTLN || fi->native == NATIVE_PRINT || fi->native == NATIVE_PRINTF))
        return "(n int, err error)";
    FuncInfo *fn = NULL;
    if (f->kind == ND_IDENT && fi->sym && fi->sym->kind == SYM_FUNC) fn = fi->sym->fn;
    else if (f->kind == ND_SELECTOR && fi->method) fn = fi->method->fn;
    else if (f->kind == ND_FUNC_LIT) fn = fi->lit;
    TypeId ft = fn ? fn->type : fi->type;
    if (!ft || !ck_is_kind(c, ft, TY_FUNC)) return "()";
    const Type *t = sim_type(c->S, ft);
    int32_t r0 = t->field0 + t->nfields, nr = t->nresults;
    Str b = {0};
    const Node *fields = fn && fn->decl && fn->decl->type ? fn->decl->type->rhs : NULL;
    if (fields) {
        put_named_tuple(c, &b, fields, r0, nr);
        return finish(c, &b);
    }
    put(&b, "(");
    put_type_list(c, &b, r0, nr);
    put(&b, ")");
    return finish(c, &b);
}

/* ---- positions ---------------------------------------------------------------- */

Pos ck_node_pos(Checker *c, const Node *n) {
    switch (n->kind) {
    case ND_BINARY: case ND_CALL: case ND_INDEX: case ND_SLICE_EXPR: case ND_COMPOSITE:
    case ND_TYPE_ASSERT: case ND_KEY_VALUE: case ND_ASSIGN: case ND_SEND: case ND_INCDEC:
        return n->opos;
    case ND_EXPR_STMT: return ck_node_pos(c, n->x);
    case ND_SELECTOR: {
        /* the '.' before the name */
        uint32_t off = n->opos.offset;
        while (off > n->pos.offset && c->ast->src[off - 1] != '.') off--;
        return off > n->pos.offset ? ck_pos_at(c, off - 1) : n->opos;
    }
    default: return n->pos;
    }
}

Pos ck_start_pos(Checker *c, const Node *n) {
    for (;;) {
        switch (n->kind) {
        case ND_COMPOSITE:
            if (!n->type) return n->opos;
            n = n->type;
            continue;
        case ND_SELECTOR: case ND_INDEX: case ND_TYPE_ASSERT: case ND_CALL: case ND_BINARY: case ND_SEND: case ND_INCDEC:
            n = n->x;
            continue;
        case ND_ASSIGN: n = n->list; continue;
        case ND_SLICE_EXPR: case ND_KEY_VALUE: return n->opos;
        case ND_EXPR_STMT: return ck_node_pos(c, n);
        default: return n->pos;
        }
    }
}
