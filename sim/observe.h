/* observe.h: what a run shows the schedule explorer and the race detector.
 *
 * An Observer attached to a Sim (sim_set_observer) is told, synchronously
 * and in program order, of
 *   - every access to memory more than one goroutine can reach: heap cells
 *     (globals, captured and address-taken variables, struct fields, slice
 *     elements; locals on a goroutine's stack are never shared);
 *   - every object a runtime operation involves (OBS_TOUCH: a channel, a
 *     mutex, a wait group, a once, stdout), which is what makes two steps
 *     conflict for the explorer;
 *   - the happens-before edges Go 1.19's runtime annotates for its race
 *     detector: chan.go's racereadpc/racewritepc on c.raceaddr(), racenotify
 *     on a buffer slot, racesync on an unbuffered handoff, closechan's
 *     release and its acquire on behalf of the waiters it wakes; sync's
 *     Acquire/Release/ReleaseMerge; the go statement; the fd mutex a write
 *     to stdout takes.
 * With no observer attached nothing is observed and nothing costs. */
#ifndef HCHANVIZ_OBSERVE_H
#define HCHANVIZ_OBSERVE_H

#include "sim.h"

typedef enum ObsKind {
    OBS_READ,            /* g reads aux cells from heap cell obj (0-based) */
    OBS_WRITE,           /* g writes aux cells from heap cell obj */
    OBS_TOUCH,           /* g's operation involves object (okind, obj) */
    OBS_CHAN_READ,       /* racereadpc(c.raceaddr()) in fn: chansend, a select's send case */
    OBS_CHAN_WRITE,      /* racewritepc(c.raceaddr()) in fn: closechan */
    OBS_ACQUIRE,         /* g's clock joins the sync object's */
    OBS_RELEASE,         /* the sync object's clock becomes g's (tsan ReleaseStore: racerelease) */
    OBS_RELEASE_MERGE,   /* the sync object's clock joins g's (race.ReleaseMerge) */
    OBS_RELEASE_ACQUIRE, /* acquire, then release (store): racereleaseacquire on a buffer slot */
    OBS_GO,              /* g creates goroutine obj: g's past happens before obj's start */
} ObsKind;

/* Sync objects and touched objects.  OBJ_SLOT is slot aux of channel obj's
 * buffer; an unbuffered channel, and any channel of zero-size elements, has
 * no slots: the runtime syncs on c.raceaddr() itself, which is OBJ_CHAN. */
typedef enum ObjKind { OBJ_CELL, OBJ_CHAN, OBJ_SLOT, OBJ_MUTEX, OBJ_WAITGROUP, OBJ_ONCE, OBJ_STDOUT } ObjKind;

typedef struct ObsEvent {
    uint8_t kind;    /* ObsKind */
    uint8_t okind;   /* ObjKind */
    GoId g;          /* the goroutine it happens to (raceacquireg(sg.g) names the woken one) */
    int32_t obj;     /* heap cell, ChanId, mutex, wait group or once index; OBS_GO: the new goroutine */
    int32_t aux;     /* OBJ_SLOT: the slot; OBS_READ/OBS_WRITE: how many cells */
    int32_t line;    /* source line of the access (0: the goroutine's current line) */
    const char *fn;  /* OBS_CHAN_READ/WRITE: the runtime function, "runtime.chansend" */
} ObsEvent;

typedef struct Observer {
    void (*event)(void *ctx, Sim *S, const ObsEvent *e);
    void *ctx;
} Observer;

/* Attaches o (NULL detaches); S takes no ownership.  Kept across snapshot_restore. */
void sim_set_observer(Sim *S, const Observer *o);

static inline void sim_observe(Sim *S, int kind, int okind, GoId g, int32_t obj, int32_t aux, int32_t line,
                               const char *fn) {
    if (S->observer) {
        ObsEvent e = {(uint8_t)kind, (uint8_t)okind, g, obj, aux, line, fn};
        S->observer->event(S->observer->ctx, S, &e);
    }
}

/* A channel's sync object for buffer slot k (racenotify's qp): the slot, or
 * for a channel without a real buffer the channel itself. */
static inline void sim_observe_slot(Sim *S, int kind, GoId g, ChanId c, uint32_t k) {
    if (!S->observer) return;
    const Chan *ch = sim_chan(S, c);
    if (ch->dataqsiz == 0 || ch->elemsize == 0) {
        /* elemsize == 0: raceacquire + racerelease on c.buf, which is c.raceaddr() */
        if (kind == OBS_RELEASE_ACQUIRE && ch->elemsize == 0 && ch->dataqsiz > 0) {
            sim_observe(S, OBS_ACQUIRE, OBJ_CHAN, g, c, 0, 0, NULL);
            sim_observe(S, OBS_RELEASE, OBJ_CHAN, g, c, 0, 0, NULL);
            return;
        }
        sim_observe(S, kind, OBJ_CHAN, g, c, 0, 0, NULL);
    } else {
        sim_observe(S, kind, OBJ_SLOT, g, c, (int32_t)k, 0, NULL);
    }
}

/* racesync(c, sg): an unbuffered handoff between g and the parked sg_g
 * synchronises both ways. */
static inline void sim_observe_handoff(Sim *S, GoId g, GoId sg_g, ChanId c) {
    if (!S->observer) return;
    sim_observe_slot(S, OBS_RELEASE, g, c, 0);
    sim_observe_slot(S, OBS_ACQUIRE, sg_g, c, 0);
    sim_observe_slot(S, OBS_RELEASE, sg_g, c, 0);
    sim_observe_slot(S, OBS_ACQUIRE, g, c, 0);
}

/* racenotify(c, k, nil) then racenotify(c, k, sg): a transfer between g
 * and the parked sg_g that goes through slot k of a buffered channel (a
 * receive from a full buffer, or a send to a receiver parked on an empty
 * one, which the runtime pretends goes through the buffer). */
static inline void sim_observe_via_slot(Sim *S, GoId g, GoId sg_g, ChanId c, uint32_t k) {
    if (!S->observer) return;
    sim_observe_slot(S, OBS_RELEASE_ACQUIRE, g, c, k);
    sim_observe_slot(S, OBS_RELEASE_ACQUIRE, sg_g, c, k);
}

#endif
