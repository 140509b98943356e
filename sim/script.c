/* script.c: the op-list Runner.  An op that parks is resumed (sim_resume)
 * the next time its goroutine runs, and only then counts as completed. */
#include "script.h"

#include <stdio.h>

#include "sched.h"
#include "sync.h"
#include "timer.h"
#include "types.h"

static ScriptState *state(Sim *S) { return S->runner_state; }

static void record(Sim *S, GoId g, const Goroutine *gp, OpResult r) {
    ScriptState *st = state(S);
    if (!st->keep_results) return;
    ScriptResult res = {g, gp->runner, gp->pc, r.status, r.casei, r.ok, r.val};
    VEC_PUSH(st->results, res);
}

static void finish(Sim *S, GoId g) {
    if (g == 1) sim_exit(S);
    else sched_goexit(S, g);
}

/* The per-goroutine counter of loop or repeat op pc. */
static int64_t *counter(ScriptState *st, GoId g, int32_t pc) {
    int64_t idx = (int64_t)g * 64 + pc % 64;
    while (st->loops.len <= idx) VEC_PUSH(st->loops, 0);
    return &st->loops.items[idx];
}

/* After an op completes (not parked): record, advance (unless it repeats),
 * handle panics. */
static void complete(Sim *S, GoId g, OpResult r) {
    ScriptState *st = state(S);
    Goroutine *gp = sim_g(S, g);
    record(S, g, gp, r);
    if (r.status == OP_PANIC) {
        sim_crash_panic(S, g, r.panic, NULL);
        return;
    }
    const ScriptFn *fn = &st->script->fns[gp->runner];
    int64_t repeat = gp->pc < fn->nops ? fn->ops[gp->pc].repeat : 0;
    if (repeat > 1) {
        int64_t *n = counter(st, g, gp->pc);
        if (++*n < repeat) return;
        *n = 0;
    }
    gp->pc++;
}

static ChanId chan_of(ScriptState *st, int32_t slot, bool nilchan) {
    return nilchan ? 0 : st->chans[slot];
}

static void script_step(Sim *S, GoId g) {
    ScriptState *st = state(S);
    Goroutine *gp = sim_g(S, g);
    if (gp->parkop != PARK_NONE) {
        OpResult r = sim_resume(S, g);
        if (r.status == OP_PARKED) return;
        complete(S, g, r);
        return;
    }
    const ScriptFn *fn = &st->script->fns[gp->runner];
    if (gp->pc >= fn->nops) {
        finish(S, g);
        return;
    }
    const ScriptOp *op = &fn->ops[gp->pc];
    gp->line = gp->pc + 1;
    OpResult r = {OP_DONE, PANIC_NONE, 0, true, {0}};
    switch (op->kind) {
    case SOP_MAKE: {
        ChanId c;
        r = chan_make(S, g, op->elemtype ? op->elemtype : TYPE_INT, op->v, 0, gp->line, &c);
        st->chans[op->slot] = c;
        break;
    }
    case SOP_SEND: r = chan_send(S, g, chan_of(st, op->slot, op->nilchan), value_int(op->v), !op->nonblock); break;
    case SOP_RECV: r = chan_recv(S, g, chan_of(st, op->slot, op->nilchan), !op->discard, !op->nonblock); break;
    case SOP_CLOSE: r = chan_close(S, g, chan_of(st, op->slot, op->nilchan)); break;
    case SOP_SELECT: {
        SelectCase cases[SCRIPT_MAX_CASES];
        for (int32_t i = 0; i < op->ncases; i++) {
            const ScriptCase *sc = &op->cases[i];
            cases[i] = (SelectCase){chan_of(st, sc->slot, sc->nilchan), sc->is_send, value_int(sc->v), true};
        }
        r = select_stmt(S, g, cases, op->ncases, op->has_default);
        break;
    }
    case SOP_GO: sched_newproc(S, g, gp->line, strtab_intern(&S->strs, st->script->fns[op->arg].name), op->arg, 0); break;
    case SOP_GOSCHED:
        gp->pc++;
        sched_gosched(S, g);
        return;
    case SOP_SLEEP: r = timer_sleep(S, g, op->v); break;
    case SOP_AFTER: {
        ChanId c;
        r = timer_after(S, g, op->v, TYPE_INT, &c);
        st->chans[op->slot] = c;
        break;
    }
    case SOP_LOCK: r = mutex_lock(S, g, st->mutexes[op->slot]); break;
    case SOP_UNLOCK:
        if (!mutex_unlock(S, g, st->mutexes[op->slot])) return;
        break;
    case SOP_WG_ADD: r = waitgroup_add(S, g, st->waitgroups[op->slot], op->v); break;
    case SOP_WG_WAIT: r = waitgroup_wait(S, g, st->waitgroups[op->slot]); break;
    case SOP_LOOP: {
        int64_t *n = counter(st, g, gp->pc);
        if (*n < op->v) {
            ++*n;
            gp->pc = op->arg;
        } else {
            *n = 0;
            gp->pc++;
        }
        return;
    }
    case SOP_PRINT: {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%lld\n", (long long)op->v);
        sim_output(S, buf, (size_t)n);
        break;
    }
    }
    if (r.status == OP_PARKED) return;
    complete(S, g, r);
}

static void *script_save(const Sim *S) {
    const ScriptState *st = S->runner_state;
    ScriptState *copy = calloc(1, sizeof *copy);
    if (!copy) abort();
    *copy = *st;
    copy->results = (ScriptResultVec){0};
    copy->loops = (Int64Vec){0};
    VEC_COPY(copy->results, st->results);
    VEC_COPY(copy->loops, st->loops);
    return copy;
}

static void script_restore(Sim *S, const void *saved) {
    ScriptState *st = S->runner_state;
    const ScriptState *src = saved;
    ScriptResultVec results = st->results;
    Int64Vec loops = st->loops;
    *st = *src;
    st->results = results;
    st->loops = loops;
    VEC_COPY(st->results, src->results);
    VEC_COPY(st->loops, src->loops);
}

static void script_free_saved(void *saved) {
    ScriptState *st = saved;
    VEC_FREE(st->results);
    VEC_FREE(st->loops);
    free(st);
}

static void script_free(Sim *S) { script_free_saved(S->runner_state); }

const Runner script_runner = {script_step, script_save, script_restore, script_free_saved, script_free, NULL, NULL};

ScriptState *script_start(Sim *S, const Script *sc) {
    ScriptState *st = calloc(1, sizeof *st);
    if (!st) abort();
    st->script = sc;
    st->keep_results = true;
    for (int i = 0; i < 8; i++) {
        st->mutexes[i] = mutex_new(S);
        st->waitgroups[i] = waitgroup_new(S);
    }
    sim_set_runner(S, &script_runner, st);
    sim_start_main(S, strtab_intern(&S->strs, sc->fns[0].name ? sc->fns[0].name : "main.main"), 0, 0);
    return st;
}

int32_t script_results_of(const ScriptState *st, GoId g, ScriptResult *out, int32_t max) {
    int32_t n = 0;
    for (int32_t i = 0; i < st->results.len; i++) {
        if (st->results.items[i].g != g) continue;
        if (n < max) out[n] = st->results.items[i];
        n++;
    }
    return n;
}
