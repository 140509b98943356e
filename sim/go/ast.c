#include "ast.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------
 * Arena: a list of blocks; allocation bumps a pointer in the newest block.
 * Requests bigger than a quarter block get a block of their own, linked
 * behind the current one so its free space is not wasted. */

enum { AST_ARENA_BLOCK = 64 * 1024 };

struct AstArenaBlock {
    AstArenaBlock *next;
    size_t used, cap;
    max_align_t data[];
};

static AstArenaBlock *ast_block_new(size_t cap) {
    if (cap > SIZE_MAX - sizeof(AstArenaBlock)) return NULL;
    AstArenaBlock *b = malloc(sizeof(AstArenaBlock) + cap);
    if (!b) return NULL;
    b->next = NULL;
    b->used = 0;
    b->cap = cap;
    return b;
}

Ast *ast_new(void) {
    Ast *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->arena = ast_block_new(AST_ARENA_BLOCK);
    if (!a->arena) {
        free(a);
        return NULL;
    }
    return a;
}

void ast_free(Ast *a) {
    if (!a) return;
    AstArenaBlock *b = a->arena;
    while (b) {
        AstArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *ast_alloc(Ast *a, size_t size) {
    const size_t align = alignof(max_align_t);
    if (size == 0) size = 1;
    if (size > SIZE_MAX - align) return NULL;
    size = (size + align - 1) & ~(align - 1);
    AstArenaBlock *cur = a->arena;
    if (cur->cap - cur->used < size) {
        if (size > AST_ARENA_BLOCK / 4) {
            AstArenaBlock *big = ast_block_new(size);
            if (!big) return NULL;
            big->used = size;
            big->next = cur->next;
            cur->next = big;
            memset(big->data, 0, size);
            return big->data;
        }
        AstArenaBlock *b = ast_block_new(AST_ARENA_BLOCK);
        if (!b) return NULL;
        b->next = cur;
        a->arena = cur = b;
    }
    void *p = (char *)cur->data + cur->used;
    cur->used += size;
    memset(p, 0, size);
    return p;
}

char *ast_strndup(Ast *a, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *p = ast_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

Node *ast_new_node(Ast *a, NodeKind kind, Pos pos) {
    Node *n = ast_alloc(a, sizeof *n);
    if (!n) return NULL;
    n->kind = kind;
    n->pos = pos;
    n->opos = pos;
    n->end = pos.offset;
    n->height = 1;
    a->nnodes++;
    return n;
}

const char *ast_kind_name(NodeKind k) {
    static const char *const names[] = {
#define NODE_DUMP_NAME(kind, name, fields) name,
        NODE_LIST(NODE_DUMP_NAME)
#undef NODE_DUMP_NAME
    };
    return (unsigned)k < (unsigned)ND_COUNT_ ? names[k] : "?";
}

const char *ast_kind_enum_name(NodeKind k) {
    static const char *const names[] = {
#define NODE_ENUM_NAME(kind, name, fields) #kind,
        NODE_LIST(NODE_ENUM_NAME)
#undef NODE_ENUM_NAME
    };
    return (unsigned)k < (unsigned)ND_COUNT_ ? names[k] : "ND_?";
}

/* ---------------------------------------------------------------------------
 * Dump */

typedef struct Dumper {
    FILE *out;
    unsigned flags;
} Dumper;

static void dump_node(Dumper *d, const Node *n);

static void dump_pos(Dumper *d, const Node *n) {
    if (d->flags & AST_DUMP_POS) fprintf(d->out, "@%d:%d", (int)n->pos.line, (int)n->pos.col);
}

/* "(head" with position; the caller closes the parenthesis. */
static void dump_open(Dumper *d, const Node *n, const char *head) {
    fprintf(d->out, "(%s", head);
    dump_pos(d, n);
}

static void dump_child(Dumper *d, const Node *n) {
    fputc(' ', d->out);
    dump_node(d, n);
}

/* Prints the nodes of a list, each preceded by a space. */
static void dump_items(Dumper *d, const Node *list) {
    for (const Node *n = list; n; n = n->next) dump_child(d, n);
}

/* Prints " [a b c]". */
static void dump_bracketed(Dumper *d, const Node *list) {
    fputs(" [", d->out);
    for (const Node *n = list; n; n = n->next) {
        if (n != list) fputc(' ', d->out);
        dump_node(d, n);
    }
    fputc(']', d->out);
}

static void dump_quoted(Dumper *d, const char *s, size_t n) {
    fputc('"', d->out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", d->out); break;
        case '\\': fputs("\\\\", d->out); break;
        case '\n': fputs("\\n", d->out); break;
        case '\t': fputs("\\t", d->out); break;
        case '\r': fputs("\\r", d->out); break;
        default:
            if (c < 0x20 || c == 0x7F) fprintf(d->out, "\\x%02x", c);
            else fputc(c, d->out);
        }
    }
    fputc('"', d->out);
}

/* Literal nodes print their source text, which the parser stores in name. */
static void dump_leaf_text(Dumper *d, const Node *n) {
    fputs(n->name ? n->name : "?", d->out);
    dump_pos(d, n);
}

static void dump_node(Dumper *d, const Node *n) {
    FILE *out = d->out;
    if (!n) {
        fputc('-', out);
        return;
    }
    switch (n->kind) {
    case ND_IDENT:
    case ND_INT:
    case ND_FLOAT:
    case ND_IMAG:
    case ND_CHAR:
        dump_leaf_text(d, n);
        return;
    case ND_STRING:
        dump_quoted(d, n->str, n->len);
        dump_pos(d, n);
        return;
    case ND_FILE:
        dump_open(d, n, "file");
        fprintf(out, " %s", n->name);
        dump_items(d, n->list);
        break;
    case ND_IMPORT:
        dump_open(d, n, "import");
        if (n->name) fprintf(out, " %s", n->name);
        dump_child(d, n->x);
        break;
    case ND_FUNC_DECL:
        dump_open(d, n, "func");
        fprintf(out, " %s", n->name);
        dump_child(d, n->x);
        dump_child(d, n->type);
        dump_child(d, n->body);
        break;
    case ND_VAR_DECL:
    case ND_CONST_DECL:
    case ND_TYPE_DECL:
        dump_open(d, n, ast_kind_name(n->kind));
        dump_items(d, n->list);
        break;
    case ND_VAR_SPEC:
    case ND_CONST_SPEC:
        dump_open(d, n, "spec");
        dump_bracketed(d, n->list);
        dump_child(d, n->type);
        dump_bracketed(d, n->rhs);
        if (n->kind == ND_CONST_SPEC) fprintf(out, " iota=%llu", (unsigned long long)n->ival);
        break;
    case ND_TYPE_SPEC:
        dump_open(d, n, (n->flags & NF_ALIAS) ? "alias" : "spec");
        fprintf(out, " %s", n->name);
        dump_child(d, n->type);
        break;
    case ND_FIELD:
        dump_open(d, n, "field");
        dump_bracketed(d, n->list);
        dump_child(d, n->type);
        if (n->x) dump_child(d, n->x);
        break;
    case ND_ARRAY_TYPE:
        dump_open(d, n, "array");
        if (n->x) dump_child(d, n->x);
        else fputs(" ...", out);
        dump_child(d, n->type);
        break;
    case ND_CHAN_TYPE:
        dump_open(d, n, (n->flags & NF_SEND_ONLY) ? "chan<-" : (n->flags & NF_RECV_ONLY) ? "<-chan" : "chan");
        dump_child(d, n->type);
        break;
    case ND_MAP_TYPE:
        dump_open(d, n, "map");
        dump_child(d, n->x);
        dump_child(d, n->type);
        break;
    case ND_SLICE_TYPE:
    case ND_ELLIPSIS:
        dump_open(d, n, ast_kind_name(n->kind));
        dump_child(d, n->type);
        break;
    case ND_FUNC_TYPE:
        dump_open(d, n, "functype");
        dump_bracketed(d, n->list);
        dump_bracketed(d, n->rhs);
        break;
    case ND_STRUCT_TYPE:
    case ND_INTERFACE_TYPE:
    case ND_BLOCK:
    case ND_SELECT:
        dump_open(d, n, ast_kind_name(n->kind));
        dump_items(d, n->list);
        break;
    case ND_COMPOSITE:
        dump_open(d, n, "composite");
        dump_child(d, n->type);
        dump_items(d, n->list);
        break;
    case ND_FUNC_LIT:
        dump_open(d, n, "funclit");
        dump_child(d, n->type);
        dump_child(d, n->body);
        break;
    case ND_SELECTOR:
        dump_open(d, n, "sel");
        dump_child(d, n->x);
        fprintf(out, " %s", n->name);
        break;
    case ND_SLICE_EXPR:
        dump_open(d, n, "slice-expr");
        dump_child(d, n->x);
        dump_child(d, n->y);
        dump_child(d, n->z);
        if (n->flags & NF_SLICE3) dump_child(d, n->w);
        break;
    case ND_TYPE_ASSERT:
        dump_open(d, n, "assert");
        dump_child(d, n->x);
        if (n->type) dump_child(d, n->type);
        else fputs(" type", out);
        if (n->y) dump_child(d, n->y);
        break;
    case ND_CALL:
        dump_open(d, n, (n->flags & NF_DOTS) ? "call..." : "call");
        dump_child(d, n->x);
        dump_items(d, n->list);
        break;
    case ND_STAR:
    case ND_UNARY:
    case ND_INCDEC:
        dump_open(d, n, n->kind == ND_STAR ? "*" : token_spelling(n->op));
        dump_child(d, n->x);
        break;
    case ND_BINARY:
        dump_open(d, n, token_spelling(n->op));
        dump_child(d, n->x);
        dump_child(d, n->y);
        break;
    case ND_KEY_VALUE:
    case ND_INDEX:
    case ND_SEND:
        dump_open(d, n, ast_kind_name(n->kind));
        dump_child(d, n->x);
        dump_child(d, n->y);
        break;
    case ND_PAREN:
    case ND_EXPR_STMT:
    case ND_GO:
    case ND_DEFER:
        dump_open(d, n, ast_kind_name(n->kind));
        dump_child(d, n->x);
        break;
    case ND_EMPTY:
        dump_open(d, n, "empty");
        break;
    case ND_ASSIGN:
        dump_open(d, n, token_spelling(n->op));
        dump_bracketed(d, n->list);
        dump_bracketed(d, n->rhs);
        break;
    case ND_RETURN:
        dump_open(d, n, "return");
        dump_items(d, n->list);
        break;
    case ND_BRANCH:
        dump_open(d, n, token_spelling(n->op));
        if (n->name) fprintf(out, " %s", n->name);
        break;
    case ND_LABELED:
        dump_open(d, n, "label");
        fprintf(out, " %s", n->name);
        dump_child(d, n->body);
        break;
    case ND_IF:
        dump_open(d, n, "if");
        dump_child(d, n->init);
        dump_child(d, n->cond);
        dump_child(d, n->body);
        dump_child(d, n->els);
        break;
    case ND_FOR:
        dump_open(d, n, "for");
        dump_child(d, n->init);
        dump_child(d, n->cond);
        dump_child(d, n->post);
        dump_child(d, n->body);
        break;
    case ND_RANGE:
        dump_open(d, n, "range");
        dump_child(d, n->y);
        dump_child(d, n->z);
        fprintf(out, " %s", n->op ? token_spelling(n->op) : "-");
        dump_child(d, n->x);
        dump_child(d, n->body);
        break;
    case ND_SWITCH:
        dump_open(d, n, "switch");
        dump_child(d, n->init);
        dump_child(d, n->x);
        dump_items(d, n->list);
        break;
    case ND_CASE_CLAUSE:
    case ND_COMM_CLAUSE:
        if (n->flags & NF_DEFAULT) {
            dump_open(d, n, "default");
        } else if (n->kind == ND_CASE_CLAUSE) {
            dump_open(d, n, "case");
            dump_bracketed(d, n->list);
        } else {
            dump_open(d, n, "comm");
            dump_child(d, n->x);
        }
        if (n->body) dump_items(d, n->body->list);
        break;
    default:
        dump_open(d, n, ast_kind_name(n->kind));
        break;
    }
    fputc(')', out);
}

void ast_dump(FILE *out, const Node *n, unsigned flags) {
    Dumper d = {out, flags};
    dump_node(&d, n);
}

char *ast_dump_str(const Node *n, unsigned flags) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    ast_dump(f, n, flags);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
