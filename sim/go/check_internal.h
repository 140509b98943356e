/* check_internal.h: what the type checker's source files share.  Not for
 * other users: they include check.h.
 *
 *   check.c        errors, scopes, types and assignability, declarations,
 *                  functions and the package (the entry point, check_file);
 *   check_print.c  types, expressions and operands printed the way gc's
 *                  messages print them;
 *   check_expr.c   expressions, calls, builtins and the library natives;
 *   check_stmt.c   statements, assignments, branches and labels.
 *
 * The checker follows go/types (types2, as gc 1.19 uses it): the same
 * checks in the same places, the same messages at the same positions.
 * Errors are collected as gc collects them -- an error equal to the one just
 * reported on the same line is dropped, and only the first 10 count -- and
 * the earliest by position among them is reported, as gc prints them
 * sorted. */
#ifndef HCHANVIZ_GO_CHECK_INTERNAL_H
#define HCHANVIZ_GO_CHECK_INTERNAL_H

#include "../types.h"
#include "check.h"

/* Appended to the name of a construct outside the subset. */
#define UNSUPPORTED " is not supported by hchanviz (see docs/go-subset.md)"
#define UNSUPPORTED_PL " are not supported by hchanviz (see docs/go-subset.md)"

/* Symbol.id of a universe type hchanviz does not model (float64, uint8, ...). */
#define SYM_TYPE_UNSUPPORTED (-1)

typedef struct Scope Scope;
struct Scope {
    Scope *parent;
    Symbol *syms;
    FuncInfo *fn;  /* function this scope belongs to (NULL: package and universe) */
    int32_t order; /* creation order within the function (gc reports unused variables scope by scope) */
};

/* A local variable declared and not used, reported when its function ends. */
typedef struct Unused {
    Symbol *sym;
    int32_t scope_order;
} Unused;

typedef struct Err {
    Pos pos;
    char msg[300];
} Err;

/* A package-level type, constant or variable, resolved in order or, if used
 * before its declaration, on demand (check.c). */
typedef struct PkgDecl PkgDecl;

typedef struct Checker {
    Checked *out;
    Sim *S;
    Ast *ast;
    Scope *universe, *pkg, *scope;
    FuncInfo *fn;
    Err first;
    int nerr;
    FuncInfo *last_fn;
    int32_t ntoplevel_lits;
    PkgDecl *decls;
    int32_t ndecls, capdecls;
    const char *rune_name; /* how int32 prints: "rune" unless the program says int32 and never rune */
    const char *any_name;  /* how interface{} prints: "any" if the program says any and never interface */
    Node *silent_invalid;  /* the first operand found invalid before any error was reported */
    Err last;              /* the error reported last, for gc's one-equal-error-per-line rule */
    FuncInfo *resolving[16]; /* signatures being resolved on demand */
    int nresolving;
    Unused *unused;        /* of the function being checked */
    int32_t nunused, capunused, nscopes;
} Checker;

/* ---- check.c: errors and memory ---- */

void ck_errorf(Checker *c, Pos pos, const char *fmt, ...) DIAG_PRINTF(3, 4);
/* The position of byte offset off (line and column counted from the source). */
Pos ck_pos_at(Checker *c, uint32_t off);
void *ck_alloc(Checker *c, size_t n);
/* n's annotation, created on first use. */
NodeInfo *ck_info(Checker *c, Node *n);
const char *ck_strdup(Checker *c, const char *s);

/* ---- check.c: scopes ---- */

void ck_push_scope(Checker *c);
/* Leaves the current scope, noting its unused local variables (reported
 * when the function's body is done, by ck_func_body). */
void ck_pop_scope(Checker *c);
Symbol *ck_lookup_in(Scope *s, const char *name);
Symbol *ck_lookup(Checker *c, const char *name);
Symbol *ck_new_symbol(Checker *c, SymKind kind, const char *name, Pos pos, TypeId type);
Symbol *ck_declare(Checker *c, Symbol *y);
Symbol *ck_new_local(Checker *c, const char *name, Pos pos, TypeId type);

/* ---- check.c: types ---- */

TypeId ck_resolve_type(Checker *c, Node *n);
TypeId ck_func_type(Checker *c, Node *ft);
/* The message for a universe type hchanviz does not model. */
void ck_unsupported_type(Checker *c, Pos pos, const char *name);
bool ck_is_kind(Checker *c, TypeId t, int kind);
bool ck_is_int(Checker *c, TypeId t);     /* an integer type (time.Time is not one) */
bool ck_is_iface(Checker *c, TypeId t);
bool ck_nilable(Checker *c, TypeId t);
bool ck_comparable(Checker *c, TypeId t);
/* The type an untyped operand takes where no type is asked for. */
TypeId ck_default_type(TypeId t);
/* An untyped integer constant beyond int64 (a literal such as
 * 99999999999999999999): its value is unknown here, so any use but an
 * assignment or conversion (which gc rejects as overflowing) is reported
 * outside the subset. */
static inline Value ck_big_value(void) { return (Value){VK_INT, -1, 0}; }
static inline bool ck_is_big(Value v) { return v.kind == VK_INT && v.ref == -1; }
/* Is the constant v representable in type t (an int, string or bool type)? */
bool ck_representable(Checker *c, Value v, TypeId vt, TypeId t);

/* Results of ck_convert_untyped. */
enum { CONV_OK, CONV_FAIL, CONV_OVERFLOW };
/* types2's implicitTypeAndValue: gives an untyped operand n the type target
 * (or, for an interface target, its default type, boxed).  Does nothing to a
 * typed operand.  Reports nothing. */
int ck_convert_untyped(Checker *c, Node *n, TypeId target);
/* convertUntyped: the same, reporting gc's error; false if it failed. */
bool ck_convert_untyped_or_error(Checker *c, Node *n, TypeId target);
/* An untyped operand takes its default type, as where no type is asked
 * for (fmt.Println's arguments, a switch tag...); false, with gc's error,
 * if the constant does not fit. */
bool ck_default_convert(Checker *c, Node *n, const char *context);
/* assignableTo for a typed value of type v. */
bool ck_assignable_type(Checker *c, TypeId v, TypeId t);
/* Checker.assignment: can n (already checked) be assigned to a variable of
 * type t?  Converts untyped operands, marks values to box in an interface,
 * reports gc's error; false if it failed. */
bool ck_assign(Checker *c, Node *n, TypeId t, const char *context);

/* Resolves a package-level type or constant used before its declaration;
 * false if it is part of a cycle (reported). */
bool ck_resolve_pkg_symbol(Checker *c, Symbol *y);

/* ---- check.c: declarations and functions ---- */

/* A var spec (global: the package-level variables collected before). */
void ck_var_spec(Checker *c, Node *spec, bool global);
/* A const spec; values and type_node are inherited in a group when the
 * spec has none. */
void ck_const_spec(Checker *c, Node *spec, Node *values, Node *type_node, bool global);
/* gc keeps a composite type with an invalid element (chan T, T undefined,
 * is a chan type), so a variable of it must still be used: is n such a
 * type, or a make, new, literal of one? */
bool ck_broken_composite(Checker *c, Node *n);
/* "assignment mismatch: 2 variables but f returns 1 value", at rhs. */
void ck_assign_mismatch(Checker *c, Node *rhs, int32_t nvars, int32_t nvals);
/* A member of an imported package hchanviz does not have: "undefined:
 * fmt.Foo" for a name the package lacks, "not supported" for a real one. */
void ck_unknown_pkg_member(Checker *c, Node *sel, Package pkg);
FuncInfo *ck_new_func(Checker *c, Node *decl, const char *name, FuncInfo *parent);
void ck_func_body(Checker *c, FuncInfo *fi);

/* ---- check_print.c ---- */

/* A type as gc prints it in messages: package main's names unqualified. */
const char *ck_type_str(Checker *c, TypeId t);
/* An expression as gc prints it (syntax.String). */
const char *ck_expr_str(Checker *c, const Node *n);
/* The type of the operand n, "untyped int" for an untyped constant. */
const char *ck_operand_type(Checker *c, Node *n);
/* Is n the predeclared nil (possibly parenthesized)? */
bool ck_is_nil(const Node *n);
/* The operand n as gc describes it: "x (variable of type int)". */
const char *ck_describe(Checker *c, Node *n);
/* A constant's value as gc prints it ("3", "\"a\"", "true"). */
const char *ck_const_str(Checker *c, TypeId t, Value v);
/* The results of the function a call node calls, as a tuple: "(n int, err error)". */
const char *ck_results_str(Checker *c, Node *call);
/* Where gc's syntax tree puts node n (n.Pos()): the operator of a binary
 * expression, the '(' of a call, the '.' of a selector... */
Pos ck_node_pos(Checker *c, const Node *n);
/* syntax.StartPos: where gc reports an error about node n -- its leftmost
 * position, except that a slice expression starts at its '['. */
Pos ck_start_pos(Checker *c, const Node *n);

/* ---- check_expr.c ---- */

NodeInfo *ck_set_value(Checker *c, Node *n, TMode mode, TypeId t);
NodeInfo *ck_set_const(Checker *c, Node *n, TypeId t, Value v, bool untyped);
NodeInfo *ck_set_invalid(Checker *c, Node *n);
/* Any expression (a value, a type, a package, a builtin...). */
NodeInfo *ck_expr(Checker *c, Node *n);
/* A single value; reports gc's error for anything else and leaves it invalid. */
NodeInfo *ck_value(Checker *c, Node *n);
/* A single value; an element-less composite literal {...} takes the type hint. */
NodeInfo *ck_value_hint(Checker *c, Node *n, TypeId hint);
/* ck_value's checks on an expression already checked with ck_expr. */
NodeInfo *ck_single_value(Checker *c, Node *n);
/* Is n a call of a library function Go gives results that hchanviz drops
 * (fmt.Println returns (n int, err error))? */
bool ck_is_void_native_with_results(Checker *c, Node *n);
/* Is n addressable (a variable, a field of one, a slice element, *p)? */
bool ck_addressable(Checker *c, Node *n);
/* A binary expression; assign_op: the x op= y of an assignment. */
NodeInfo *ck_binary(Checker *c, Node *n, bool assign_op);
/* types2's comparison of xn and yn into n; switch_case: a case value xn
 * against the switch tag yn. */
NodeInfo *ck_comparison(Checker *c, Node *n, Node *xn, Node *yn, TokenKind op, bool switch_case);

/* ---- check_stmt.c ---- */

void ck_stmt(Checker *c, Node *n);
/* Statements of a function body, then its labels and branches. */
void ck_body(Checker *c, Node *body);
/* Is n a terminating statement (for "missing return")? */
bool ck_terminating(Node *n);
/* gc's checkBranches on a function body: labels, break, continue, goto. */
void ck_branches(Checker *c, Node *body);

#endif
