/* vm_inspect.c: frames and named locals of a goroutine (see vm_inspect.h). */
#include "vm_inspect.h"

#include "vm_internal.h"

/* The value in heap cell `ref - 1` of pointer p; false if p is not a valid pointer. */
static bool deref(const Sim *S, Value p, Value *out) {
    if (p.kind != VK_PTR || p.ref <= 0 || p.ref > S->heap.len) return false;
    *out = S->heap.items[p.ref - 1];
    return true;
}

static bool local_value(const Sim *S, const VmG *vg, const VmFrame_ *f, const VarInfo *v, Value *out) {
    Value raw;
    if (v->capture) {
        const Value cl = f->closure;
        if (cl.kind != VK_FUNC || cl.ref <= 0) return false;
        int64_t cell = (int64_t)cl.ref - 1 + v->slot;
        if (cell < 0 || cell >= S->heap.len) return false;
        raw = S->heap.items[cell];
    } else {
        int64_t at = (int64_t)f->base + v->slot;
        if (v->slot < 0 || at < 0 || at >= vg->stack.len) return false;
        raw = vg->stack.items[at];
    }
    if (!v->boxed) {
        *out = raw;
        return raw.kind != VK_NIL || v->type <= 0;
    }
    return deref(S, raw, out);
}

int32_t vm_inspect(const Sim *S, GoId g, VmInspect *out) {
    out->frames.len = 0;
    out->locals.len = 0;
    const VmState *vs = S->runner_state;
    if (!vs || g < 1 || g > vs->gs.len) return 0;
    const VmG *vg = &vs->gs.items[g - 1];
    const Program *P = vs->prog;
    for (int32_t i = vg->frames.len - 1; i >= 0; i--) {
        const VmFrame_ *f = &vg->frames.items[i];
        if (f->fn < 0 || f->fn >= P->funcs.len) continue;
        const Func *fn = &P->funcs.items[f->fn];
        if (fn->hidden) continue;
        /* The innermost frame is where Goroutine.line says: its next
         * instruction, or for a parked goroutine the one it blocked in; a
         * caller is at its call, just before its return address. */
        bool at_next = i == vg->frames.len - 1 && S->gs.items[g - 1].status != GS_WAITING;
        int32_t pc = at_next ? f->pc : f->pc > fn->code ? f->pc - 1 : f->pc;
        if (pc >= P->code.len) pc = P->code.len - 1;
        VmFrameLocals fr = {f->fn, fn->name, pc >= 0 && pc < P->code.len ? P->code.items[pc].line : 0,
                            out->locals.len, 0};
        for (int32_t k = 0; k < P->vars.len; k++) {
            const VarInfo *v = &P->vars.items[k];
            if (v->func != f->fn || f->pc < v->first_pc || f->pc >= v->last_pc) continue;
            Value val;
            if (!local_value(S, vg, f, v, &val)) continue;
            /* An inner variable of the same name hides an outer one. */
            bool shadowed = false;
            for (int32_t j = fr.first; j < out->locals.len; j++) {
                if (out->locals.items[j].name == v->name) {
                    out->locals.items[j] = (VmLocal){v->name, v->type, val, v->param, v->capture};
                    shadowed = true;
                    break;
                }
            }
            if (shadowed) continue;
            VmLocal l = {v->name, v->type, val, v->param, v->capture};
            VEC_PUSH(out->locals, l);
        }
        fr.n = out->locals.len - fr.first;
        VEC_PUSH(out->frames, fr);
    }
    return out->frames.len;
}

void vm_inspect_free(VmInspect *in) {
    VEC_FREE(in->frames);
    VEC_FREE(in->locals);
}
