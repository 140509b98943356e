/* Snapshots and the History: a restored Sim is the Sim that was saved, and
 * running on from it does again exactly what the original run did.
 *
 * "The same" is checked three ways: the simtest_* strings (run queues,
 * goroutines, channels), a byte comparison (memcmp) of the Vecs a snapshot
 * copies verbatim, and a field-by-field digest of the whole model state
 * (goroutines, channels, sudogs, buffers, semaphores, mutexes, timers, the
 * P, the global queue, the clock, the random generator, the choices and the
 * script runner's own state).  The field-by-field digest is what compares a
 * state rebuilt by replay (History) with the original, since replay writes
 * the same values but not necessarily the same padding bytes. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "check.h"
#include "sched.h"
#include "snapshot.h"


/* A program that never ends by itself: main selects (random poll order: a
 * recorded draw per case) over three channels fed by three loops, main and
 * one of them sleep (timers: the clock moves whenever all of them are
 * blocked), two take a mutex; every goroutine blocks and wakes again and
 * again. */
static const ScriptFn loop_fns[] = {
    {OPS(MAKE(0, 0), MAKE(1, 1), MAKE(2, 2), GO(1), GO(2), GO(3), SEL(3, false, CR(0), CR(1), CR(2)),
         SEL(2, true, CR(0), CR(2)), GOSCHED(), SLEEP(1000000), LOOP(6, 1000000)),
     "main.main"},
    {OPS(SEND(0, 1), SEND(1, 2), LOCK(0), UNLOCK(0), LOOP(0, 1000000)), "main.a"},
    {OPS(SEND(2, 3), GOSCHED(), LOCK(0), SEND(0, 4), UNLOCK(0), LOOP(0, 1000000)), "main.b"},
    {OPS(SLEEP(2000000), SEND(1, 5), LOOP(0, 1000000)), "main.c"},
};
static const Script loop_script = {loop_fns, 4};

static Sim *start(uint64_t seed) {
    Sim *S = sim_new(seed);
    script_start(S, &loop_script);
    return S;
}

/* ---- digests ------------------------------------------------------------------------ */

typedef struct Hash { uint64_t h; } Hash;

static void hb(Hash *H, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) H->h = (H->h ^ b[i]) * 0x100000001b3ULL;
}
static void hi(Hash *H, int64_t v) { hb(H, &v, sizeof v); }
static void hv(Hash *H, Value v) {
    hi(H, v.kind);
    hi(H, v.ref);
    hi(H, v.i);
}

static uint64_t state_digest(const Sim *S) {
    Hash H = {0xcbf29ce484222325ULL};
    hi(&H, S->gs.len);
    for (int32_t i = 0; i < S->gs.len; i++) {
        const Goroutine *g = &S->gs.items[i];
        int64_t f[] = {g->id, g->status, g->waitreason, g->line, g->fn, g->creator, g->creator_line, g->parkop,
                       g->waiting, g->param, g->selectDone, g->semalifo, g->sema, g->semanext, g->runner, g->pc};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) hi(&H, f[k]);
        hv(&H, g->stackslot);
    }
    hi(&H, S->chans.len);
    for (int32_t i = 0; i < S->chans.len; i++) {
        const Chan *c = &S->chans.items[i];
        int64_t f[] = {c->qcount, c->dataqsiz, c->buf, c->elemsize, c->closed, c->elemtype, c->sendx, c->recvx,
                       c->recvq.first, c->recvq.last, c->sendq.first, c->sendq.last, c->lock, c->name, c->line};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) hi(&H, f[k]);
    }
    hi(&H, S->sudogs.len);
    hi(&H, S->sudog_free);
    for (int32_t i = 0; i < S->sudogs.len; i++) {
        const Sudog *s = &S->sudogs.items[i];
        int64_t f[] = {s->g, s->c, s->has_elem, s->is_send, s->isSelect, s->success, s->casei, s->next, s->prev,
                       s->waitlink, s->queued};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) hi(&H, f[k]);
        hv(&H, s->elem);
    }
    hi(&H, S->slots.len);
    for (int32_t i = 0; i < S->slots.len; i++) hv(&H, S->slots.items[i]);
    hi(&H, S->heap.len);
    for (int32_t i = 0; i < S->heap.len; i++) hv(&H, S->heap.items[i]);
    hi(&H, S->semas.len);
    for (int32_t i = 0; i < S->semas.len; i++) {
        const Sema *s = &S->semas.items[i];
        hi(&H, s->count);
        hi(&H, s->head);
        hi(&H, s->tail);
        hi(&H, s->nwait);
    }
    hi(&H, S->mutexes.len);
    for (int32_t i = 0; i < S->mutexes.len; i++) {
        const Mutex *m = &S->mutexes.items[i];
        hi(&H, m->locked);
        hi(&H, m->woken);
        hi(&H, m->waiters);
        hi(&H, m->sema);
    }
    hi(&H, S->waitgroups.len);
    for (int32_t i = 0; i < S->waitgroups.len; i++) {
        const WaitGroup *w = &S->waitgroups.items[i];
        hi(&H, w->counter);
        hi(&H, w->waiters);
        hi(&H, w->sema);
    }
    hi(&H, S->timers.len);
    for (int32_t i = 0; i < S->timers.len; i++) {
        const Timer *t = &S->timers.items[i];
        hi(&H, t->when);
        hi(&H, t->seq);
        hi(&H, t->kind);
        hi(&H, t->g);
        hi(&H, t->c);
    }
    hi(&H, S->timerseq);
    hi(&H, S->p.runnext);
    hb(&H, S->p.runq, sizeof S->p.runq);
    hi(&H, S->p.runqhead);
    hi(&H, S->p.runqtail);
    hi(&H, S->p.schedtick);
    hi(&H, sched_global_len(S));
    for (int32_t i = 0; i < sched_global_len(S); i++) hi(&H, sched_global_at(S, i));
    int64_t f[] = {S->curg, S->ngoroutines, S->now, (int64_t)S->rng, (int64_t)S->steps, S->state, S->panic_kind,
                   S->crashed_g, S->policy, S->chosen};
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) hi(&H, f[k]);
    hb(&H, S->message, strlen(S->message));
    hi(&H, S->choices.len);
    for (int32_t i = 0; i < S->choices.len; i++) {
        hi(&H, S->choices.items[i].kind);
        hi(&H, S->choices.items[i].value);
        hi(&H, S->choices.items[i].bound);
    }
    hi(&H, S->strs.spans.len);
    hb(&H, S->strs.bytes.items, (size_t)S->strs.bytes.len);
    const ScriptState *st = S->runner_state;
    hb(&H, st->chans, sizeof st->chans);
    hb(&H, st->mutexes, sizeof st->mutexes);
    hb(&H, st->waitgroups, sizeof st->waitgroups);
    hi(&H, st->results.len);
    for (int32_t i = 0; i < st->results.len; i++) {
        const ScriptResult *r = &st->results.items[i];
        int64_t rf[] = {r->g, r->fn, r->pc, r->status, r->casei, r->ok};
        for (size_t k = 0; k < sizeof rf / sizeof rf[0]; k++) hi(&H, rf[k]);
        hv(&H, r->val);
    }
    hi(&H, st->loops.len);
    for (int32_t i = 0; i < st->loops.len; i++) hi(&H, st->loops.items[i]);
    return H.h;
}

/* The step's events and output. */
static uint64_t step_digest(const Sim *S) {
    Hash H = {0xcbf29ce484222325ULL};
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        int64_t f[] = {e->kind, e->g, e->c, e->a, e->b};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) hi(&H, f[k]);
        hv(&H, e->v);
    }
    hb(&H, S->output.items ? S->output.items : "", (size_t)S->output.len);
    return H.h;
}

/* Everything simtest_* shows, in one string. */
static void view(const Sim *S, char *out, size_t cap) {
    int n = snprintf(out, cap, "%s | %s", simtest_runq(S), simtest_gs(S));
    for (ChanId c = 1; c <= S->chans.len && (size_t)n < cap; c++)
        n += snprintf(out + n, cap - (size_t)n, " | %s", simtest_chan(S, c));
}

/* A verbatim copy of a Vec's bytes. */
typedef struct Raw { void *p; size_t n; } Raw;
#define RAW(v) raw_copy((v).items, (size_t)(v).len * sizeof *(v).items)
static Raw raw_copy(const void *p, size_t n) {
    Raw r = {malloc(n ? n : 1), n};
    assert_non_null(r.p);
    if (n) memcpy(r.p, p, n);
    return r;
}
#define RAW_EQ(r, v)                                                              \
    do {                                                                          \
        assert_int_equal((r).n, (size_t)(v).len * sizeof *(v).items);            \
        if ((r).n) assert_memory_equal((r).p, (v).items, (r).n);                  \
    } while (0)

/* ---- snapshot_take / snapshot_restore ----------------------------------------------------
 *
 * Run 500 steps, take a snapshot, run 300 more recording each step's events
 * and the state after it; restore: the Sim is byte for byte what it was
 * (the Vecs and the P compare equal with memcmp, the views and the digest
 * too, the step's log and output are empty); stepping on gives the same 300
 * steps.  Restoring the same snapshot again gives the same state again. */
static void test_take_restore(void **state) {
    (void)state;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        Sim *S = start(seed);
        for (int i = 0; i < 500; i++) assert_int_equal(simtest_step(S), SIM_RUNNING);
        char v0[8192], v1[8192];
        view(S, v0, sizeof v0);
        uint64_t d0 = state_digest(S);
        Raw gs = RAW(S->gs), chans = RAW(S->chans), sudogs = RAW(S->sudogs), slots = RAW(S->slots),
            glob = RAW(S->globrunq), timers = RAW(S->timers), semas = RAW(S->semas), mutexes = RAW(S->mutexes),
            choices = RAW(S->choices);
        P p0 = S->p;
        Snapshot *snap = snapshot_take(S);
        assert_int_equal(snapshot_step(snap), 500);
        assert_int_equal(state_digest(S), d0); /* taking changes nothing */

        uint64_t ev[300], st[300];
        for (int i = 0; i < 300; i++) {
            assert_int_equal(simtest_step(S), SIM_RUNNING);
            ev[i] = step_digest(S);
            st[i] = state_digest(S);
        }
        assert_int_not_equal(state_digest(S), d0);

        for (int round = 0; round < 2; round++) {
            snapshot_restore(S, snap);
            view(S, v1, sizeof v1);
            assert_string_equal(v1, v0);
            assert_int_equal(state_digest(S), d0);
            RAW_EQ(gs, S->gs);
            RAW_EQ(chans, S->chans);
            RAW_EQ(sudogs, S->sudogs);
            RAW_EQ(slots, S->slots);
            RAW_EQ(glob, S->globrunq);
            RAW_EQ(timers, S->timers);
            RAW_EQ(semas, S->semas);
            RAW_EQ(mutexes, S->mutexes);
            RAW_EQ(choices, S->choices);
            assert_memory_equal(&p0, &S->p, sizeof p0);
            assert_int_equal(S->steps, 500);
            assert_int_equal(S->log.len, 0);
            assert_int_equal(S->output.len, 0);
            char why[256];
            assert_true(sim_check(S, why, sizeof why));
            for (int i = 0; i < 300; i++) {
                assert_int_equal(simtest_step(S), SIM_RUNNING);
                assert_int_equal(step_digest(S), ev[i]);
                assert_int_equal(state_digest(S), st[i]);
            }
        }
        snapshot_free(snap);
        Raw all[] = {gs, chans, sudogs, slots, glob, timers, semas, mutexes, choices};
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) free(all[i].p);
        sim_free(S);
    }
}

/* A snapshot taken at the start restores a Sim that has since grown
 * (goroutines, channels, sudogs, timers, choices) back to the start. */
static void test_restore_shrinks(void **state) {
    (void)state;
    Sim *S = start(9);
    uint64_t d0 = state_digest(S);
    char v0[8192], v1[8192];
    view(S, v0, sizeof v0);
    Snapshot *snap = snapshot_take(S);
    uint64_t ev[50];
    for (int i = 0; i < 50; i++) {
        simtest_step(S);
        ev[i] = step_digest(S);
    }
    assert_true(S->gs.len == 4 && S->chans.len == 3);
    snapshot_restore(S, snap);
    assert_int_equal(state_digest(S), d0);
    view(S, v1, sizeof v1);
    assert_string_equal(v1, v0);
    assert_int_equal(S->gs.len, 1);
    assert_int_equal(S->chans.len, 0);
    assert_int_equal(S->sudogs.len, 0);
    assert_int_equal(S->choices.len, 0);
    for (int i = 0; i < 50; i++) {
        simtest_step(S);
        assert_int_equal(step_digest(S), ev[i]);
    }
    snapshot_free(snap);
    sim_free(S);
}

/* ---- History -------------------------------------------------------------------------------
 *
 * Record a snapshot every 64 steps over 3000 steps, keeping the state
 * digest, the view and the step digest of every step of the original run.
 * Then seek back and forth (backwards from the end, forwards from early
 * steps, within one interval both ways, onto snapshot boundaries and next
 * to them): each seek lands on exactly the original state, and one more
 * step from there does what the original step did. */
enum { NSTEPS = 3000, INTERVAL = 64 };

static void history_run(uint64_t seed, int policy) {
    Sim *S = start(seed);
    S->policy = policy;
    History h;
    history_init(&h, INTERVAL);
    static uint64_t dig[NSTEPS + 1], ev[NSTEPS + 1];
    static char views[NSTEPS + 1][512];
    history_record(&h, S);
    dig[0] = state_digest(S);
    view(S, views[0], sizeof views[0]);
    for (int i = 1; i <= NSTEPS; i++) {
        assert_int_equal(simtest_step(S), SIM_RUNNING);
        history_record(&h, S);
        dig[i] = state_digest(S);
        ev[i] = step_digest(S);
        view(S, views[i], sizeof views[i]);
    }
    assert_int_equal(h.snaps.len, NSTEPS / INTERVAL + 1);
    assert_true(S->now > 0); /* the sleeper made the clock move */

    uint64_t targets[400];
    int nt = 0;
    const uint64_t fixed[] = {2999, 0, 1, 63, 64, 65, 1000, 999, 1001, 1030, 1010, 1020, 3000, 128, 127,
                              2500, 2400, 2450, 2449, 2451, 5, 2998, 640, 641, 639};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) targets[nt++] = fixed[i];
    uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
    while (nt < 400) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        targets[nt++] = x % (NSTEPS + 1);
    }
    for (int i = 0; i < nt; i++) {
        uint64_t k = targets[i];
        assert_true(history_seek(&h, S, k));
        assert_int_equal(S->steps, k);
        assert_int_equal(S->policy, policy);
        assert_int_equal(S->state, SIM_RUNNING);
        char v[512];
        view(S, v, sizeof v);
        assert_string_equal(v, views[k]);
        if (state_digest(S) != dig[k]) fail_msg("seed %llu: state after seeking to step %llu differs from the original run",
                                                (unsigned long long)seed, (unsigned long long)k);
        char why[256];
        assert_true(sim_check(S, why, sizeof why));
        if (k < NSTEPS) {
            /* Going on from there is the original run. */
            assert_int_equal(simtest_step(S), SIM_RUNNING);
            if (step_digest(S) != ev[k + 1] || state_digest(S) != dig[k + 1])
                fail_msg("seed %llu: the step after seeking to %llu differs from the original step",
                         (unsigned long long)seed, (unsigned long long)k);
        }
    }
    assert_int_equal(h.snaps.len, NSTEPS / INTERVAL + 1);
    history_free(&h);
    sim_free(S);
}

static void test_history_seek(void **state) {
    (void)state;
    for (uint64_t seed = 1; seed <= 3; seed++) history_run(seed, SCHED_GO);
}

/* The same under the random scheduler: the seek replays the recorded
 * choices, and what follows is the random run again. */
static void test_history_seek_random_policy(void **state) {
    (void)state;
    for (uint64_t seed = 11; seed <= 12; seed++) history_run(seed, SCHED_RANDOM);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_take_restore),
        cmocka_unit_test(test_restore_shrinks),
        cmocka_unit_test(test_history_seek),
        cmocka_unit_test(test_history_seek_random_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
