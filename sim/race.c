/* race.c: vector clocks over the Sim's observed events (race.h).
 *
 * Clocks: clock[g][h] is the latest moment of goroutine h that g knows
 * happened before g's present; clock[g][g] is g's own moment, advanced
 * after every release.  A sync object keeps the clock its last release
 * left (a store, or a join for ReleaseMerge).  A location (a heap cell, or
 * a channel as chansend reads it and closechan writes it) keeps its last
 * write and the reads since, each as (goroutine, its moment, its stack);
 * an earlier access by h at moment t happens before g's present iff
 * t <= clock[g][h]. */
#include "race.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"
#include "vm.h"

typedef VEC(uint32_t) Clock;
typedef VEC(Clock) Clocks;
typedef VEC(int32_t) Ints;

typedef struct Frame { StrId fn; int32_t line; } Frame;
typedef struct Stack { int32_t first, n; const char *rt; int32_t rt_line; uint64_t hash; } Stack;

typedef struct Access { GoId g; uint32_t at; int32_t stack; uint64_t step; } Access;

typedef struct Loc {
    uint64_t key;    /* (okind << 40) | obj; 0 = free */
    Access w;        /* the last write (g 0: none) */
    Access *reads;   /* the reads since it, one per goroutine */
    int32_t nreads, capreads;
} Loc;

typedef struct SyncObj { uint64_t key; Clock c; } SyncObj;

/* What a run builds up, and what race_save keeps: the clocks, the creation
 * sites, every location's last accesses, every sync object's clock. */
typedef struct Shadow {
    Clocks clocks;            /* clocks.items[g] */
    Ints created;             /* created.items[g]: the stack of the go statement (-1: none) */
    Loc *locs;                /* open addressing */
    int32_t nlocs, caplocs;
    SyncObj *syncs;
    int32_t nsyncs, capsyncs;
} Shadow;

struct Race {
    Observer obs;
    const Observer *next;
    char *path;
    Shadow sh;
    VEC(Frame) frames;
    VEC(Stack) stacks;        /* only grow: an index stays valid across race_restore */
    VEC(RaceInfo) races;
    VEC(uint64_t) reported;   /* pairs of places already reported */
    VEC(char) text;           /* reports not yet taken */
    size_t taken;
};

/* ---- clocks ------------------------------------------------------------------- */

static Clock *clock_of(Race *R, GoId g) {
    while (R->sh.clocks.len <= g) {
        Clock c = {0};
        VEC_PUSH(R->sh.clocks, c);
        VEC_PUSH(R->sh.created, -1);
    }
    Clock *c = &R->sh.clocks.items[g];
    while (c->len <= g) VEC_PUSH(*c, 0);
    if (c->items[g] == 0) c->items[g] = 1;
    return c;
}

static uint32_t clock_get(const Clock *c, GoId h) { return h < c->len ? c->items[h] : 0; }

static void clock_join(Clock *dst, const Clock *src) {
    while (dst->len < src->len) VEC_PUSH(*dst, 0);
    for (int32_t i = 0; i < src->len; i++)
        if (src->items[i] > dst->items[i]) dst->items[i] = src->items[i];
}

static void clock_copy(Clock *dst, const Clock *src) {
    dst->len = 0;
    for (int32_t i = 0; i < src->len; i++) VEC_PUSH(*dst, src->items[i]);
}

/* ---- hash tables ---------------------------------------------------------------- */

static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static Loc *loc_of(Race *R, uint64_t key) {
    if (R->sh.nlocs * 2 >= R->sh.caplocs) {
        int32_t old = R->sh.caplocs;
        Loc *was = R->sh.locs;
        R->sh.caplocs = old ? old * 2 : 1024;
        R->sh.locs = calloc((size_t)R->sh.caplocs, sizeof *R->sh.locs);
        if (!R->sh.locs) abort();
        for (int32_t i = 0; i < old; i++) {
            if (!was[i].key) continue;
            uint32_t k = (uint32_t)mix(was[i].key) & (uint32_t)(R->sh.caplocs - 1);
            while (R->sh.locs[k].key) k = (k + 1) & (uint32_t)(R->sh.caplocs - 1);
            R->sh.locs[k] = was[i];
        }
        free(was);
    }
    uint32_t k = (uint32_t)mix(key) & (uint32_t)(R->sh.caplocs - 1);
    while (R->sh.locs[k].key && R->sh.locs[k].key != key) k = (k + 1) & (uint32_t)(R->sh.caplocs - 1);
    if (!R->sh.locs[k].key) {
        R->sh.locs[k].key = key;
        R->sh.nlocs++;
    }
    return &R->sh.locs[k];
}

static Clock *sync_of(Race *R, uint64_t key) {
    if (R->sh.nsyncs * 2 >= R->sh.capsyncs) {
        int32_t old = R->sh.capsyncs;
        SyncObj *was = R->sh.syncs;
        R->sh.capsyncs = old ? old * 2 : 256;
        R->sh.syncs = calloc((size_t)R->sh.capsyncs, sizeof *R->sh.syncs);
        if (!R->sh.syncs) abort();
        for (int32_t i = 0; i < old; i++) {
            if (!was[i].key) continue;
            uint32_t k = (uint32_t)mix(was[i].key) & (uint32_t)(R->sh.capsyncs - 1);
            while (R->sh.syncs[k].key) k = (k + 1) & (uint32_t)(R->sh.capsyncs - 1);
            R->sh.syncs[k] = was[i];
        }
        free(was);
    }
    uint32_t k = (uint32_t)mix(key) & (uint32_t)(R->sh.capsyncs - 1);
    while (R->sh.syncs[k].key && R->sh.syncs[k].key != key) k = (k + 1) & (uint32_t)(R->sh.capsyncs - 1);
    if (!R->sh.syncs[k].key) {
        R->sh.syncs[k].key = key;
        R->sh.nsyncs++;
    }
    return &R->sh.syncs[k].c;
}

static uint64_t sync_key(const ObsEvent *e) {
    return ((uint64_t)(e->okind + 1) << 56) | ((uint64_t)(uint32_t)e->obj << 20) | (uint64_t)(e->aux & 0xFFFFF);
}

/* ---- stacks -------------------------------------------------------------------------- */

/* g's stack now, its innermost line replaced by line (when > 0), under a
 * runtime frame rt (when not NULL); interned. */
static int32_t stack_now(Race *R, const Sim *S, GoId g, int32_t line, const char *rt) {
    VmFrame fr[32];
    int32_t n = vm_frames(S, g, fr, 32);
    if (n > 32) n = 32;
    if (n > 0 && line > 0) fr[0].line = line;
    uint64_t h = rt ? mix((uint64_t)(uintptr_t)rt) : 0x9E37;
    for (int32_t i = 0; i < n; i++) h = mix(h ^ ((uint64_t)fr[i].fn << 32 | (uint32_t)fr[i].line));
    for (int32_t i = R->stacks.len - 1; i >= 0 && i >= R->stacks.len - 64; i--) /* recent ones repeat */
        if (R->stacks.items[i].hash == h && R->stacks.items[i].n == n && R->stacks.items[i].rt == rt) return i;
    Stack st = {R->frames.len, n, rt, rt ? (strcmp(rt, "runtime.closechan") == 0 ? 357 : 160) : 0, h};
    for (int32_t i = 0; i < n; i++) VEC_PUSH(R->frames, ((Frame){fr[i].fn, fr[i].line}));
    VEC_PUSH(R->stacks, st);
    return R->stacks.len - 1;
}

/* ---- reports -------------------------------------------------------------------------- */

static void put(Race *R, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Race *R, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (n >= (int)sizeof buf) n = (int)sizeof buf - 1;
    for (int i = 0; i < n; i++) VEC_PUSH(R->text, buf[i]);
}

static void put_stack(Race *R, const Sim *S, int32_t id) {
    if (id < 0 || id >= R->stacks.len) return;
    const Stack *st = &R->stacks.items[id];
    if (st->rt) put(R, "  %s()\n      /usr/lib/go-1.19/src/runtime/chan.go:%d +0x0\n", st->rt, st->rt_line);
    for (int32_t i = 0; i < st->n; i++) {
        const Frame *f = &R->frames.items[st->first + i];
        put(R, "  %s()\n      %s:%d +0x%x\n", strtab_get(&S->strs, f->fn, NULL), R->path, f->line,
            (unsigned)(0x20 + 4 * (f->line & 0xFF)));
    }
}

static void put_who(Race *R, GoId g) {
    if (g == 1) put(R, "main goroutine:\n");
    else put(R, "goroutine %d:\n", g);
}

static void report(Race *R, const Sim *S, uint64_t addr, GoId g, bool write, int32_t stack, const Access *prev,
                   bool pwrite, uint32_t seen, int okind, int32_t obj) {
    GoId pg = prev->g;
    int32_t pstack = prev->stack;
    /* Once per pair of places and once per address, as Go's detector
     * suppresses equal stacks and equal addresses. */
    const Stack *a = &R->stacks.items[stack], *b = &R->stacks.items[pstack];
    uint64_t key = mix(a->hash * 31 + b->hash) ^ (write ? 1 : 0) ^ (pwrite ? 2 : 0);
    for (int32_t i = 0; i < R->reported.len; i++)
        if (R->reported.items[i] == key || R->reported.items[i] == (addr | 1ULL << 63)) return;
    VEC_PUSH(R->reported, key);
    VEC_PUSH(R->reported, addr | 1ULL << 63);
    put(R, "==================\nWARNING: DATA RACE\n%s at 0x%012llx by ", write ? "Write" : "Read",
        (unsigned long long)addr);
    put_who(R, g);
    put_stack(R, S, stack);
    put(R, "\nPrevious %s at 0x%012llx by ", pwrite ? "write" : "read", (unsigned long long)addr);
    put_who(R, pg);
    put_stack(R, S, pstack);
    GoId gs[2] = {g, pg};
    for (int i = 0; i < 2; i++) {
        if (gs[i] <= 1 || gs[i] > S->gs.len || (i == 1 && gs[1] == gs[0])) continue;
        bool dead = sim_gc(S, gs[i])->status == GS_DEAD;
        put(R, "\nGoroutine %d (%s) created at:\n", gs[i], dead ? "finished" : "running");
        clock_of(R, gs[i]);
        put_stack(R, S, R->sh.created.items[gs[i]]);
    }
    put(R, "==================\n");
    int32_t la = a->n ? R->frames.items[a->first].line : 0, lb = b->n ? R->frames.items[b->first].line : 0;
    RaceInfo ri = {g, pg, write, pwrite, la, lb, a->rt, b->rt, okind, obj, S->steps, prev->step, seen, prev->at};
    VEC_PUSH(R->races, ri);
}

/* ---- the observer ------------------------------------------------------------------------ */

static void access(Race *R, Sim *S, GoId g, int okind, int32_t obj, bool write, int32_t line, const char *rt) {
    Clock *vc = clock_of(R, g);
    uint64_t key = ((uint64_t)(okind + 1) << 40) | (uint32_t)obj;
    Loc *L = loc_of(R, key);
    uint64_t addr = okind == OBJ_CELL ? 0x00c000010000ULL + 8ULL * (uint64_t)obj : 0x00c000080000ULL + 0x60ULL * (uint64_t)obj;
    int32_t stack = -1;
#define STACK() (stack >= 0 ? stack : (stack = stack_now(R, S, g, line, rt)))
    if (L->w.g && L->w.g != g && L->w.at > clock_get(vc, L->w.g)) {
        report(R, S, addr, g, write, STACK(), &L->w, true, clock_get(vc, L->w.g), okind, obj);
        vc = clock_of(R, g);
    } else if (write) {
        for (int32_t i = 0; i < L->nreads; i++) {
            const Access *r = &L->reads[i];
            if (r->g != g && r->at > clock_get(vc, r->g)) {
                report(R, S, addr, g, true, STACK(), r, false, clock_get(vc, r->g), okind, obj);
                vc = clock_of(R, g);
                break;
            }
        }
    }
    uint32_t now = vc->items[g];
    if (write) {
        L->w = (Access){g, now, STACK(), S->steps};
        L->nreads = 0;
        return;
    }
    for (int32_t i = 0; i < L->nreads; i++) {
        if (L->reads[i].g == g) {
            L->reads[i] = (Access){g, now, STACK(), S->steps};
            return;
        }
    }
    if (L->nreads == L->capreads) {
        L->capreads = L->capreads ? 2 * L->capreads : 2;
        L->reads = realloc(L->reads, sizeof *L->reads * (size_t)L->capreads);
        if (!L->reads) abort();
    }
    L->reads[L->nreads++] = (Access){g, now, STACK(), S->steps};
#undef STACK
}

static void on_event(void *ctx, Sim *S, const ObsEvent *e) {
    Race *R = ctx;
    GoId g = e->g;
    if (g > 0) {
        switch (e->kind) {
        case OBS_READ:
        case OBS_WRITE: {
            int32_t n = e->aux > 0 ? e->aux : 1;
            if (n > 64) n = 64; /* a big copy: its first cells stand for it */
            for (int32_t i = 0; i < n; i++) access(R, S, g, OBJ_CELL, e->obj + i, e->kind == OBS_WRITE, e->line, NULL);
            break;
        }
        case OBS_CHAN_READ:
        case OBS_CHAN_WRITE: access(R, S, g, OBJ_CHAN, e->obj, e->kind == OBS_CHAN_WRITE, 0, e->fn); break;
        case OBS_ACQUIRE: clock_join(clock_of(R, g), sync_of(R, sync_key(e))); break;
        case OBS_RELEASE: {
            Clock *vc = clock_of(R, g);
            clock_copy(sync_of(R, sync_key(e)), vc);
            vc = clock_of(R, g);
            vc->items[g]++;
            break;
        }
        case OBS_RELEASE_MERGE: {
            Clock *vc = clock_of(R, g);
            clock_join(sync_of(R, sync_key(e)), vc);
            vc = clock_of(R, g);
            vc->items[g]++;
            break;
        }
        case OBS_RELEASE_ACQUIRE: {
            Clock *so = sync_of(R, sync_key(e));
            Clock *vc = clock_of(R, g);
            clock_join(vc, so);
            clock_copy(so, vc);
            vc->items[g]++;
            break;
        }
        case OBS_GO: {
            GoId child = e->obj;
            clock_of(R, child);
            Clock *pc = clock_of(R, g);
            Clock *cc = &R->sh.clocks.items[child];
            clock_join(cc, pc);
            if (cc->items[child] == 0) cc->items[child] = 1;
            R->sh.created.items[child] = stack_now(R, S, g, e->line, NULL);
            pc = clock_of(R, g);
            pc->items[g]++;
            break;
        }
        default: break;
        }
    }
    if (R->next) R->next->event(R->next->ctx, S, e);
}

/* ---- lifecycle ----------------------------------------------------------------------- */

Race *race_new(Sim *S, const Observer *next, const char *path) {
    Race *R = calloc(1, sizeof *R);
    if (!R) abort();
    R->obs = (Observer){on_event, R};
    R->next = next;
    size_t n = strlen(path ? path : "");
    R->path = malloc(n + 1);
    if (!R->path) abort();
    memcpy(R->path, path ? path : "", n + 1);
    if (S) sim_set_observer(S, &R->obs);
    return R;
}

static void shadow_free(Shadow *d);

void race_free(Race *R) {
    if (!R) return;
    shadow_free(&R->sh);
    VEC_FREE(R->frames);
    VEC_FREE(R->stacks);
    VEC_FREE(R->races);
    VEC_FREE(R->reported);
    VEC_FREE(R->text);
    free(R->path);
    free(R);
}

/* ---- saving and restoring ------------------------------------------------------------ */

/* A saved Shadow.  The races found are findings, not state: not saved. */
struct RaceState { Shadow sh; };

static void shadow_free(Shadow *d) {
    for (int32_t i = 0; i < d->clocks.len; i++) VEC_FREE(d->clocks.items[i]);
    VEC_FREE(d->clocks);
    VEC_FREE(d->created);
    for (int32_t i = 0; i < d->caplocs; i++) free(d->locs[i].reads);
    free(d->locs);
    for (int32_t i = 0; i < d->capsyncs; i++) VEC_FREE(d->syncs[i].c);
    free(d->syncs);
    memset(d, 0, sizeof *d);
}

/* d becomes a deep copy of s. */
static void shadow_copy(Shadow *d, const Shadow *s) {
    shadow_free(d);
    for (int32_t i = 0; i < s->clocks.len; i++) {
        Clock c = {0};
        clock_copy(&c, &s->clocks.items[i]);
        VEC_PUSH(d->clocks, c);
    }
    for (int32_t i = 0; i < s->created.len; i++) VEC_PUSH(d->created, s->created.items[i]);
    if (s->caplocs) {
        d->locs = calloc((size_t)s->caplocs, sizeof *d->locs);
        if (!d->locs) abort();
    }
    for (int32_t i = 0; i < s->caplocs; i++) {
        Loc *L = &d->locs[i];
        *L = s->locs[i];
        L->reads = NULL;
        L->capreads = L->nreads;
        if (L->nreads) {
            L->reads = malloc(sizeof *L->reads * (size_t)L->nreads);
            if (!L->reads) abort();
            memcpy(L->reads, s->locs[i].reads, sizeof *L->reads * (size_t)L->nreads);
        }
    }
    d->nlocs = s->nlocs, d->caplocs = s->caplocs;
    if (s->capsyncs) {
        d->syncs = calloc((size_t)s->capsyncs, sizeof *d->syncs);
        if (!d->syncs) abort();
    }
    for (int32_t i = 0; i < s->capsyncs; i++) {
        d->syncs[i].key = s->syncs[i].key;
        if (s->syncs[i].key) clock_copy(&d->syncs[i].c, &s->syncs[i].c);
    }
    d->nsyncs = s->nsyncs, d->capsyncs = s->capsyncs;
}

RaceState *race_save(const Race *R) {
    RaceState *st = calloc(1, sizeof *st);
    if (!st) abort();
    shadow_copy(&st->sh, &R->sh);
    return st;
}

void race_restore(Race *R, const RaceState *st) { shadow_copy(&R->sh, &st->sh); }

void race_state_free(RaceState *st) {
    if (!st) return;
    shadow_free(&st->sh);
    free(st);
}

uint64_t race_state_hash(const Race *R) {
    uint64_t h = 0x7ACE;
    for (int32_t g = 0; g < R->sh.clocks.len; g++)
        for (int32_t i = 0; i < R->sh.clocks.items[g].len; i++)
            h = mix(h ^ ((uint64_t)g << 48 | (uint64_t)i << 32 | R->sh.clocks.items[g].items[i]));
    /* locations and sync objects in table order: equal states built in another order may hash apart (sound: only fewer skips) */
    for (int32_t i = 0; i < R->sh.caplocs; i++) {
        const Loc *L = &R->sh.locs[i];
        if (!L->key) continue;
        h = mix(h ^ L->key ^ ((uint64_t)L->w.g << 32 | L->w.at));
        for (int32_t k = 0; k < L->nreads; k++) h = mix(h ^ ((uint64_t)L->reads[k].g << 32 | L->reads[k].at));
    }
    for (int32_t i = 0; i < R->sh.capsyncs; i++) {
        if (!R->sh.syncs[i].key) continue;
        h = mix(h ^ R->sh.syncs[i].key);
        for (int32_t k = 0; k < R->sh.syncs[i].c.len; k++) h = mix(h ^ R->sh.syncs[i].c.items[k]);
    }
    return h;
}

const Observer *race_observer(Race *R) { return &R->obs; }

const char *race_take_text(Race *R, size_t *len) {
    if (R->taken >= (size_t)R->text.len) {
        R->text.len = 0;
        R->taken = 0;
        *len = 0;
        return NULL;
    }
    VEC_PUSH(R->text, '\0');
    R->text.len--;
    const char *p = R->text.items + R->taken;
    *len = (size_t)R->text.len - R->taken;
    R->taken = (size_t)R->text.len;
    return p;
}

int race_count(const Race *R) { return R->races.len; }
const RaceInfo *race_info(const Race *R, int i) { return i >= 0 && i < R->races.len ? &R->races.items[i] : NULL; }
