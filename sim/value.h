/* value.h: values as the simulated runtime holds them, and their types.
 *
 * A Value is 16 bytes: a kind, a reference and an integer.  References are
 * indexes into storage the Sim owns (strings in StrTab, struct fields in the
 * heap, channels in the channel table), never pointers, so a Sim copies as
 * plain data.  Index 0 is always "none": the empty string, the nil channel,
 * the all-zero struct. */
#ifndef HCHANVIZ_VALUE_H
#define HCHANVIZ_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t GoId;    /* goroutine id as Go prints it; 0 = none */
typedef int32_t ChanId;  /* 1-based index into Sim.chans; 0 = nil channel */
typedef int32_t SudogId; /* 1-based index into Sim.sudogs; 0 = none */
typedef int32_t TypeId;  /* 1-based index into Sim.types; 0 = none */
typedef int32_t StrId;   /* index into StrTab; 0 = "" */

typedef enum ValueKind {
    VK_NIL,    /* untyped nil / no value */
    VK_INT,    /* i */
    VK_BOOL,   /* i is 0 or 1 */
    VK_STRING, /* ref is a StrId */
    VK_CHAN,   /* ref is a ChanId (0 = nil channel) */
    VK_STRUCT, /* ref is a heap index of the first field, plus 1 (0 = all fields zero) */
    VK__COUNT
} ValueKind;

typedef struct Value {
    int32_t kind; /* ValueKind */
    int32_t ref;
    int64_t i;
} Value;

typedef enum TypeKind { TY_INT, TY_BOOL, TY_STRING, TY_STRUCT, TY_CHAN } TypeKind;

typedef enum ChanDir { CHAN_BOTH, CHAN_SEND, CHAN_RECV } ChanDir;

/* Type descriptors, the runtime's *_type reduced to what a lesson needs.
 * size and align are what gc uses on amd64 (elemsize in hchan). */
typedef struct Type {
    int32_t kind;      /* TypeKind */
    int32_t size, align;
    TypeId elem;       /* TY_CHAN: element type */
    int32_t dir;       /* TY_CHAN: ChanDir */
    StrId name;        /* as Go prints it: "int", "struct {}", "chan int", "main.Task" */
    int32_t field0;    /* TY_STRUCT: index of the first field in Sim.fields */
    int32_t nfields;
} Type;

typedef struct Field {
    StrId name;
    TypeId type;
    int32_t offset;
} Field;

/* Predefined types, present in every Sim from sim_new. */
enum { TYPE_INT = 1, TYPE_BOOL, TYPE_STRING, TYPE_EMPTY_STRUCT, TYPE__FIRST_FREE };

static inline Value value_int(int64_t i) { return (Value){VK_INT, 0, i}; }
static inline Value value_bool(bool b) { return (Value){VK_BOOL, 0, b ? 1 : 0}; }
static inline Value value_chan(ChanId c) { return (Value){VK_CHAN, c, 0}; }
static inline Value value_nil(void) { return (Value){VK_NIL, 0, 0}; }

#endif
