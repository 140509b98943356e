/* check_stmt.c: type checking statements, and labels and branches.
 *
 * Follows types2's stmt.go and assignments.go (assignments, short variable
 * declarations, returns, switches with their duplicate cases, selects,
 * ranges), return.go (terminating statements, for "missing return"), and
 * the syntax package's branches.go, which gc runs while parsing (break,
 * continue, fallthrough, labels defined and not used). */
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "langver.h"

static Node *unparen(Node *n) {
    while (n && n->kind == ND_PAREN) n = n->x;
    return n;
}

static int32_t count(Node *l) {
    int32_t n = 0;
    for (; l; l = l->next) n++;
    return n;
}

static bool is_blank(Node *n) { return n->kind == ND_IDENT && strcmp(n->name, "_") == 0; }

static void block(Checker *c, Node *n) {
    ck_push_scope(c);
    for (Node *s = n->list; s; s = s->next) ck_stmt(c, s);
    ck_pop_scope(c);
}

/* ---- assignments ---------------------------------------------------------------------- */

/* An operand of a right side: a whole expression, the i-th result of a
 * call, or the second (untyped bool) value of a comma-ok receive. */
typedef struct Operand {
    Node *expr;    /* the node it comes from */
    TypeId type;
    bool whole;    /* the node itself (check it as any operand) */
    bool okbool;   /* the untyped bool of a comma-ok receive */
    bool valid;    /* not an operand gc calls invalid (its error was reported) */
} Operand;

/* exprList: the values of a right side; *commaok for v, ok = <-ch,
 * *any_invalid if one of them is invalid.  Returns how many there are. */
static int32_t expr_list(Checker *c, Node *rhs, bool allow_commaok, Operand **out, bool *commaok, bool *any_invalid) {
    *commaok = false;
    *any_invalid = false;
    int32_t n = count(rhs);
    if (n == 1) {
        Node *r = rhs, *u = unparen(rhs);
        NodeInfo *ri = ck_expr(c, r);
        if (ri->mode == TM_MULTI) {
            const Type *ft = sim_type(c->S, ri->type);
            int32_t k = ft->nresults, r0 = ft->field0 + ft->nfields;
            Operand *ops = ck_alloc(c, sizeof *ops * (size_t)k);
            for (int32_t i = 0; i < k; i++) ops[i] = (Operand){r, c->S->typelist.items[r0 + i], false, false, true};
            *out = ops;
            return k;
        }
        if (ck_is_void_native_with_results(c, r)) {
            Operand *ops = ck_alloc(c, sizeof *ops * 2);
            ops[0] = (Operand){r, TYPE_INT, false, false, true};
            ops[1] = (Operand){r, TYPE_ERROR, false, false, true};
            *out = ops;
            return 2;
        }
        ri = ck_single_value(c, r);
        *any_invalid = !ri->type;
        if (ri->type && allow_commaok && u->kind == ND_UNARY && u->op == TK_ARROW) {
            Operand *ops = ck_alloc(c, sizeof *ops * 2);
            ops[0] = (Operand){r, ri->type, true, false, true};
            ops[1] = (Operand){r, TYPE_BOOL, false, true, true};
            *out = ops;
            *commaok = true;
            return 2;
        }
        Operand *ops = ck_alloc(c, sizeof *ops);
        ops[0] = (Operand){r, ri->type, true, false, ri->type != 0};
        *out = ops;
        return 1;
    }
    Operand *ops = ck_alloc(c, sizeof *ops * (size_t)(n + 1));
    int32_t i = 0;
    for (Node *r = rhs; r; r = r->next, i++) {
        NodeInfo *ri = ck_value(c, r);
        if (!ri->type) *any_invalid = true;
        ops[i] = (Operand){r, ri->type, true, false, ri->type != 0};
    }
    *out = ops;
    return n;
}

/* assignment() of an operand to type t (0: the blank identifier, which
 * takes the default type).  Returns the operand's type after it, 0 on error. */
static TypeId assign_operand(Checker *c, Operand *x, TypeId t, const char *context) {
    if (x->whole) {
        NodeInfo *xi = ck_info(c, x->expr);
        if (!t) {
            if (xi->type == TYPE_NIL) {
                ck_errorf(c, ck_start_pos(c, x->expr), "use of untyped nil in %s", context);
                return 0;
            }
            if (xi->untyped && !ck_default_convert(c, x->expr, context)) return 0;
            return xi->type;
        }
        return ck_assign(c, x->expr, t, context) ? xi->type : 0;
    }
    if (!t) return x->okbool ? TYPE_BOOL : x->type;
    if (x->okbool) {
        if (ck_is_kind(c, t, TY_BOOL) || t == TYPE_ANY) return t;
        ck_errorf(c, ck_start_pos(c, x->expr), "cannot use %s (untyped bool value) as %s value in %s", ck_expr_str(c, x->expr),
                  ck_type_str(c, t), context);
        return 0;
    }
    if (ck_assignable_type(c, x->type, t)) return x->type;
    ck_errorf(c, ck_start_pos(c, x->expr), "cannot use %s (value of type %s) as type %s in %s", ck_expr_str(c, x->expr),
              ck_type_str(c, x->type), ck_type_str(c, t), context);
    return 0;
}

/* assignVar: x assigned to the existing variable (or field, element...) l. */
static void assign_var(Checker *c, Node *l, Operand *x, bool x_valid) {
    Node *u = unparen(l);
    if (!x_valid) {
        if (!is_blank(u)) ck_expr(c, l); /* check.use (which skips _) */
        else ck_info(c, l)->mode = TM_VAR;
        return;
    }
    if (is_blank(u)) {
        NodeInfo *li = ck_info(c, l);
        li->mode = TM_VAR;
        if (u != l) ck_info(c, u)->mode = TM_VAR;
        assign_operand(c, x, 0, "assignment to _ identifier");
        return;
    }
    Symbol *y = u->kind == ND_IDENT ? ck_lookup(c, u->name) : NULL;
    bool was = y && y->used;
    NodeInfo *li = ck_expr(c, l);
    if (y && y->kind == SYM_VAR) y->used = was; /* assigning is not using */
    if (!li->type || li->mode == TM_TYPE) {
        if (li->mode == TM_TYPE && li->type) ck_errorf(c, ck_start_pos(c, l), "%s is not an expression", ck_describe(c, l));
        return;
    }
    if (!ck_addressable(c, l)) {
        ck_errorf(c, ck_start_pos(c, l), "cannot assign to %s", ck_describe(c, l));
        return;
    }
    TypeId t = li->type;
    TypeId got = assign_operand(c, x, t, "assignment");
    if (got && !x->whole && ck_is_iface(c, t) && !ck_is_iface(c, x->type)) li->iface_of = x->okbool ? TYPE_BOOL : x->type;
}

/* initVar: a new variable of := (or an old one it reuses) initialised
 * with x; its type comes from x if it has none.  False if that failed --
 * except for an operand gc keeps valid (make(chan T) with T undefined). */
static bool init_var(Checker *c, Symbol *y, Operand *x, const char *context) {
    if (!x->valid) {
        if (x->whole && ck_broken_composite(c, x->expr)) return true;
        y->used = true; /* no follow-on "declared but not used" */
        return false;
    }
    if (!y->type) {
        TypeId t = assign_operand(c, x, 0, context);
        if (!t) {
            y->used = true;
            return false;
        }
        y->type = t;
        if (sim_type(c->S, t)->kind == TY_STRUCT) y->boxed = true;
        return true;
    }
    if (assign_operand(c, x, y->type, context)) return true;
    y->used = true;
    return false;
}

static void short_var_decl(Checker *c, Node *n) {
    int32_t nl = count(n->list);
    NodeInfo *ni = ck_info(c, n);
    ni->defs = ck_alloc(c, sizeof(Symbol *) * (size_t)nl);
    ni->ndefs = nl;
    Symbol **vars = ck_alloc(c, sizeof(Symbol *) * (size_t)nl);
    bool *fresh = ck_alloc(c, sizeof(bool) * (size_t)nl);
    bool has_err = false;
    int32_t nnew = 0, i = 0;
    for (Node *l = n->list; l; l = l->next, i++) {
        if (l->kind != ND_IDENT) {
            ck_expr(c, l);
            ck_errorf(c, ck_start_pos(c, l), "non-name %s on left side of :=", ck_expr_str(c, l));
            has_err = true;
            continue;
        }
        bool repeated = false;
        if (strcmp(l->name, "_"))
            for (Node *k = n->list; k != l; k = k->next)
                if (k->kind == ND_IDENT && strcmp(k->name, l->name) == 0) repeated = true;
        if (repeated) {
            ck_errorf(c, ck_start_pos(c, l), "%s repeated on left side of :=", l->name);
            has_err = true;
            continue;
        }
        Symbol *old = strcmp(l->name, "_") ? ck_lookup_in(c->scope, l->name) : NULL;
        if (old) {
            NodeInfo *li = ck_info(c, l);
            li->sym = old;
            if (old->kind == SYM_VAR) {
                vars[i] = old;
                li->mode = TM_VAR;
                li->type = old->type;
            } else {
                ck_errorf(c, ck_start_pos(c, l), "cannot assign to %s", l->name);
                has_err = true;
            }
            continue;
        }
        Symbol *y = ck_new_local(c, l->name, l->pos, 0);
        vars[i] = y;
        fresh[i] = true;
        if (strcmp(l->name, "_")) nnew++;
    }
    /* dummies where the left side is invalid */
    i = 0;
    for (Node *l = n->list; l; l = l->next, i++)
        if (!vars[i]) vars[i] = ck_new_local(c, "_", l->pos, 0), fresh[i] = true;
    Operand *ops = NULL;
    bool commaok, any_invalid;
    int32_t nr = expr_list(c, n->rhs, nl == 2, &ops, &commaok, &any_invalid);
    if (commaok) ni->builtin = 1; /* comma-ok receive */
    if (nr != nl) {
        for (i = 0; i < nl; i++) vars[i]->used = true;
        if (!any_invalid) ck_assign_mismatch(c, n->rhs, nl, nr);
    } else if (nl == 2 && nr == 2 && !commaok && ck_is_void_native_with_results(c, n->rhs)) {
        for (i = 0; i < nl; i++) vars[i]->used = true;
        ck_errorf(c, ck_start_pos(c, n->rhs), "the results of %s" UNSUPPORTED_PL, ck_expr_str(c, unparen(n->rhs)->x));
    } else {
        bool ok = true;
        for (i = 0; i < nl; i++)
            if (!init_var(c, vars[i], &ops[i], "assignment")) ok = false;
        if (!ok)
            for (i = 0; i < nl; i++) vars[i]->used = true;
    }
    /* The annotations the compiler reads. */
    i = 0;
    for (Node *l = n->list; l; l = l->next, i++) {
        NodeInfo *li = ck_info(c, l);
        if (fresh[i] && l->kind == ND_IDENT && strcmp(l->name, "_")) {
            ni->defs[i] = vars[i];
            li->sym = vars[i];
            li->mode = TM_VAR;
            li->type = vars[i]->type;
        } else if (l->kind == ND_IDENT) {
            li->mode = TM_VAR;
            if (!fresh[i]) {
                li->type = vars[i]->type;
                Operand *x = nr == nl ? &ops[i] : NULL;
                if (x && !x->whole && ck_is_iface(c, vars[i]->type) && !ck_is_iface(c, x->type))
                    li->iface_of = x->okbool ? TYPE_BOOL : x->type;
            }
        }
    }
    if (nnew == 0 && !has_err) ck_errorf(c, n->opos, "no new variables on left side of :=");
    i = 0;
    for (Node *l = n->list; l; l = l->next, i++)
        if (fresh[i] && l->kind == ND_IDENT && strcmp(l->name, "_")) ck_declare(c, vars[i]);
}

static void assign_stmt(Checker *c, Node *n) {
    int32_t nl = count(n->list), nr = count(n->rhs);
    NodeInfo *ni = ck_info(c, n);
    if (n->op == TK_DEFINE) {
        short_var_decl(c, n);
        return;
    }
    if (n->op != TK_ASSIGN) {
        /* x op= y */
        if (nl != 1 || nr != 1) {
            ck_errorf(c, ck_start_pos(c, n->list), "assignment operation %s requires single-valued expressions", token_spelling(n->op));
            return;
        }
        Node bin = *n;
        bin.kind = ND_BINARY;
        bin.x = n->list;
        bin.y = n->rhs;
        bin.next = NULL;
        bin.info = NULL;
        switch (n->op) {
        case TK_ADD_ASSIGN: bin.op = TK_ADD; break; case TK_SUB_ASSIGN: bin.op = TK_SUB; break;
        case TK_MUL_ASSIGN: bin.op = TK_MUL; break; case TK_QUO_ASSIGN: bin.op = TK_QUO; break;
        case TK_REM_ASSIGN: bin.op = TK_REM; break; case TK_AND_ASSIGN: bin.op = TK_AND; break;
        case TK_OR_ASSIGN: bin.op = TK_OR; break; case TK_XOR_ASSIGN: bin.op = TK_XOR; break;
        case TK_SHL_ASSIGN: bin.op = TK_SHL; break; case TK_SHR_ASSIGN: bin.op = TK_SHR; break;
        case TK_AND_NOT_ASSIGN: bin.op = TK_AND_NOT; break; default: break;
        }
        NodeInfo *bi = ck_binary(c, &bin, true);
        NodeInfo *li = ck_info(c, n->list);
        ni->conv = li->type;
        if (!bi->type || !li->type) return;
        if (!ck_addressable(c, n->list)) {
            ck_errorf(c, ck_start_pos(c, n->list), "cannot assign to %s", ck_describe(c, n->list));
            return;
        }
        /* the result of a shift of an untyped constant takes the variable's type */
        if (bi->untyped && li->type && bi->mode != TM_CONST) bi->untyped = false, bi->type = li->type;
        return;
    }
    /* assignVars */
    Operand *ops = NULL;
    bool commaok, any_invalid;
    int32_t got = expr_list(c, n->rhs, nl == 2, &ops, &commaok, &any_invalid);
    if (commaok) ni->builtin = 1; /* comma-ok receive */
    ni->defs = ck_alloc(c, sizeof(Symbol *) * (size_t)nl);
    ni->ndefs = nl;
    if (got != nl) {
        for (Node *l = n->list; l; l = l->next) assign_var(c, l, NULL, false);
        if (!any_invalid) ck_assign_mismatch(c, n->rhs, nl, got);
        return;
    }
    if (nl == 2 && !commaok && ck_is_void_native_with_results(c, n->rhs)) {
        for (Node *l = n->list; l; l = l->next) assign_var(c, l, NULL, false);
        ck_errorf(c, ck_start_pos(c, n->rhs), "the results of %s" UNSUPPORTED_PL, ck_expr_str(c, unparen(n->rhs)->x));
        return;
    }
    int32_t i = 0;
    for (Node *l = n->list; l; l = l->next, i++) assign_var(c, l, &ops[i], ops[i].valid);
}

/* ---- declarations inside functions ------------------------------------------------------ */

static void local_decl(Checker *c, Node *n) {
    Node *values = NULL, *type = NULL;
    for (Node *spec = n->list; spec; spec = spec->next) {
        if (spec->kind == ND_VAR_SPEC) {
            ck_var_spec(c, spec, false);
        } else if (spec->kind == ND_CONST_SPEC) {
            if (spec->rhs || spec->type) values = spec->rhs, type = spec->type;
            ck_const_spec(c, spec, values, type, false);
        } else if (spec->kind == ND_TYPE_SPEC) {
            ck_errorf(c, ck_start_pos(c, spec), "type declarations inside functions" UNSUPPORTED_PL);
        }
    }
}

/* ---- control flow --------------------------------------------------------------------------- */

static void cond(Checker *c, Node *n, const char *what) {
    NodeInfo *ni = ck_value(c, n);
    if (ni->type && !ck_is_kind(c, ni->type, TY_BOOL)) ck_errorf(c, ck_start_pos(c, n), "non-boolean condition in %s statement", what);
}

static void range_stmt(Checker *c, Node *n) {
    NodeInfo *xi = ck_value(c, n->x);
    NodeInfo *ni = ck_info(c, n);
    TypeId kt = 0, vt = 0;
    bool kvalid = false, vvalid = false;
    Node *vars[2] = {n->y, n->z};
    if (xi->type) {
        int k = sim_type(c->S, xi->type)->kind;
        if (k == TY_CHAN) {
            if (n->z) ck_errorf(c, ck_start_pos(c, n->z), "range over %s permits only one iteration variable", ck_describe(c, n->x));
            if (sim_type(c->S, xi->type)->dir == CHAN_SEND)
                ck_errorf(c, ck_start_pos(c, n->x), "cannot range over %s (receive from send-only channel)", ck_describe(c, n->x));
            kt = sim_type(c->S, xi->type)->elem;
            kvalid = true;
        } else if (k == TY_SLICE) {
            kt = TYPE_INT;
            vt = sim_type(c->S, xi->type)->elem;
            kvalid = vvalid = true;
        } else if (ck_is_int(c, xi->type) && c->out->lang < LANG_LOOPVAR) {
            ck_errorf(c, ck_start_pos(c, n->x), "cannot range over %s", ck_describe(c, n->x));
        } else if (ck_is_int(c, xi->type)) {
            /* range over an integer, from go1.22 */
            if (n->z) ck_errorf(c, ck_start_pos(c, n->z), "range over %s permits only one iteration variable", ck_describe(c, n->x));
            if (xi->untyped && !ck_default_convert(c, n->x, "range clause")) kt = 0;
            kt = xi->type;
            kvalid = kt != 0;
        } else if (k == TY_STRING) {
            ck_errorf(c, ck_start_pos(c, n->x), "range over strings" UNSUPPORTED);
        } else {
            ck_errorf(c, ck_start_pos(c, n->x), "cannot range over %s", ck_describe(c, n->x));
        }
    }
    ni->conv = xi->type;
    ni->defs = ck_alloc(c, sizeof(Symbol *) * 2);
    ni->ndefs = 2;
    ck_push_scope(c);
    TypeId types[2] = {kt, vt};
    bool valid[2] = {kvalid, vvalid};
    Symbol *fresh[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        if (!vars[i]) continue;
        if (n->op == TK_DEFINE) {
            if (vars[i]->kind != ND_IDENT) {
                ck_expr(c, vars[i]);
                ck_errorf(c, vars[i]->pos, "cannot declare %s", ck_expr_str(c, vars[i]));
                continue;
            }
            Symbol *y = ck_new_local(c, vars[i]->name, vars[i]->pos, valid[i] ? types[i] : 0);
            if (!valid[i]) y->used = true;
            NodeInfo *vi = ck_info(c, vars[i]);
            vi->mode = TM_VAR;
            vi->type = y->type;
            if (is_blank(vars[i])) continue;
            vi->sym = y;
            ni->defs[i] = y;
            fresh[i] = y;
        } else if (valid[i]) {
            Operand x = {vars[i], types[i], false, false, true};
            assign_var(c, vars[i], &x, true);
        } else {
            ck_expr(c, vars[i]);
        }
    }
    if (n->op == TK_DEFINE && !fresh[0] && !fresh[1])
        ck_errorf(c, ck_start_pos(c, n), "no new variables on left side of :=");
    for (int i = 0; i < 2; i++)
        if (fresh[i]) ck_declare(c, fresh[i]);
    block(c, n->body);
    ck_pop_scope(c);
}

static bool comm_ok(Node *s) {
    if (s->kind == ND_SEND) return true;
    Node *r = s->kind == ND_EXPR_STMT ? s->x : s->kind == ND_ASSIGN && s->rhs && !s->rhs->next ? s->rhs : NULL;
    if (!r || (s->kind == ND_ASSIGN && s->op != TK_ASSIGN && s->op != TK_DEFINE)) return false;
    r = unparen(r);
    return r->kind == ND_UNARY && r->op == TK_ARROW;
}

static void select_stmt(Checker *c, Node *n) {
    Node *first_default = NULL;
    int ncases = 0;
    for (Node *cl = n->list; cl; cl = cl->next) {
        if (cl->flags & NF_DEFAULT) {
            if (first_default)
                ck_errorf(c, ck_start_pos(c, cl), "multiple defaults (first at %s:%d:%d)", c->ast->filename, first_default->pos.line,
                          first_default->pos.col);
            else first_default = cl;
        } else {
            ncases++;
        }
    }
    if (ncases > 32) ck_errorf(c, ck_start_pos(c, n), "select with more than 32 cases" UNSUPPORTED);
    for (Node *cl = n->list; cl; cl = cl->next) {
        Node *s = cl->x;
        if (s && !comm_ok(s)) {
            ck_errorf(c, ck_start_pos(c, s), "select case must be send or receive (possibly with assignment)");
            continue;
        }
        ck_push_scope(c);
        if (s) ck_stmt(c, s);
        for (Node *b = cl->body ? cl->body->list : NULL; b; b = b->next) ck_stmt(c, b);
        ck_pop_scope(c);
    }
}

/* Are two constant case values equal (for "duplicate case")? */
static bool same_const(Checker *c, NodeInfo *a, NodeInfo *b) {
    if (a->type != b->type) return false;
    if (ck_is_kind(c, a->type, TY_STRING)) return a->cval.ref == b->cval.ref ||
        strcmp(strtab_get(&c->S->strs, a->cval.ref, NULL), strtab_get(&c->S->strs, b->cval.ref, NULL)) == 0;
    return a->cval.i == b->cval.i;
}

static void switch_stmt(Checker *c, Node *n) {
    ck_push_scope(c);
    if (n->init) ck_stmt(c, n->init);
    TypeId tt = TYPE_BOOL;
    bool tag_ok = true;
    Node tag_true = {0};
    NodeInfo tag_true_info = {0};
    Node *tag = n->x;
    if (tag) {
        if (tag->kind == ND_TYPE_ASSERT) {
            ck_expr(c, tag->x);
            ck_errorf(c, ck_start_pos(c, tag), "type switches" UNSUPPORTED_PL);
            ck_pop_scope(c);
            return;
        }
        NodeInfo *xi = ck_value(c, tag);
        if (xi->type == TYPE_NIL) {
            ck_errorf(c, ck_start_pos(c, tag), "use of untyped nil in switch expression");
            xi->type = 0;
        } else if (xi->untyped) {
            ck_default_convert(c, tag, "switch expression");
        }
        tt = xi->type;
        tag_ok = tt != 0;
        if (tag_ok && !ck_comparable(c, tt) && !ck_nilable(c, tt)) {
            ck_errorf(c, ck_start_pos(c, tag), "cannot switch on %s (%s is not comparable)", ck_describe(c, tag), ck_type_str(c, tt));
            tag_ok = false;
        }
    } else {
        /* a missing tag is the constant true */
        tag_true.kind = ND_IDENT;
        tag_true.name = "true";
        tag_true.pos = n->list ? n->list->pos : n->pos;
        tag_true_info.mode = TM_CONST;
        tag_true_info.type = TYPE_BOOL;
        tag_true_info.cval = value_bool(true);
        tag_true_info.field = tag_true_info.native = tag_true_info.builtin = -1;
        tag_true.info = &tag_true_info;
        tag = &tag_true;
    }
    ck_info(c, n)->conv = tt;
    Node *first_default = NULL;
    for (Node *cl = n->list; cl; cl = cl->next)
        if (cl->flags & NF_DEFAULT) {
            if (first_default)
                ck_errorf(c, ck_start_pos(c, cl), "multiple defaults (first at %s:%d:%d)", c->ast->filename, first_default->pos.line,
                          first_default->pos.col);
            else first_default = cl;
        }
    /* case values seen so far, for duplicates */
    int32_t nseen = 0, capseen = 0;
    Node **seen = NULL;
    for (Node *cl = n->list; cl; cl = cl->next) {
        for (Node *e = cl->list; e; e = e->next) {
            NodeInfo *ei = ck_value(c, e);
            if (!tag_ok || !ei->type) continue;
            if (!ck_convert_untyped_or_error(c, e, tt)) continue;
            NodeInfo res = *ei;
            Node tmp = *e;
            tmp.info = &res;
            Node cmp = *e;
            cmp.info = NULL;
            if (!ck_comparison(c, &cmp, &tmp, tag, TK_EQL, true)->type) continue;
            ei->iface_of = res.iface_of;
            if (ei->mode != TM_CONST) continue;
            bool dup = false;
            for (int32_t k = 0; k < nseen && !dup; k++) dup = same_const(c, node_info(seen[k]), ei);
            if (dup) {
                ck_errorf(c, ck_start_pos(c, e), "duplicate case %s in expression switch", ck_describe(c, e));
                continue;
            }
            if (nseen == capseen) {
                capseen = capseen ? capseen * 2 : 8;
                Node **ns = ck_alloc(c, sizeof *ns * (size_t)capseen);
                if (nseen) memcpy(ns, seen, sizeof *ns * (size_t)nseen);
                seen = ns;
            }
            seen[nseen++] = e;
        }
        ck_push_scope(c);
        for (Node *s = cl->body ? cl->body->list : NULL; s; s = s->next) ck_stmt(c, s);
        ck_pop_scope(c);
    }
    ck_pop_scope(c);
}

/* ---- statements -------------------------------------------------------------------------- */

/* Is n a call of the builtin panic? */
static bool is_panic_call(Node *n) {
    n = unparen(n);
    if (n->kind != ND_CALL || !n->info) return false;
    return node_info(n)->builtin == BI_PANIC && n->x->info && node_info(n->x)->mode == TM_BUILTIN;
}

/* "statement" calls may stand alone; others are "not used" (types2's exprKind). */
static bool statement_kind(Checker *c, Node *x, bool *conversion) {
    *conversion = false;
    x = unparen(x);
    if (x->kind == ND_UNARY && x->op == TK_ARROW) return true;
    if (x->kind != ND_CALL) return false;
    NodeInfo *ni = ck_info(c, x);
    NodeInfo *fi = x->x->info ? node_info(x->x) : NULL;
    if (fi && fi->mode == TM_TYPE) {
        *conversion = true;
        return false;
    }
    if (fi && fi->mode == TM_BUILTIN)
        return !(ni->builtin == BI_LEN || ni->builtin == BI_CAP || ni->builtin == BI_MAKE || ni->builtin == BI_NEW ||
                 ni->builtin == BI_APPEND);
    return true;
}

static void return_stmt(Checker *c, Node *n) {
    FuncInfo *f = c->fn;
    int32_t nres = f->nresults;
    if (!n->list) {
        if (nres && f->results[0] && f->results[0]->name[0] != '~') {
            /* named results: each must still be the one in scope */
            for (int32_t i = 0; i < nres; i++) {
                Symbol *r = f->results[i], *alt = ck_lookup(c, r->name);
                if (strcmp(r->name, "_") && alt && alt != r) {
                    ck_errorf(c, ck_start_pos(c, n), "result parameter %s not in scope at return", r->name);
                    break;
                }
            }
        } else if (nres) {
            ck_errorf(c, ck_start_pos(c, n), "not enough return values");
        }
        return;
    }
    Operand *ops = NULL;
    bool commaok, any_invalid;
    int32_t got = expr_list(c, n->list, false, &ops, &commaok, &any_invalid);
    if (got != nres) {
        if (any_invalid) return;
        Node *at = n->list;
        if (got > nres) {
            if (count(n->list) > nres)
                for (int32_t i = 0; i < nres; i++) at = at->next;
        } else {
            while (at->next) at = at->next;
        }
        ck_errorf(c, ck_start_pos(c, at), "%s return values", got > nres ? "too many" : "not enough");
        return;
    }
    for (int32_t i = 0; i < nres; i++)
        if (ops[i].valid) assign_operand(c, &ops[i], f->results[i]->type, "return statement");
}

void ck_stmt(Checker *c, Node *n) {
    switch (n->kind) {
    case ND_EMPTY: break;
    case ND_BLOCK: block(c, n); break;
    case ND_EXPR_STMT: {
        NodeInfo *ni = ck_expr(c, n->x);
        if (ni->mode == TM_BUILTIN) {
            ck_errorf(c, ck_start_pos(c, n->x), "%s must be called", ck_describe(c, n->x));
            break;
        }
        if (ni->mode == TM_TYPE) {
            if (ni->type) ck_errorf(c, ck_start_pos(c, n->x), "%s is not an expression", ck_describe(c, n->x));
            break;
        }
        if (ni->mode == TM_NATIVE) {
            ck_value(c, n->x);
            break;
        }
        bool conversion;
        if (statement_kind(c, n->x, &conversion)) break;
        if (!ni->type && ni->mode != TM_VOID) break; /* invalid: reported before */
        ck_errorf(c, ck_start_pos(c, n->x), "%s is not used", ck_describe(c, n->x));
        break;
    }
    case ND_SEND: {
        NodeInfo *ci = ck_value(c, n->x);
        NodeInfo *vi = ck_value(c, n->y);
        if (!ci->type || !vi->type) break;
        if (!ck_is_kind(c, ci->type, TY_CHAN)) {
            ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot send to non-channel %s", ck_describe(c, n->x));
            break;
        }
        const Type *ct = sim_type(c->S, ci->type);
        if (ct->dir == CHAN_RECV) {
            ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: cannot send to receive-only channel %s", ck_describe(c, n->x));
            break;
        }
        ck_assign(c, n->y, ct->elem, "send");
        break;
    }
    case ND_INCDEC: {
        NodeInfo *xi = ck_value(c, n->x);
        if (!xi->type) break;
        if (!ck_is_int(c, xi->type)) {
            ck_errorf(c, ck_start_pos(c, n->x), "invalid operation: %s%s (non-numeric type %s)", ck_expr_str(c, n->x),
                      n->op == TK_INC ? "++" : "--", ck_operand_type(c, n->x));
            break;
        }
        if (!ck_addressable(c, n->x)) {
            ck_errorf(c, ck_start_pos(c, n->x), "cannot assign to %s", ck_describe(c, n->x));
            break;
        }
        ck_info(c, n)->conv = xi->type;
        break;
    }
    case ND_ASSIGN: assign_stmt(c, n); break;
    case ND_GO:
    case ND_DEFER: {
        Node *x = unparen(n->x);
        const char *kw = n->kind == ND_GO ? "go" : "defer";
        if (x->kind != ND_CALL) {
            ck_expr(c, n->x);
            ck_errorf(c, ck_start_pos(c, n->x), "expression in %s must be function call", kw);
            break;
        }
        NodeInfo *ci = ck_expr(c, x);
        if (ci->mode == TM_BUILTIN || ci->mode == TM_TYPE) break;
        bool conversion;
        if (statement_kind(c, x, &conversion) || (!ci->type && ci->mode != TM_VOID)) break;
        ck_errorf(c, ck_start_pos(c, x), "%s %s %s", kw, conversion ? "requires function call, not conversion" : "discards result of",
                  ck_describe(c, x));
        break;
    }
    case ND_RETURN: return_stmt(c, n); break;
    case ND_BRANCH:
        if (n->op == TK_GOTO) ck_errorf(c, ck_start_pos(c, n), "goto" UNSUPPORTED);
        break; /* the rest: ck_branches */
    case ND_LABELED: ck_stmt(c, n->body); break;
    case ND_IF:
        ck_push_scope(c);
        if (n->init) ck_stmt(c, n->init);
        cond(c, n->cond, "if");
        block(c, n->body);
        if (n->els) ck_stmt(c, n->els);
        ck_pop_scope(c);
        break;
    case ND_FOR:
        ck_push_scope(c);
        if (n->init) ck_stmt(c, n->init);
        if (n->cond) cond(c, n->cond, "for");
        if (n->post) ck_stmt(c, n->post); /* a := there is the parser's syntax error */
        block(c, n->body);
        ck_pop_scope(c);
        break;
    case ND_RANGE: range_stmt(c, n); break;
    case ND_SWITCH: switch_stmt(c, n); break;
    case ND_SELECT: select_stmt(c, n); break;
    case ND_VAR_DECL:
    case ND_CONST_DECL:
    case ND_TYPE_DECL: local_decl(c, n); break;
    case ND_FUNC_DECL: ck_errorf(c, ck_start_pos(c, n), "function declarations inside functions are not allowed"); break;
    default: ck_errorf(c, ck_start_pos(c, n), "unexpected %s statement", ast_kind_name(n->kind)); break;
    }
}

void ck_body(Checker *c, Node *body) {
    for (Node *s = body->list; s; s = s->next) ck_stmt(c, s);
    ck_branches(c, body);
}

/* ---- terminating statements (return.go) ------------------------------------------------------ */

static bool has_break(Node *s, const char *label, bool implicit);

static bool has_break_list(Node *list, const char *label, bool implicit) {
    for (Node *s = list; s; s = s->next)
        if (has_break(s, label, implicit)) return true;
    return false;
}

static bool has_break(Node *s, const char *label, bool implicit) {
    if (!s) return false;
    switch (s->kind) {
    case ND_LABELED: return has_break(s->body, label, implicit);
    case ND_BRANCH:
        if (s->op == TK_BREAK) {
            if (!s->name) return implicit;
            if (label && strcmp(s->name, label) == 0) return true;
        }
        return false;
    case ND_BLOCK: return has_break_list(s->list, label, implicit);
    case ND_IF: return has_break(s->body, label, implicit) || (s->els && has_break(s->els, label, implicit));
    case ND_SWITCH:
    case ND_SELECT:
        if (label)
            for (Node *cl = s->list; cl; cl = cl->next)
                if (cl->body && has_break_list(cl->body->list, label, false)) return true;
        return false;
    case ND_FOR:
    case ND_RANGE: return label && has_break(s->body, label, false);
    default: return false;
    }
}

static bool terminating_list(Node *list, const char *label);

static bool terminating_labeled(Node *n, const char *label) {
    if (!n) return false;
    switch (n->kind) {
    case ND_LABELED: return terminating_labeled(n->body, n->name);
    case ND_EXPR_STMT: return is_panic_call(n->x);
    case ND_RETURN: return true;
    case ND_BRANCH: return n->op == TK_GOTO || n->op == TK_FALLTHROUGH;
    case ND_BLOCK: return terminating_list(n->list, NULL);
    case ND_IF: return n->els && terminating_labeled(n->body, NULL) && terminating_labeled(n->els, NULL);
    case ND_SWITCH:
    case ND_SELECT: {
        bool def = n->kind == ND_SELECT;
        for (Node *cl = n->list; cl; cl = cl->next) {
            if (cl->flags & NF_DEFAULT) def = true;
            Node *body = cl->body ? cl->body->list : NULL;
            if (!terminating_list(body, NULL) || has_break_list(body, label, true)) return false;
        }
        return def;
    }
    case ND_FOR: return !n->cond && !has_break(n->body, label, true);
    default: return false;
    }
}

static bool terminating_list(Node *list, const char *label) {
    Node *last = NULL;
    for (Node *s = list; s; s = s->next)
        if (s->kind != ND_EMPTY) last = s;
    return last && terminating_labeled(last, label);
}

bool ck_terminating(Node *n) { return terminating_labeled(n, NULL); }

/* ---- labels and branches (syntax/branches.go) ---------------------------------------------------- */

typedef struct BBlock {
    struct BBlock *parent;
    Node *lstmt; /* the labeled statement of this block, or NULL */
} BBlock;

typedef struct Label {
    Node *stmt;      /* the ND_LABELED */
    BBlock *parent;
    bool used;
} Label;

typedef struct Labels {
    Checker *c;
    Label *items;
    int32_t n, cap;
    const char **gotos; /* targets of the function's gotos */
    int32_t ngotos, capgotos;
} Labels;

typedef struct Targets {
    Node *breaks;    /* ND_FOR, ND_RANGE, ND_SWITCH, ND_SELECT or NULL */
    Node *continues; /* ND_FOR, ND_RANGE or NULL */
    int case_index;  /* of the enclosing switch's clause, or -1 */
} Targets;

static Label *find_label(Labels *ls, const char *name) {
    for (int32_t i = 0; i < ls->n; i++)
        if (strcmp(ls->items[i].stmt->name, name) == 0) return &ls->items[i];
    return NULL;
}

/* Where the label of `break L` is: after the keyword. */
static Pos label_pos(Checker *c, Node *branch) {
    uint32_t off = branch->pos.offset + (branch->op == TK_BREAK ? 5 : branch->op == TK_CONTINUE ? 8 : 4);
    while (off < c->ast->src_len && (c->ast->src[off] == ' ' || c->ast->src[off] == '\t')) off++;
    return ck_pos_at(c, off);
}

/* The labeled statement the branch names, if it encloses it; *found
 * tells whether the label exists at all. */
static Node *enclosing_target(Labels *ls, BBlock *b, const char *name, bool *found) {
    Label *l = find_label(ls, name);
    *found = l != NULL;
    if (!l) return NULL;
    l->used = true;
    for (; b; b = b->parent)
        if (b->lstmt == l->stmt) return l->stmt;
    return NULL;
}

static void block_branches(Labels *ls, BBlock *parent, Targets ctxt, Node *lstmt, Node *list);

static void inner_block(Labels *ls, BBlock *b, Targets ctxt, Node *lstmt, Node *list) {
    block_branches(ls, b, ctxt, lstmt, list);
}

static void block_branches(Labels *ls, BBlock *parent, Targets ctxt, Node *lstmt_in, Node *list) {
    Checker *c = ls->c;
    BBlock *b = ck_alloc(c, sizeof *b);
    b->parent = parent;
    b->lstmt = lstmt_in;
    int32_t len = count(list), index = 0;
    for (Node *s0 = list; s0; s0 = s0->next, index++) {
        Node *lstmt = NULL;
        Node *s = s0;
        while (s->kind == ND_LABELED) {
            if (strcmp(s->name, "_")) {
                Label *alt = find_label(ls, s->name);
                if (alt) {
                    ck_errorf(c, ck_start_pos(c, s), "label %s already defined at %s:%d:%d", s->name, c->ast->filename,
                              alt->stmt->pos.line, alt->stmt->pos.col);
                } else {
                    if (ls->n == ls->cap) {
                        ls->cap = ls->cap ? ls->cap * 2 : 8;
                        Label *ni = ck_alloc(c, sizeof *ni * (size_t)ls->cap);
                        if (ls->n) memcpy(ni, ls->items, sizeof *ni * (size_t)ls->n);
                        ls->items = ni;
                    }
                    ls->items[ls->n++] = (Label){s, b, false};
                }
                lstmt = s;
            }
            s = s->body;
        }
        switch (s->kind) {
        case ND_BRANCH:
            if (s->op == TK_GOTO) break;
            if (!s->name) {
                if (s->op == TK_BREAK) {
                    if (!ctxt.breaks) ck_errorf(c, ck_start_pos(c, s), "break is not in a loop, switch, or select");
                } else if (s->op == TK_CONTINUE) {
                    if (!ctxt.continues) ck_errorf(c, ck_start_pos(c, s), "continue is not in a loop");
                } else if (s->op == TK_FALLTHROUGH) {
                    const char *msg = "fallthrough statement out of place";
                    if (ctxt.breaks && ctxt.breaks->kind == ND_SWITCH) {
                        if (ctxt.case_index < 0 || index + 1 < len) {
                            /* nested in a block or not the last statement */
                        } else if (ctxt.case_index + 1 == count(ctxt.breaks->list)) {
                            msg = "cannot fallthrough final case in switch";
                        } else {
                            msg = NULL;
                        }
                    }
                    if (msg) ck_errorf(c, ck_start_pos(c, s), "%s", msg);
                }
                break;
            }
            {
                bool found;
                Node *t = enclosing_target(ls, b, s->name, &found);
                Node *ts = t ? t->body : NULL;
                while (ts && ts->kind == ND_LABELED) ts = ts->body;
                if (s->op == TK_BREAK) {
                    if (!found) ck_errorf(c, label_pos(c, s), "break label not defined: %s", s->name);
                    else if (!ts || !(ts->kind == ND_FOR || ts->kind == ND_RANGE || ts->kind == ND_SWITCH || ts->kind == ND_SELECT))
                        ck_errorf(c, label_pos(c, s), "invalid break label %s", s->name);
                } else if (s->op == TK_CONTINUE) {
                    if (!found) ck_errorf(c, label_pos(c, s), "continue label not defined: %s", s->name);
                    else if (!ts || !(ts->kind == ND_FOR || ts->kind == ND_RANGE))
                        ck_errorf(c, label_pos(c, s), "invalid continue label %s", s->name);
                }
            }
            break;
        case ND_BLOCK: inner_block(ls, b, (Targets){ctxt.breaks, ctxt.continues, -1}, lstmt, s->list); break;
        case ND_IF: {
            Targets inner = {ctxt.breaks, ctxt.continues, -1};
            inner_block(ls, b, inner, lstmt, s->body->list);
            if (s->els) {
                Node one = *s->els;
                one.next = NULL;
                inner_block(ls, b, inner, lstmt, &one);
            }
            break;
        }
        case ND_FOR:
        case ND_RANGE: inner_block(ls, b, (Targets){s, s, -1}, lstmt, s->body->list); break;
        case ND_SWITCH: {
            int i = 0;
            for (Node *cl = s->list; cl; cl = cl->next, i++)
                inner_block(ls, b, (Targets){s, ctxt.continues, i}, lstmt, cl->body ? cl->body->list : NULL);
            break;
        }
        case ND_SELECT:
            for (Node *cl = s->list; cl; cl = cl->next)
                inner_block(ls, b, (Targets){s, ctxt.continues, -1}, lstmt, cl->body ? cl->body->list : NULL);
            break;
        default: break;
        }
    }
}

/* The targets of every goto in a body (func literals excluded): gc counts
 * a label a goto names as used. */
static void collect_gotos(Labels *ls, Node *s) {
    if (!s) return;
    if (s->kind == ND_BRANCH && s->op == TK_GOTO && s->name) {
        if (ls->ngotos == ls->capgotos) {
            ls->capgotos = ls->capgotos ? ls->capgotos * 2 : 8;
            const char **ng = ck_alloc(ls->c, sizeof *ng * (size_t)ls->capgotos);
            if (ls->ngotos) memcpy(ng, ls->gotos, sizeof *ng * (size_t)ls->ngotos);
            ls->gotos = ng;
        }
        ls->gotos[ls->ngotos++] = s->name;
        return;
    }
    switch (s->kind) {
    case ND_LABELED: collect_gotos(ls, s->body); break;
    case ND_BLOCK: for (Node *k = s->list; k; k = k->next) collect_gotos(ls, k); break;
    case ND_IF: collect_gotos(ls, s->body); collect_gotos(ls, s->els); break;
    case ND_FOR: case ND_RANGE: collect_gotos(ls, s->body); break;
    case ND_SWITCH: case ND_SELECT:
        for (Node *cl = s->list; cl; cl = cl->next) collect_gotos(ls, cl->body);
        break;
    default: break;
    }
}

void ck_branches(Checker *c, Node *body) {
    Labels ls = {0};
    ls.c = c;
    for (Node *s = body->list; s; s = s->next) collect_gotos(&ls, s);
    block_branches(&ls, NULL, (Targets){NULL, NULL, -1}, NULL, body->list);
    for (int32_t i = 0; i < ls.n; i++) {
        Label *l = &ls.items[i];
        for (int32_t k = 0; k < ls.ngotos && !l->used; k++) l->used = strcmp(ls.gotos[k], l->stmt->name) == 0;
        if (!l->used) ck_errorf(c, ck_start_pos(c, l->stmt), "label %s defined and not used", l->stmt->name);
    }
}
