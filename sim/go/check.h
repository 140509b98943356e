/* check.h: the type checker.  It resolves every name, gives every expression
 * a type (in the Sim's type table), folds constants, decides which variables
 * live in heap cells (captured by a closure or address taken), and reports
 * the errors Go reports, or says a construct is outside hchanviz's subset.
 * The compiler then reads the annotations it leaves on the nodes. */
#ifndef HCHANVIZ_GO_CHECK_H
#define HCHANVIZ_GO_CHECK_H

#include "../sim.h"
#include "../vm.h"
#include "ast.h"
#include "diag.h"

typedef enum SymKind { SYM_VAR, SYM_CONST, SYM_TYPE, SYM_FUNC, SYM_PKG, SYM_BUILTIN, SYM_NIL } SymKind;

typedef enum Builtin {
    BI_LEN, BI_CAP, BI_MAKE, BI_APPEND, BI_CLOSE, BI_PANIC, BI_RECOVER, BI_NEW, BI_PRINT, BI_PRINTLN, BI__COUNT
} Builtin;

typedef enum Package { PKG_FMT, PKG_SYNC, PKG_TIME, PKG_RUNTIME, PKG__COUNT } Package;

typedef struct FuncInfo FuncInfo;
typedef struct Symbol Symbol;

struct Symbol {
    SymKind kind;
    const char *name;
    Pos pos;
    TypeId type;
    FuncInfo *owner;  /* function a local variable belongs to; NULL for package level */
    int32_t slot;     /* local: frame slot; global: heap cell */
    bool boxed;       /* lives in a heap cell (captured or address taken); the slot holds its pointer */
    bool used;
    bool param;
    Value cval;       /* SYM_CONST */
    bool untyped;     /* SYM_CONST of an untyped constant */
    FuncInfo *fn;     /* SYM_FUNC */
    int32_t id;       /* SYM_BUILTIN: Builtin; SYM_PKG: Package */
    bool pkg_used;
    Symbol *next;     /* next in its scope */
};

/* A method of a named type. */
typedef struct Method {
    TypeId recv;      /* the named type (not the pointer) */
    const char *name;
    bool ptr;         /* pointer receiver */
    FuncInfo *fn;
} Method;

struct FuncInfo {
    Node *decl;            /* ND_FUNC_DECL or ND_FUNC_LIT */
    FuncInfo *parent;      /* enclosing function of a literal */
    int32_t index;         /* Program.funcs index */
    TypeId type;           /* signature (receiver not included) */
    const char *name;      /* as tracebacks print it */
    Symbol *recv;          /* receiver, or NULL */
    int32_t nparams;       /* slots, receiver included */
    int32_t nresults;
    int32_t result0;       /* slot of the first result */
    int32_t nlocals;
    Symbol **params;       /* parameter variables, receiver first (nparams of them) */
    Symbol **results;      /* result variables (named or not) */
    Symbol **captures;     /* outer variables a literal uses, in order of first use */
    int32_t ncaptures, capcap;
    int32_t nlits;         /* literals numbered so far (func1, func2, ...) */
    FuncInfo *next;        /* all functions, in order */
};

/* What an expression node denotes. */
typedef enum TMode { TM_NONE, TM_VALUE, TM_VAR, TM_CONST, TM_TYPE, TM_VOID, TM_MULTI, TM_PKG, TM_BUILTIN, TM_NATIVE } TMode;

/* The checker's annotation of a node (Node.info). */
typedef struct NodeInfo {
    TMode mode;
    TypeId type;      /* TM_VALUE/TM_VAR/TM_CONST/TM_TYPE: the type; TM_MULTI: a func type whose results it has */
    bool untyped;     /* an untyped constant */
    Value cval;       /* TM_CONST */
    Symbol *sym;      /* identifiers: what they name */
    int32_t field;    /* selector: field index; or -1 */
    Method *method;   /* selector: a method */
    int32_t native;   /* selector / call: NativeId; or -1 */
    int32_t builtin;  /* call of a builtin: Builtin; or -1 */
    int32_t deref;    /* selector: pointer indirections before the field (0 or 1) */
    bool addr_recv;   /* method call: take the receiver's address */
    bool deref_recv;  /* method call: dereference a pointer receiver to call a value method */
    TypeId conv;      /* call: a conversion to this type */
    FuncInfo *lit;    /* ND_FUNC_LIT: its function */
    Symbol **defs;    /* := / range / select: the new variables (NULL where an old one is reused) */
    int32_t ndefs;
    TypeId iface_of;  /* set by assign_to: box the value as an interface of this dynamic type */
} NodeInfo;

typedef struct Checked {
    Sim *S;
    Ast *ast;
    FuncInfo *funcs;      /* every function, top-level first then literals, in order */
    FuncInfo *main;
    FuncInfo *init;       /* package-level variable initialisation */
    Symbol *globals;      /* package-level variables, in declaration order */
    int32_t nglobals;
    int32_t nfuncs;
    Method *methods;
    int32_t nmethods;
    int32_t lang;         /* the language version checked against (go/langver.h) */
} Checked;

/* Checks ast into c, creating types in S.  Returns false with the first error
 * (by source position) in d.  c holds pointers into ast; free both with
 * check_free (the Ast separately). */
bool check_file(Sim *S, Ast *ast, int lang, Checked *c, Diag *d);
void check_free(Checked *c);

static inline NodeInfo *node_info(const Node *n) { return (NodeInfo *)n->info; }

#endif
