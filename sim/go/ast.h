/* Abstract syntax tree for the Go subset.
 *
 * One struct, Node, serves every construct; which fields a kind uses is
 * listed in NODE_LIST below (fields not listed are NULL/0).  Lists are
 * singly linked through Node.next, in source order.  Types appear wherever
 * Go allows them: in declarations and also inside expressions (make(chan
 * int), conversions, composite literals), so type nodes are ordinary Nodes.
 * As in go/ast, `*x` is ND_STAR whether it turns out to be a dereference or
 * a pointer type, and a qualified type name (sync.Mutex) is ND_SELECTOR.
 *
 * Every node records where it is: pos is its first byte (line, col, offset),
 * end the offset just past its last byte, and opos the position of its
 * operator or other key token (see the table) -- the place gc points at
 * when it reports an error about the node.
 *
 * All nodes, strings and the comment list belong to an Ast and live in its
 * arena: nothing is freed piecemeal, ast_free() releases everything. */
#ifndef HCHANVIZ_GO_AST_H
#define HCHANVIZ_GO_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lexer.h"
#include "token.h"

/* X(kind, dump name, fields used).  The dump name is the head of the node's
 * S-expression in ast_dump(). */
#define NODE_LIST(X)                                                                        \
    /* files and declarations */                                                            \
    X(ND_FILE, "file", "name=package name, opos=its position, list=decls (imports first)")  \
    X(ND_IMPORT, "import", "name=local name or NULL, x=path (ND_STRING), str/len=path")     \
    X(ND_FUNC_DECL, "func", "name, opos=name pos, x=receiver ND_FIELD or NULL, "            \
                            "type=ND_FUNC_TYPE, body=ND_BLOCK or NULL")                     \
    X(ND_VAR_DECL, "var", "list=ND_VAR_SPEC; flags NF_GROUPED for var ( ... )")             \
    X(ND_CONST_DECL, "const", "list=ND_CONST_SPEC; flags NF_GROUPED")                       \
    X(ND_TYPE_DECL, "type", "list=ND_TYPE_SPEC; flags NF_GROUPED")                          \
    X(ND_VAR_SPEC, "spec", "list=names (ND_IDENT), type or NULL, rhs=values or NULL")       \
    X(ND_CONST_SPEC, "spec", "like ND_VAR_SPEC; ival=iota (index in its group)")            \
    X(ND_TYPE_SPEC, "spec", "name, opos=name pos, type; flags NF_ALIAS for type A = B")     \
    X(ND_FIELD, "field", "list=names (ND_IDENT) or NULL if anonymous/embedded, type, "      \
                         "x=tag (ND_STRING) or NULL")                                       \
    /* types */                                                                             \
    X(ND_ARRAY_TYPE, "array", "x=length or NULL for [...]T, type=element")                  \
    X(ND_SLICE_TYPE, "slice", "type=element")                                               \
    X(ND_MAP_TYPE, "map", "x=key type, type=value type")                                    \
    X(ND_CHAN_TYPE, "chan", "type=element; flags NF_SEND_ONLY / NF_RECV_ONLY")              \
    X(ND_FUNC_TYPE, "functype", "list=params (ND_FIELD), rhs=results (ND_FIELD)")           \
    X(ND_STRUCT_TYPE, "struct", "list=fields (ND_FIELD)")                                   \
    X(ND_INTERFACE_TYPE, "interface", "list=ND_FIELD: method (names=[m], type=ND_FUNC_TYPE)" \
                                      " or embedded type (no names)")                       \
    X(ND_ELLIPSIS, "...", "type=element of a variadic parameter ...T")                      \
    /* expressions */                                                                       \
    X(ND_IDENT, "ident", "name (true, false, nil, iota are identifiers too)")               \
    X(ND_INT, "int", "name=source text, ival; flags NF_OVERFLOW (> int64), NF_OVERFLOW_U64")\
    X(ND_FLOAT, "float", "name=source text")                                                \
    X(ND_IMAG, "imag", "name=source text")                                                  \
    X(ND_CHAR, "char", "name=source text, ival=code point (byte value for '\\xff')")        \
    X(ND_STRING, "string", "str/len=decoded value (NUL-terminated); flags NF_RAW")          \
    X(ND_COMPOSITE, "composite", "type or NULL (elided in nested literals), list=elements, "\
                                 "opos='{'")                                                \
    X(ND_KEY_VALUE, "kv", "x=key, y=value, opos=':'")                                       \
    X(ND_FUNC_LIT, "funclit", "type=ND_FUNC_TYPE, body=ND_BLOCK")                           \
    X(ND_PAREN, "paren", "x")                                                               \
    X(ND_SELECTOR, "sel", "x, name, opos=position of name")                                 \
    X(ND_INDEX, "index", "x, y=index, opos='['")                                            \
    X(ND_SLICE_EXPR, "slice-expr", "x, y=low, z=high, w=max (each may be NULL); "           \
                                   "flags NF_SLICE3; opos='['")                             \
    X(ND_TYPE_ASSERT, "assert", "x, type (NULL for x.(type)), y=v in switch v := x.(type), opos=.") \
    X(ND_CALL, "call", "x=function, list=args; flags NF_DOTS for f(xs...); opos='('")       \
    X(ND_STAR, "*", "x (pointer type or dereference)")                                      \
    X(ND_UNARY, "unary", "op (+ - ! ^ & <-), x")                                            \
    X(ND_BINARY, "binary", "op, x, y, opos=operator")                                       \
    /* statements */                                                                        \
    X(ND_BLOCK, "block", "list=statements; flags NF_IMPLICIT for case clause bodies")       \
    X(ND_EMPTY, "empty", "(only as the statement of a label before })")                     \
    X(ND_EXPR_STMT, "expr", "x")                                                            \
    X(ND_SEND, "send", "x=channel, y=value, opos='<-'")                                     \
    X(ND_INCDEC, "incdec", "op (TK_INC/TK_DEC), x, opos")                                   \
    X(ND_ASSIGN, "assign", "op (TK_ASSIGN, TK_DEFINE, TK_ADD_ASSIGN...), list=lhs, "        \
                           "rhs=rhs, opos=operator")                                        \
    X(ND_GO, "go", "x=ND_CALL")                                                             \
    X(ND_DEFER, "defer", "x=ND_CALL")                                                       \
    X(ND_RETURN, "return", "list=results")                                                  \
    X(ND_BRANCH, "branch", "op (TK_BREAK, TK_CONTINUE, TK_GOTO, TK_FALLTHROUGH), "          \
                           "name=label or NULL")                                            \
    X(ND_LABELED, "label", "name, body=statement")                                          \
    X(ND_IF, "if", "init, cond, body=ND_BLOCK, els=ND_IF or ND_BLOCK or NULL")              \
    X(ND_FOR, "for", "init, cond, post (each may be NULL), body")                           \
    X(ND_RANGE, "range", "y=key, z=value (may be NULL), op=TK_DEFINE/TK_ASSIGN/0, "         \
                         "x=range expression, body, opos='range'")                          \
    X(ND_SWITCH, "switch", "init, x=tag or NULL (ND_TYPE_ASSERT for type switches), "       \
                           "list=ND_CASE_CLAUSE")                                           \
    X(ND_CASE_CLAUSE, "case", "list=expressions (NULL for default), body=implicit "         \
                              "ND_BLOCK; flags NF_DEFAULT")                                 \
    X(ND_SELECT, "select", "list=ND_COMM_CLAUSE")                                           \
    X(ND_COMM_CLAUSE, "comm", "x=ND_SEND, ND_EXPR_STMT or ND_ASSIGN (NULL for default), "   \
                              "body=implicit ND_BLOCK; flags NF_DEFAULT")

typedef enum NodeKind {
#define NODE_ENUM_MEMBER(kind, name, fields) kind,
    NODE_LIST(NODE_ENUM_MEMBER)
#undef NODE_ENUM_MEMBER
    ND_COUNT_
} NodeKind;

/* Node flags. */
enum {
    NF_GROUPED = 1u << 0,      /* var/const/type/import ( ... ) */
    NF_ALIAS = 1u << 1,        /* type A = B */
    NF_SEND_ONLY = 1u << 2,    /* chan<- T */
    NF_RECV_ONLY = 1u << 3,    /* <-chan T */
    NF_OVERFLOW = 1u << 4,     /* int literal does not fit in int64 */
    NF_OVERFLOW_U64 = 1u << 5, /* ... nor in uint64 (ival is then UINT64_MAX) */
    NF_RAW = 1u << 6,          /* raw string literal */
    NF_DOTS = 1u << 7,         /* call with a final ... argument */
    NF_SLICE3 = 1u << 8,       /* a[i:j:k] */
    NF_DEFAULT = 1u << 9,      /* default clause */
    NF_IMPLICIT = 1u << 10     /* block without braces in the source (clause body) */
};

typedef struct Node Node;
struct Node {
    NodeKind kind;
    TokenKind op;        /* operator or keyword, see the table */
    uint32_t flags;      /* NF_* */
    uint32_t end;        /* byte offset just past the node's last byte */
    uint32_t height;     /* 1 + height of the tallest child (leaves: 1) */
    uint32_t len;        /* length of str (sources are < 1 GiB) */
    Pos pos;             /* the node's first byte */
    Pos opos;            /* its operator or key token (= pos where the table says nothing) */
    Node *next;          /* next node in the list this node belongs to */
    const char *name;    /* NUL-terminated, arena-owned */
    Node *x, *y, *z, *w; /* operands */
    Node *type;
    Node *list, *rhs;    /* child lists */
    Node *init, *cond, *post, *body, *els;
    const char *str;     /* ND_STRING value, ND_IMPORT path: NUL-terminated, may hold NULs */
    uint64_t ival;
    void *info;          /* the checker's annotation (check.h: NodeInfo), NULL before */
};

typedef struct AstArenaBlock AstArenaBlock;

typedef struct Ast {
    Node *file;             /* the ND_FILE root */
    const char *filename;   /* arena copy */
    const char *src;        /* arena copy of the whole source (NUL-terminated) */
    size_t src_len;
    Comment *comments;      /* every comment in source order; text/body point into src */
    size_t ncomments;
    size_t nnodes;          /* nodes allocated */
    AstArenaBlock *arena;   /* private: the memory behind all of the above */
} Ast;

/* Creates an empty Ast (no file yet) owning an empty arena.  Returns NULL if
 * memory runs out.  Free with ast_free(). */
Ast *ast_new(void);

/* Frees the Ast and everything allocated from it, nodes, strings and
 * comments included.  NULL is allowed. */
void ast_free(Ast *a);

/* Allocates size zeroed bytes from a's arena, aligned for any type.  Returns
 * NULL if memory runs out.  The memory lives until ast_free(a). */
void *ast_alloc(Ast *a, size_t size);

/* Copies s[0..n) into the arena and appends a NUL; NULL if out of memory. */
char *ast_strndup(Ast *a, const char *s, size_t n);

/* Allocates a node of the given kind at pos (opos = pos, end = pos.offset).
 * Returns NULL if memory runs out. */
Node *ast_new_node(Ast *a, NodeKind kind, Pos pos);

/* Name of a node kind as in the dump ("call", "if", ...); never NULL. */
const char *ast_kind_name(NodeKind k);

/* Enumerator name of a node kind ("ND_CALL"); never NULL. */
const char *ast_kind_enum_name(NodeKind k);

/* Dump options. */
enum {
    AST_DUMP_POS = 1u << 0 /* append @line:col to the head of every node */
};

/* Prints n (and its subtree) to out as one line of S-expressions, without a
 * trailing newline.  The format, which the tests use:
 *   - identifiers and number/rune literals print as written: x 42 0x1F 'a';
 *     strings print their decoded value, re-quoted: "tab\there";
 *   - other nodes print as (head child...), where head is the operator for
 *     expressions and simple statements -- (+ a b) (<- ch) (* p) (++ i)
 *     (:= [v ok] [(<- ch)]) (break L) -- and the NODE_LIST dump name
 *     otherwise: (call f a b) (sel fmt Println) (if INIT COND THEN ELSE)
 *     (for INIT COND POST BODY) (range KEY VALUE := X BODY);
 *   - [a b] is a list in a slot that holds a list: assignment sides, field
 *     names, spec names and values, params and results, case expressions;
 *   - "-" stands for an absent optional child (and for a NULL n).
 * With AST_DUMP_POS every node also shows @line:col.  Recursion depth is
 * bounded by the parser's PARSE_MAX_HEIGHT. */
void ast_dump(FILE *out, const Node *n, unsigned flags);

/* Same as ast_dump but into a malloc'd string the caller frees; NULL if out
 * of memory. */
char *ast_dump_str(const Node *n, unsigned flags);

#endif
