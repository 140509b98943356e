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
    VK_PTR,    /* ref is a heap cell index plus 1 (0 = nil) */
    VK_SLICE,  /* ref is the heap index of element 0 plus 1 (0 = nil); i = len | cap << 32 */
    VK_FUNC,   /* i is the function's index; ref is its closure object (cell index + 1) or 0 */
    VK_IFACE,  /* ref is a heap cell (index + 1) holding the dynamic value; i = its TypeId; 0/0 = nil */
    VK_SYNC,   /* sync.Mutex / WaitGroup / Once: ref is its id, 0 until first used */
    VK__COUNT
} ValueKind;

typedef struct Value {
    int32_t kind; /* ValueKind */
    int32_t ref;
    int64_t i;
} Value;

typedef enum TypeKind {
    TY_INT, TY_BOOL, TY_STRING, TY_STRUCT, TY_CHAN,
    TY_SLICE,     /* elem */
    TY_PTR,       /* elem */
    TY_FUNC,      /* params and results in Sim.typelist */
    TY_IFACE,     /* interface{} / any, and error (named) */
    TY_MUTEX, TY_WAITGROUP, TY_ONCE,
    TY_NIL,       /* the type of untyped nil */
} TypeKind;

typedef enum ChanDir { CHAN_BOTH, CHAN_SEND, CHAN_RECV } ChanDir;

/* Type descriptors, the runtime's *_type reduced to what a lesson needs.
 * size and align are what gc uses on amd64 (elemsize in hchan). */
typedef struct Type {
    int32_t kind;      /* TypeKind */
    int32_t size, align;
    TypeId elem;       /* TY_CHAN: element type */
    int32_t dir;       /* TY_CHAN: ChanDir; TY_FUNC: 1 if variadic (its last parameter ...T is a []T) */
    StrId name;        /* as Go prints it: "int", "struct {}", "chan int", "main.Task" */
    int32_t field0;    /* TY_STRUCT: index of the first field in Sim.fields;
                          TY_FUNC: index of the first parameter type in Sim.typelist (results follow) */
    int32_t nfields;   /* TY_STRUCT: fields; TY_FUNC: parameters */
    int32_t nresults;  /* TY_FUNC */
    TypeId underlying; /* a named type's underlying type; itself for unnamed types */
    bool named;        /* declared with a name (main.Task, time.Duration, sync.Mutex) */
} Type;

typedef struct Field {
    StrId name;
    TypeId type;
    int32_t offset;
} Field;

/* Predefined types, present in every Sim from sim_new. */
enum {
    TYPE_INT = 1, TYPE_BOOL, TYPE_STRING, TYPE_EMPTY_STRUCT,
    TYPE_RUNE,      /* int32, as Go names rune */
    TYPE_ANY,       /* interface {} */
    TYPE_NIL,       /* untyped nil */
    TYPE_MUTEX,     /* sync.Mutex */
    TYPE_WAITGROUP, /* sync.WaitGroup */
    TYPE_ONCE,      /* sync.Once */
    TYPE_DURATION,  /* time.Duration (an int64) */
    TYPE_TIME,      /* time.Time (what time.After delivers; shown as nanoseconds) */
    TYPE_ERROR,     /* error */
    TYPE__FIRST_FREE
};

static inline Value value_int(int64_t i) { return (Value){VK_INT, 0, i}; }
static inline Value value_bool(bool b) { return (Value){VK_BOOL, 0, b ? 1 : 0}; }
static inline Value value_chan(ChanId c) { return (Value){VK_CHAN, c, 0}; }
static inline Value value_nil(void) { return (Value){VK_NIL, 0, 0}; }
static inline Value value_ptr(int32_t cell) { return (Value){VK_PTR, cell + 1, 0}; }
static inline int64_t value_slice_len(Value v) { return v.i & 0xffffffff; }
static inline int64_t value_slice_cap(Value v) { return (int64_t)((uint64_t)v.i >> 32); }
static inline Value value_slice(int32_t base, int64_t len, int64_t cap) {
    return (Value){VK_SLICE, base + 1, (int64_t)(((uint64_t)cap << 32) | (uint64_t)len)};
}

#endif
