/* perfetto.h: the run as a Chrome trace-event JSON file, which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: {"traceEvents":[...]}.
 *
 *  - one track per goroutine (pid 1, tid = goroutine id, named by
 *    thread_name metadata "G2 main.worker");
 *  - "X" spans of what each goroutine was doing: "running", "runnable", or
 *    blocked, named by its wait reason ("chan receive", "select", ...);
 *  - "i" instants for each send, receive and close, with the channel, the
 *    runtime path and the value;
 *  - flows ("s" then "f", matching ids) from a send to the receive that took
 *    its value, or to the wake-up of the receiver it handed the value to
 *    (and from a close to the wake-ups it caused).
 * Time is the step index, one step = one microsecond: step i spans [i-1, i).
 * Written as the run goes, atomically (TFile), like the trace. */
#ifndef HCHANVIZ_PERFETTO_H
#define HCHANVIZ_PERFETTO_H

#include "trace.h"

typedef struct PfG PfG;
typedef struct PfSlot PfSlot;

typedef struct PerfettoWriter {
    TFile out;
    TraceGen gen;      /* value formatting */
    FmtBuf buf;
    uint64_t step;
    uint64_t next_flow;
    bool any;          /* an event written already (commas) */
    VEC(PfG) gs;       /* per goroutine (id - 1) */
    VEC(PfSlot) slots; /* per channel buffer slot (index into Sim.slots) */
} PerfettoWriter;

bool perfetto_open(PerfettoWriter *w, const char *path, const char *program);
/* After each step of the trace (the same steps trace_writer_step gets). */
bool perfetto_step(PerfettoWriter *w, const Sim *S, GoId actor);
/* Closes the spans still open and renames the file into place; false on a
 * write error (w->out.err). */
bool perfetto_close(PerfettoWriter *w, const Sim *S);
void perfetto_abort(PerfettoWriter *w);

#endif
