/* types.h: the Sim's type table and typed zero values. */
#ifndef HCHANVIZ_TYPES_H
#define HCHANVIZ_TYPES_H

#include "sim.h"

/* Fills the predefined types (TYPE_INT ... TYPE_EMPTY_STRUCT). */
void types_init(Sim *S);
/* The channel type `chan elem` (dir CHAN_BOTH), `chan<- elem` or `<-chan elem`; interned. */
TypeId type_chan(Sim *S, TypeId elem, int dir);
/* A named struct type; fields are copied.  name is as Go prints it ("main.Task"). */
TypeId type_struct(Sim *S, const char *name, int32_t nfields, const StrId *fnames, const TypeId *ftypes);
/* Unnamed composite types, interned: equal structure, equal id. */
TypeId type_slice(Sim *S, TypeId elem);
TypeId type_ptr(Sim *S, TypeId elem);
TypeId type_func(Sim *S, int32_t nparams, const TypeId *params, int32_t nresults, const TypeId *results);
/* The same with a final ...T parameter when variadic: params[nparams-1] is
 * its []T, and Type.dir is 1 (type_is_variadic). */
TypeId type_func_variadic(Sim *S, int32_t nparams, const TypeId *params, int32_t nresults, const TypeId *results,
                          bool variadic);
static inline bool type_is_variadic(const Sim *S, TypeId t) {
    return t && sim_type(S, t)->kind == TY_FUNC && sim_type(S, t)->dir == 1 && sim_type(S, t)->nfields > 0;
}
/* Gives struct type t (made with no fields) its fields: how a type that
 * refers to itself through a pointer is built. */
void type_struct_define(Sim *S, TypeId t, int32_t nfields, const StrId *fnames, const TypeId *ftypes);
/* A named type with another's representation ("time.Time" as an int, say). */
TypeId type_named(Sim *S, const char *name, TypeId underlying, int32_t size);
const char *type_name(const Sim *S, TypeId t);

/* typedmemclr: the zero value of t. */
Value value_zero(const Sim *S, TypeId t);
/* A struct value with the given fields (copied into the heap). */
Value value_struct(Sim *S, TypeId t, const Value *fields);
/* Field i of a struct value (the zero value for the all-zero struct). */
Value value_field(const Sim *S, TypeId t, Value v, int32_t i);
/* A string value holding a copy of s[0..len). */
Value value_string(Sim *S, const char *s, size_t len);
/* Go's == on two values of type t. */
bool value_equal(const Sim *S, TypeId t, Value a, Value b);
/* The value as fmt's %v prints it, into buf (truncated to cap, always NUL-terminated).
 * Returns the length it needed. */
int value_format(const Sim *S, TypeId t, Value v, char *buf, size_t cap);

#endif
