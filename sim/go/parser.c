/* Parser for the Go subset used by hchanviz lessons.
 *
 * Design
 * ------
 * This is a hand-written recursive-descent parser with one token of
 * lookahead, modelled on gc's own parser (cmd/compile/internal/syntax).
 * Following gc rather than the Go specification's grammar buys three
 * things: the same error messages at the same positions as the real
 * compiler, the same answers to Go's two famous ambiguities, and a parser
 * that never needs to backtrack.
 *
 *  - Composite literals versus blocks.  In `if x == T {` the brace opens a
 *    block, not a literal T{}.  Like gc we track an expression nesting
 *    level, xnest: the header of if/for/switch sets it to -1, and every
 *    enclosing (), [], {} of an expression or function literal increments
 *    it.  `T{` starts a composite literal only when xnest >= 0 or T is
 *    obviously a type ([]int, map[K]V, struct{...}).
 *
 *  - Names versus types in parameter lists.  In `func(a, b int)` a and b
 *    are names, in `func(int, string)` they are types.  We parse every
 *    entry as "maybe a name, maybe a type" and sort it out once the list
 *    is complete, as gc does.
 *
 * Statements such as `a, b := <-ch, 1` start with an expression list, so
 * statements are parsed as an expression list first and classified by the
 * token that follows (:=, =, op=, ++, <-, ':' for labels).
 *
 * Errors.  The front end reports only the first error (later ones are
 * mostly consequences of the first), so there is no error recovery: the
 * error functions record a Diag and longjmp back to parse_file, which frees
 * the half-built Ast.  That is safe because every allocation of the parse
 * lives in the Ast's arena, and it keeps the grammar functions free of
 * error plumbing.  Lexical errors do not stop the parse (gc goes on after
 * them too, the bad literal being still a literal): the lexer records them
 * apart, and the first error reported is whichever comes first in the file,
 * the lexer's or the parser's.
 *
 * Hostile input.  Recursion happens only through nesting constructs, each
 * of which counts against PARSE_MAX_NEST, so the C stack stays bounded
 * however deep the input nests.  Chains that grow the tree without
 * recursing (binary operators, selectors, calls) are bounded by computing
 * each node's height as it is finished (p_done) against PARSE_MAX_HEIGHT.
 * Everything else is linear: lists are appended through tail pointers and
 * the lexer looks at each byte a bounded number of times.
 *
 * Positions.  Every node gets pos (its first byte), end (just past its last
 * byte, from p->prev_end when the node is finished) and opos (the operator
 * or keyword gc would point at).  The Ast keeps a copy of the source, so
 * tokens, comments and error messages can quote it. */
#include "parser.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

typedef struct Parser {
    Lexer lx;
    Ast *ast;
    Diag *diag;
    const char *filename;
    Token tok;          /* current token */
    uint32_t prev_end;  /* offset just past the last consumed (real) token */
    int xnest;          /* expression nesting level (see the design notes) */
    int nest;           /* current syntactic nesting, <= PARSE_MAX_NEST */
    int nexpr;          /* expressions being parsed (nested, as in a function literal's body) */
    Pos expr_start;     /* where the outermost of them starts */
    int expr_nest;      /* and the nesting there */
    jmp_buf fail;       /* where errors go */
    Diag lexdiag;       /* the lexer's errors (see p_error_at) */
} Parser;

typedef struct NodeList {
    Node *head, *tail;
} NodeList;

/* ---------------------------------------------------------------------------
 * Errors */

_Noreturn static void p_abort(Parser *p) { longjmp(p->fail, 1); }

_Noreturn static void p_error_at(Parser *p, Pos pos, const char *fmt, ...) DIAG_PRINTF(3, 4);

/* Reports the lexer's first error (gc's scanner errors are not syntax
 * errors: parsing goes on after them, and gc shows whichever error comes
 * first in the file). */
static void p_report_lex_error(Parser *p) {
    const Diag *l = &p->lexdiag;
    size_t off = 0;
    for (int line = 1; line < l->line && off < p->lx.len; off++)
        if (p->lx.src[off] == '\n') line++;
    off += l->col > 0 ? (size_t)l->col - 1 : 0;
    diag_report(p->diag, p->filename, p->lx.src, p->lx.len, off, l->line, l->col, "%s", l->msg ? l->msg : "?");
}

/* Reports a plain error at pos and abandons the parse -- or the lexer's
 * first error, if that comes earlier. */
_Noreturn static void p_error_at(Parser *p, Pos pos, const char *fmt, ...) {
    const Diag *l = &p->lexdiag;
    if (diag_has_error(l) && (l->line < pos.line || (l->line == pos.line && l->col <= pos.col))) {
        p_report_lex_error(p);
        p_abort(p);
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_report(p->diag, p->filename, p->lx.src, p->lx.len, pos.offset, pos.line, pos.col, "%s", msg);
    p_abort(p);
}

_Noreturn static void p_oom(Parser *p) { p_error_at(p, p->tok.pos, "out of memory"); }

/* Describes a token the way gc's error messages do: "x", "literal 42",
 * "newline", "func", "comma", ")". */
static void p_describe(const Token *t, char *buf, size_t n) {
    const int cap = 64;
    int len = t->len > (uint32_t)cap ? cap : (int)t->len;
    const char *more = t->len > (uint32_t)cap ? "..." : "";
    switch (t->kind) {
    case TK_IDENT: snprintf(buf, n, "%.*s%s", len, t->text, more); return; /* Go 1.19: bare */
    case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_CHAR: case TK_STRING:
        snprintf(buf, n, "literal %.*s%s", len, t->text, more);
        return;
    case TK_SEMICOLON:
        snprintf(buf, n, "%s", (t->flags & TOKF_NEWLINE) ? "newline" : (t->flags & TOKF_EOF) ? "EOF" : "semicolon");
        return;
    case TK_COMMA: snprintf(buf, n, "comma"); return;
    default:
        snprintf(buf, n, "%s", token_spelling(t->kind)); /* Go 1.19 names keywords bare: "else" */
        return;
    }
}

/* What gc calls tokstring: how an expected token is named in a message. */
static const char *p_tokstring(TokenKind k) {
    switch (k) {
    case TK_COMMA: return "comma";
    case TK_SEMICOLON: return "semicolon or newline";
    case TK_IDENT: return "name";
    default: return token_spelling(k);
    }
}

static bool p_has_prefix(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Reports a syntax error at pos, completing msg as gc does: a message that
 * starts with "in ", "at " or "after " becomes "unexpected TOKEN in ...",
 * one that starts with "expecting " becomes "unexpected TOKEN, expecting
 * ...", anything else is used as is. */
_Noreturn static void p_syntax_error_at(Parser *p, Pos pos, const char *msg) {
    char tok[128];
    p_describe(&p->tok, tok, sizeof tok);
    if (msg[0] == '\0')
        p_error_at(p, pos, "syntax error: unexpected %s", tok);
    if (p_has_prefix(msg, "in ") || p_has_prefix(msg, "at ") || p_has_prefix(msg, "after "))
        p_error_at(p, pos, "syntax error: unexpected %s %s", tok, msg);
    if (p_has_prefix(msg, "expecting "))
        p_error_at(p, pos, "syntax error: unexpected %s, %s", tok, msg);
    p_error_at(p, pos, "syntax error: %s", msg);
}

_Noreturn static void p_syntax_error(Parser *p, const char *msg) { p_syntax_error_at(p, p->tok.pos, msg); }

/* "unexpected X in <context>; possibly missing <sep> or <close>" */
_Noreturn static void p_list_error(Parser *p, const char *context, TokenKind sep, TokenKind close) {
    char msg[160];
    snprintf(msg, sizeof msg, "in %s; possibly missing %s or %s", context, p_tokstring(sep), p_tokstring(close));
    p_syntax_error(p, msg);
}

/* ---------------------------------------------------------------------------
 * Tokens, nodes and nesting */

static void p_next(Parser *p) {
    if (p->tok.len) p->prev_end = p->tok.pos.offset + p->tok.len;
    p->tok = lexer_next(&p->lx);
    /* a lexical error does not stop the parse: see p_error_at */
    if (p->lx.comments_oom) p_oom(p);
}

static bool p_got(Parser *p, TokenKind k) {
    if (p->tok.kind != k) return false;
    p_next(p);
    return true;
}

static void p_want(Parser *p, TokenKind k) {
    if (p_got(p, k)) return;
    char msg[64];
    snprintf(msg, sizeof msg, "expecting %s", p_tokstring(k));
    p_syntax_error(p, msg);
}

static Node *p_node(Parser *p, NodeKind kind, Pos pos) {
    Node *n = ast_new_node(p->ast, kind, pos);
    if (!n) p_oom(p);
    return n;
}

static char *p_strndup(Parser *p, const char *s, size_t n) {
    char *r = ast_strndup(p->ast, s, n);
    if (!r) p_oom(p);
    return r;
}

static void p_append(NodeList *l, Node *n) {
    if (l->tail) l->tail->next = n;
    else l->head = n;
    l->tail = n;
}

static uint32_t p_max_height(const Node *list, uint32_t h) {
    for (const Node *k = list; k; k = k->next)
        if (k->height > h) h = k->height;
    return h;
}

/* Recomputes n's height from its children and enforces PARSE_MAX_HEIGHT. */
static void p_height(Parser *p, Node *n) {
    const Node *kids[] = {n->x, n->y, n->z, n->w, n->type, n->init, n->cond, n->post, n->body, n->els};
    uint32_t h = 0;
    for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++)
        if (kids[i] && kids[i]->height > h) h = kids[i]->height;
    h = p_max_height(n->rhs, p_max_height(n->list, h));
    n->height = h + 1;
    if (n->height > PARSE_MAX_HEIGHT)
        p_error_at(p, n->opos, "syntax error: expression too complex (limit %d)", PARSE_MAX_HEIGHT);
}

/* Finishes a node: its extent ends with the last consumed token. */
static Node *p_done(Parser *p, Node *n) {
    if (p->prev_end > n->pos.offset) n->end = p->prev_end;
    p_height(p, n);
    return n;
}

static void p_enter(Parser *p) {
    if (++p->nest > PARSE_MAX_NEST) {
        /* Go accepts any depth; an expression this deep (most of the depth
         * is the expression's own) is outside the subset */
        if (p->nexpr && p->nest - p->expr_nest > PARSE_MAX_NEST / 2)
            p_error_at(p, p->expr_start, "deeply nested expressions are not supported by hchanviz (see docs/go-subset.md)");
        p_error_at(p, p->tok.pos, "syntax error: nesting too deep (limit %d)", PARSE_MAX_NEST);
    }
}

static void p_leave(Parser *p) { p->nest--; }

/* ---------------------------------------------------------------------------
 * Forward declarations */

static Node *p_expr(Parser *p);
static Node *p_expr_list(Parser *p);
static Node *p_unary_expr(Parser *p);
static Node *p_primary_expr(Parser *p);
static Node *p_type(Parser *p);
static Node *p_type_or_nil(Parser *p);
static Node *p_func_signature(Parser *p, Pos pos);
static Node *p_block(Parser *p, const char *context);
static Node *p_stmt_list(Parser *p);
static Node *p_stmt_or_nil(Parser *p);
static Node *p_simple_stmt(Parser *p, Node *lhs, TokenKind keyword);

/* ---------------------------------------------------------------------------
 * Common productions */

static Node *p_name(Parser *p) {
    if (p->tok.kind != TK_IDENT) p_syntax_error(p, "expecting name");
    Node *n = p_node(p, ND_IDENT, p->tok.pos);
    n->name = p_strndup(p, p->tok.text, p->tok.len);
    p_next(p);
    return p_done(p, n);
}

/* IdentifierList = identifier { "," identifier } .  The first is given. */
static Node *p_name_list(Parser *p, Node *first) {
    NodeList l = {0};
    p_append(&l, first);
    while (p_got(p, TK_COMMA)) p_append(&l, p_name(p));
    return l.head;
}

/* A possibly qualified type name; name (already parsed) is its first part. */
static Node *p_qualified_rest(Parser *p, Node *name) {
    if (p->tok.kind != TK_PERIOD) return name;
    Node *s = p_node(p, ND_SELECTOR, name->pos);
    p_next(p);
    Node *sel = p_name(p);
    s->x = name;
    s->name = sel->name;
    s->opos = sel->pos;
    return p_done(p, s);
}

static bool p_is_literal(TokenKind k) {
    return k == TK_INT || k == TK_FLOAT || k == TK_IMAG || k == TK_CHAR || k == TK_STRING;
}

static Node *p_basic_lit(Parser *p) {
    Token t = p->tok;
    static const NodeKind kinds[] = {[TK_INT] = ND_INT, [TK_FLOAT] = ND_FLOAT, [TK_IMAG] = ND_IMAG,
                                     [TK_CHAR] = ND_CHAR, [TK_STRING] = ND_STRING};
    Node *n = p_node(p, kinds[t.kind], t.pos);
    n->ival = t.ival;
    if (t.flags & TOKF_OVERFLOW) n->flags |= NF_OVERFLOW;
    if (t.flags & TOKF_OVERFLOW_U64) n->flags |= NF_OVERFLOW_U64;
    if (t.kind == TK_STRING) {
        char *buf = ast_alloc(p->ast, (size_t)t.len + 1);
        if (!buf) p_oom(p);
        n->len = (uint32_t)lexer_unquote(t.text, t.len, buf);
        buf[n->len] = '\0';
        n->str = buf;
        if (t.flags & TOKF_RAW) n->flags |= NF_RAW;
    } else {
        n->name = p_strndup(p, t.text, t.len);
    }
    p_next(p);
    return p_done(p, n);
}

/* Copies the source text src[from..to) into buf for a message, shortened
 * with "..." if it is long. */
static void p_source_text(Parser *p, uint32_t from, uint32_t to, char *buf, size_t n) {
    size_t len = to > from ? to - from : 0;
    const size_t cap = 48;
    snprintf(buf, n, "%.*s%s", (int)(len > cap ? cap : len), p->lx.src + from, len > cap ? "..." : "");
}

/* ---------------------------------------------------------------------------
 * Types */

/* Parameters = "(" [ ParameterList [ "," ] ] ")" ; "(" already consumed.
 * Entries are parsed as [name] [type]; then, as in gc, either all entries
 * are types, or all are names, each group of names taking the type that
 * follows it. */
static Node *p_param_decl(Parser *p, TokenKind close) {
    Node *f = p_node(p, ND_FIELD, p->tok.pos);
    if (p->tok.kind == TK_IDENT) {
        Node *name = p_name(p);
        if (p->tok.kind == TK_PERIOD) {
            f->type = p_qualified_rest(p, name);
        } else {
            f->list = name;
            if (p->tok.kind == TK_ELLIPSIS) {
                Node *d = p_node(p, ND_ELLIPSIS, p->tok.pos);
                p_next(p);
                d->type = p_type_or_nil(p);
                if (!d->type) p_syntax_error(p, "... is missing type");
                f->type = p_done(p, d);
            } else {
                f->type = p_type_or_nil(p);
            }
        }
    } else if (p->tok.kind == TK_ELLIPSIS) {
        Node *d = p_node(p, ND_ELLIPSIS, p->tok.pos);
        p_next(p);
        d->type = p_type_or_nil(p);
        if (!d->type) p_syntax_error(p, "... is missing type");
        f->type = p_done(p, d);
    } else {
        f->type = p_type_or_nil(p);
        if (!f->type) {
            char msg[64];
            snprintf(msg, sizeof msg, "expecting %s", p_tokstring(close));
            p_syntax_error(p, msg);
        }
    }
    return p_done(p, f);
}

static Node *p_param_list(Parser *p, TokenKind close) {
    NodeList entries = {0};
    size_t count = 0, named = 0;
    while (p->tok.kind != TK_EOF && p->tok.kind != close) {
        Node *e = p_param_decl(p, close);
        if (e->list && e->type) named++;
        p_append(&entries, e);
        count++;
        if (!p_got(p, TK_COMMA) && p->tok.kind != close) p_list_error(p, "parameter list", TK_COMMA, close);
    }
    p_want(p, close);
    if (count == 0) return NULL;

    if (named == 0) {
        /* All unnamed: the names are type names. */
        for (Node *e = entries.head; e; e = e->next) {
            if (e->list) {
                e->type = e->list;
                e->list = NULL;
            }
        }
        return entries.head;
    }
    if (named != count) {
        /* Some named: all must have names, and bare names take the type of
         * the next typed entry.  Walk right to left through an array. */
        Node **arr = ast_alloc(p->ast, count * sizeof *arr);
        if (!arr) p_oom(p);
        size_t i = 0;
        for (Node *e = entries.head; e; e = e->next) arr[i++] = e;
        Node *typ = NULL;
        bool bad = false;
        Pos bad_pos = {0, 0, 0};
        for (i = count; i-- > 0;) {
            Node *e = arr[i];
            if (e->type) {
                typ = e->type;
                if (!e->list) { bad = true; bad_pos = e->type->pos; }
            } else if (typ) {
                e->type = typ; /* shared until the groups are merged below */
            } else {
                bad = true;
                bad_pos = e->list->pos;
            }
        }
        if (bad) p_syntax_error_at(p, bad_pos, "mixed named and unnamed parameters");
    }
    /* Merge runs of names sharing one type into a single field. */
    for (Node *e = entries.head; e; e = e->next) {
        Node *last_name = e->list;
        while (e->next && e->next->type == e->type) {
            Node *dup = e->next;
            last_name->next = dup->list;
            last_name = dup->list;
            e->end = dup->end;
            e->next = dup->next;
        }
        p_height(p, e);
    }
    return entries.head;
}

/* Result = Parameters | Type . */
static Node *p_func_result(Parser *p) {
    if (p_got(p, TK_LPAREN)) return p_param_list(p, TK_RPAREN);
    Pos pos = p->tok.pos;
    Node *t = p_type_or_nil(p);
    if (!t) return NULL;
    Node *f = p_node(p, ND_FIELD, pos);
    f->type = t;
    return p_done(p, f);
}

/* Signature = Parameters [ Result ] ; pos is that of "func" (or the name). */
static Node *p_func_signature(Parser *p, Pos pos) {
    Node *t = p_node(p, ND_FUNC_TYPE, pos);
    p_want(p, TK_LPAREN);
    t->list = p_param_list(p, TK_RPAREN);
    t->rhs = p_func_result(p);
    return p_done(p, t);
}

/* FieldDecl = (IdentifierList Type | EmbeddedField) [ Tag ] . */
static Node *p_field_decl(Parser *p) {
    Node *f = p_node(p, ND_FIELD, p->tok.pos);
    switch (p->tok.kind) {
    case TK_IDENT: {
        Node *name = p_name(p);
        TokenKind k = p->tok.kind;
        if (k == TK_PERIOD || k == TK_STRING || k == TK_SEMICOLON || k == TK_RBRACE) {
            f->type = p_qualified_rest(p, name); /* embedded type */
        } else {
            f->list = p_name_list(p, name);
            f->type = p_type(p);
        }
        break;
    }
    case TK_MUL: {
        Node *star = p_node(p, ND_STAR, p->tok.pos);
        p_next(p);
        if (p->tok.kind == TK_LPAREN) p_syntax_error(p, "cannot parenthesize embedded type");
        star->x = p_qualified_rest(p, p_name(p));
        f->type = p_done(p, star);
        break;
    }
    case TK_LPAREN:
        p_syntax_error(p, "cannot parenthesize embedded type");
    default:
        p_syntax_error(p, "expecting field name or embedded type");
    }
    if (p->tok.kind == TK_STRING) f->x = p_basic_lit(p);
    return p_done(p, f);
}

static Node *p_struct_type(Parser *p) {
    Node *t = p_node(p, ND_STRUCT_TYPE, p->tok.pos);
    p_want(p, TK_STRUCT);
    p_want(p, TK_LBRACE);
    NodeList fields = {0};
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RBRACE) {
        p_append(&fields, p_field_decl(p));
        if (!p_got(p, TK_SEMICOLON) && p->tok.kind != TK_RBRACE)
            p_list_error(p, "struct type", TK_SEMICOLON, TK_RBRACE);
    }
    p_want(p, TK_RBRACE);
    t->list = fields.head;
    return p_done(p, t);
}

/* InterfaceType = "interface" "{" { ( MethodSpec | TypeName ) ";" } "}" . */
static Node *p_interface_type(Parser *p) {
    Node *t = p_node(p, ND_INTERFACE_TYPE, p->tok.pos);
    p_want(p, TK_INTERFACE);
    p_want(p, TK_LBRACE);
    NodeList elems = {0};
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RBRACE) {
        if (p->tok.kind != TK_IDENT) p_syntax_error(p, "expecting method or interface name");
        Node *f = p_node(p, ND_FIELD, p->tok.pos);
        Node *name = p_name(p);
        if (p->tok.kind == TK_LPAREN) {
            f->list = name;
            f->type = p_func_signature(p, name->pos);
        } else {
            f->type = p_qualified_rest(p, name);
        }
        p_append(&elems, p_done(p, f));
        if (!p_got(p, TK_SEMICOLON) && p->tok.kind != TK_RBRACE)
            p_list_error(p, "interface type", TK_SEMICOLON, TK_RBRACE);
    }
    p_want(p, TK_RBRACE);
    t->list = elems.head;
    return p_done(p, t);
}

static Node *p_chan_elem(Parser *p) {
    Node *t = p_type_or_nil(p);
    if (!t) p_syntax_error(p, "missing channel element type");
    return t;
}

/* Type, or NULL (consuming nothing) if the current token cannot start one. */
static Node *p_type_or_nil(Parser *p) {
    Pos pos = p->tok.pos;
    Node *t = NULL;
    p_enter(p);
    switch (p->tok.kind) {
    case TK_MUL:
        p_next(p);
        t = p_node(p, ND_STAR, pos);
        t->x = p_type(p);
        break;
    case TK_ARROW:
        p_next(p);
        p_want(p, TK_CHAN);
        t = p_node(p, ND_CHAN_TYPE, pos);
        t->flags |= NF_RECV_ONLY;
        t->type = p_chan_elem(p);
        break;
    case TK_FUNC:
        p_next(p);
        t = p_func_signature(p, pos);
        break;
    case TK_LBRACK:
        p_next(p);
        if (p_got(p, TK_RBRACK)) {
            t = p_node(p, ND_SLICE_TYPE, pos);
            t->type = p_type(p);
        } else {
            t = p_node(p, ND_ARRAY_TYPE, pos);
            if (!p_got(p, TK_ELLIPSIS)) {
                p->xnest++;
                t->x = p_expr(p);
                p->xnest--;
            }
            p_want(p, TK_RBRACK);
            t->type = p_type(p);
        }
        break;
    case TK_CHAN:
        p_next(p);
        t = p_node(p, ND_CHAN_TYPE, pos);
        if (p_got(p, TK_ARROW)) t->flags |= NF_SEND_ONLY;
        t->type = p_chan_elem(p);
        break;
    case TK_MAP:
        p_next(p);
        t = p_node(p, ND_MAP_TYPE, pos);
        p_want(p, TK_LBRACK);
        t->x = p_type(p);
        p_want(p, TK_RBRACK);
        t->type = p_type(p);
        break;
    case TK_STRUCT: t = p_struct_type(p); break;
    case TK_INTERFACE: t = p_interface_type(p); break;
    case TK_IDENT: t = p_qualified_rest(p, p_name(p)); break;
    case TK_LPAREN:
        p_next(p);
        t = p_node(p, ND_PAREN, pos);
        t->x = p_type(p);
        p_want(p, TK_RPAREN);
        break;
    default: break;
    }
    p_leave(p);
    return t ? p_done(p, t) : NULL;
}

static Node *p_type(Parser *p) {
    Node *t = p_type_or_nil(p);
    if (!t) p_syntax_error(p, "expecting type");
    return t;
}

/* ---------------------------------------------------------------------------
 * Expressions */

static Node *p_unparen(Node *x) {
    while (x->kind == ND_PAREN) x = x->x;
    return x;
}

/* Reports whether x must be a value, not a type (gc's isValue). */
static bool p_is_value(const Node *x) {
    for (;;) {
        switch (x->kind) {
        case ND_INT: case ND_FLOAT: case ND_IMAG: case ND_CHAR: case ND_STRING:
        case ND_COMPOSITE: case ND_FUNC_LIT: case ND_SLICE_EXPR: case ND_TYPE_ASSERT:
        case ND_CALL: case ND_UNARY: case ND_BINARY:
            return true;
        case ND_PAREN: x = x->x; continue;
        case ND_INDEX:
            if (p_is_value(x->y)) return true;
            x = x->x;
            continue;
        default: return false;
        }
    }
}

/* Element = Expression | LiteralValue . */
static Node *p_complit(Parser *p, Node *type);

static Node *p_element(Parser *p) {
    if (p->tok.kind == TK_LBRACE) return p_complit(p, NULL);
    return p_expr(p);
}

/* LiteralValue = "{" [ ElementList [ "," ] ] "}" ; type may be NULL. */
static Node *p_complit(Parser *p, Node *type) {
    Node *n = p_node(p, ND_COMPOSITE, type ? type->pos : p->tok.pos);
    n->opos = p->tok.pos;
    n->type = type;
    p_enter(p);
    p->xnest++;
    p_want(p, TK_LBRACE);
    NodeList elems = {0};
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RBRACE) {
        Node *e = p_element(p);
        if (p->tok.kind == TK_COLON) {
            Node *kv = p_node(p, ND_KEY_VALUE, e->pos);
            kv->opos = p->tok.pos;
            p_next(p);
            kv->x = e;
            kv->y = p_element(p);
            e = p_done(p, kv);
        }
        p_append(&elems, e);
        if (!p_got(p, TK_COMMA) && p->tok.kind != TK_RBRACE)
            p_list_error(p, "composite literal", TK_COMMA, TK_RBRACE);
    }
    p_want(p, TK_RBRACE);
    p->xnest--;
    p_leave(p);
    n->list = elems.head;
    return p_done(p, n);
}

static Node *p_func_body(Parser *p) { return p_block(p, "function signature"); }

/* Operand = Literal | OperandName | "(" Expression ")" | FunctionLit | type. */
static Node *p_operand(Parser *p) {
    Pos pos = p->tok.pos;
    switch (p->tok.kind) {
    case TK_IDENT: return p_name(p);
    case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_CHAR: case TK_STRING: return p_basic_lit(p);
    case TK_LPAREN: {
        p_next(p);
        Node *n = p_node(p, ND_PAREN, pos);
        p->xnest++;
        n->x = p_expr(p);
        p->xnest--;
        p_want(p, TK_RPAREN);
        return p_done(p, n);
    }
    case TK_FUNC: {
        p_next(p);
        Node *t = p_func_signature(p, pos);
        if (p->tok.kind != TK_LBRACE) return t;
        Node *f = p_node(p, ND_FUNC_LIT, pos);
        f->type = t;
        p->xnest++;
        f->body = p_func_body(p);
        p->xnest--;
        return p_done(p, f);
    }
    case TK_LBRACK: case TK_CHAN: case TK_MAP: case TK_STRUCT: case TK_INTERFACE:
        return p_type(p);
    default:
        p_syntax_error(p, "expecting expression");
    }
}

/* "(" already consumed; returns the arguments and sets NF_DOTS on call. */
static Node *p_arg_list(Parser *p, Node *call) {
    NodeList args = {0};
    p->xnest++;
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RPAREN) {
        p_append(&args, p_expr(p));
        bool dots = p_got(p, TK_ELLIPSIS);
        if (dots) call->flags |= NF_DOTS;
        if (!p_got(p, TK_COMMA) && p->tok.kind != TK_RPAREN)
            p_list_error(p, "argument list", TK_COMMA, TK_RPAREN);
        if (dots) break;
    }
    p->xnest--;
    p_want(p, TK_RPAREN);
    return args.head;
}

/* PrimaryExpr = Operand { Selector | Index | Slice | TypeAssertion |
 *                         Arguments | LiteralValue } . */
static Node *p_primary_expr(Parser *p) {
    Node *x = p_operand(p);
    for (;;) {
        Pos pos = p->tok.pos;
        switch (p->tok.kind) {
        case TK_PERIOD: {
            p_next(p);
            if (p->tok.kind == TK_IDENT) {
                Node *t = p_node(p, ND_SELECTOR, x->pos);
                Node *sel = p_name(p);
                t->x = x;
                t->name = sel->name;
                t->opos = sel->pos;
                x = p_done(p, t);
            } else if (p->tok.kind == TK_LPAREN) {
                p_next(p);
                Node *t = p_node(p, ND_TYPE_ASSERT, x->pos);
                t->opos = pos;
                t->x = x;
                if (!p_got(p, TK_TYPE)) t->type = p_type(p);
                p_want(p, TK_RPAREN);
                x = p_done(p, t);
            } else {
                p_syntax_error(p, "expecting name or (");
            }
            break;
        }
        case TK_LBRACK: {
            p_next(p);
            if (p->tok.kind == TK_RBRACK) p_syntax_error(p, "expecting operand");
            p->xnest++;
            Node *i = NULL;
            if (p->tok.kind != TK_COLON) {
                i = p_expr(p);
                if (p->tok.kind == TK_RBRACK) {
                    p_next(p);
                    p->xnest--;
                    Node *t = p_node(p, ND_INDEX, x->pos);
                    t->opos = pos;
                    t->x = x;
                    t->y = i;
                    x = p_done(p, t);
                    break;
                }
            }
            if (!p_got(p, TK_COLON)) p_syntax_error(p, "expecting : or ]");
            Node *t = p_node(p, ND_SLICE_EXPR, x->pos);
            t->opos = pos;
            t->x = x;
            t->y = i;
            if (p->tok.kind != TK_COLON && p->tok.kind != TK_RBRACK) t->z = p_expr(p);
            if (p->tok.kind == TK_COLON) {
                t->flags |= NF_SLICE3;
                if (!t->z) p_error_at(p, p->tok.pos, "middle index required in 3-index slice");
                p_next(p);
                if (p->tok.kind == TK_RBRACK) p_error_at(p, p->tok.pos, "final index required in 3-index slice");
                t->w = p_expr(p);
            }
            p->xnest--;
            p_want(p, TK_RBRACK);
            x = p_done(p, t);
            break;
        }
        case TK_LPAREN: {
            p_next(p);
            Node *t = p_node(p, ND_CALL, x->pos);
            t->opos = pos;
            t->x = x;
            t->list = p_arg_list(p, t);
            x = p_done(p, t);
            break;
        }
        case TK_LBRACE: {
            /* Composite literal or the block after an if/for/switch header? */
            Node *u = p_unparen(x);
            bool complit_ok = false;
            switch (u->kind) {
            case ND_IDENT: case ND_SELECTOR: complit_ok = p->xnest >= 0; break;
            case ND_INDEX: complit_ok = p->xnest >= 0 && !p_is_value(u); break;
            case ND_ARRAY_TYPE: case ND_SLICE_TYPE: case ND_STRUCT_TYPE: case ND_MAP_TYPE:
                complit_ok = true;
                break;
            default: break;
            }
            if (!complit_ok) return x;
            if (u != x) p_syntax_error(p, "cannot parenthesize type in composite literal");
            x = p_complit(p, x);
            break;
        }
        default:
            return x;
        }
    }
}

/* Undoes the parse of <-chan T as <-(chan T): the arrow belongs to the
 * channel type (gc's unaryExpr does the same dance). */
static Node *p_recv_chan_type(Parser *p, Node *x, Pos arrow) {
    enum { BOTH, SEND, RECV } dir = SEND;
    Node *t = x;
    while (dir == SEND) {
        if (t->kind != ND_CHAN_TYPE) break;
        dir = (t->flags & NF_SEND_ONLY) ? SEND : (t->flags & NF_RECV_ONLY) ? RECV : BOTH;
        if (dir == RECV) p_syntax_error(p, "unexpected <-, expecting chan");
        t->flags = (t->flags & ~(uint32_t)NF_SEND_ONLY) | NF_RECV_ONLY;
        t = t->type;
    }
    if (dir == SEND) {
        char msg[160];
        if (t->kind == ND_IDENT) snprintf(msg, sizeof msg, "unexpected %s, expecting chan", t->name);
        else snprintf(msg, sizeof msg, "unexpected %s, expecting chan", ast_kind_name(t->kind));
        p_syntax_error(p, msg);
    }
    x->pos = arrow;
    return x;
}

/* UnaryExpr = PrimaryExpr | unary_op UnaryExpr . */
static Node *p_unary_expr(Parser *p) {
    Pos pos = p->tok.pos;
    TokenKind op = p->tok.kind;
    switch (op) {
    case TK_MUL: case TK_ADD: case TK_SUB: case TK_NOT: case TK_XOR: case TK_AND: case TK_ARROW: {
        p_next(p);
        p_enter(p);
        Node *x = p_unary_expr(p);
        p_leave(p);
        if (op == TK_ARROW && x->kind == ND_CHAN_TYPE) return p_recv_chan_type(p, x, pos);
        Node *n = p_node(p, op == TK_MUL ? ND_STAR : ND_UNARY, pos);
        n->op = op;
        n->x = x;
        return p_done(p, n);
    }
    default:
        return p_primary_expr(p);
    }
}

static int p_precedence(TokenKind k) {
    switch (k) {
    case TK_LOR: return 1;
    case TK_LAND: return 2;
    case TK_EQL: case TK_NEQ: case TK_LSS: case TK_LEQ: case TK_GTR: case TK_GEQ: return 3;
    case TK_ADD: case TK_SUB: case TK_OR: case TK_XOR: return 4;
    case TK_MUL: case TK_QUO: case TK_REM: case TK_SHL: case TK_SHR: case TK_AND: case TK_AND_NOT: return 5;
    default: return 0;
    }
}

/* Expression = UnaryExpr | Expression binary_op Expression .  Recursion is
 * only on increasing precedence, so at most five levels deep. */
static Node *p_binary_expr(Parser *p, int prec) {
    Node *x = p_unary_expr(p);
    int tprec;
    while ((tprec = p_precedence(p->tok.kind)) > prec) {
        Node *t = p_node(p, ND_BINARY, x->pos);
        t->opos = p->tok.pos;
        t->op = p->tok.kind;
        p_next(p);
        t->x = x;
        t->y = p_binary_expr(p, tprec);
        x = p_done(p, t);
    }
    return x;
}

static Node *p_expr(Parser *p) {
    if (p->nexpr++ == 0) p->expr_start = p->tok.pos, p->expr_nest = p->nest;
    p_enter(p);
    Node *x = p_binary_expr(p, 0);
    p_leave(p);
    p->nexpr--;
    return x;
}

static Node *p_expr_list(Parser *p) {
    NodeList l = {0};
    p_append(&l, p_expr(p));
    while (p_got(p, TK_COMMA)) p_append(&l, p_expr(p));
    return l.head;
}

/* ---------------------------------------------------------------------------
 * Statements */

static bool p_is_assign_op(TokenKind k) {
    switch (k) {
    case TK_ADD_ASSIGN: case TK_SUB_ASSIGN: case TK_MUL_ASSIGN: case TK_QUO_ASSIGN:
    case TK_REM_ASSIGN: case TK_AND_ASSIGN: case TK_OR_ASSIGN: case TK_XOR_ASSIGN:
    case TK_SHL_ASSIGN: case TK_SHR_ASSIGN: case TK_AND_NOT_ASSIGN:
        return true;
    default:
        return false;
    }
}

/* RangeClause = [ ExpressionList ( "=" | ":=" ) ] "range" Expression .  The
 * returned ND_RANGE still lacks its body. */
static Node *p_range_clause(Parser *p, Node *lhs, TokenKind def) {
    Node *r = p_node(p, ND_RANGE, lhs ? lhs->pos : p->tok.pos);
    r->opos = p->tok.pos;
    p_next(p); /* range */
    r->op = def;
    if (lhs) {
        Node *value = lhs->next;
        if (value && value->next)
            p_error_at(p, value->next->pos, "range clause permits at most two iteration variables");
        lhs->next = NULL;
        r->y = lhs;
        r->z = value;
    }
    r->x = p_expr(p);
    return r;
}

/* SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt |
 *              Assignment | ShortVarDecl .
 * lhs, if given, is an already parsed expression list.  keyword is TK_FOR
 * where a range clause may appear, TK_SWITCH where a type switch guard may,
 * and TK_EOF otherwise. */
static Node *p_simple_stmt(Parser *p, Node *lhs, TokenKind keyword) {
    if (keyword == TK_FOR && p->tok.kind == TK_RANGE) return p_range_clause(p, NULL, (TokenKind)0);
    if (!lhs) lhs = p_expr_list(p);
    TokenKind k = p->tok.kind;
    Pos opos = p->tok.pos;

    if (!lhs->next && k != TK_ASSIGN && k != TK_DEFINE) {
        Node *s;
        if (p_is_assign_op(k)) {
            s = p_node(p, ND_ASSIGN, lhs->pos);
            s->op = k;
            p_next(p);
            s->list = lhs;
            s->rhs = p_expr(p);
        } else if (k == TK_INC || k == TK_DEC) {
            s = p_node(p, ND_INCDEC, lhs->pos);
            s->op = k;
            p_next(p);
            s->x = lhs;
        } else if (k == TK_ARROW) {
            s = p_node(p, ND_SEND, lhs->pos);
            p_next(p);
            s->x = lhs;
            s->y = p_expr(p);
        } else {
            s = p_node(p, ND_EXPR_STMT, lhs->pos);
            s->x = lhs;
            return p_done(p, s);
        }
        s->opos = opos;
        return p_done(p, s);
    }

    if (k != TK_ASSIGN && k != TK_DEFINE) p_syntax_error(p, "expecting := or = or comma");
    p_next(p);
    if (keyword == TK_FOR && p->tok.kind == TK_RANGE) return p_range_clause(p, lhs, k);
    Node *rhs = p_expr_list(p);

    if (keyword == TK_SWITCH && k == TK_DEFINE && !lhs->next && lhs->kind == ND_IDENT && !rhs->next &&
        rhs->kind == ND_TYPE_ASSERT && !rhs->type) {
        /* switch v := x.(type) */
        rhs->y = lhs;
        p_height(p, rhs);
        Node *s = p_node(p, ND_EXPR_STMT, lhs->pos);
        s->x = rhs;
        return p_done(p, s);
    }
    Node *s = p_node(p, ND_ASSIGN, lhs->pos);
    s->op = k;
    s->opos = opos;
    s->list = lhs;
    s->rhs = rhs;
    return p_done(p, s);
}

/* The header of if, for and switch: [ init ";" ] cond, or for's
 * init ";" cond ";" post, or a range clause. */
typedef struct Header {
    Node *init, *cond, *post;
} Header;

static void p_header(Parser *p, TokenKind keyword, Header *h) {
    memset(h, 0, sizeof *h);
    p_next(p); /* the keyword */
    if (p->tok.kind == TK_LBRACE) {
        if (keyword == TK_IF) p_syntax_error(p, "missing condition in if statement");
        return;
    }
    int outer = p->xnest;
    p->xnest = -1;

    if (p->tok.kind != TK_SEMICOLON) {
        if (p->tok.kind == TK_VAR) {
            p_next(p); /* gc points just past the var */
            char msg[80];
            snprintf(msg, sizeof msg, "var declaration not allowed in %s initializer", token_spelling(keyword));
            p_syntax_error(p, msg);
        }
        h->init = p_simple_stmt(p, NULL, keyword);
        if (h->init->kind == ND_RANGE) {
            p->xnest = outer;
            return;
        }
    }

    Node *cond_stmt = NULL;
    bool semi = false;
    Token semi_tok = p->tok;
    if (p->tok.kind != TK_LBRACE) {
        if (p->tok.kind == TK_SEMICOLON) {
            semi = true;
            p_next(p);
        } else {
            p_want(p, TK_LBRACE);
        }
        if (keyword == TK_FOR) {
            if (p->tok.kind != TK_SEMICOLON) {
                if (p->tok.kind == TK_LBRACE) p_syntax_error(p, "expecting for loop condition");
                cond_stmt = p_simple_stmt(p, NULL, TK_EOF);
            }
            p_want(p, TK_SEMICOLON);
            if (p->tok.kind != TK_LBRACE) {
                h->post = p_simple_stmt(p, NULL, TK_EOF);
                if (h->post->kind == ND_ASSIGN && h->post->op == TK_DEFINE)
                    p_syntax_error_at(p, h->post->opos, "cannot declare in post statement of for loop");
            }
        } else if (p->tok.kind != TK_LBRACE) {
            cond_stmt = p_simple_stmt(p, NULL, keyword);
        }
    } else {
        cond_stmt = h->init;
        h->init = NULL;
    }

    if (!cond_stmt) {
        if (keyword == TK_IF && semi) {
            if (semi_tok.flags & (TOKF_NEWLINE | TOKF_EOF)) {
                char msg[80];
                snprintf(msg, sizeof msg, "unexpected %s, expecting { after if clause",
                         (semi_tok.flags & TOKF_NEWLINE) ? "newline" : "EOF");
                p_syntax_error_at(p, semi_tok.pos, msg);
            }
            p_syntax_error_at(p, semi_tok.pos, "missing condition in if statement");
        }
    } else if (cond_stmt->kind == ND_EXPR_STMT) {
        h->cond = cond_stmt->x;
    } else {
        /* A common mistake is = for ==; spell the assignment out. */
        char msg[256], a[64], b[64];
        if (cond_stmt->kind == ND_ASSIGN && cond_stmt->op == TK_ASSIGN) {
            Node *last_l = cond_stmt->list, *last_r = cond_stmt->rhs;
            while (last_l->next) last_l = last_l->next;
            while (last_r->next) last_r = last_r->next;
            p_source_text(p, cond_stmt->list->pos.offset, last_l->end, a, sizeof a);
            p_source_text(p, cond_stmt->rhs->pos.offset, last_r->end, b, sizeof b);
            snprintf(msg, sizeof msg, "cannot use assignment (%s) = (%s) as value", a, b);
        } else {
            p_source_text(p, cond_stmt->pos.offset, cond_stmt->end, a, sizeof a);
            snprintf(msg, sizeof msg, "cannot use %s as value", a);
        }
        p_syntax_error_at(p, cond_stmt->opos, msg);
    }
    p->xnest = outer;
}

/* Block = "{" StatementList "}" . */
static Node *p_block(Parser *p, const char *context) {
    Node *b = p_node(p, ND_BLOCK, p->tok.pos);
    if (!p_got(p, TK_LBRACE)) {
        char msg[80];
        snprintf(msg, sizeof msg, "expecting { after %s", context);
        p_syntax_error(p, msg);
    }
    p_enter(p);
    b->list = p_stmt_list(p);
    p_leave(p);
    p_want(p, TK_RBRACE);
    return p_done(p, b);
}

static Node *p_if_stmt(Parser *p) {
    Node *s = p_node(p, ND_IF, p->tok.pos);
    Header h;
    p_header(p, TK_IF, &h);
    s->init = h.init;
    s->cond = h.cond;
    s->body = p_block(p, "if clause");
    if (p_got(p, TK_ELSE)) {
        if (p->tok.kind == TK_IF) {
            p_enter(p);
            s->els = p_if_stmt(p);
            p_leave(p);
        } else if (p->tok.kind == TK_LBRACE) {
            s->els = p_block(p, "else");
        } else {
            p_syntax_error(p, "else must be followed by if or statement block");
        }
    }
    return p_done(p, s);
}

static Node *p_for_stmt(Parser *p) {
    Pos pos = p->tok.pos;
    Header h;
    p_header(p, TK_FOR, &h);
    Node *s;
    if (h.init && h.init->kind == ND_RANGE) {
        s = h.init;
        s->pos = pos;
    } else {
        s = p_node(p, ND_FOR, pos);
        s->init = h.init;
        s->cond = h.cond;
        s->post = h.post;
    }
    s->body = p_block(p, "for clause");
    return p_done(p, s);
}

/* The statements of a case clause, as an implicit block starting at ':'. */
static Node *p_clause_body(Parser *p) {
    Node *b = p_node(p, ND_BLOCK, p->tok.pos);
    b->flags |= NF_IMPLICIT;
    p_want(p, TK_COLON);
    b->list = p_stmt_list(p);
    return p_done(p, b);
}

static Node *p_switch_stmt(Parser *p) {
    Node *s = p_node(p, ND_SWITCH, p->tok.pos);
    Header h;
    p_header(p, TK_SWITCH, &h);
    s->init = h.init;
    s->x = h.cond;
    if (!p_got(p, TK_LBRACE)) p_syntax_error(p, "missing { after switch clause");
    p_enter(p);
    NodeList clauses = {0};
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RBRACE) {
        Node *c = p_node(p, ND_CASE_CLAUSE, p->tok.pos);
        if (p_got(p, TK_CASE)) c->list = p_expr_list(p);
        else if (p_got(p, TK_DEFAULT)) c->flags |= NF_DEFAULT;
        else p_syntax_error(p, "expecting case or default or }");
        c->body = p_clause_body(p);
        p_append(&clauses, p_done(p, c));
    }
    p_leave(p);
    p_want(p, TK_RBRACE);
    s->list = clauses.head;
    return p_done(p, s);
}

static Node *p_select_stmt(Parser *p) {
    Node *s = p_node(p, ND_SELECT, p->tok.pos);
    p_next(p);
    if (!p_got(p, TK_LBRACE)) p_syntax_error(p, "missing { after select clause");
    p_enter(p);
    NodeList clauses = {0};
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RBRACE) {
        Node *c = p_node(p, ND_COMM_CLAUSE, p->tok.pos);
        if (p_got(p, TK_CASE)) c->x = p_simple_stmt(p, NULL, TK_EOF);
        else if (p_got(p, TK_DEFAULT)) c->flags |= NF_DEFAULT;
        else p_syntax_error(p, "expecting case or default or }");
        c->body = p_clause_body(p);
        p_append(&clauses, p_done(p, c));
    }
    p_leave(p);
    p_want(p, TK_RBRACE);
    s->list = clauses.head;
    return p_done(p, s);
}

/* GoStmt = "go" Expression .  DeferStmt = "defer" Expression . */
static Node *p_call_stmt(Parser *p) {
    TokenKind kw = p->tok.kind;
    Node *s = p_node(p, kw == TK_GO ? ND_GO : ND_DEFER, p->tok.pos);
    p_next(p);
    Node *x = p_primary_expr(p);
    if (x->kind == ND_PAREN)
        p_error_at(p, x->pos, "expression in %s must not be parenthesized", token_spelling(kw));
    if (x->kind != ND_CALL) p_error_at(p, x->pos, "expression in %s must be function call", token_spelling(kw));
    s->x = x;
    return p_done(p, s);
}

static Node *p_labeled_stmt(Parser *p, Node *label) {
    Node *s = p_node(p, ND_LABELED, label->pos);
    s->name = label->name;
    s->opos = p->tok.pos;
    p_want(p, TK_COLON);
    if (p->tok.kind == TK_RBRACE) {
        s->body = p_done(p, p_node(p, ND_EMPTY, p->tok.pos));
        return p_done(p, s);
    }
    p_enter(p);
    s->body = p_stmt_or_nil(p);
    p_leave(p);
    if (!s->body) p_syntax_error_at(p, s->opos, "missing statement after label");
    return p_done(p, s);
}

static Node *p_var_spec(Parser *p, int index);
static Node *p_const_spec(Parser *p, int index);
static Node *p_type_spec(Parser *p, int index);
static Node *p_gen_decl(Parser *p, NodeKind kind, Node *(*spec)(Parser *, int));

/* Statement, or NULL if the current token cannot start one. */
static Node *p_stmt_or_nil(Parser *p) {
    Pos pos = p->tok.pos;
    TokenKind k = p->tok.kind;
    if (k == TK_IDENT) {
        Node *lhs = p_expr_list(p);
        if (!lhs->next && lhs->kind == ND_IDENT && p->tok.kind == TK_COLON) return p_labeled_stmt(p, lhs);
        return p_simple_stmt(p, lhs, TK_EOF);
    }
    switch (k) {
    case TK_VAR: return p_gen_decl(p, ND_VAR_DECL, p_var_spec);
    case TK_CONST: return p_gen_decl(p, ND_CONST_DECL, p_const_spec);
    case TK_TYPE: return p_gen_decl(p, ND_TYPE_DECL, p_type_spec);
    case TK_LBRACE: return p_block(p, "");
    case TK_ADD: case TK_SUB: case TK_MUL: case TK_AND: case TK_XOR: case TK_NOT:
    case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_CHAR: case TK_STRING:
    case TK_FUNC: case TK_LPAREN: case TK_LBRACK: case TK_STRUCT: case TK_MAP:
    case TK_CHAN: case TK_INTERFACE: case TK_ARROW:
        return p_simple_stmt(p, NULL, TK_EOF);
    case TK_FOR: return p_for_stmt(p);
    case TK_SWITCH: return p_switch_stmt(p);
    case TK_SELECT: return p_select_stmt(p);
    case TK_IF: return p_if_stmt(p);
    case TK_GO: case TK_DEFER: return p_call_stmt(p);
    case TK_FALLTHROUGH: case TK_BREAK: case TK_CONTINUE: case TK_GOTO: {
        Node *s = p_node(p, ND_BRANCH, pos);
        s->op = k;
        p_next(p);
        if (k == TK_GOTO || ((k == TK_BREAK || k == TK_CONTINUE) && p->tok.kind == TK_IDENT))
            s->name = p_name(p)->name;
        return p_done(p, s);
    }
    case TK_RETURN: {
        Node *s = p_node(p, ND_RETURN, pos);
        p_next(p);
        if (p->tok.kind != TK_SEMICOLON && p->tok.kind != TK_RBRACE) s->list = p_expr_list(p);
        return p_done(p, s);
    }
    case TK_SEMICOLON:
        return p_node(p, ND_EMPTY, pos);
    default:
        return NULL;
    }
}

/* StatementList = { Statement ";" } .  Empty statements are dropped. */
static Node *p_stmt_list(Parser *p) {
    NodeList l = {0};
    for (;;) {
        TokenKind k = p->tok.kind;
        if (k == TK_EOF || k == TK_RBRACE || k == TK_CASE || k == TK_DEFAULT) break;
        Node *s = p_stmt_or_nil(p);
        if (!s) break;
        if (s->kind != ND_EMPTY) p_append(&l, s);
        if (!p_got(p, TK_SEMICOLON) && p->tok.kind != TK_RBRACE) p_syntax_error(p, "at end of statement");
    }
    return l.head;
}

/* ---------------------------------------------------------------------------
 * Declarations */

/* Like p_got(TK_ASSIGN), but := gets gc's "expecting =" error. */
static bool p_got_assign(Parser *p) {
    if (p->tok.kind == TK_DEFINE) p_syntax_error(p, "expecting =");
    return p_got(p, TK_ASSIGN);
}

/* VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) . */
static Node *p_var_spec(Parser *p, int index) {
    (void)index;
    Node *s = p_node(p, ND_VAR_SPEC, p->tok.pos);
    s->list = p_name_list(p, p_name(p));
    if (p_got_assign(p)) {
        s->rhs = p_expr_list(p);
    } else {
        s->type = p_type(p);
        if (p_got_assign(p)) s->rhs = p_expr_list(p);
    }
    return p_done(p, s);
}

/* ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] . */
static Node *p_const_spec(Parser *p, int index) {
    Node *s = p_node(p, ND_CONST_SPEC, p->tok.pos);
    s->ival = (uint64_t)index;
    s->list = p_name_list(p, p_name(p));
    TokenKind k = p->tok.kind;
    if (k != TK_EOF && k != TK_SEMICOLON && k != TK_RPAREN) {
        s->type = p_type_or_nil(p);
        if (p_got_assign(p)) s->rhs = p_expr_list(p);
    }
    return p_done(p, s);
}

/* TypeSpec = identifier [ "=" ] Type . */
/* At the '[' after a declared name: does a type parameter list start
 * here (`[T any]`, `[K, V any]`) rather than an array length (`[N]`)?
 * gc decides on the parsed expression; looking at the token after the
 * first name tells the same for everything but exotic constraints. */
static bool p_is_letter(char ch) { return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch & 0x80); }

static bool p_type_params_ahead(Parser *p) {
    const char *src = p->lx.src;
    size_t len = p->lx.len, i = p->tok.pos.offset + 1;
    while (i < len && (src[i] == ' ' || src[i] == '\t')) i++;
    if (i >= len || !p_is_letter(src[i])) return false;
    while (i < len && (p_is_letter(src[i]) || (src[i] >= '0' && src[i] <= '9'))) i++;
    while (i < len && (src[i] == ' ' || src[i] == '\t')) i++;
    return i < len && (src[i] == ',' || src[i] == '~' || src[i] == '[' || p_is_letter(src[i]));
}

static Node *p_type_spec(Parser *p, int index) {
    (void)index;
    Node *s = p_node(p, ND_TYPE_SPEC, p->tok.pos);
    Node *name = p_name(p);
    s->name = name->name;
    s->opos = name->pos;
    if (p->tok.kind == TK_LBRACK && p_type_params_ahead(p))
        p_error_at(p, p->tok.pos, "generics are not supported by hchanviz (see docs/go-subset.md)");
    if (p_got_assign(p)) s->flags |= NF_ALIAS;
    s->type = p_type_or_nil(p);
    if (!s->type) p_syntax_error(p, "in type declaration");
    return p_done(p, s);
}

/* Decl = keyword ( Spec | "(" { Spec ";" } ")" ) . */
static Node *p_gen_decl(Parser *p, NodeKind kind, Node *(*spec)(Parser *, int)) {
    Node *d = p_node(p, kind, p->tok.pos);
    p_next(p);
    NodeList specs = {0};
    if (p_got(p, TK_LPAREN)) {
        d->flags |= NF_GROUPED;
        int index = 0;
        while (p->tok.kind != TK_EOF && p->tok.kind != TK_RPAREN) {
            p_append(&specs, spec(p, index++));
            if (!p_got(p, TK_SEMICOLON) && p->tok.kind != TK_RPAREN)
                p_list_error(p, "grouped declaration", TK_SEMICOLON, TK_RPAREN);
        }
        p_want(p, TK_RPAREN);
    } else {
        p_append(&specs, spec(p, 0));
    }
    d->list = specs.head;
    return p_done(p, d);
}

/* ImportSpec = [ "." | PackageName ] ImportPath . */
static Node *p_import_spec(Parser *p, bool grouped) {
    Node *n = p_node(p, ND_IMPORT, p->tok.pos);
    if (grouped) n->flags |= NF_GROUPED;
    if (p->tok.kind == TK_IDENT) {
        n->name = p_name(p)->name;
    } else if (p->tok.kind == TK_PERIOD) {
        n->name = ".";
        p_next(p);
    }
    if (!p_is_literal(p->tok.kind)) p_syntax_error(p, "missing import path");
    bool string = p->tok.kind == TK_STRING;
    n->x = p_basic_lit(p);
    if (!string) p_syntax_error(p, "import path must be a string"); /* gc: after the literal */
    n->str = n->x->str;
    n->len = n->x->len;
    return p_done(p, n);
}

/* "import" already consumed; imports are appended to decls one by one. */
static void p_import_decl(Parser *p, NodeList *decls) {
    if (!p_got(p, TK_LPAREN)) {
        p_append(decls, p_import_spec(p, false));
        return;
    }
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RPAREN) {
        p_append(decls, p_import_spec(p, true));
        if (!p_got(p, TK_SEMICOLON) && p->tok.kind != TK_RPAREN)
            p_list_error(p, "grouped declaration", TK_SEMICOLON, TK_RPAREN);
    }
    p_want(p, TK_RPAREN);
}

/* FunctionDecl = "func" [ Receiver ] FunctionName Signature [ FunctionBody ] . */
static Node *p_func_decl(Parser *p) {
    Node *f = p_node(p, ND_FUNC_DECL, p->tok.pos);
    p_next(p);
    if (p_got(p, TK_LPAREN)) {
        Node *recv = p_param_list(p, TK_RPAREN);
        int n = 0;
        for (Node *r = recv; r; r = r->next) {
            int names = 0;
            for (Node *nm = r->list; nm; nm = nm->next) names++;
            n += names ? names : 1;
        }
        if (n == 0) p_error_at(p, p->tok.pos, "method has no receiver");
        if (n > 1) p_error_at(p, p->tok.pos, "method has multiple receivers");
        f->x = recv;
    }
    if (p->tok.kind != TK_IDENT) p_syntax_error(p, "expecting name or (");
    Node *name = p_name(p);
    f->name = name->name;
    f->opos = name->pos;
    if (p->tok.kind == TK_LBRACK) p_error_at(p, p->tok.pos, "generics are not supported by hchanviz (see docs/go-subset.md)");
    f->type = p_func_signature(p, name->pos);
    if (p->tok.kind == TK_LBRACE) f->body = p_func_body(p);
    return p_done(p, f);
}

/* SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } . */
static Node *p_source_file(Parser *p) {
    Node *file = p_node(p, ND_FILE, p->tok.pos);
    if (p->tok.kind != TK_PACKAGE) p_syntax_error(p, "package statement must be first");
    p_next(p);
    Node *pkg = p_name(p);
    file->name = pkg->name;
    file->opos = pkg->pos;
    p_want(p, TK_SEMICOLON);

    NodeList decls = {0};
    while (p_got(p, TK_IMPORT)) {
        p_import_decl(p, &decls);
        p_want(p, TK_SEMICOLON);
    }
    while (p->tok.kind != TK_EOF) {
        Node *d;
        switch (p->tok.kind) {
        case TK_CONST: d = p_gen_decl(p, ND_CONST_DECL, p_const_spec); break;
        case TK_TYPE: d = p_gen_decl(p, ND_TYPE_DECL, p_type_spec); break;
        case TK_VAR: d = p_gen_decl(p, ND_VAR_DECL, p_var_spec); break;
        case TK_FUNC: d = p_func_decl(p); break;
        /* an import after other declarations: Go 1.19 says "non-declaration statement" */
        default:
            if (p->tok.kind == TK_LBRACE && decls.tail && decls.tail->kind == ND_FUNC_DECL && !decls.tail->body)
                p_syntax_error(p, "unexpected semicolon or newline before {");
            p_syntax_error(p, "non-declaration statement outside function body");
        }
        p_append(&decls, d);
        if (p->tok.kind != TK_EOF && !p_got(p, TK_SEMICOLON)) p_syntax_error(p, "after top level declaration");
    }
    file->list = decls.head;
    return p_done(p, file);
}

/* ---------------------------------------------------------------------------
 * Entry point */

/* Runs the parse; returns false if an error longjmp'd out of it.  Kept apart
 * from parse_file so that no local of the function calling setjmp changes
 * after setjmp (their values would be indeterminate after longjmp). */
static bool p_run(Parser *p) {
    if (setjmp(p->fail)) return false;
    p_next(p);
    p->ast->file = p_source_file(p);
    return true;
}

static bool p_copy_comments(Parser *p) {
    Ast *a = p->ast;
    size_t n = p->lx.ncomments;
    if (n == 0) return true;
    if (n > SIZE_MAX / sizeof(Comment)) return false;
    a->comments = ast_alloc(a, n * sizeof(Comment));
    if (!a->comments) return false;
    memcpy(a->comments, p->lx.comments, n * sizeof(Comment));
    a->ncomments = n;
    return true;
}

Ast *parse_file(const char *filename, const char *src, size_t len, Diag *d) {
    if (!src) len = 0;
    if (len > PARSE_MAX_SOURCE) {
        diag_report(d, filename, NULL, 0, 0, 1, 1, "file too large (%zu bytes, limit %zu)", len,
                    (size_t)PARSE_MAX_SOURCE);
        return NULL;
    }
    Ast *a = ast_new();
    char *copy = a ? ast_alloc(a, len + 1) : NULL;
    char *fname = a ? ast_strndup(a, filename ? filename : "<input>", strlen(filename ? filename : "<input>")) : NULL;
    Parser *p = calloc(1, sizeof *p);
    if (!a || !copy || !fname || !p) {
        diag_report(d, filename, NULL, 0, 0, 1, 1, "out of memory");
        ast_free(a);
        free(p);
        return NULL;
    }
    if (len) memcpy(copy, src, len);
    copy[len] = '\0';
    a->src = copy;
    a->src_len = len;
    a->filename = fname;

    p->ast = a;
    p->diag = d;
    p->filename = fname;
    diag_init(&p->lexdiag);
    lexer_init(&p->lx, fname, copy, len, &p->lexdiag);
    bool ok = p_run(p) && p_copy_comments(p);
    if (ok && p->lx.errors == 0) {
        lexer_free(&p->lx);
        diag_free(&p->lexdiag);
        free(p);
        return a;
    }
    if (ok && diag_has_error(&p->lexdiag)) p_report_lex_error(p);
    if (!diag_has_error(d) && d) diag_report(d, filename, NULL, 0, 0, 1, 1, "out of memory");
    lexer_free(&p->lx);
    diag_free(&p->lexdiag);
    free(p);
    ast_free(a);
    return NULL;
}
