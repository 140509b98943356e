/* vm_native.c: the library functions a lesson calls (fmt, time, runtime,
 * sync), each a thin layer over the model or the formatter. */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "observe.h"
#include "sched.h"
#include "sync.h"
#include "timer.h"
#include "types.h"
#include "vm_internal.h"

/* The id behind a sync.Mutex / WaitGroup / Once variable, made on first use
 * (the zero value is ready to use, as in Go). */
static int32_t sync_id(Sim *S, Value ptr, int kind) {
    Value *cell = &S->heap.items[ptr.ref - 1];
    if (cell->ref == 0) {
        int32_t id = kind == TY_MUTEX ? mutex_new(S) : kind == TY_WAITGROUP ? waitgroup_new(S) : once_new(S);
        cell = &S->heap.items[ptr.ref - 1];
        *cell = (Value){VK_SYNC, id, kind};
    }
    return cell->ref;
}

/* Unwraps interface arguments to (dynamic type, value) for the formatter. */
static FmtArg fmt_arg(const Sim *S, TypeId t, Value v) {
    if (t && sim_type(S, t)->kind == TY_IFACE) {
        if (v.ref == 0) return (FmtArg){0, value_nil()};
        return (FmtArg){(TypeId)v.i, S->heap.items[v.ref - 1]};
    }
    return (FmtArg){t, v};
}

/* Formats the native's n arguments (types from argtypes) with fmt's rules. */
static void format_args(Sim *S, int id, const TypeId *types, const Value *vals, int32_t n, FmtBuf *out) {
    FmtArg args[256];
    int32_t first = (id == NATIVE_PRINTF || id == NATIVE_SPRINTF) ? 1 : 0;
    int32_t m = 0;
    for (int32_t i = first; i < n && m < 256; i++) args[m++] = fmt_arg(S, types[i], vals[i]);
    switch (id) {
    case NATIVE_PRINTLN:
    case NATIVE_SPRINTLN: fmt_println(S, out, args, m); break;
    case NATIVE_PRINT:
    case NATIVE_SPRINT: fmt_print(S, out, args, m); break;
    default: {
        int32_t flen;
        const char *f = strtab_get(&S->strs, vals[0].ref, &flen);
        fmt_printf(S, out, f, (size_t)flen, args, m);
    }
    }
}

bool vm_native(Sim *S, GoId g, VmG *vg, const Instr *in) {
    const Program *P = ((VmState *)S->runner_state)->prog;
    int32_t n = P->argtypes.items[in->b];
    const TypeId *types = P->argtypes.items + in->b + 1;
    Value args[256];
    if (n > 256) n = 256;
    memcpy(args, vg->stack.items + vg->stack.len - n, (size_t)n * sizeof *args);
    vg->stack.len -= n;
    switch ((NativeId)in->a) {
    case NATIVE_PRINTLN:
    case NATIVE_PRINT:
    case NATIVE_PRINTF: {
        FmtBuf out = {0};
        format_args(S, in->a, types, args, n, &out);
        sim_output(S, out.data ? out.data : "", out.len);
        fmt_buf_free(&out);
        return true;
    }
    case NATIVE_SPRINTLN:
    case NATIVE_SPRINT:
    case NATIVE_SPRINTF: {
        FmtBuf out = {0};
        format_args(S, in->a, types, args, n, &out);
        if (!vm_memory_fits(S, (int64_t)out.len + 1 + (int64_t)sizeof(StrSpan))) {
            fmt_buf_free(&out);
            return true; /* the program died */
        }
        Value s = value_string(S, out.data ? out.data : "", out.len);
        fmt_buf_free(&out);
        VEC_PUSH(vm_g(S, g)->stack, s);
        return false;
    }
    case NATIVE_SLEEP: vm_after_op(S, g, vg, timer_sleep(S, g, args[0].i), PENDING_OTHER, 0);
        return true;
    case NATIVE_AFTER: {
        ChanId c;
        timer_after(S, g, args[0].i, TYPE_TIME, &c);
        VEC_PUSH(vm_g(S, g)->stack, value_chan(c));
        return true;
    }
    case NATIVE_GOSCHED: sched_gosched(S, g); return true;
    case NATIVE_NUMGOROUTINE: VEC_PUSH(vg->stack, value_int(S->ngoroutines)); return false;
    case NATIVE_GOEXIT:
        vg->goexiting = true;
        vg->panicking = true;
        vm_unwind(S, g);
        return true;
    case NATIVE_MUTEX_LOCK:
        vm_after_op(S, g, vg, mutex_lock(S, g, sync_id(S, args[0], TY_MUTEX)), PENDING_OTHER, 0);
        return true;
    case NATIVE_MUTEX_UNLOCK: mutex_unlock(S, g, sync_id(S, args[0], TY_MUTEX)); return true;
    case NATIVE_WG_ADD:
    case NATIVE_WG_DONE: {
        int64_t delta = in->a == NATIVE_WG_DONE ? -1 : args[1].i;
        OpResult r = waitgroup_add(S, g, sync_id(S, args[0], TY_WAITGROUP), delta);
        if (r.status == OP_PANIC) {
            const char *msg = panic_message(r.panic);
            vm_panic(S, g, vm_iface(S, TYPE_STRING, value_string(S, msg, strlen(msg))));
        }
        return true;
    }
    case NATIVE_WG_WAIT:
        vm_after_op(S, g, vg, waitgroup_wait(S, g, sync_id(S, args[0], TY_WAITGROUP)), PENDING_OTHER, 0);
        return true;
    case NATIVE__COUNT: break;
    }
    return false;
}

/* sync.Once.Do(f), compiled as ONCEBEGIN; if true { f(); ONCEEND }:
 * the fast path reads done; the slow path takes the Once's mutex and checks
 * again, so a second caller waits until the first one's f has returned. */
bool vm_once_begin(Sim *S, GoId g, VmG *vg) {
    Value p = vg->stack.items[--vg->stack.len];
    int32_t id = sync_id(S, p, TY_ONCE);
    sim_observe(S, OBS_TOUCH, OBJ_ONCE, g, id, 0, 0, NULL);
    if (sim_once(S, id)->done) {
        sim_observe(S, OBS_ACQUIRE, OBJ_ONCE, g, id, 0, 0, NULL); /* atomic.LoadUint32(&o.done) */
        VEC_PUSH(vg->stack, value_bool(false));
        return false;
    }
    vg->once = id;
    return vm_after_op(S, g, vg, mutex_lock(S, g, sim_once(S, id)->mutex), PENDING_ONCE, 0);
}

void vm_once_locked(Sim *S, GoId g, VmG *vg) {
    Once *o = sim_once(S, vg->once);
    if (o->done) {
        mutex_unlock(S, g, o->mutex);
        VEC_PUSH(vm_g(S, g)->stack, value_bool(false));
    } else {
        VEC_PUSH(vm_g(S, g)->stack, value_bool(true));
    }
}

bool vm_once_end(Sim *S, GoId g, VmG *vg) {
    Value p = vg->stack.items[--vg->stack.len];
    int32_t id = sync_id(S, p, TY_ONCE);
    sim_observe(S, OBS_RELEASE, OBJ_ONCE, g, id, 0, 0, NULL); /* atomic.StoreUint32(&o.done, 1) */
    sim_once(S, id)->done = 1;
    mutex_unlock(S, g, sim_once(S, id)->mutex);
    return false;
}

void vm_panic_text(Sim *S, Value v, char *buf, size_t cap) {
    FmtBuf out = {0};
    FmtArg a = (v.kind == VK_IFACE && v.ref) ? (FmtArg){(TypeId)v.i, S->heap.items[v.ref - 1]} : (FmtArg){0, value_nil()};
    fmt_panic_value(S, &out, a);
    snprintf(buf, cap, "%.*s", (int)out.len, out.data ? out.data : "");
    fmt_buf_free(&out);
}
