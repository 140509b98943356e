/* statediff.h: what differs between two states of one run, field by field.
 *
 * Compares exactly what delta.h derives (the hchans, their slots and wait
 * queues, goroutine statuses, the P and the global queue, the running
 * goroutine, the clock, closechan's gList, how the program ended).  The
 * window outlines each difference between the state before a step (or
 * micro-step) and after it and writes it as old -> new; the delta test
 * asks for none between the derived state and the real one. */
#ifndef HCHANVIZ_STATEDIFF_H
#define HCHANVIZ_STATEDIFF_H

#include "sim.h"

typedef enum DiffKind {
    DIFF_CHAN_NEW,     /* id: a channel b has and a does not */
    DIFF_CHAN_FIELD,   /* id: channel, field: DiffChanField; from/to */
    DIFF_SLOT,         /* id: channel, field: slot index; vfrom/vto */
    DIFF_RECVQ,        /* id: channel; from/to: queue lengths (the members differ) */
    DIFF_SENDQ,
    DIFF_G_NEW,        /* id: a goroutine b has and a does not */
    DIFF_G_STATUS,     /* id: goroutine; from/to: GStatus */
    DIFF_G_WAITREASON, /* id: goroutine; from/to: WaitReason */
    DIFF_RUNNEXT,      /* from/to: goroutine ids */
    DIFF_RUNQ,         /* from/to: lengths (the members differ) */
    DIFF_GLOBRUNQ,
    DIFF_SCHEDTICK,
    DIFF_CURG,
    DIFF_CLOCK,        /* from/to: ns */
    DIFF_CLOSELIST,    /* from/to: lengths (the members differ) */
    DIFF_STATE,        /* from/to: SimState */
    DIFF_NGOROUTINES,
} DiffKind;

typedef enum DiffChanField {
    DCF_QCOUNT, DCF_DATAQSIZ, DCF_SENDX, DCF_RECVX, DCF_CLOSED, DCF_LOCK, DCF__COUNT
} DiffChanField;

typedef struct StateDiff {
    int32_t kind;      /* DiffKind */
    int32_t id;
    int32_t field;
    int64_t from, to;
    Value vfrom, vto;  /* DIFF_SLOT */
} StateDiff;

/* Writes up to max differences from a to b into out (may be NULL with max
 * 0) and returns how many there are in all.  A queue (recvq, sendq, runq,
 * global, gList) counts as one difference when its members or their order
 * differ; a sendq member is its sudog, goroutine and elem. */
int32_t statediff(const Sim *a, const Sim *b, StateDiff *out, int32_t max);

/* One difference in words for tests and messages ("chan 2 sendx 1 -> 2"). */
int statediff_str(const StateDiff *d, char *out, int cap);

#endif
