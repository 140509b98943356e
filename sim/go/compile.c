/* compile.c: lowering the checked AST to the VM's stack bytecode.
 *
 * One walk per function.  Expressions push their value(s); statements leave
 * the operand stack as they found it.  Variables live in frame slots, or in
 * heap cells when the checker marked them boxed (their slot then holds the
 * cell's pointer).  The first instruction of every statement, and of every
 * loop iteration, is marked as a step boundary (Instr.stmt), so a step never
 * runs more than one statement and a loop can always be interrupted.
 *
 * Function literals and the small "thunk" functions that let `go` and
 * `defer` call a built-in or library function are queued and compiled after
 * the function that mentions them. */
#include "compile.h"

#include <stdio.h>
#include <string.h>

#include "../types.h"
#include "langver.h"
#include "parser.h"

typedef struct Patch { VEC(int32_t) at; } Patch;

typedef struct LoopCtx {
    struct LoopCtx *outer;
    const char *label;
    bool is_loop;
    VEC(int32_t) breaks;
    VEC(int32_t) continues;
} LoopCtx;

typedef struct Thunk {
    int32_t func;          /* Program.funcs index it fills */
    Node *call;            /* the go/defer call */
    FuncInfo *owner;
} Thunk;

typedef struct Compiler {
    Checked *C;
    Sim *S;
    Program *P;
    FuncInfo *fn;
    int32_t nlocals;       /* slots used so far in fn (checker's locals, then temporaries) */
    LoopCtx *loops;
    bool mark;             /* the next instruction starts a statement */
    int32_t line;
    StrId name_hint;       /* variable a make(chan) result is assigned to */
    const char *pending_label;
    VEC(Thunk) thunks;
    bool hidden;           /* emitting the synthetic entry */
    bool failed;
    Pos err_pos;
    char err[200];
} Compiler;

static void fail(Compiler *c, Node *n, const char *msg) {
    if (c->failed) return;
    c->failed = true;
    c->err_pos = n->pos;
    snprintf(c->err, sizeof c->err, "%s", msg);
}

static NodeInfo *ni(Node *n) { return node_info(n); }

static int32_t emit(Compiler *c, int op, int32_t a, int32_t b) {
    uint8_t flags = (c->mark ? INSTR_STMT : 0) | (vm_is_runtime_op(op) ? INSTR_RUNTIME : 0) |
                    (vm_is_visible_op(op) ? INSTR_VISIBLE : 0) | (c->hidden ? INSTR_HIDDEN : 0);
    Instr in = {(uint8_t)op, flags, 0, a, b, c->line};
    c->mark = false;
    VEC_PUSH(c->P->code, in);
    return c->P->code.len - 1;
}

/* A fused instruction with the third operand. */
static int32_t emit3(Compiler *c, int op, int32_t a, int32_t b, int32_t x) {
    int32_t at = emit(c, op, a, b);
    c->P->code.items[at].c = (uint16_t)x;
    return at;
}

static int32_t here(Compiler *c) { return c->P->code.len; }
static void patch(Compiler *c, int32_t at, int32_t target) { c->P->code.items[at].a = target; }

static void at_line(Compiler *c, Node *n) {
    if (n && n->pos.line) c->line = n->pos.line;
}

static int32_t temp(Compiler *c) { return c->nlocals++; }

static int32_t add_const(Compiler *c, Value v) {
    VEC_PUSH(c->P->consts, v);
    return c->P->consts.len - 1;
}

static void push_const(Compiler *c, TypeId t, Value v) {
    const Type *ty = sim_type(c->S, t);
    if (ty->kind == TY_INT && v.i >= INT32_MIN && v.i <= INT32_MAX) {
        emit(c, BC_INT, (int32_t)v.i, 0);
        return;
    }
    if (ty->kind == TY_BOOL) v = value_bool(v.i != 0);
    else if (ty->kind == TY_STRING) v.kind = VK_STRING;
    else if (ty->kind == TY_INT) v.kind = VK_INT;
    emit(c, BC_CONST, add_const(c, v), 0);
}

static bool is_struct(Compiler *c, TypeId t) { return t && sim_type(c->S, t)->kind == TY_STRUCT; }

static void expr(Compiler *c, Node *n);
static void value(Compiler *c, Node *n);
static void addr(Compiler *c, Node *n);
static void stmt(Compiler *c, Node *n);
static void block(Compiler *c, Node *n);
static int32_t call(Compiler *c, Node *n);

/* ---- variables ----------------------------------------------------------------- */

/* Pushes a pointer to a boxed variable (local, captured or global). */
static void var_addr(Compiler *c, Symbol *y) {
    if (!y->owner) {
        emit(c, BC_GLOBALADDR, y->slot, 0);
    } else if (y->owner == c->fn) {
        emit(c, BC_LOCAL, y->slot, 0);
    } else {
        int32_t k = -1;
        for (int32_t i = 0; i < c->fn->ncaptures; i++)
            if (c->fn->captures[i] == y) k = i;
        emit(c, BC_CAPTURE, k, 0);
    }
}

static bool direct(Compiler *c, Symbol *y) { return y->owner == c->fn && !y->boxed; }

static void load_var(Compiler *c, Symbol *y) {
    if (direct(c, y)) {
        emit(c, BC_LOCAL, y->slot, 0);
        return;
    }
    var_addr(c, y);
    emit(c, BC_LOAD, 0, 0);
}

/* Debug info: y (slot, or capture index k >= 0) is live from here until the
 * end of its block (closed by block()) or of its function. */
static void debug_var(Compiler *c, Symbol *y, int32_t k, bool param) {
    if (!y || !y->name || !y->name[0] || y->name[0] == '~' || strcmp(y->name, "_") == 0 || !c->fn) return;
    VarInfo v = {c->fn->index, k >= 0 ? k : y->slot, strtab_intern(&c->S->strs, y->name), y->type,
                 (uint8_t)(k >= 0 || y->boxed), (uint8_t)(k >= 0), (uint8_t)param, here(c), -1};
    VEC_PUSH(c->P->vars, v);
}

static void debug_close(Compiler *c, int32_t from, int32_t end) {
    for (int32_t k = from; k < c->P->vars.len; k++)
        if (c->P->vars.items[k].last_pc < 0) c->P->vars.items[k].last_pc = end;
}

/* Stores the value on top into y (a fresh cell for a new boxed variable). */
static void define_var(Compiler *c, Symbol *y) {
    if (!y) {
        emit(c, BC_POP, 1, 0);
        return;
    }
    if (y->boxed) emit(c, BC_BOX, 0, 0);
    emit(c, BC_SETLOCAL, y->slot, 0);
    debug_var(c, y, -1, false);
}

/* ---- expressions ----------------------------------------------------------------- */

static void finish_value(Compiler *c, Node *n) {
    NodeInfo *i = ni(n);
    if (i->iface_of) emit(c, BC_IFACE, i->iface_of, 0);
}

/* A value of a single-valued expression, copied if it is a struct variable,
 * boxed in an interface if the context asked. */
static void value(Compiler *c, Node *n) {
    expr(c, n);
    NodeInfo *i = ni(n);
    if (i->mode == TM_VAR && is_struct(c, i->type)) emit(c, BC_CLONE, i->type, 0);
    finish_value(c, n);
}

static void closure(Compiler *c, Node *n) {
    FuncInfo *lit = ni(n)->lit;
    if (lit->ncaptures == 0) {
        emit(c, BC_FUNC, lit->index, 0);
        return;
    }
    for (int32_t i = 0; i < lit->ncaptures; i++) var_addr(c, lit->captures[i]);
    emit(c, BC_CLOSURE, lit->index, lit->ncaptures);
}

static void composite(Compiler *c, Node *n) {
    TypeId t = ni(n)->type;
    const Type *ty = sim_type(c->S, t);
    if (ty->kind != TY_SLICE && ty->kind != TY_STRUCT) {
        emit(c, BC_ZERO, t, 0); /* sync.WaitGroup{} and friends */
        return;
    }
    if (ty->kind == TY_SLICE) {
        int32_t k = 0;
        for (Node *e = n->list; e; e = e->next, k++) value(c, e);
        emit(c, BC_SLICE, ty->elem, k);
        return;
    }
    int32_t nf = ty->nfields, f0 = ty->field0;
    bool keyed = n->list && n->list->kind == ND_KEY_VALUE;
    for (int32_t f = 0; f < nf; f++) {
        Node *v = NULL;
        int32_t k = 0;
        for (Node *e = n->list; e; e = e->next, k++) {
            if (keyed && ni(e)->field == f) v = e->y;
            if (!keyed && k == f) v = e;
        }
        if (v) {
            StrId saved = c->name_hint;
            c->name_hint = c->S->fields.items[f0 + f].name;
            value(c, v);
            c->name_hint = saved;
        } else {
            emit(c, BC_ZERO, c->S->fields.items[f0 + f].type, 0);
        }
    }
    emit(c, BC_STRUCT, t, nf);
}

static int arith_op(TokenKind op) {
    switch (op) {
    case TK_ADD: case TK_ADD_ASSIGN: return BC_ADD;
    case TK_SUB: case TK_SUB_ASSIGN: return BC_SUB;
    case TK_MUL: case TK_MUL_ASSIGN: return BC_MUL;
    case TK_QUO: case TK_QUO_ASSIGN: return BC_DIV;
    case TK_REM: case TK_REM_ASSIGN: return BC_MOD;
    case TK_AND: case TK_AND_ASSIGN: return BC_AND;
    case TK_OR: case TK_OR_ASSIGN: return BC_OR;
    case TK_XOR: case TK_XOR_ASSIGN: return BC_XOR;
    case TK_SHL: case TK_SHL_ASSIGN: return BC_SHL;
    case TK_SHR: case TK_SHR_ASSIGN: return BC_SHR;
    case TK_AND_NOT: case TK_AND_NOT_ASSIGN: return BC_ANDNOT;
    default: return BC_NOP;
    }
}

/* Applies arithmetic op to the two values on top, in type t. */
static void arith(Compiler *c, int op, TypeId t) {
    if (op == BC_ADD && sim_type(c->S, t)->kind == TY_STRING) {
        emit(c, BC_CONCAT, 0, 0);
        return;
    }
    emit(c, op, 0, 0);
    if (sim_type(c->S, t)->size == 4 && (op == BC_ADD || op == BC_SUB || op == BC_MUL || op == BC_SHL)) emit(c, BC_TRUNC, 32, 0);
}

/* An int constant that fits an instruction operand (and needs no boxing). */
static bool small_int_const(Compiler *c, Node *n, int32_t *k) {
    NodeInfo *i = ni(n);
    if (i->mode != TM_CONST || i->iface_of || !i->type || sim_type(c->S, i->type)->kind != TY_INT) return false;
    if (i->cval.i < INT32_MIN || i->cval.i > INT32_MAX) return false;
    *k = (int32_t)i->cval.i;
    return true;
}

/* A 64-bit integer type (no wrapping to 32 bits needed). */
static bool plain_int(Compiler *c, TypeId t) {
    return t && sim_type(c->S, t)->kind == TY_INT && sim_type(c->S, t)->size == 8;
}

/* The slot of x if it is a 64-bit int local in a frame slot (not a cell), else -1. */
static int32_t direct_int_local(Compiler *c, Node *x) {
    while (x->kind == ND_PAREN) x = x->x;
    if (x->kind != ND_IDENT || !ni(x)->sym || ni(x)->mode != TM_VAR) return -1;
    Symbol *y = ni(x)->sym;
    if (y->kind != SYM_VAR || !direct(c, y) || !plain_int(c, y->type) || y->slot > UINT16_MAX) return -1;
    return y->slot;
}

static int cmp_op(TokenKind op) {
    switch (op) {
    case TK_EQL: return BC_EQ; case TK_NEQ: return BC_NE; case TK_LSS: return BC_LT;
    case TK_LEQ: return BC_LE; case TK_GTR: return BC_GT; case TK_GEQ: return BC_GE;
    default: return 0;
    }
}

static void binary(Compiler *c, Node *n) {
    NodeInfo *i = ni(n);
    if (n->op == TK_LAND || n->op == TK_LOR) {
        value(c, n->x);
        emit(c, BC_DUP, 1, 0);
        int32_t j = emit(c, n->op == TK_LAND ? BC_JMPF : BC_JMPT, 0, 0);
        emit(c, BC_POP, 1, 0);
        value(c, n->y);
        patch(c, j, here(c));
        return;
    }
    int32_t k;
    if (small_int_const(c, n->y, &k) && plain_int(c, i->conv ? i->conv : i->type)) {
        /* x OP constant: one instruction instead of two */
        int op = cmp_op(n->op);
        int32_t slot = direct_int_local(c, n->x);
        if (!op && slot >= 0) {
            emit3(c, BC_LOCALARITHK, arith_op(n->op), k, slot);
            return;
        }
        value(c, n->x);
        if (op) emit(c, BC_CMPK, op, k);
        else emit(c, BC_ARITHK, arith_op(n->op), k);
        return;
    }
    value(c, n->x);
    value(c, n->y);
    switch (n->op) {
    case TK_EQL: emit(c, BC_EQ, i->conv, 0); return;
    case TK_NEQ: emit(c, BC_NE, i->conv, 0); return;
    case TK_LSS: case TK_LEQ: case TK_GTR: case TK_GEQ: {
        int op = n->op == TK_LSS ? BC_LT : n->op == TK_LEQ ? BC_LE : n->op == TK_GTR ? BC_GT : BC_GE;
        emit(c, op, 0, sim_type(c->S, i->conv)->kind == TY_STRING);
        return;
    }
    default: arith(c, arith_op(n->op), i->type);
    }
}

static void expr(Compiler *c, Node *n) {
    NodeInfo *i = ni(n);
    if (!i) {
        fail(c, n, "internal error: unchecked node");
        return;
    }
    if (i->mode == TM_CONST) {
        push_const(c, i->type, i->cval);
        return;
    }
    switch (n->kind) {
    case ND_PAREN: expr(c, n->x); return;
    case ND_IDENT: {
        Symbol *y = i->sym;
        if (!y) {
            fail(c, n, "internal error: unresolved name");
            return;
        }
        if (y->kind == SYM_NIL) {
            emit(c, BC_ZERO, i->type ? i->type : TYPE_NIL, 0);
            return;
        }
        if (y->kind == SYM_FUNC) {
            emit(c, BC_FUNC, y->fn->index, 0);
            return;
        }
        load_var(c, y);
        return;
    }
    case ND_SELECTOR:
        if (i->field >= 0) {
            NodeInfo *xi = ni(n->x);
            if (i->deref || xi->mode == TM_VAR) {
                addr(c, n);
                emit(c, BC_LOAD, 0, 0);
            } else {
                expr(c, n->x);
                emit(c, BC_FIELD, i->field, xi->type);
            }
            return;
        }
        fail(c, n, "method values are not supported by hchanviz (see docs/go-subset.md): call the method");
        return;
    case ND_UNARY:
        if (n->op == TK_AND) {
            Node *x = n->x;
            while (x->kind == ND_PAREN) x = x->x;
            if (x->kind == ND_COMPOSITE) {
                composite(c, x);
                emit(c, BC_BOX, 0, 0);
            } else {
                addr(c, x);
            }
            return;
        }
        value(c, n->x);
        if (n->op == TK_ARROW) emit(c, BC_RECV, 1, 0);
        else if (n->op == TK_SUB) {
            emit(c, BC_NEG, 0, 0);
            if (sim_type(c->S, i->type)->size == 4) emit(c, BC_TRUNC, 32, 0);
        } else if (n->op == TK_NOT) emit(c, BC_NOT, 0, 0);
        else if (n->op == TK_XOR) emit(c, BC_BITNOT, 0, 0);
        return;
    case ND_BINARY: binary(c, n); return;
    case ND_STAR:
        value(c, n->x);
        emit(c, BC_LOAD, 0, 0);
        return;
    case ND_CALL: call(c, n); return;
    case ND_INDEX:
        value(c, n->x);
        value(c, n->y);
        emit(c, BC_INDEX, 0, 0);
        return;
    case ND_SLICE_EXPR:
        value(c, n->x);
        if (n->y) value(c, n->y);
        else emit(c, BC_INT, 0, 0);
        if (n->z) value(c, n->z);
        else emit(c, BC_INT, -1, 0);
        emit(c, BC_SLICEEXPR, 0, 0);
        return;
    case ND_COMPOSITE: composite(c, n); return;
    case ND_FUNC_LIT: closure(c, n); return;
    default: fail(c, n, "internal error: cannot compile expression"); return;
    }
}

/* Pushes a pointer to an addressable expression. */
static void addr(Compiler *c, Node *n) {
    NodeInfo *i = ni(n);
    switch (n->kind) {
    case ND_PAREN: addr(c, n->x); return;
    case ND_IDENT: var_addr(c, i->sym); return;
    case ND_SELECTOR: {
        NodeInfo *xi = ni(n->x);
        TypeId st = xi->type;
        if (i->deref) {
            value(c, n->x);
            st = sim_type(c->S, st)->elem;
        } else {
            addr(c, n->x);
        }
        emit(c, BC_FIELDADDR, i->field, st);
        return;
    }
    case ND_STAR: value(c, n->x); return;
    case ND_INDEX:
        value(c, n->x);
        value(c, n->y);
        emit(c, BC_INDEXADDR, 0, 0);
        return;
    default: fail(c, n, "internal error: not addressable"); return;
    }
}

/* ---- calls ------------------------------------------------------------------------- */

static int32_t argtypes(Compiler *c, Node *args, int32_t extra, TypeId first) {
    int32_t at = c->P->argtypes.len, n = extra;
    for (Node *a = args; a; a = a->next) n++;
    VEC_PUSH(c->P->argtypes, n);
    if (extra) VEC_PUSH(c->P->argtypes, first);
    for (Node *a = args; a; a = a->next) {
        TypeId t = ni(a)->iface_of ? TYPE_ANY : ni(a)->type;
        VEC_PUSH(c->P->argtypes, t);
    }
    return at;
}

/* Pushes the receiver of method-like selector s (x.m) as the callee wants it. */
static void receiver(Compiler *c, Node *s) {
    NodeInfo *i = ni(s);
    if (i->addr_recv) addr(c, s->x);
    else if (i->deref_recv) {
        value(c, s->x);
        emit(c, BC_LOAD, 0, 0);
        emit(c, BC_CLONE, sim_type(c->S, ni(s->x)->type)->elem, 0);
    } else value(c, s->x);
}

/* Arguments; returns how many values were pushed. */
static int32_t args(Compiler *c, Node *list) {
    int32_t n = 0;
    if (list && !list->next && ni(list)->mode == TM_MULTI) return call(c, list);
    for (Node *a = list; a; a = a->next, n++) value(c, a);
    return n;
}

/* The arguments of call n to a function of type ftype: as they are, or for
 * a variadic function called without `...` the fixed ones, then the rest
 * packed into the final []T (nil when there are none, as in Go). */
static int32_t call_args(Compiler *c, Node *n, TypeId ftype) {
    if (!type_is_variadic(c->S, ftype) || (n->flags & NF_DOTS)) return args(c, n->list);
    const Type *ft = sim_type(c->S, ftype);
    int32_t fixed = ft->nfields - 1;
    TypeId st = c->S->typelist.items[ft->field0 + fixed];
    Node *a = n->list;
    for (int32_t k = 0; a && k < fixed; a = a->next, k++) value(c, a);
    int32_t extra = 0;
    for (; a; a = a->next, extra++) value(c, a);
    if (extra) emit(c, BC_SLICE, sim_type(c->S, st)->elem, extra);
    else emit(c, BC_ZERO, st, 0);
    return fixed + 1;
}

static int32_t builtin(Compiler *c, Node *n, int b) {
    Node *a0 = n->list;
    switch (b) {
    case BI_LEN:
    case BI_CAP:
        value(c, a0);
        emit(c, b == BI_LEN ? BC_LEN : BC_CAP, sim_type(c->S, ni(a0)->type)->kind, 0);
        return 1;
    case BI_MAKE: {
        TypeId t = ni(a0)->type;
        const Type *ty = sim_type(c->S, t);
        if (ty->kind == TY_CHAN) {
            StrId name = c->name_hint;
            if (a0->next) value(c, a0->next);
            emit(c, BC_MAKECHAN, ty->elem, (name << 1) | (a0->next ? 1 : 0));
        } else {
            value(c, a0->next);
            emit(c, BC_MAKESLICE, ty->elem, 0);
        }
        return 1;
    }
    case BI_NEW:
        emit(c, BC_ZERO, ni(a0)->type, 0);
        emit(c, BC_BOX, 0, 0);
        return 1;
    case BI_APPEND: {
        value(c, a0);
        int32_t k = 0;
        for (Node *a = a0->next; a; a = a->next, k++) value(c, a);
        emit(c, BC_APPEND, sim_type(c->S, ni(a0)->type)->elem, k);
        return 1;
    }
    case BI_CLOSE: value(c, a0); emit(c, BC_CLOSE, 0, 0); return 0;
    case BI_PANIC: value(c, a0); emit(c, BC_PANIC, 0, 0); return 0;
    case BI_RECOVER: emit(c, BC_RECOVER, 0, 0); return 1;
    }
    return 0;
}

static int32_t native(Compiler *c, Node *n, int id) {
    Node *f = n->x;
    while (f->kind == ND_PAREN) f = f->x;
    if (id == -2) { /* sync.Once.Do(f) */
        receiver(c, f);
        emit(c, BC_DUP, 1, 0);
        emit(c, BC_ONCEBEGIN, 0, 0);
        int32_t skip = emit(c, BC_JMPF, 0, 0);
        value(c, n->list);
        emit(c, BC_CALL, 0, 0);
        emit(c, BC_ONCEEND, 0, 0);
        int32_t end = emit(c, BC_JMP, 0, 0);
        patch(c, skip, here(c));
        emit(c, BC_POP, 1, 0);
        patch(c, end, here(c));
        return 0;
    }
    bool method = id == NATIVE_MUTEX_LOCK || id == NATIVE_MUTEX_UNLOCK || id == NATIVE_WG_ADD || id == NATIVE_WG_DONE || id == NATIVE_WG_WAIT;
    int32_t at;
    if (!method && n->list && !n->list->next && ni(n->list)->mode == TM_MULTI) {
        /* fmt.Println(f()): the results are the arguments. */
        const Type *ft = sim_type(c->S, ni(n->list)->type);
        at = c->P->argtypes.len;
        VEC_PUSH(c->P->argtypes, ft->nresults);
        for (int32_t k = 0; k < ft->nresults; k++) VEC_PUSH(c->P->argtypes, c->S->typelist.items[ft->field0 + ft->nfields + k]);
        call(c, n->list);
        emit(c, BC_NATIVE, id, at);
        return ni(n)->mode == TM_VALUE ? 1 : 0;
    }
    if (method) {
        receiver(c, f);
        at = argtypes(c, n->list, 1, TYPE_NIL);
    } else {
        at = argtypes(c, n->list, 0, 0);
    }
    for (Node *a = n->list; a; a = a->next) value(c, a);
    emit(c, BC_NATIVE, id, at);
    NodeInfo *i = ni(n);
    return i->mode == TM_VALUE ? 1 : 0;
}

/* A call; returns how many values it leaves. */
static int32_t call(Compiler *c, Node *n) {
    NodeInfo *i = ni(n);
    Node *f = n->x;
    while (f->kind == ND_PAREN) f = f->x;
    if (i->builtin >= 0 && i->mode != TM_MULTI && ni(f)->mode == TM_BUILTIN) return builtin(c, n, i->builtin);
    if (i->native != -1 && ni(f)->mode == TM_NATIVE) return native(c, n, i->native);
    if (i->conv) {
        value(c, n->list);
        if (sim_type(c->S, i->conv)->kind == TY_INT && sim_type(c->S, i->conv)->size == 4) emit(c, BC_TRUNC, 32, 0);
        return 1;
    }
    NodeInfo *fi = ni(f);
    int32_t nargs = 0;
    if (f->kind == ND_SELECTOR && fi->method) {
        emit(c, BC_FUNC, fi->method->fn->index, 0);
        receiver(c, f);
        nargs = 1;
    } else {
        value(c, f);
    }
    TypeId ftype = fi->method ? fi->method->fn->type : fi->type;
    nargs += call_args(c, n, ftype);
    emit(c, BC_CALL, 0, nargs);
    return sim_type(c->S, ftype)->nresults;
}

/* ---- assignment ------------------------------------------------------------------- */

static StrId hint_of(Compiler *c, Node *l) {
    while (l->kind == ND_PAREN) l = l->x;
    if (l->kind == ND_IDENT && strcmp(l->name, "_")) return strtab_intern(&c->S->strs, l->name);
    if (l->kind == ND_SELECTOR) return strtab_intern(&c->S->strs, l->name);
    return 0;
}

/* Stores the value on top of the stack into l (an existing variable). */
static void store_top(Compiler *c, Node *l) {
    while (l->kind == ND_PAREN) l = l->x;
    if (l->kind == ND_IDENT && strcmp(l->name, "_") == 0) {
        emit(c, BC_POP, 1, 0);
        return;
    }
    if (ni(l)->iface_of) emit(c, BC_IFACE, ni(l)->iface_of, 0);
    if (l->kind == ND_IDENT && direct(c, ni(l)->sym)) {
        emit(c, BC_SETLOCAL, ni(l)->sym->slot, 0);
        return;
    }
    int32_t t = temp(c);
    emit(c, BC_SETLOCAL, t, 0);
    addr(c, l);
    emit(c, BC_LOCAL, t, 0);
    emit(c, BC_STORE, 0, 0);
}

static void assign(Compiler *c, Node *n) {
    NodeInfo *i = ni(n);
    if (n->op != TK_ASSIGN && n->op != TK_DEFINE) {
        Node *l = n->list;
        TypeId t = i->conv ? i->conv : ni(l)->type;
        int op = arith_op(n->op);
        int32_t k;
        if (l->kind == ND_IDENT && direct(c, ni(l)->sym) && plain_int(c, t)) {
            if ((op == BC_ADD || op == BC_SUB) && small_int_const(c, n->rhs, &k) && k != INT32_MIN) {
                emit(c, BC_INCLOCAL, ni(l)->sym->slot, op == BC_ADD ? k : -k);
            } else {
                value(c, n->rhs);
                emit(c, BC_ARITHLOCAL, ni(l)->sym->slot, op);
            }
            return;
        }
        if (l->kind == ND_IDENT && direct(c, ni(l)->sym)) {
            emit(c, BC_LOCAL, ni(l)->sym->slot, 0);
            value(c, n->rhs);
            arith(c, op, t);
            emit(c, BC_SETLOCAL, ni(l)->sym->slot, 0);
            return;
        }
        addr(c, l);
        emit(c, BC_DUP, 1, 0);
        emit(c, BC_LOAD, 0, 0);
        value(c, n->rhs);
        arith(c, op, t);
        emit(c, BC_STORE, 0, 0);
        return;
    }
    int32_t nl = 0;
    for (Node *l = n->list; l; l = l->next) nl++;
    if (!n->rhs->next && nl > 1) {
        /* v1, v2 = f()  /  v, ok = <-ch */
        if (i->builtin == 1) {
            Node *r = n->rhs;
            while (r->kind == ND_PAREN) r = r->x;
            value(c, r->x);
            emit(c, BC_RECV, 3, 0);
        } else {
            call(c, n->rhs);
        }
        int32_t *tmp = malloc(sizeof *tmp * (size_t)nl);
        if (!tmp) abort();
        for (int32_t k = nl - 1; k >= 0; k--) {
            tmp[k] = temp(c);
            emit(c, BC_SETLOCAL, tmp[k], 0);
        }
        int32_t k = 0;
        for (Node *l = n->list; l; l = l->next, k++) {
            emit(c, BC_LOCAL, tmp[k], 0);
            if (i->defs && i->defs[k]) define_var(c, i->defs[k]);
            else store_top(c, l);
        }
        free(tmp);
        return;
    }
    if (nl == 1) {
        c->name_hint = hint_of(c, n->list);
        value(c, n->rhs);
        c->name_hint = 0;
        if (i->defs && i->defs[0]) define_var(c, i->defs[0]);
        else store_top(c, n->list);
        return;
    }
    /* Parallel assignment, in Go's two phases: first the operands of the
     * left sides (addresses of fields, elements, pointed-to values) and the
     * right sides, left to right; then the assignments, left to right. */
    int32_t *tmp = malloc(sizeof *tmp * (size_t)nl * 2);
    if (!tmp) abort();
    int32_t *where = tmp + nl;
    int32_t k = 0;
    for (Node *l = n->list; l; l = l->next, k++) {
        where[k] = -1;
        Node *x = l;
        while (x->kind == ND_PAREN) x = x->x;
        bool simple = x->kind == ND_IDENT && (strcmp(x->name, "_") == 0 || (i->defs && i->defs[k]) || direct(c, ni(x)->sym));
        if (simple) continue;
        addr(c, x);
        where[k] = temp(c);
        emit(c, BC_SETLOCAL, where[k], 0);
    }
    k = 0;
    Node *l = n->list;
    for (Node *r = n->rhs; r; r = r->next, l = l->next, k++) {
        c->name_hint = hint_of(c, l);
        value(c, r);
        c->name_hint = 0;
        tmp[k] = temp(c);
        emit(c, BC_SETLOCAL, tmp[k], 0);
    }
    k = 0;
    for (l = n->list; l; l = l->next, k++) {
        if (where[k] >= 0) {
            emit(c, BC_LOCAL, where[k], 0);
            emit(c, BC_LOCAL, tmp[k], 0);
            if (ni(l)->iface_of) emit(c, BC_IFACE, ni(l)->iface_of, 0);
            emit(c, BC_STORE, 0, 0);
            continue;
        }
        emit(c, BC_LOCAL, tmp[k], 0);
        if (i->defs && i->defs[k]) define_var(c, i->defs[k]);
        else store_top(c, l);
    }
    free(tmp);
}

static void var_spec(Compiler *c, Node *spec, bool global) {
    NodeInfo *i = ni(spec);
    int32_t nl = i->ndefs;
    if (spec->rhs && !spec->rhs->next && nl > 1) {
        if (i->builtin == 1) {
            value(c, spec->rhs->x);
            emit(c, BC_RECV, 3, 0);
        } else {
            call(c, spec->rhs);
        }
        for (int32_t k = nl - 1; k >= 0; k--) {
            Symbol *y = i->defs[k];
            if (global) {
                int32_t t = temp(c);
                emit(c, BC_SETLOCAL, t, 0);
                if (y && strcmp(y->name, "_")) {
                    emit(c, BC_GLOBALADDR, y->slot, 0);
                    emit(c, BC_LOCAL, t, 0);
                    emit(c, BC_STORE, 0, 0);
                }
            } else {
                define_var(c, y && strcmp(y->name, "_") ? y : NULL);
            }
        }
        return;
    }
    Node *r = spec->rhs;
    Node *nm = spec->list;
    for (int32_t k = 0; k < nl; k++, nm = nm->next) {
        Symbol *y = i->defs[k];
        bool blank = !y || strcmp(y->name, "_") == 0;
        if (global && !blank) emit(c, BC_GLOBALADDR, y->slot, 0);
        if (r) {
            c->name_hint = strtab_intern(&c->S->strs, nm->name);
            value(c, r);
            c->name_hint = 0;
            r = r->next;
        } else {
            emit(c, BC_ZERO, y ? y->type : TYPE_INT, 0);
        }
        if (global) {
            if (blank) emit(c, BC_POP, 1, 0);
            else emit(c, BC_STORE, 0, 0);
        } else {
            define_var(c, blank ? NULL : y);
        }
    }
}

/* ---- statements ---------------------------------------------------------------------- */

static LoopCtx *push_loop(Compiler *c, bool is_loop) {
    LoopCtx *l = calloc(1, sizeof *l);
    if (!l) abort();
    l->outer = c->loops;
    l->label = c->pending_label;
    l->is_loop = is_loop;
    c->pending_label = NULL;
    c->loops = l;
    return l;
}

static void pop_loop(Compiler *c, int32_t brk, int32_t cont) {
    LoopCtx *l = c->loops;
    for (int32_t i = 0; i < l->breaks.len; i++) patch(c, l->breaks.items[i], brk);
    for (int32_t i = 0; i < l->continues.len; i++) patch(c, l->continues.items[i], cont);
    VEC_FREE(l->breaks);
    VEC_FREE(l->continues);
    c->loops = l->outer;
    free(l);
}

/* From go1.22 each iteration of a three-clause loop has its own copy of
 * the variables its init declared; a closure keeps the iteration's copy.
 * Before, the loop has one variable and every closure sees its last value. */
static void fresh_loop_vars(Compiler *c, Node *init) {
    if (c->C->lang < LANG_LOOPVAR) return;
    if (!init || init->kind != ND_ASSIGN || init->op != TK_DEFINE) return;
    NodeInfo *i = ni(init);
    for (int32_t k = 0; k < i->ndefs; k++) {
        Symbol *y = i->defs[k];
        if (!y || !y->boxed) continue;
        emit(c, BC_LOCAL, y->slot, 0);
        emit(c, BC_LOAD, 0, 0);
        emit(c, BC_BOX, 0, 0);
        emit(c, BC_SETLOCAL, y->slot, 0);
    }
}

/* A loop with a condition is laid out condition-last (one jump per
 * iteration): init; JMP cond; body; post; cond: if cond goto body.  The
 * condition starts each iteration's first step. */
static void for_stmt(Compiler *c, Node *n) {
    if (n->init) stmt(c, n->init);
    push_loop(c, true);
    at_line(c, n);
    int32_t to_cond = -1;
    if (n->cond) {
        to_cond = emit(c, BC_JMP, 0, 0);
    } else {
        c->mark = true;
        emit(c, BC_NOP, 0, 0);
    }
    int32_t top = n->cond ? here(c) : here(c) - 1;
    block(c, n->body);
    int32_t cont = here(c);
    at_line(c, n);
    fresh_loop_vars(c, n->init);
    if (n->post) {
        c->mark = true;
        stmt(c, n->post);
    }
    if (n->cond) {
        patch(c, to_cond, here(c));
        at_line(c, n->cond);
        c->mark = true;
        /* `i < K` and `i < n` on int locals: one instruction per iteration. */
        Node *cond = n->cond;
        while (cond->kind == ND_PAREN) cond = cond->x;
        int32_t slot = -1, k, rhs;
        if (cond->kind == ND_BINARY && cond->op == TK_LSS && ni(cond)->mode != TM_CONST) slot = direct_int_local(c, cond->x);
        if (slot >= 0 && small_int_const(c, cond->y, &k)) {
            emit3(c, BC_LOOPLTK, top, k, slot);
        } else if (slot >= 0 && (rhs = direct_int_local(c, cond->y)) >= 0) {
            emit3(c, BC_LOOPLTL, top, rhs, slot);
        } else {
            value(c, n->cond);
            emit(c, BC_JMPT, top, 0);
        }
    } else {
        emit(c, BC_JMP, top, 0);
    }
    pop_loop(c, here(c), cont);
}

static void range_stmt(Compiler *c, Node *n) {
    NodeInfo *i = ni(n);
    int kind = sim_type(c->S, i->conv)->kind;
    Node *kv[2] = {n->y, n->z};
    value(c, n->x);
    int32_t src = temp(c);
    emit(c, BC_SETLOCAL, src, 0);
    int32_t idx = -1, len = -1;
    if (kind != TY_CHAN) {
        idx = temp(c);
        len = temp(c);
        emit(c, BC_INT, 0, 0);
        emit(c, BC_SETLOCAL, idx, 0);
        emit(c, BC_LOCAL, src, 0);
        if (kind == TY_SLICE) emit(c, BC_LEN, TY_SLICE, 0);
        emit(c, BC_SETLOCAL, len, 0);
    }
    /* Before go1.22 the loop's variables are declared once, before it: a
     * captured one is one cell for the whole loop, stored each iteration. */
    bool shared_vars = c->C->lang < LANG_LOOPVAR && n->op == TK_DEFINE;
    if (shared_vars) {
        for (int k = 0; k < 2; k++) {
            Symbol *y = kv[k] ? i->defs[k] : NULL;
            if (!y || !y->boxed) continue;
            emit(c, BC_ZERO, y->type, 0);
            define_var(c, y);
        }
    }
    push_loop(c, true);
    at_line(c, n);
    c->mark = true;
    int32_t top = here(c), exit_jump;
    int32_t got[2] = {-1, -1};
    bool direct_value = false;
    if (kind == TY_CHAN) {
        /* One instruction receives into the loop variable (or a temporary)
         * and leaves the loop when the channel is closed and drained. */
        Symbol *y = n->op == TK_DEFINE && kv[0] ? i->defs[0] : NULL;
        direct_value = y && !y->boxed && y->slot <= UINT16_MAX;
        got[0] = direct_value ? y->slot : temp(c);
        exit_jump = emit3(c, BC_RANGERECV, 0, got[0], src);
    } else {
        emit(c, BC_LOCAL, idx, 0);
        emit(c, BC_LOCAL, len, 0);
        emit(c, BC_LT, 0, 0);
        exit_jump = emit(c, BC_JMPF, 0, 0);
        got[0] = idx;
        if (kind == TY_SLICE && kv[1]) {
            got[1] = temp(c);
            emit(c, BC_LOCAL, src, 0);
            emit(c, BC_LOCAL, idx, 0);
            emit(c, BC_INDEX, 0, 0);
            TypeId et = sim_type(c->S, i->conv)->elem;
            if (is_struct(c, et)) emit(c, BC_CLONE, et, 0);
            emit(c, BC_SETLOCAL, got[1], 0);
        }
    }
    for (int k = 0; k < 2; k++) {
        if (!kv[k] || got[k] < 0 || (k == 0 && direct_value)) continue;
        if (n->op == TK_DEFINE && shared_vars && i->defs[k] && i->defs[k]->boxed) {
            emit(c, BC_LOCAL, i->defs[k]->slot, 0); /* the loop's one cell */
            emit(c, BC_LOCAL, got[k], 0);
            emit(c, BC_STORE, 0, 0);
            continue;
        }
        emit(c, BC_LOCAL, got[k], 0);
        if (n->op == TK_DEFINE) {
            Symbol *y = i->defs[k];
            define_var(c, y);
        } else {
            store_top(c, kv[k]);
        }
    }
    block(c, n->body);
    int32_t cont = here(c);
    if (kind != TY_CHAN) {
        emit(c, BC_LOCAL, idx, 0);
        emit(c, BC_INT, 1, 0);
        emit(c, BC_ADD, 0, 0);
        emit(c, BC_SETLOCAL, idx, 0);
    }
    emit(c, BC_JMP, top, 0);
    patch(c, exit_jump, here(c));
    pop_loop(c, here(c), cont);
}

static void switch_stmt(Compiler *c, Node *n) {
    if (n->init) stmt(c, n->init);
    TypeId tt = ni(n)->conv;
    int32_t tag = -1;
    if (n->x) {
        value(c, n->x);
        tag = temp(c);
        emit(c, BC_SETLOCAL, tag, 0);
    }
    push_loop(c, false);
    int32_t ncl = 0;
    for (Node *cl = n->list; cl; cl = cl->next) ncl++;
    int32_t *entry = calloc((size_t)ncl + 1, sizeof *entry);
    VEC(int32_t) jumps = {0};
    VEC(int32_t) owner = {0};
    int32_t k = 0, def = -1;
    for (Node *cl = n->list; cl; cl = cl->next, k++) {
        if (cl->flags & NF_DEFAULT) def = k;
        for (Node *e = cl->list; e; e = e->next) {
            at_line(c, e);
            if (n->x) {
                emit(c, BC_LOCAL, tag, 0);
                value(c, e);
                emit(c, BC_EQ, tt, 0);
            } else {
                value(c, e);
            }
            VEC_PUSH(jumps, emit(c, BC_JMPT, 0, 0));
            VEC_PUSH(owner, k);
        }
    }
    int32_t to_default = emit(c, BC_JMP, 0, 0);
    VEC(int32_t) ends = {0};
    VEC(int32_t) falls = {0};
    k = 0;
    for (Node *cl = n->list; cl; cl = cl->next, k++) {
        entry[k] = here(c);
        for (int32_t f = 0; f < falls.len; f++) patch(c, falls.items[f], here(c));
        falls.len = 0;
        bool fell = false;
        for (Node *s = cl->body ? cl->body->list : NULL; s; s = s->next) {
            if (s->kind == ND_BRANCH && s->op == TK_FALLTHROUGH) {
                VEC_PUSH(falls, emit(c, BC_JMP, 0, 0));
                fell = true;
                continue;
            }
            stmt(c, s);
        }
        if (!fell) VEC_PUSH(ends, emit(c, BC_JMP, 0, 0));
    }
    int32_t end = here(c);
    for (int32_t j = 0; j < jumps.len; j++) patch(c, jumps.items[j], entry[owner.items[j]]);
    patch(c, to_default, def >= 0 ? entry[def] : end);
    for (int32_t j = 0; j < ends.len; j++) patch(c, ends.items[j], end);
    pop_loop(c, end, end);
    VEC_FREE(jumps);
    VEC_FREE(owner);
    VEC_FREE(ends);
    VEC_FREE(falls);
    free(entry);
}

/* The receive of a comm clause (`<-ch`, `v := <-ch`, `v, ok = <-ch`), or NULL for a send. */
static Node *comm_recv(Node *s) {
    Node *r = s->kind == ND_EXPR_STMT ? s->x : s->kind == ND_ASSIGN ? s->rhs : NULL;
    while (r && r->kind == ND_PAREN) r = r->x;
    return r;
}

static void select_stmt(Compiler *c, Node *n) {
    SelectDesc d = {0};
    bool has_default = false;
    int32_t ncases = 0;
    for (Node *cl = n->list; cl; cl = cl->next) {
        if (cl->flags & NF_DEFAULT) {
            has_default = true;
            continue;
        }
        Node *s = cl->x;
        at_line(c, cl);
        if (s->kind == ND_SEND) {
            value(c, s->x);
            value(c, s->y);
            d.sends |= 1u << ncases;
        } else {
            value(c, comm_recv(s)->x);
            if (s->kind == ND_ASSIGN) d.wants |= 1u << ncases;
        }
        ncases++;
    }
    d.ncases = ncases;
    VEC_PUSH(c->P->selects, d);
    at_line(c, n);
    emit(c, BC_SELECT, c->P->selects.len - 1, has_default);
    int32_t ok = temp(c), val = temp(c), which = temp(c);
    emit(c, BC_SETLOCAL, ok, 0);
    emit(c, BC_SETLOCAL, val, 0);
    emit(c, BC_SETLOCAL, which, 0);
    push_loop(c, false);
    VEC(int32_t) ends = {0};
    int32_t k = 0;
    Node *def = NULL;
    for (Node *cl = n->list; cl; cl = cl->next) {
        if (cl->flags & NF_DEFAULT) {
            def = cl;
            continue;
        }
        emit(c, BC_LOCAL, which, 0);
        emit(c, BC_INT, k, 0);
        emit(c, BC_EQ, TYPE_INT, 0);
        int32_t skip = emit(c, BC_JMPF, 0, 0);
        Node *s = cl->x;
        if (s->kind == ND_ASSIGN) {
            NodeInfo *si = ni(s);
            int32_t j = 0;
            for (Node *l = s->list; l; l = l->next, j++) {
                emit(c, BC_LOCAL, j == 0 ? val : ok, 0);
                if (si->defs && si->defs[j]) define_var(c, si->defs[j]);
                else if (s->op == TK_DEFINE && l->kind == ND_IDENT && strcmp(l->name, "_") == 0) emit(c, BC_POP, 1, 0);
                else store_top(c, l);
            }
        }
        block(c, cl->body);
        VEC_PUSH(ends, emit(c, BC_JMP, 0, 0));
        patch(c, skip, here(c));
        k++;
    }
    if (def) block(c, def->body);
    int32_t end = here(c);
    for (int32_t j = 0; j < ends.len; j++) patch(c, ends.items[j], end);
    pop_loop(c, end, end);
    VEC_FREE(ends);
}

static void branch(Compiler *c, Node *n) {
    LoopCtx *l = c->loops;
    for (; l; l = l->outer) {
        if (n->name) {
            if (l->label && strcmp(l->label, n->name) == 0) break;
        } else if (n->op == TK_BREAK || l->is_loop) {
            break;
        }
    }
    if (!l) {
        fail(c, n, "internal error: branch target");
        return;
    }
    int32_t j = emit(c, BC_JMP, 0, 0);
    if (n->op == TK_BREAK) VEC_PUSH(l->breaks, j);
    else VEC_PUSH(l->continues, j);
}

/* go/defer of something that is not a Go function value (a library function,
 * a builtin, a sync method): evaluate its arguments now into a small
 * function's parameters, and make that function the callee. */
static int32_t thunk(Compiler *c, Node *call_node) {
    Func f = {.zeros = -1};
    f.name = strtab_intern(&c->S->strs, c->fn->name);
    VEC_PUSH(c->P->funcs, f);
    int32_t idx = c->P->funcs.len - 1;
    Thunk t = {idx, call_node, c->fn};
    VEC_PUSH(c->thunks, t);
    return idx;
}

static void go_defer(Compiler *c, Node *n) {
    Node *x = n->x;
    while (x->kind == ND_PAREN) x = x->x;
    NodeInfo *i = ni(x);
    Node *f = x->x;
    while (f->kind == ND_PAREN) f = f->x;
    int op = n->kind == ND_GO ? BC_GO : BC_DEFER;
    int32_t nargs;
    if (i->builtin >= 0 || (i->native != -1 && ni(f)->mode == TM_NATIVE)) {
        emit(c, BC_FUNC, thunk(c, x), 0);
        nargs = 0;
        if (ni(f)->mode == TM_NATIVE && ni(f)->type) { /* sync method: the receiver pointer */
            receiver(c, f);
            nargs++;
        }
        for (Node *a = x->list; a; a = a->next, nargs++) {
            if (i->builtin == BI_MAKE && a == x->list) {
                nargs--;
                continue;
            }
            value(c, a);
        }
        emit(c, op, 0, nargs);
        return;
    }
    if (f->kind == ND_SELECTOR && ni(f)->method) {
        emit(c, BC_FUNC, ni(f)->method->fn->index, 0);
        receiver(c, f);
        nargs = 1;
    } else {
        value(c, f);
        nargs = 0;
    }
    nargs += call_args(c, x, ni(f)->method ? ni(f)->method->fn->type : ni(f)->type);
    emit(c, op, 0, nargs);
}

/* Pops f's results (the last on top) into its result variables. */
static void store_results(Compiler *c, FuncInfo *f) {
    for (int32_t k = f->nresults - 1; k >= 0; k--) {
        Symbol *y = f->results[k];
        if (y->boxed) {
            int32_t t = temp(c);
            emit(c, BC_SETLOCAL, t, 0);
            emit(c, BC_LOCAL, y->slot, 0);
            emit(c, BC_LOCAL, t, 0);
            emit(c, BC_STORE, 0, 0);
        } else {
            emit(c, BC_SETLOCAL, y->slot, 0);
        }
    }
}

static void return_stmt(Compiler *c, Node *n) {
    FuncInfo *f = c->fn;
    if (n->list && !n->list->next && f->nresults > 1) {
        call(c, n->list);
        store_results(c, f);
    } else if (n->list) {
        /* All results are evaluated before any is assigned. */
        for (Node *r = n->list; r; r = r->next) value(c, r);
        store_results(c, f);
    }
    emit(c, BC_RET, 0, 0);
}

static void stmt(Compiler *c, Node *n) {
    if (c->failed) return;
    at_line(c, n);
    if (n->kind != ND_BLOCK && n->kind != ND_LABELED && n->kind != ND_EMPTY) c->mark = true;
    int32_t vars = c->P->vars.len; /* an if/for/switch/select's own variables end with it */
    switch (n->kind) {
    case ND_EMPTY: break;
    case ND_BLOCK: block(c, n); break;
    case ND_EXPR_STMT: {
        Node *x = n->x;
        while (x->kind == ND_PAREN) x = x->x;
        if (x->kind == ND_UNARY && x->op == TK_ARROW) {
            value(c, x->x);
            emit(c, BC_RECV, 0, 0);
            break;
        }
        int32_t k = call(c, x);
        if (k) emit(c, BC_POP, k, 0);
        break;
    }
    case ND_SEND:
        value(c, n->x);
        value(c, n->y);
        emit(c, BC_SEND, 0, 0);
        break;
    case ND_INCDEC: {
        Node one = *n;
        NodeInfo oi = {0};
        oi.mode = TM_CONST;
        oi.type = TYPE_INT;
        oi.cval = value_int(1);
        oi.field = oi.native = oi.builtin = -1;
        one.kind = ND_INT;
        one.info = &oi;
        Node as = *n;
        NodeInfo ai = *ni(n);
        as.kind = ND_ASSIGN;
        as.op = n->op == TK_INC ? TK_ADD_ASSIGN : TK_SUB_ASSIGN;
        as.list = n->x;
        as.rhs = &one;
        as.info = &ai;
        assign(c, &as);
        break;
    }
    case ND_ASSIGN: assign(c, n); break;
    case ND_GO:
    case ND_DEFER: go_defer(c, n); break;
    case ND_RETURN: return_stmt(c, n); break;
    case ND_BRANCH: branch(c, n); break;
    case ND_LABELED:
        c->pending_label = n->name;
        stmt(c, n->body);
        c->pending_label = NULL;
        break;
    case ND_IF: {
        if (n->init) stmt(c, n->init);
        at_line(c, n->cond);
        /* `if x < K` on an int local: one instruction. */
        Node *cond = n->cond;
        while (cond->kind == ND_PAREN) cond = cond->x;
        int32_t slot = -1, k, j;
        if (cond->kind == ND_BINARY && cond->op == TK_LSS && ni(cond)->mode != TM_CONST) slot = direct_int_local(c, cond->x);
        if (slot >= 0 && small_int_const(c, cond->y, &k)) {
            j = emit3(c, BC_JGELK, 0, k, slot);
        } else {
            value(c, n->cond);
            j = emit(c, BC_JMPF, 0, 0);
        }
        block(c, n->body);
        if (n->els) {
            int32_t e = emit(c, BC_JMP, 0, 0);
            patch(c, j, here(c));
            stmt(c, n->els);
            patch(c, e, here(c));
        } else {
            patch(c, j, here(c));
        }
        break;
    }
    case ND_FOR: for_stmt(c, n); break;
    case ND_RANGE: range_stmt(c, n); break;
    case ND_SWITCH: switch_stmt(c, n); break;
    case ND_SELECT: select_stmt(c, n); break;
    case ND_VAR_DECL:
        for (Node *s = n->list; s; s = s->next)
            if (s->kind == ND_VAR_SPEC) var_spec(c, s, false);
        break;
    case ND_CONST_DECL: break;
    default: fail(c, n, "internal error: cannot compile statement"); break;
    }
    if (n->kind == ND_IF || n->kind == ND_FOR || n->kind == ND_RANGE || n->kind == ND_SWITCH || n->kind == ND_SELECT)
        debug_close(c, vars, here(c));
}

static void block(Compiler *c, Node *n) {
    int32_t vars = c->P->vars.len;
    for (Node *s = n->list; s; s = s->next) stmt(c, s);
    debug_close(c, vars, here(c));
}

/* ---- functions ------------------------------------------------------------------------- */

static void begin_func(Compiler *c, Func *f, FuncInfo *fi, Node *at) {
    c->fn = fi;
    c->nlocals = fi ? fi->nlocals : 0;
    c->loops = NULL;
    at_line(c, at);
    f->code = here(c);
    f->line = c->line;
    c->mark = true;
}

static void end_func(Compiler *c, Func *f) {
    f->ret = emit(c, BC_RET, 0, 0);
    f->nlocals = c->nlocals;
}

static void compile_func(Compiler *c, FuncInfo *fi) {
    Func *fp = &c->P->funcs.items[fi->index];
    Func f = {.zeros = -1};
    f.name = strtab_intern(&c->S->strs, fi->name);
    f.type = fi->type;
    begin_func(c, &f, fi, fi->decl);
    f.nparams = fi->nparams;
    f.nresults = fi->nresults;
    f.result0 = fi->result0;
    /* Prologue: boxed parameters move into cells; results start at zero. */
    for (int32_t k = 0; k < fi->nparams; k++) {
        Symbol *y = fi->params[k];
        if (!y->boxed) continue;
        emit(c, BC_LOCAL, y->slot, 0);
        emit(c, BC_BOX, 0, 0);
        emit(c, BC_SETLOCAL, y->slot, 0);
    }
    /* Results start at zero: plain ones set by the call itself (their zero
     * values are constants), boxed and struct ones by the prologue. */
    bool plain = true;
    for (int32_t k = 0; k < fi->nresults; k++)
        plain &= !fi->results[k]->boxed && !is_struct(c, fi->results[k]->type);
    f.zeros = -1;
    if (plain && fi->nresults > 0) {
        f.zeros = c->P->consts.len;
        for (int32_t k = 0; k < fi->nresults; k++) add_const(c, value_zero(c->S, fi->results[k]->type));
    }
    for (int32_t k = 0; k < fi->nresults && !plain; k++) {
        Symbol *y = fi->results[k];
        emit(c, BC_ZERO, y->type, 0);
        if (y->boxed) {
            emit(c, BC_BOX, 0, 0);
            f.boxed_results |= 1u << k;
        }
        emit(c, BC_SETLOCAL, y->slot, 0);
    }
    int32_t vars = c->P->vars.len;
    for (int32_t k = 0; k < fi->nparams; k++) debug_var(c, fi->params[k], -1, true);
    for (int32_t k = 0; k < fi->nresults; k++) debug_var(c, fi->results[k], -1, true);
    for (int32_t k = 0; k < fi->ncaptures; k++) debug_var(c, fi->captures[k], k, false);
    int32_t body_vars = c->P->vars.len;
    block(c, fi->decl->body);
    /* The body's variables stay visible while deferred calls run at the end. */
    for (int32_t k = body_vars; k < c->P->vars.len; k++)
        if (c->P->vars.items[k].last_pc == here(c)) c->P->vars.items[k].last_pc = -1;
    c->mark = false;
    /* The closing brace. */
    if (fi->decl->body->end) {
        int32_t line = 1;
        for (uint32_t k = 0; k + 1 < fi->decl->body->end && k < c->C->ast->src_len; k++) line += c->C->ast->src[k] == '\n';
        c->line = line;
    }
    end_func(c, &f);
    debug_close(c, vars, here(c));
    fp = &c->P->funcs.items[fi->index];
    *fp = f;
}

static void compile_thunk(Compiler *c, Thunk *t) {
    Func f = c->P->funcs.items[t->func];
    Node *x = t->call;
    NodeInfo *i = ni(x);
    Node *fn = x->x;
    while (fn->kind == ND_PAREN) fn = fn->x;
    begin_func(c, &f, t->owner, x);
    c->nlocals = 0;
    c->fn = NULL;
    int32_t np = 0;
    if (ni(fn)->mode == TM_NATIVE && ni(fn)->type) np++;
    for (Node *a = x->list; a; a = a->next) np += !(i->builtin == BI_MAKE && a == x->list);
    c->nlocals = np;
    f.nparams = np;
    f.result0 = np;
    for (int32_t k = 0; k < np; k++) emit(c, BC_LOCAL, k, 0);
    if (i->builtin >= 0) {
        static const int ops[] = {[BI_CLOSE] = BC_CLOSE, [BI_PANIC] = BC_PANIC};
        if (i->builtin == BI_CLOSE || i->builtin == BI_PANIC) emit(c, ops[i->builtin], 0, 0);
        else if (i->builtin == BI_RECOVER) emit(c, BC_RECOVER, 0, 0), emit(c, BC_POP, 1, 0);
        else emit(c, BC_POP, np, 0); /* len, cap, append...: results discarded */
    } else if (i->native == -2) {
        fail(c, x, "go/defer of sync.Once.Do is not supported by hchanviz (see docs/go-subset.md)");
    } else {
        int32_t at = ni(fn)->type ? argtypes(c, x->list, 1, TYPE_NIL) : argtypes(c, x->list, 0, 0);
        emit(c, BC_NATIVE, i->native, at);
        if (i->mode == TM_VALUE) emit(c, BC_POP, 1, 0);
    }
    end_func(c, &f);
    c->P->funcs.items[t->func] = f;
}

static void compile_init(Compiler *c) {
    FuncInfo *fi = c->C->init;
    Func f = {.zeros = -1};
    f.name = strtab_intern(&c->S->strs, "main.init");
    f.hidden = true;
    begin_func(c, &f, fi, c->C->ast->file);
    c->mark = false; /* only the initialisers are statements */
    for (Node *d = c->C->ast->file->list; d; d = d->next) {
        if (d->kind != ND_VAR_DECL) continue;
        for (Node *s = d->list; s; s = s->next) {
            at_line(c, s);
            c->mark = true;
            var_spec(c, s, true);
        }
    }
    c->hidden = true;
    end_func(c, &f);
    c->hidden = false;
    c->P->funcs.items[fi->index] = f;
}

bool compile_program(Checked *C, Program *P, Diag *d) {
    Compiler c = {0};
    c.C = C;
    c.S = C->S;
    c.P = P;
    /* Reserve a Func per FuncInfo, so indexes match. */
    for (int32_t k = 0; k < C->nfuncs; k++) {
        Func blank = {0};
        VEC_PUSH(P->funcs, blank);
    }
    P->nglobals = C->nglobals;
    for (FuncInfo *fi = C->funcs; fi; fi = fi->next) {
        if (fi == C->init) continue;
        compile_func(&c, fi);
    }
    compile_init(&c);
    for (int32_t k = 0; k < c.thunks.len; k++) compile_thunk(&c, &c.thunks.items[k]);
    /* The entry: what runtime.main does with our package. */
    Func e = {.zeros = -1};
    e.name = strtab_intern(&c.S->strs, "runtime.main");
    e.hidden = true;
    c.fn = NULL;
    begin_func(&c, &e, NULL, C->main->decl);
    c.mark = false;
    c.hidden = true;
    emit(&c, BC_FUNC, C->init->index, 0);
    emit(&c, BC_CALL, 0, 0);
    emit(&c, BC_FUNC, C->main->index, 0);
    emit(&c, BC_CALL, 0, 0);
    emit(&c, BC_EXIT, 0, 0);
    end_func(&c, &e);
    VEC_PUSH(P->funcs, e);
    P->entry = P->funcs.len - 1;
    VEC_FREE(c.thunks);
    if (c.failed) {
        diag_report(d, C->ast->filename, C->ast->src, C->ast->src_len, c.err_pos.offset, c.err_pos.line, c.err_pos.col, "%s", c.err);
        return false;
    }
    return true;
}

bool compile_source(Sim *S, const char *filename, const char *src, size_t len, Program *p, Diag *d, Ast **ast_out) {
    Ast *ast = parse_file(filename, src, len, d);
    if (!ast) return false;
    if (!p->lang_fixed || p->lang <= 0) p->lang = langver_resolve(filename, src, len, p->lang, NULL);
    Checked checked;
    bool ok = check_file(S, ast, p->lang, &checked, d) && compile_program(&checked, p, d);
    if (ok) p->file = strtab_intern(&S->strs, filename);
    check_free(&checked);
    if (ast_out && ok) *ast_out = ast;
    else ast_free(ast);
    return ok;
}
