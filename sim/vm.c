/* vm.c: the interpreter loop, calls and returns, defer, panic and recover.
 *
 * Runtime operations (channels, select, go, sync, timers) go to the model;
 * when one parks the goroutine, the VM remembers what the instruction still
 * owes its operand stack (VmG.pending) and pays it when the goroutine runs
 * again and sim_resume reports how the operation ended.
 *
 * Panics unwind frame by frame: each frame's deferred calls run (newest
 * first) as ordinary calls; a deferred call that calls recover() stops the
 * panic, and the frame that deferred it then returns normally through its
 * final BC_RET.  With no frames left the program crashes as Go does. */
#include "vm.h"

#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "observe.h"
#include "sched.h"
#include "select.h"
#include "sync.h"
#include "timer.h"
#include "types.h"
#include "vm_internal.h"

static const char *const opcode_names[] = {
#define X(name, doc) #name,
    OPCODES(X)
#undef X
};
static const char *const native_names[] = {
#define X(name, goname) goname,
    NATIVES(X)
#undef X
};

const char *opcode_name(int op) { return op >= 0 && op < BC__COUNT ? opcode_names[op] : "?"; }
const char *native_name(int id) { return id >= 0 && id < NATIVE__COUNT ? native_names[id] : "?"; }

void program_init(Program *p) {
    memset(p, 0, sizeof *p);
    p->entry = -1;
}

void program_free(Program *p) {
    VEC_FREE(p->code);
    VEC_FREE(p->funcs);
    VEC_FREE(p->consts);
    VEC_FREE(p->selects);
    VEC_FREE(p->argtypes);
    VEC_FREE(p->vars);
}

/* ---- goroutine state ------------------------------------------------------ */

VmG *vm_g(Sim *S, GoId g) {
    VmState *vs = S->runner_state;
    while (vs->gs.len < g) {
        VmG blank = {0};
        VEC_PUSH(vs->gs, blank);
    }
    return &vs->gs.items[g - 1];
}

static const Program *prog(const Sim *S) { return ((const VmState *)S->runner_state)->prog; }

static void push(VmG *vg, Value v) { VEC_PUSH(vg->stack, v); }
static Value pop(VmG *vg) { return vg->stack.items[--vg->stack.len]; }
static Value *top(VmG *vg) { return &vg->stack.items[vg->stack.len - 1]; }

/* ---- the memory budget (vm.h) ------------------------------------------------ */

void vm_set_max_memory(Sim *S, int64_t bytes) {
    VmState *vs = S->runner_state;
    if (bytes < ((int64_t)1 << 20)) bytes = (int64_t)1 << 20;
    if (bytes > VM_MAX_MAX_MEMORY) bytes = VM_MAX_MAX_MEMORY;
    vs->max_memory = bytes;
}

int64_t vm_memory_used(const Sim *S) {
    return ((int64_t)S->heap.len + S->slots.len) * (int64_t)sizeof(Value) + S->strs.bytes.len +
           (int64_t)S->strs.spans.len * (int64_t)sizeof(StrSpan);
}

bool vm_memory_fits(Sim *S, int64_t more) {
    const VmState *vs = S->runner_state;
    if (more >= 0 && more <= vs->max_memory && vm_memory_used(S) <= vs->max_memory - more) return true;
    if (S->state == SIM_RUNNING) sim_crash_fatal(S, S->curg, "runtime: out of memory");
    return false;
}

int32_t vm_alloc(Sim *S, int32_t n, Value init) {
    /* Past VM_MAX_HEAP nothing fits, whatever the budget (more = -1). */
    int64_t more = S->heap.len + (int64_t)n > VM_MAX_HEAP ? -1 : (int64_t)n * (int64_t)sizeof(Value);
    if (!vm_memory_fits(S, more)) return -1;
    int32_t at = S->heap.len;
    VEC_RESERVE(S->heap, at + n);
    for (int32_t i = 0; i < n; i++) S->heap.items[at + i] = init;
    S->heap.len += n;
    return at;
}

Value vm_zero(Sim *S, TypeId t) {
    const Type *ty = sim_type(S, t);
    if (ty->kind != TY_STRUCT || ty->nfields == 0) return value_zero(S, t);
    int32_t n = ty->nfields, f0 = ty->field0;
    int32_t at = vm_alloc(S, n, value_nil());
    if (at < 0) return value_zero(S, t);
    for (int32_t i = 0; i < n; i++) {
        TypeId ft = S->fields.items[f0 + i].type;
        S->heap.items[at + i] = value_zero(S, ft); /* nested structs stay lazily zero */
    }
    return (Value){VK_STRUCT, at + 1, 0};
}

Value vm_clone(Sim *S, TypeId t, Value v) {
    const Type *ty = sim_type(S, t);
    if (ty->kind != TY_STRUCT || v.ref == 0 || ty->nfields == 0) return v;
    int32_t n = ty->nfields, f0 = ty->field0;
    int32_t at = vm_alloc(S, n, value_nil());
    if (at < 0) return v;
    for (int32_t i = 0; i < n; i++) {
        TypeId ft = S->fields.items[f0 + i].type;
        Value fv = vm_clone(S, ft, S->heap.items[v.ref - 1 + i]); /* may move the heap */
        S->heap.items[at + i] = fv;
    }
    return (Value){VK_STRUCT, at + 1, 0};
}

/* The cell of field i of the struct stored in cell `cell`, giving an
 * all-zero struct its own storage first. */
static int32_t field_cell(Sim *S, int32_t cell, TypeId st, int32_t i) {
    Value *sv = &S->heap.items[cell];
    if (sv->ref == 0) {
        Value z = vm_zero(S, st);
        sv = &S->heap.items[cell];
        *sv = z;
        if (sv->ref == 0) return -1;
    }
    return sv->ref - 1 + i;
}

static TypeId runtime_error_type(Sim *S, const char *name) {
    for (TypeId t = 1; t <= S->types.len; t++)
        if (strcmp(type_name(S, t), name) == 0) return t;
    return type_named(S, name, TYPE_STRING, 16);
}

Value vm_iface(Sim *S, TypeId t, Value v) {
    if (t == 0 || sim_type(S, t)->kind == TY_NIL) return (Value){VK_IFACE, 0, 0};
    if (sim_type(S, t)->kind == TY_IFACE) return v; /* already an interface */
    int32_t c = vm_alloc(S, 1, v);
    if (c < 0) return (Value){VK_IFACE, 0, 0};
    return (Value){VK_IFACE, c + 1, t};
}

/* A runtime error as the value recover() returns: its Go type and message. */
static Value runtime_error(Sim *S, const char *type, const char *msg) {
    return vm_iface(S, runtime_error_type(S, type), value_string(S, msg, strlen(msg)));
}

/* ---- frames ---------------------------------------------------------------- */

static VmFrame_ *frame(VmG *vg) { return &vg->frames.items[vg->frames.len - 1]; }

/* Calls the callee sitting below nargs arguments on the operand stack. */
static bool call(Sim *S, GoId g, VmG *vg, int32_t nargs, int flags) {
    Value callee = vg->stack.items[vg->stack.len - nargs - 1];
    if (callee.kind != VK_FUNC || callee.i < 0) {
        vm_panic(S, g, runtime_error(S, "runtime.errorString",
                                     "runtime error: invalid memory address or nil pointer dereference"));
        return false;
    }
    if (vg->frames.len >= VM_MAX_FRAMES || vg->stack.len > VM_MAX_STACK) {
        sim_crash_fatal(S, g, "stack overflow");
        return false;
    }
    const Func *fn = &prog(S)->funcs.items[callee.i];
    VmFrame_ f = {0};
    f.fn = (int32_t)callee.i;
    f.pc = fn->code;
    f.base = vg->stack.len - nargs;
    f.closure = callee;
    f.flags = flags;
    VEC_RESERVE(vg->stack, vg->stack.len + fn->nlocals - nargs + 16);
    for (int32_t i = nargs; i < fn->nlocals; i++) vg->stack.items[vg->stack.len++] = value_nil();
    if (fn->zeros >= 0) {
        const Value *z = prog(S)->consts.items + fn->zeros;
        for (int32_t i = 0; i < fn->nresults; i++) vg->stack.items[f.base + fn->result0 + i] = z[i];
    }
    VEC_PUSH(vg->frames, f);
    return true;
}

/* Pops frame f, leaving its results where its callee value was. */
static void return_from(Sim *S, GoId g, VmG *vg) {
    VmFrame_ f = *frame(vg);
    const Func *fn = &prog(S)->funcs.items[f.fn];
    int32_t dst = f.base - 1;
    for (int32_t i = 0; i < fn->nresults; i++) {
        Value r = vg->stack.items[f.base + fn->result0 + i];
        if ((fn->boxed_results >> i) & 1) r = S->heap.items[r.ref - 1];
        vg->stack.items[dst + i] = r;
    }
    vg->stack.len = dst + fn->nresults;
    vg->frames.len--;
    if (vg->frames.len == 0) {
        if (g == 1) sim_exit(S);
        else sched_goexit(S, g);
        return;
    }
    if (f.flags & FRAME_DEFERRED) {
        vg->stack.len = dst; /* a deferred call's results are discarded */
        if (vg->panicking) vm_unwind(S, g);
    }
}

/* The newest deferred call registered by the frame at depth d, or -1. */
static int32_t defer_of(const VmG *vg, int32_t depth) {
    if (vg->defers.len == 0) return -1;
    const VmDefer *d = &vg->defers.items[vg->defers.len - 1];
    return d->depth == depth ? vg->defers.len - 1 : -1;
}

/* Runs deferred call k as a frame on top of the stack. */
static void run_defer(Sim *S, GoId g, VmG *vg, int32_t k) {
    VmDefer d = vg->defers.items[k];
    vg->defers.len--;
    push(vg, d.fn);
    for (int32_t i = 0; i < d.nargs; i++) push(vg, S->heap.items[d.args + i]);
    call(S, g, vg, d.nargs, FRAME_DEFERRED);
}

void vm_panic(Sim *S, GoId g, Value v) {
    VmG *vg = vm_g(S, g);
    /* The traceback Go prints is the stack where the panic began, before unwinding. */
    vg->npanicframes = 0;
    vg->npanicframes = vm_frames(S, g, vg->panicframes, 32);
    if (vg->npanicframes > 32) vg->npanicframes = 32;
    if (vg->panicking && !vg->goexiting) {
        /* A panic while another is unwinding: Go prints the earlier one first. */
        char prev[300], all[700];
        vm_panic_text(S, vg->panicval, prev, sizeof prev);
        const char *chain = vg->panicchain ? strtab_get(&S->strs, vg->panicchain, NULL) : NULL;
        int n = snprintf(all, sizeof all, "%s%s%s%s", chain ? chain : "", chain ? "\n\tpanic: " : "", prev,
                         vg->recovered ? " [recovered]" : "");
        vg->panicchain = strtab_add(&S->strs, all, (size_t)(n < (int)sizeof all ? n : (int)sizeof all - 1));
    }
    vg->panicking = true;
    vg->recovered = false;
    vg->panicval = v;
    vm_unwind(S, g);
}

void vm_unwind(Sim *S, GoId g) {
    VmG *vg = vm_g(S, g);
    while (vg->frames.len > 0) {
        VmFrame_ *f = frame(vg);
        if (vg->recovered && (f->flags & FRAME_RECOVERING)) {
            /* The panic is over: this frame returns normally, its remaining defers first. */
            vg->panicking = vg->recovered = false;
            vg->panicchain = 0;
            f->flags &= ~FRAME_RECOVERING;
            f->pc = prog(S)->funcs.items[f->fn].ret;
            return;
        }
        int32_t k = defer_of(vg, vg->frames.len);
        if (k >= 0) {
            f->flags |= FRAME_RECOVERING;
            run_defer(S, g, vg, k);
            return;
        }
        vg->stack.len = f->base - 1;
        vg->frames.len--;
    }
    if (vg->goexiting) {
        vg->goexiting = false;
        vg->panicking = false;
        sched_goexit(S, g);
        return;
    }
    char msg[200], all[sizeof S->message];
    vm_panic_text(S, vg->panicval, msg, sizeof msg);
    if (vg->panicchain) {
        snprintf(all, sizeof all, "%s\n\tpanic: %s", strtab_get(&S->strs, vg->panicchain, NULL), msg);
        sim_crash_panic(S, g, PANIC_USER, all);
    } else {
        sim_crash_panic(S, g, PANIC_USER, msg);
    }
}

/* ---- pending results of parked operations ---------------------------------- */

/* A range-over-channel receive completed (RANGERECV, just before f->pc):
 * the value into its local, or out of the loop when the channel is done. */
static void range_received(Sim *S, VmG *vg, OpResult r) {
    VmFrame_ *f = frame(vg);
    const Instr *in = &prog(S)->code.items[f->pc - 1];
    if (r.ok) vg->stack.items[f->base + in->b] = r.val;
    else f->pc = in->a;
}

/* Pushes what a completed runtime operation leaves on the operand stack. */
static void finish(Sim *S, GoId g, VmG *vg, OpResult r) {
    int kind = vg->pending, flags = vg->pending_flags;
    vg->pending = PENDING_NONE;
    if (r.status == OP_PANIC) {
        vm_panic(S, g, runtime_error(S, "runtime.plainError", panic_message(r.panic)));
        return;
    }
    switch (kind) {
    case PENDING_RECV:
        if (flags & 1) push(vg, r.val);
        if (flags & 2) push(vg, value_bool(r.ok));
        break;
    case PENDING_SELECT:
        push(vg, value_int(r.casei));
        push(vg, r.val);
        push(vg, value_bool(r.ok));
        break;
    case PENDING_ONCE:
        vm_once_locked(S, g, vg);
        break;
    case PENDING_RANGE: range_received(S, vg, r);
        break;
    default: break;
    }
}

/* After a model operation: park, panic, or push its results. Returns true if
 * the goroutine stopped running (parked or crashed). */
bool vm_after_op(Sim *S, GoId g, VmG *vg, OpResult r, int pending, int flags) {
    vg->pending = pending;
    vg->pending_flags = flags;
    if (r.status == OP_PARKED) return true;
    finish(S, g, vg, r);
    return S->curg != g;
}

/* ---- the interpreter ------------------------------------------------------- */


/* *x = *x OP y for the integer opcodes, wrapping like Go's int; a division
 * by zero or a negative shift panics as Go does (and leaves *x alone). */
static inline void arith(Sim *S, GoId g, int op, int64_t *x, int64_t y) {
    uint64_t a = (uint64_t)*x, b = (uint64_t)y;
    switch (op) {
    case BC_ADD: *x = (int64_t)(a + b); return;
    case BC_SUB: *x = (int64_t)(a - b); return;
    case BC_MUL: *x = (int64_t)(a * b); return;
    case BC_AND: *x &= y; return;
    case BC_OR: *x |= y; return;
    case BC_XOR: *x ^= y; return;
    case BC_ANDNOT: *x &= ~y; return;
    case BC_DIV:
    case BC_MOD:
        if (y == 0) {
            vm_panic(S, g, runtime_error(S, "runtime.errorString", "runtime error: integer divide by zero"));
            return;
        }
        if (y == -1) *x = op == BC_DIV ? (int64_t)(0 - a) : 0;
        else *x = op == BC_DIV ? *x / y : *x % y;
        return;
    case BC_SHL:
    case BC_SHR:
        if (y < 0) {
            vm_panic(S, g, runtime_error(S, "runtime.errorString", "runtime error: negative shift amount"));
            return;
        }
        if (op == BC_SHL) *x = y >= 64 ? 0 : (int64_t)(a << y);
        else *x = y >= 64 ? (*x < 0 ? -1 : 0) : *x >> y;
        return;
    }
}

static bool index_check(Sim *S, GoId g, int64_t i, int64_t len) {
    if (i >= 0 && i < len) return true;
    char msg[128];
    snprintf(msg, sizeof msg, "runtime error: index out of range [%lld] with length %lld", (long long)i, (long long)len);
    vm_panic(S, g, runtime_error(S, "runtime.boundsError", msg));
    return false;
}

static bool nil_check(Sim *S, GoId g, Value p) {
    if (p.ref != 0) return true;
    vm_panic(S, g, runtime_error(S, "runtime.errorString",
                                 "runtime error: invalid memory address or nil pointer dereference"));
    return false;
}

static Value concat(Sim *S, Value a, Value b) {
    int32_t la, lb;
    const char *sa = strtab_get(&S->strs, a.ref, &la);
    const char *sb0 = strtab_get(&S->strs, b.ref, &lb);
    if (la == 0) return b;
    if (lb == 0) return a;
    if (!vm_memory_fits(S, (int64_t)la + lb + 1 + (int64_t)sizeof(StrSpan))) return a; /* the program died */
    char *tmp = malloc((size_t)la + (size_t)lb);
    if (!tmp) abort();
    memcpy(tmp, sa, (size_t)la);
    sb0 = strtab_get(&S->strs, b.ref, &lb);
    memcpy(tmp + la, sb0, (size_t)lb);
    Value r = value_string(S, tmp, (size_t)la + (size_t)lb);
    free(tmp);
    return r;
}

static int strcompare(Sim *S, Value a, Value b) {
    int32_t la, lb;
    const char *sa = strtab_get(&S->strs, a.ref, &la);
    const char *sb = strtab_get(&S->strs, b.ref, &lb);
    int c = memcmp(sa, sb, (size_t)(la < lb ? la : lb));
    if (c) return c;
    return la < lb ? -1 : la > lb;
}

bool vm_equal(Sim *S, TypeId t, Value a, Value b) {
    const Type *ty = sim_type(S, t);
    switch (ty->kind) {
    case TY_IFACE:
    case TY_NIL:
        if (a.kind != VK_IFACE || b.kind != VK_IFACE) return a.ref == b.ref && a.i == b.i && a.kind == b.kind;
        if (a.ref == 0 || b.ref == 0) return a.ref == b.ref;
        if (a.i != b.i) return false;
        return vm_equal(S, (TypeId)a.i, S->heap.items[a.ref - 1], S->heap.items[b.ref - 1]);
    case TY_PTR:
    case TY_CHAN: return a.ref == b.ref;
    case TY_SLICE:
    case TY_FUNC: return a.ref == b.ref && a.i == b.i; /* only against nil */
    case TY_STRUCT:
        for (int32_t i = 0; i < ty->nfields; i++) {
            TypeId ft = S->fields.items[ty->field0 + i].type;
            Value fa = a.ref ? S->heap.items[a.ref - 1 + i] : value_zero(S, ft);
            Value fb = b.ref ? S->heap.items[b.ref - 1 + i] : value_zero(S, ft);
            if (!vm_equal(S, ft, fa, fb)) return false;
        }
        return true;
    default: return value_equal(S, t, a, b);
    }
}

/* The malloc size classes of Go 1.19 (runtime/sizeclasses.go). */
static const uint16_t size_classes[] = {
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416,
    448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200,
    3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384,
    18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

static int64_t roundupsize(int64_t size) {
    if (size < 32768) {
        for (size_t i = 0; i < sizeof size_classes / sizeof *size_classes; i++)
            if (size_classes[i] >= size) return size_classes[i];
    }
    return (size + 8191) / 8192 * 8192;
}

/* growslice's new capacity: double below 256 elements, then grow by about
 * 1.25x, then round the allocation up to a size class, as Go 1.19 does, so
 * cap() after append prints what Go prints. */
static int64_t grow_cap(int64_t old, int64_t need, int64_t elemsize) {
    if (elemsize == 0) return need;
    int64_t newcap = old, doublecap = old + old;
    if (need > doublecap) newcap = need;
    else if (old < 256) newcap = doublecap;
    else {
        while (0 < newcap && newcap < need) newcap += (newcap + 3 * 256) / 4;
        if (newcap <= 0) newcap = need;
    }
    return roundupsize(newcap * elemsize) / elemsize;
}

static Value append_values(Sim *S, TypeId elem, Value s, const Value *vals, int32_t n) {
    int64_t len = value_slice_len(s), cap = value_slice_cap(s);
    int32_t base = s.ref - 1;
    if (len + n > cap) {
        int64_t ncap = grow_cap(cap, len + n, sim_type(S, elem)->size);
        if (ncap > VM_MAX_HEAP) ncap = VM_MAX_HEAP;
        int32_t nb = vm_alloc(S, (int32_t)ncap, value_zero(S, elem));
        if (nb < 0) return s;
        for (int64_t i = 0; i < len; i++) S->heap.items[nb + i] = S->heap.items[base + i];
        base = nb;
        cap = ncap;
    }
    for (int32_t i = 0; i < n; i++) {
        Value v = vm_clone(S, elem, vals[i]); /* may move the heap */
        S->heap.items[base + len + i] = v;
    }
    return value_slice(base, len + n, cap);
}

/* Instructions that act on the runtime model (and so are shown as a step's
 * runtime path): channel operations, go, sync, timers, output. */
bool vm_is_runtime_op(int op) {
    switch (op) {
    case BC_MAKECHAN: case BC_SEND: case BC_RECV: case BC_RANGERECV: case BC_CLOSE: case BC_SELECT: case BC_GO:
    case BC_ONCEBEGIN: case BC_ONCEEND: case BC_NATIVE: return true;
    default: return false;
    }
}

bool vm_is_visible_op(int op) {
    switch (op) {
    case BC_LOAD: case BC_STORE: case BC_STOREKEEP: case BC_FIELD: case BC_INDEX: case BC_CLONE: case BC_APPEND:
    case BC_EXIT: case BC_PANIC: return true;
    default: return false;
    }
}

/* Tells the observer which heap cells the visible instruction in, about to
 * run on the operand stack stk[0..sp), reads or writes.  An operand that
 * makes it panic (nil, out of range) accesses nothing. */
static void observe_access(Sim *S, GoId g, const Instr *in, const Value *stk, int32_t sp) {
    int kind = OBS_READ;
    int32_t cell = -1, n = 1;
    switch ((Opcode)in->op) {
    case BC_LOAD:
        if (in->b == 1) return; /* a nil check only */
        cell = stk[sp - 1].ref - 1;
        break;
    case BC_STORE:
    case BC_STOREKEEP:
        kind = OBS_WRITE;
        cell = stk[sp - 2].ref - 1;
        break;
    case BC_FIELD:
        if (stk[sp - 1].ref) cell = stk[sp - 1].ref - 1 + in->a;
        break;
    case BC_INDEX: {
        Value s = stk[sp - 2];
        int64_t i = stk[sp - 1].i;
        if (i >= 0 && i < value_slice_len(s)) cell = s.ref - 1 + (int32_t)i;
        break;
    }
    case BC_CLONE: {
        const Type *t = sim_type(S, in->a);
        if (t->kind == TY_STRUCT && stk[sp - 1].ref && t->nfields > 0) cell = stk[sp - 1].ref - 1, n = t->nfields;
        break;
    }
    case BC_APPEND: {
        /* In place: writes the new elements' cells; growing: reads the old ones (growslice copies them). */
        Value s = stk[sp - in->b - 1];
        int64_t len = value_slice_len(s), cap = value_slice_cap(s);
        if (!s.ref || in->b == 0) return;
        if (len + in->b <= cap) kind = OBS_WRITE, cell = s.ref - 1 + (int32_t)len, n = in->b;
        else if (len > 0) cell = s.ref - 1, n = (int32_t)len;
        break;
    }
    default: return;
    }
    if (cell >= 0) sim_observe(S, kind, OBJ_CELL, g, cell, n, in->line, NULL);
}

/* The source line goroutine g is at: a parked goroutine's is the statement
 * it blocked in (as Go's tracebacks show it); otherwise the one it runs next. */
static void update_line(Sim *S, GoId g) {
    VmG *vg = vm_g(S, g);
    if (vg->frames.len == 0) return;
    const VmFrame_ *f = frame(vg);
    const Program *P = prog(S);
    int32_t pc = f->pc;
    if (sim_g(S, g)->status == GS_WAITING && pc > P->funcs.items[f->fn].code) pc--;
    if (pc >= P->code.len) pc = P->code.len - 1;
    sim_g(S, g)->line = P->code.items[pc].line;
}

/* Executes one instruction with the goroutine's state in memory (f->pc
 * already past it): the slow path of vm_step, for the opcodes its fast loop
 * does not finish itself (calls that panic, allocations, natives, ...). */
static void exec_op(Sim *S, GoId g, const Program *P, const Instr *in) {
    VmG *vg = vm_g(S, g);
    VmFrame_ *f = frame(vg);
    Value a = {0}, b = {0}; /* every field set: values are hashed whole (sim_hash) */
    switch ((Opcode)in->op) {
    case BC_ZERO: push(vg, vm_zero(S, in->a)); break;
    case BC_DUP:
        for (int32_t i = 0; i < in->a; i++) push(vg, vg->stack.items[vg->stack.len - in->a]);
        break;
    case BC_SWAP:
        a = vg->stack.items[vg->stack.len - 1];
        vg->stack.items[vg->stack.len - 1] = vg->stack.items[vg->stack.len - 2];
        vg->stack.items[vg->stack.len - 2] = a;
        break;
    case BC_LOAD:
        a = pop(vg);
        if (!nil_check(S, g, a)) break;
        push(vg, S->heap.items[a.ref - 1]);
        break;
    case BC_STORE:
    case BC_STOREKEEP:
        b = pop(vg);
        a = pop(vg);
        if (!nil_check(S, g, a)) break;
        S->heap.items[a.ref - 1] = b;
        if (in->op == BC_STOREKEEP) push(vg, b);
        break;
    case BC_BOX: {
        int32_t c = vm_alloc(S, 1, *top(vg));
        if (c >= 0) *top(vg) = value_ptr(c);
        break;
    }
    case BC_CLONE: *top(vg) = vm_clone(S, in->a, *top(vg)); break;
    case BC_FIELD:
        a = pop(vg);
        push(vg, a.ref ? S->heap.items[a.ref - 1 + in->a] : value_zero(S, S->fields.items[sim_type(S, in->b)->field0 + in->a].type));
        break;
    case BC_FIELDADDR: {
        a = pop(vg);
        if (!nil_check(S, g, a)) break;
        int32_t c = field_cell(S, a.ref - 1, in->b, in->a);
        if (c >= 0) push(vg, value_ptr(c));
        break;
    }
    case BC_STRUCT: {
        int32_t n = in->b;
        Value v = vm_zero(S, in->a);
        if (n && v.ref) {
            for (int32_t i = 0; i < n; i++) S->heap.items[v.ref - 1 + i] = vg->stack.items[vg->stack.len - n + i];
        }
        vg->stack.len -= n;
        push(vg, v);
        break;
    }
    case BC_SLICE: {
        int32_t n = in->b;
        int32_t base = n ? vm_alloc(S, n, value_nil()) : 0;
        if (base < 0) break;
        for (int32_t i = 0; i < n; i++) S->heap.items[base + i] = vg->stack.items[vg->stack.len - n + i];
        vg->stack.len -= n;
        push(vg, n ? value_slice(base, n, n) : (Value){VK_SLICE, 0, 0});
        if (n == 0) {
            /* []T{} is empty but not nil */
            int32_t c = vm_alloc(S, 0, value_nil());
            top(vg)->ref = c + 1;
        }
        break;
    }
    case BC_MAKESLICE: {
        a = pop(vg);
        if (a.i < 0 || a.i > VM_MAX_HEAP) {
            vm_panic(S, g, runtime_error(S, "runtime.errorString", "runtime error: makeslice: len out of range"));
            break;
        }
        int32_t base = vm_alloc(S, (int32_t)a.i, value_zero(S, in->a));
        if (base < 0) break;
        push(vg, value_slice(base, a.i, a.i));
        break;
    }
    case BC_INDEX:
    case BC_INDEXADDR:
        b = pop(vg);
        a = pop(vg);
        if (!index_check(S, g, b.i, value_slice_len(a))) break;
        if (in->op == BC_INDEX) push(vg, S->heap.items[a.ref - 1 + b.i]);
        else push(vg, value_ptr(a.ref - 1 + (int32_t)b.i));
        break;
    case BC_APPEND: {
        int32_t n = in->b;
        Value s = vg->stack.items[vg->stack.len - n - 1];
        Value r = append_values(S, in->a, s, vg->stack.items + vg->stack.len - n, n);
        vg = vm_g(S, g);
        vg->stack.len -= n + 1;
        push(vg, r);
        break;
    }
    case BC_SLICEEXPR: {
        Value hi = pop(vg), lo = pop(vg), s = pop(vg);
        int64_t len = value_slice_len(s), cap = value_slice_cap(s);
        int64_t h = hi.i < 0 ? len : hi.i;
        if (lo.i < 0 || h > cap || lo.i > h) {
            char msg[128];
            snprintf(msg, sizeof msg, "runtime error: slice bounds out of range [%lld:%lld]", (long long)lo.i,
                     (long long)h);
            vm_panic(S, g, runtime_error(S, "runtime.boundsError", msg));
            break;
        }
        push(vg, s.ref ? value_slice(s.ref - 1 + (int32_t)lo.i, h - lo.i, cap - lo.i) : s);
        break;
    }
    case BC_LEN:
    case BC_CAP: {
        a = pop(vg);
        int64_t n = 0;
        if (in->a == TY_STRING) strtab_get(&S->strs, a.ref, (int32_t *)&n), n = (int32_t)n;
        else if (in->a == TY_SLICE) n = in->op == BC_LEN ? value_slice_len(a) : value_slice_cap(a);
        else if (in->a == TY_CHAN && a.ref) n = in->op == BC_LEN ? sim_chan(S, a.ref)->qcount : sim_chan(S, a.ref)->dataqsiz;
        push(vg, value_int(n));
        break;
    }
    case BC_IFACE: *top(vg) = vm_iface(S, in->a, *top(vg)); break;
    case BC_ADD: case BC_SUB: case BC_MUL: case BC_DIV: case BC_MOD:
    case BC_AND: case BC_OR: case BC_XOR: case BC_ANDNOT: case BC_SHL: case BC_SHR:
        b = pop(vg);
        arith(S, g, in->op, &top(vg)->i, b.i);
        break;
    case BC_ARITHK: arith(S, g, in->a, &top(vg)->i, in->b); break;
    case BC_LOCALARITHK:
        push(vg, vg->stack.items[f->base + in->c]);
        arith(S, g, in->a, &top(vg)->i, in->b);
        break;
    case BC_ARITHLOCAL:
        b = pop(vg);
        arith(S, g, in->b, &vg->stack.items[f->base + in->a].i, b.i);
        break;
    case BC_NEG: top(vg)->i = (int64_t)(0 - (uint64_t)top(vg)->i); break;
    case BC_NOT: top(vg)->i = !top(vg)->i; break;
    case BC_BITNOT: top(vg)->i = ~top(vg)->i; break;
    case BC_TRUNC:
        if (in->a == 32) top(vg)->i = (int32_t)(uint32_t)top(vg)->i;
        else if (in->a == 8) top(vg)->i = (uint8_t)top(vg)->i;
        break;
    case BC_CONCAT:
        b = pop(vg);
        *top(vg) = concat(S, *top(vg), b);
        break;
    case BC_EQ:
    case BC_NE: {
        b = pop(vg);
        bool eq = vm_equal(S, in->a, *top(vg), b);
        *top(vg) = value_bool(in->op == BC_EQ ? eq : !eq);
        break;
    }
    case BC_LT:
    case BC_LE:
    case BC_GT:
    case BC_GE: {
        b = pop(vg);
        a = *top(vg);
        int c = in->b ? strcompare(S, a, b) : (a.i < b.i ? -1 : a.i > b.i);
        bool r = in->op == BC_LT ? c < 0 : in->op == BC_LE ? c <= 0 : in->op == BC_GT ? c > 0 : c >= 0;
        *top(vg) = value_bool(r);
        break;
    }
    case BC_CLOSURE: {
        int32_t n = in->b;
        int32_t c = vm_alloc(S, n ? n : 1, value_nil());
        if (c < 0) break;
        for (int32_t i = 0; i < n; i++) S->heap.items[c + i] = vg->stack.items[vg->stack.len - n + i];
        vg->stack.len -= n;
        push(vg, (Value){VK_FUNC, c + 1, in->a});
        break;
    }
    case BC_CALL: call(S, g, vg, in->b, 0); break;
    case BC_NATIVE:
        vm_native(S, g, vg, in);
        break;
    case BC_RET: {
        int32_t k = defer_of(vg, vg->frames.len);
        if (k >= 0) {
            f->pc--; /* come back to this RET when the deferred call returns */
            run_defer(S, g, vg, k);
            break;
        }
        return_from(S, g, vg);
        break;
    }
    case BC_GO: {
        int32_t n = in->b;
        Value callee = vg->stack.items[vg->stack.len - n - 1];
        if (callee.kind != VK_FUNC || callee.i < 0) {
            vm_panic(S, g, runtime_error(S, "runtime.errorString",
                                         "runtime error: invalid memory address or nil pointer dereference"));
            break;
        }
        GoId ng = sched_newproc(S, g, in->line, P->funcs.items[callee.i].name, 0, 0);
        sim_g(S, ng)->creator_fn = P->funcs.items[f->fn].name;
        VmG *nvg = vm_g(S, ng);
        vg = vm_g(S, g);
        for (int32_t i = 0; i <= n; i++) push(nvg, vg->stack.items[vg->stack.len - n - 1 + i]);
        vg->stack.len -= n + 1;
        call(S, ng, nvg, n, 0);
        sim_g(S, ng)->line = P->code.items[P->funcs.items[callee.i].code].line;
        break;
    }
    case BC_DEFER: {
        int32_t n = in->b;
        int32_t args = vm_alloc(S, n ? n : 1, value_nil());
        if (args < 0) break;
        for (int32_t i = 0; i < n; i++) S->heap.items[args + i] = vg->stack.items[vg->stack.len - n + i];
        VmDefer d = {vg->stack.items[vg->stack.len - n - 1], args, n, vg->frames.len, 0};
        vg->stack.len -= n + 1;
        VEC_PUSH(vg->defers, d);
        break;
    }
    case BC_PANIC: vm_panic(S, g, pop(vg)); break;
    case BC_RECOVER: {
        /* recover() works only when called by a deferred call while panicking. */
        bool direct = (f->flags & FRAME_DEFERRED) && vg->frames.len >= 2 &&
                      (vg->frames.items[vg->frames.len - 2].flags & FRAME_RECOVERING);
        if (vg->panicking && !vg->recovered && direct && !vg->goexiting) {
            vg->recovered = true;
            push(vg, vg->panicval);
            sim_log0(S, EV_RECOVER, g, 0, 0, 0);
        } else {
            push(vg, (Value){VK_IFACE, 0, 0});
        }
        break;
    }
    case BC_MAKECHAN: {
        int64_t size = (in->b & 1) ? pop(vg).i : 0;
        /* makechan checks the size first (a panic), then allocates the buffer. */
        if (size > 0 && size <= CHAN_MAX_BUFFER && !vm_memory_fits(S, size * (int64_t)sizeof(Value))) break;
        ChanId c;
        OpResult r = chan_make(S, g, in->a, size, in->b >> 1, in->line, &c);
        if (r.status == OP_PANIC) {
            vm_panic(S, g, runtime_error(S, "runtime.plainError", panic_message(r.panic)));
            break;
        }
        push(vg, value_chan(c));
        break;
    }
    case BC_CLOSE: {
        a = pop(vg);
        OpResult r = chan_close(S, g, a.ref);
        if (r.status == OP_PANIC) vm_panic(S, g, runtime_error(S, "runtime.plainError", panic_message(r.panic)));
        break;
    }
    case BC_SELECT: {
        const SelectDesc *d = &P->selects.items[in->a];
        SelectCase cases[SELECT_MAX_CASES];
        int32_t n = d->ncases, nvals = 0;
        for (int32_t i = 0; i < n; i++) nvals += 1 + ((d->sends >> i) & 1);
        int32_t at = vg->stack.len - nvals;
        for (int32_t i = 0; i < n; i++) {
            bool send = (d->sends >> i) & 1;
            cases[i] = (SelectCase){vg->stack.items[at].ref, send, send ? vg->stack.items[at + 1] : value_nil(),
                                    ((d->wants >> i) & 1) != 0};
            at += send ? 2 : 1;
        }
        vg->stack.len -= nvals;
        OpResult r = select_stmt(S, g, cases, n, in->b != 0);
        if (r.status == OP_FAIL) r = (OpResult){OP_DONE, PANIC_NONE, -1, false, value_nil()};
        vm_after_op(S, g, vg, r, PENDING_SELECT, 0);
        break;
    }
    case BC_ONCEBEGIN: vm_once_begin(S, g, vg); break;
    case BC_ONCEEND: vm_once_end(S, g, vg); break;
    case BC_EXIT: sim_exit(S); break;
    default:
        /* The rest always complete in vm_step's fast loop. */
        fprintf(stderr, "hchanviz: internal error: %s reached the slow path\n", opcode_name(in->op));
        abort();
    }
}

/* Runs goroutine g for one step (see vm.h). */
static void vm_step(Sim *S, GoId g) {
    VmState *vs = S->runner_state;
    VmG *vg = vm_g(S, g);
    Goroutine *gp = sim_g(S, g);
    bool resumed = false;
    if (gp->parkop != PARK_NONE) {
        /* The operation it parked in completes: still the same statement.
         * A step ends there, unless in batch mode, where it runs on. */
        S->step_line = gp->line;
        OpResult r = sim_resume(S, g);
        if (r.status == OP_PARKED) return;
        finish(S, g, vg, r);
        if (!S->batch || S->curg != g) {
            update_line(S, g);
            return;
        }
        vg = vm_g(S, g);
        resumed = true;
    }
    const Program *P = vs->prog;
    const Instr *code = P->code.items;
    /* A step ends before the next statement, or before a second runtime
     * operation; in batch mode only when the goroutine stops running (or
     * the step budget is spent).  The synthetic entry code is not a
     * statement.  Crashing, exiting, parking or yielding clears S->curg.
     *
     * The common instructions run here with the frame and pc in locals;
     * any other goes through exec_op with the state written back, and the
     * locals are reloaded after it (it may call, return, panic or park). */
    bool visible = resumed, did_op = resumed, batch = S->batch;
    /* Visible operations are looked at only when someone watches or preempts. */
    const bool preemptive = S->preemptive;
    const uint8_t watch = preemptive || S->observer ? 0xff : (uint8_t)~INSTR_VISIBLE;
    const uint8_t special = INSTR_RUNTIME | (watch & INSTR_VISIBLE);
    uint64_t extra = 0, budget = S->max_steps > S->steps + 1 ? S->max_steps - S->steps - 1 : 0;
    VmFrame_ *f = frame(vg);
    int32_t pc = f->pc, base = f->base;
    /* The operand stack in locals too: stk[0..sp) with room for cap values.
     * SYNC_OUT before anything that looks at vg->stack, SYNC_IN after. */
    Value *stk = vg->stack.items;
    int32_t sp = vg->stack.len, cap = vg->stack.cap;
#define SYNC_OUT() (vg->stack.len = sp)
#define SYNC_IN() (stk = vg->stack.items, sp = vg->stack.len, cap = vg->stack.cap)
#define PUSH(v)                                   \
    do {                                          \
        if (sp == cap) {                          \
            SYNC_OUT();                           \
            VEC_RESERVE(vg->stack, sp + 64);      \
            SYNC_IN();                            \
        }                                         \
        stk[sp++] = (v);                          \
    } while (0)
    for (;;) {
        const Instr *in = &code[pc];
        if (in->flags) {
            if ((in->flags & INSTR_STMT) && visible) {
                if (!batch || extra >= budget) break;
                extra++;
            }
            /* One test for the rare instructions: runtime operations, and
             * visible ones when someone watches or preempts. */
            if (in->flags & (INSTR_RUNTIME | INSTR_VISIBLE)) {
                if (preemptive && (in->flags & special)) {
                    /* A preemption point before it, unless this step was granted
                     * it or no other goroutine could run (then it is no choice). */
                    if (!S->granted && sim_any_runnable(S)) {
                        S->at_preempt = true;
                        break;
                    }
                    S->granted = false;
                }
                if (in->flags & watch & INSTR_VISIBLE) observe_access(S, g, in, stk, sp); /* watch: someone looks */
                if (in->flags & INSTR_RUNTIME) {
                    if (did_op && !batch) break;
                    did_op = true;
                }
            }
            if (!(in->flags & INSTR_HIDDEN) && !visible) {
                visible = true;
                S->step_line = in->line;
            }
        } else if (!visible) {
            visible = true;
            S->step_line = in->line;
        }
        pc++;
        switch ((Opcode)in->op) {
        case BC_NOP: continue;
        case BC_INT: PUSH(value_int(in->a)); continue;
        case BC_CONST: PUSH(P->consts.items[in->a]); continue;
        case BC_POP: sp -= in->a; continue;
        case BC_LOCAL: PUSH(stk[base + in->a]); continue;
        case BC_SETLOCAL: stk[base + in->a] = stk[--sp]; continue;
        case BC_FUNC: PUSH(((Value){VK_FUNC, 0, in->a})); continue;
        case BC_JMP: pc = in->a; continue;
        case BC_JMPF: if (!stk[--sp].i) pc = in->a; continue;
        case BC_JMPT: if (stk[--sp].i) pc = in->a; continue;
        case BC_INCLOCAL: stk[base + in->a].i = (int64_t)((uint64_t)stk[base + in->a].i + (uint64_t)(int64_t)in->b); continue;
        case BC_CMPK: {
            int64_t x = stk[sp - 1].i, k = in->b;
            bool r = in->a == BC_LT ? x < k : in->a == BC_LE ? x <= k : in->a == BC_GT ? x > k : in->a == BC_GE ? x >= k
                   : in->a == BC_EQ ? x == k : x != k;
            stk[sp - 1] = value_bool(r);
            continue;
        }
        case BC_LT: case BC_LE: case BC_GT: case BC_GE:
            if (in->b) break; /* strings */
            {
                int64_t y = stk[--sp].i, x = stk[sp - 1].i;
                bool r = in->op == BC_LT ? x < y : in->op == BC_LE ? x <= y : in->op == BC_GT ? x > y : x >= y;
                stk[sp - 1] = value_bool(r);
            }
            continue;
        case BC_ADD: case BC_SUB: case BC_MUL: case BC_AND: case BC_OR: case BC_XOR: case BC_ANDNOT: {
            int64_t y = stk[--sp].i;
            arith(S, g, in->op, &stk[sp - 1].i, y);
            continue;
        }
        case BC_ARITHK:
            /* a constant divisor is never 0 (the checker rejects it); shifts may panic */
            if (in->a == BC_SHL || in->a == BC_SHR) break;
            arith(S, g, in->a, &stk[sp - 1].i, in->b);
            continue;
        case BC_ARITHLOCAL: {
            int64_t y = stk[sp - 1].i;
            if ((y == 0 && (in->b == BC_DIV || in->b == BC_MOD)) || in->b == BC_SHL || in->b == BC_SHR)
                break; /* may panic: the slow path */
            sp--;
            arith(S, g, in->b, &stk[base + in->a].i, y);
            continue;
        }
        case BC_LOCALARITHK: {
            if (in->a == BC_SHL || in->a == BC_SHR) break;
            int64_t x = stk[base + in->c].i;
            arith(S, g, in->a, &x, in->b);
            PUSH(value_int(x));
            continue;
        }
        case BC_LOOPLTK:
            if (stk[base + in->c].i < in->b) pc = in->a;
            continue;
        case BC_LOOPLTL:
            if (stk[base + in->c].i < stk[base + in->b].i) pc = in->a;
            continue;
        case BC_JGELK:
            if (stk[base + in->c].i >= in->b) pc = in->a;
            continue;
        /* Variables in cells (captured, address taken, globals). */
        case BC_CAPTURE: PUSH(S->heap.items[f->closure.ref - 1 + in->a]); continue;
        case BC_GLOBALADDR: PUSH(value_ptr(in->a)); continue;
        case BC_LOAD:
            if (stk[sp - 1].ref == 0) break; /* nil: the slow path panics */
            stk[sp - 1] = S->heap.items[stk[sp - 1].ref - 1];
            continue;
        case BC_STORE:
            if (stk[sp - 2].ref == 0) break;
            S->heap.items[stk[sp - 2].ref - 1] = stk[sp - 1];
            sp -= 2;
            continue;
        case BC_ZERO:
            if (sim_type(S, in->a)->kind == TY_STRUCT) break; /* needs storage: the slow path */
            PUSH(value_zero(S, in->a));
            continue;
        case BC_CALL: {
            Value callee = stk[sp - in->b - 1];
            if (callee.kind != VK_FUNC || callee.i < 0) break; /* panics: the slow path */
            f->pc = pc;
            SYNC_OUT();
            if (!call(S, g, vg, in->b, 0)) goto stopped; /* stack overflow: a fatal error */
            SYNC_IN();
            f = frame(vg);
            pc = f->pc;
            base = f->base;
            continue;
        }
        case BC_RET:
            /* A plain return to a Go caller; deferred calls, panics and the
             * last frame take the slow path. */
            if (vg->frames.len < 2 || (f->flags & FRAME_DEFERRED) || defer_of(vg, vg->frames.len) >= 0) break;
            SYNC_OUT();
            return_from(S, g, vg);
            SYNC_IN();
            f = frame(vg);
            pc = f->pc;
            base = f->base;
            continue;
        case BC_SEND: {
            /* A send that completes leaves nothing to do; one that parks or
             * panics goes on as exec_op would. */
            Value v = stk[--sp];
            Value c = stk[--sp];
            f->pc = pc;
            SYNC_OUT();
            OpResult r = chan_send(S, g, c.ref, v, true);
            if (r.status == OP_DONE) continue;
            vm_after_op(S, g, vg, r, PENDING_SEND, 0);
            goto reload;
        }
        case BC_RECV: {
            Value c = stk[--sp];
            f->pc = pc;
            SYNC_OUT();
            OpResult r = chan_recv(S, g, c.ref, (in->a & 1) != 0, true);
            if (r.status == OP_DONE) {
                if (in->a & 1) PUSH(r.val);
                if (in->a & 2) PUSH(value_bool(r.ok));
                continue;
            }
            vm_after_op(S, g, vg, r, PENDING_RECV, in->a);
            goto reload;
        }
        case BC_RANGERECV: {
            f->pc = pc;
            SYNC_OUT();
            OpResult r = chan_recv(S, g, stk[base + in->c].ref, true, true);
            if (r.status == OP_DONE) {
                if (r.ok) stk[base + in->b] = r.val;
                else pc = in->a;
                continue;
            }
            vm_after_op(S, g, vg, r, PENDING_RANGE, 0);
            goto reload;
        }
        default: break;
        }
        /* The slow path. */
        f->pc = pc;
        SYNC_OUT();
        exec_op(S, g, P, in);
    reload:
        if (S->curg != g) goto stopped;
        vg = vm_g(S, g);
        SYNC_IN();
        f = frame(vg);
        pc = f->pc;
        base = f->base;
        if (batch && S->output.len > 65536) break; /* let the printed text out */
    }
    /* Left the loop with the state in locals: write it back. */
    if (S->curg == g) {
        vg = vm_g(S, g);
        frame(vg)->pc = pc;
        SYNC_OUT();
    }
#undef PUSH
#undef SYNC_IN
#undef SYNC_OUT
stopped:
    S->steps += extra;
    if (S->state == SIM_RUNNING || S->crashed_g == g) update_line(S, g);
}

/* ---- Runner plumbing -------------------------------------------------------- */

static void copy_g(VmG *dst, const VmG *src) {
    VmG keep = *dst;
    *dst = *src;
    dst->stack = keep.stack;
    dst->frames = keep.frames;
    dst->defers = keep.defers;
    VEC_COPY(dst->stack, src->stack);
    VEC_COPY(dst->frames, src->frames);
    VEC_COPY(dst->defers, src->defers);
}

static void free_gs(VmState *vs) {
    for (int32_t i = 0; i < vs->gs.len; i++) {
        VEC_FREE(vs->gs.items[i].stack);
        VEC_FREE(vs->gs.items[i].frames);
        VEC_FREE(vs->gs.items[i].defers);
    }
    VEC_FREE(vs->gs);
}

/* dst's goroutines become copies of src's, reusing dst's buffers. */
static void copy_gs(VmState *vs, const VmState *src) {
    for (int32_t i = src->gs.len; i < vs->gs.len; i++) {
        VEC_FREE(vs->gs.items[i].stack);
        VEC_FREE(vs->gs.items[i].frames);
        VEC_FREE(vs->gs.items[i].defers);
    }
    if (vs->gs.len > src->gs.len) vs->gs.len = src->gs.len;
    while (vs->gs.len < src->gs.len) {
        VmG blank = {0};
        VEC_PUSH(vs->gs, blank);
    }
    for (int32_t i = 0; i < src->gs.len; i++) copy_g(&vs->gs.items[i], &src->gs.items[i]);
}

static void *vm_save(const Sim *S) {
    const VmState *vs = S->runner_state;
    VmState *copy = calloc(1, sizeof *copy);
    if (!copy) abort();
    copy->prog = vs->prog;
    copy->max_memory = vs->max_memory;
    copy_gs(copy, vs);
    return copy;
}

static void vm_save_into(const Sim *S, void *saved) {
    const VmState *vs = S->runner_state;
    VmState *copy = saved;
    copy->prog = vs->prog;
    copy->max_memory = vs->max_memory;
    copy_gs(copy, vs);
}

static void vm_restore(Sim *S, const void *saved) { copy_gs(S->runner_state, saved); }

static void vm_free_saved(void *saved) {
    VmState *vs = saved;
    free_gs(vs);
    free(vs);
}

static void vm_free(Sim *S) { vm_free_saved(S->runner_state); }

/* Every goroutine's operand stack, frames, defers and panic state. */
static uint64_t vm_hash(const Sim *S, uint64_t h) {
    const VmState *vs = S->runner_state;
    for (int32_t i = 0; i < vs->gs.len; i++) {
        const VmG *g = &vs->gs.items[i];
        h = sim_hash_bytes(h, g->stack.items, sizeof(Value) * (size_t)g->stack.len);
        h = sim_hash_bytes(h, g->frames.items, sizeof(VmFrame_) * (size_t)g->frames.len);
        h = sim_hash_bytes(h, g->defers.items, sizeof(VmDefer) * (size_t)g->defers.len);
        int64_t sc[] = {g->pending, g->pending_flags, g->panicking, g->recovered, g->goexiting, g->panicval.kind,
                        g->panicval.ref, g->panicval.i, g->panicchain, g->once};
        h = sim_hash_bytes(h, sc, sizeof sc);
    }
    return h;
}

static const Runner vm_runner = {vm_step, vm_save, vm_restore, vm_free_saved, vm_free, vm_hash, vm_save_into};

void vm_start(Sim *S, const Program *p) {
    VmState *vs = calloc(1, sizeof *vs);
    if (!vs) abort();
    vs->prog = p;
    vs->max_memory = VM_DEFAULT_MAX_MEMORY;
    sim_set_runner(S, &vm_runner, vs);
    if (p->nglobals) vm_alloc(S, p->nglobals, value_nil());
    const Func *entry = &p->funcs.items[p->entry];
    GoId g = sim_start_main(S, entry->name, 0, 0);
    VmG *vg = vm_g(S, g);
    push(vg, (Value){VK_FUNC, 0, p->entry});
    call(S, g, vg, 0, 0);
    sim_g(S, g)->line = p->code.items[entry->code].line;
}

int32_t vm_frames(const Sim *S, GoId g, VmFrame *out, int32_t max) {
    const VmState *vs = S->runner_state;
    if (g < 1 || g > vs->gs.len) return 0;
    const VmG *vg = &vs->gs.items[g - 1];
    if (S->state == SIM_PANICKED && g == S->crashed_g && vg->npanicframes > 0) {
        for (int32_t i = 0; i < vg->npanicframes && i < max; i++) out[i] = vg->panicframes[i];
        return vg->npanicframes;
    }
    const Program *P = vs->prog;
    int32_t n = 0;
    for (int32_t i = vg->frames.len - 1; i >= 0; i--) {
        const VmFrame_ *f = &vg->frames.items[i];
        const Func *fn = &P->funcs.items[f->fn];
        if (fn->hidden) continue;
        int32_t pc = f->pc > fn->code ? f->pc - 1 : f->pc;
        if (n < max) out[n] = (VmFrame){fn->name, P->code.items[pc].line, fn->nparams > 0};
        n++;
    }
    return n;
}
