/* vm_internal.h: the VM's per-goroutine state, shared by vm.c and vm_native.c. */
#ifndef HCHANVIZ_VM_INTERNAL_H
#define HCHANVIZ_VM_INTERNAL_H

#include "chan.h"
#include "vm.h"

enum {
    FRAME_DEFERRED = 1,   /* a deferred call: its results are dropped */
    FRAME_RECOVERING = 2, /* panicking through this frame: its deferred call is running */
};

typedef struct VmFrame_ {
    int32_t fn;      /* Program.funcs index */
    int32_t pc;      /* next instruction */
    int32_t base;    /* stack index of local 0; the callee value sits at base - 1 */
    int32_t flags;
    Value closure;   /* the func value called: captures are its cells */
} VmFrame_;

typedef struct VmDefer {
    Value fn;        /* the deferred callee */
    int32_t args;    /* heap cells holding the arguments, evaluated at the defer statement */
    int32_t nargs;
    int32_t depth;   /* frames.len of the frame that deferred it */
    int32_t zero;    /* always 0: fills what would be padding, as the state is hashed whole */
} VmDefer;

/* What a parked instruction still owes the operand stack (see finish in vm.c). */
enum { PENDING_NONE, PENDING_SEND, PENDING_RECV, PENDING_SELECT, PENDING_ONCE, PENDING_RANGE, PENDING_OTHER };

typedef struct VmG {
    VEC(Value) stack;
    VEC(VmFrame_) frames;
    VEC(VmDefer) defers;
    int32_t pending, pending_flags;
    bool panicking, recovered, goexiting;
    Value panicval;  /* an interface value */
    StrId panicchain; /* earlier panics still in progress, as Go prints them ("A [recovered]\n\tpanic: B") */
    int32_t once;    /* PENDING_ONCE: the Once being entered */
    VmFrame panicframes[32]; /* the stack where the current panic began, innermost first: Go's traceback */
    int32_t npanicframes;
} VmG;

typedef struct VmState {
    const Program *prog;
    VEC(VmG) gs;     /* gs.items[g - 1] */
    int64_t max_memory; /* the budget in bytes (vm.h); configuration, kept by restore */
} VmState;

VmG *vm_g(Sim *S, GoId g);
/* n heap cells set to init; -1 (and a fatal error) past VM_MAX_HEAP or the budget. */
int32_t vm_alloc(Sim *S, int32_t n, Value init);
/* Whether more bytes still fit the budget (more < 0: never); if not, and
 * the program is running, it dies with "fatal error: runtime: out of memory". */
bool vm_memory_fits(Sim *S, int64_t more);
/* The zero value of t with its own storage (structs), for variables. */
Value vm_zero(Sim *S, TypeId t);
/* A deep copy of a struct value (other values are returned as they are). */
Value vm_clone(Sim *S, TypeId t, Value v);
/* An interface value holding v of dynamic type t (t an interface: v as is). */
Value vm_iface(Sim *S, TypeId t, Value v);
bool vm_equal(Sim *S, TypeId t, Value a, Value b);
/* Starts a panic in g with an interface value and unwinds. */
void vm_panic(Sim *S, GoId g, Value v);
void vm_unwind(Sim *S, GoId g);
/* What Go prints after "panic: " for the interface value v. */
void vm_panic_text(Sim *S, Value v, char *buf, size_t cap);
/* Handles the result of a model operation; true if g stopped running. */
bool vm_after_op(Sim *S, GoId g, VmG *vg, OpResult r, int pending, int flags);
/* OP_NATIVE; true if the step ends here (a runtime operation happened). */
bool vm_native(Sim *S, GoId g, VmG *vg, const Instr *in);
bool vm_once_begin(Sim *S, GoId g, VmG *vg);
void vm_once_locked(Sim *S, GoId g, VmG *vg);
bool vm_once_end(Sim *S, GoId g, VmG *vg);

#endif
