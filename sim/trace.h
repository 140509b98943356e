/* trace.h: the exported trace (docs/trace.md, docs/trace-schema.json):
 * writing it step by step, reading it back step by step, comparing steps.
 *
 * A trace is one JSON object
 *   {"format":"hchanviz-trace","version":1,"program":{...},"options":{...},
 *    "steps":[ step, step, ... ],"result":{"exit":N,"stderr":"..."}}
 * written as the run goes: one line per step, each step printed from the
 * Sim as it is after that step (trace_step_json), so memory stays flat
 * however long the run.  The file is written under a temporary name beside
 * the requested one and renamed only once complete (TFile), so a crash, a
 * kill or a full disk never leaves half a trace under the requested name.
 *
 * The reader never builds the whole tree either: a first pass checks the
 * JSON syntax of the whole file (errors name the byte offset), then the
 * steps are handed out one at a time as cJSON objects. */
#ifndef HCHANVIZ_TRACE_H
#define HCHANVIZ_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "fmt.h"
#include "sim.h"
#include "vm.h"
#include "vm_inspect.h"

#define TRACE_FORMAT "hchanviz-trace"
#define TRACE_VERSION 1

/* ---- JSON output helpers (append to a FmtBuf) ---------------------------- */

/* A JSON string literal of s[0..len): quotes, escapes, and U+FFFD for each
 * byte that is not part of valid UTF-8. */
void jb_str(FmtBuf *b, const char *s, size_t len);
void jb_cstr(FmtBuf *b, const char *s);
void jb_int(FmtBuf *b, int64_t v);
void jb_raw(FmtBuf *b, const char *s);
static inline void jb_char(FmtBuf *b, char c) {
    if (b->len + 2 > b->cap) fmt_buf_write(b, &c, 1);
    else {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    }
}

/* ---- files written atomically ------------------------------------------- */

/* Written to PATH.tmp-PID, renamed to PATH by tfile_commit.  On any write
 * error the temporary file is removed and the error kept in err.  A PATH
 * that exists and is not a regular file (/dev/null, /dev/stdout, a FIFO) is
 * written in place; a symbolic link's target is replaced, not the link. */
typedef struct TFile {
    FILE *f;
    char *path, *tmp;
    int slot;          /* in the signal cleanup registry, or -1 */
    bool direct;       /* PATH is not a regular file (/dev/null, a pipe): written in place */
    bool failed;
    char err[256];
} TFile;

bool tfile_open(TFile *t, const char *path);
bool tfile_write(TFile *t, const char *data, size_t len);
/* Flushes, syncs and renames; false (temporary removed, t->err set) on error. */
bool tfile_commit(TFile *t);
/* Removes the temporary file (no-op after commit). */
void tfile_abort(TFile *t);
/* On SIGINT, SIGTERM, SIGHUP and SIGPIPE, remove every open temporary file,
 * then die of the signal as before.  Call once, from a program's main. */
void tfile_cleanup_on_signals(void);

/* ---- one step as JSON ----------------------------------------------------- */

/* Scratch state for trace_step_json; zero-initialise, free with trace_gen_free. */
typedef struct TraceGen {
    const Program *prog; /* the VM's program: goroutines get frames with locals; NULL: none */
    FmtBuf val;          /* value formatting */
    VmInspect insp;
} TraceGen;

void trace_gen_free(TraceGen *g);

/* Appends, as a JSON string, value v of static type t as fmt's %v prints it
 * (t == 0: by the value's own kind). */
void trace_put_value(TraceGen *g, const Sim *S, TypeId t, Value v, FmtBuf *out);

/* The runtime path a step took (the "event" field): its first event that is
 * a branch of the runtime (chansend.direct, chanrecv.rotate, selectgo.recv,
 * closechan.close, gopark, newproc, ...), else its first event, else "". */
const char *trace_main_event(const Sim *S);

/* The goroutine that acted in the step just taken (before = S->curg before it). */
GoId trace_actor(const Sim *S, GoId before);

/* Did the last sim_step take a step worth a trace entry?  (steps_before =
 * S->steps before it.)  A step ran, or the schedule found a deadlock. */
bool trace_step_happened(const Sim *S, uint64_t steps_before);

/* Appends the step object (one line, no newline) for the state of S after a
 * step: index, the acting goroutine and the line it ran (S->step_line), the step's events, output and choices
 * (S->choices[choice0 ..]), and the full state. */
void trace_step_json(TraceGen *g, const Sim *S, uint64_t index, GoId actor, int32_t choice0, FmtBuf *out);

/* ---- the writer ---------------------------------------------------------- */

typedef struct TraceHeader {
    const char *file;    /* the program file as given */
    const char *path;    /* its absolute path (as tracebacks print it) */
    const char *source;
    size_t source_len;
    const char *sched;   /* "go", "random:SEED", "replay" */
    uint64_t seed;
    uint64_t max_steps;
    int64_t max_memory;  /* --max-memory in bytes, 0 for the default (then not written) */
    bool preemptive;     /* run under preemption (Sim.preemptive): "preemptive": true */
    int lang;            /* the Go language version it was compiled under (minor number): "lang": "go1.N" */
} TraceHeader;

typedef struct TraceWriter {
    TFile out;
    TraceGen gen;
    FmtBuf buf;
    uint64_t steps;
} TraceWriter;

/* Opens path (atomically: see TFile) and writes everything before the steps. */
bool trace_writer_open(TraceWriter *w, const char *path, const TraceHeader *h, const Program *prog);
/* Appends the step just taken.  Choices S->choices[choice0 ..] are its own. */
bool trace_writer_step(TraceWriter *w, const Sim *S, GoId actor, int32_t choice0);
/* Writes the result and renames the file into place; false on a write error (w->out.err). */
bool trace_writer_close(TraceWriter *w, int exit_code, const char *stderr_text, size_t stderr_len);
/* Gives up: removes the temporary file, frees everything. */
void trace_writer_abort(TraceWriter *w);

/* ---- the reader ----------------------------------------------------------- */

typedef struct TraceReader {
    FILE *f;
    char *name;
    unsigned char *buf;
    size_t blen, bpos;
    uint64_t boff;        /* file offset of buf[0] */
    bool eof;
    /* top-level members: byte offset of each value, or -1 ("choices": a
     * schedule file's, see session.h's schedule_read) */
    int64_t off_format, off_version, off_program, off_options, off_steps, off_result, off_choices;
    /* step iteration */
    bool in_steps, steps_done;
    uint64_t nsteps;      /* steps handed out so far */
    uint64_t step_offset; /* byte offset of the last step handed out */
    FmtBuf capture;       /* the text of the last value read */
    bool capturing, cap_overflow;
    size_t cap_from;      /* capturing: buf[cap_from ..] is not yet in capture */
    uint64_t cap_start;   /* file offset of capture's first byte */
    char err[512];
} TraceReader;

/* Opens path and checks the JSON syntax of the whole file and the presence
 * of the members.  False with r->err set: "byte N (line L, column C): ...". */
bool trace_reader_open(TraceReader *r, const char *path);
void trace_reader_close(TraceReader *r);
/* A top-level member parsed ("format", "version", "program", "options",
 * "result", a schedule's "choices"); NULL if absent or unreadable (r->err).
 * Free with cJSON_Delete. */
cJSON *trace_reader_member(TraceReader *r, const char *name);
/* The next step; *step NULL after the last.  False on error (r->err). */
bool trace_reader_next(TraceReader *r, cJSON **step);
/* The next step as text (valid JSON: the file was checked; valid until the
 * next call); *text NULL after the last.  False on error (r->err). */
bool trace_reader_next_text(TraceReader *r, const char **text, size_t *len);
/* Parses the text the last call captured; NULL (r->err) if cJSON cannot. */
cJSON *trace_reader_parse(TraceReader *r, const char *what);

/* Checks "format" and "version", and reads "options" (seed 0 and
 * max_steps 10000000 when absent); false with err set if they are wrong. */
bool trace_read_header(TraceReader *r, uint64_t *seed, uint64_t *max_steps, char *err, size_t cap);
/* The run's memory budget in bytes (options.max_memory), 0 when the trace
 * does not give one (the default); false with err set if it is wrong. */
bool trace_read_max_memory(TraceReader *r, int64_t *bytes, char *err, size_t cap);
/* Whether the run was preemptive (options.preemptive; false when absent). */
bool trace_read_preemptive(TraceReader *r);
/* The language version the program was compiled under (options.lang,
 * "go1.N"), as a minor number; 0 when absent (traces before it: go1.19's
 * rules were not yet followed, so the program's own resolution applies). */
int trace_read_lang(TraceReader *r);

/* The choices a step object lists, appended to out; false (err set) if malformed. */
bool trace_step_choices(const cJSON *step, ChoiceVec *out, char *err, size_t cap);
/* The same from the "choices" array itself. */
bool trace_choices(const cJSON *choices, ChoiceVec *out, char *err, size_t cap);

/* Reads every step's choices of the trace at path, with the header's seed
 * and max_steps; false with err set (a message naming the file) if it cannot. */
bool trace_load_choices(const char *path, ChoiceVec *out, uint64_t *seed, uint64_t *max_steps, char *err,
                        size_t cap);

/* ---- comparing ------------------------------------------------------------ */

/* Compares `have` (from a trace) with `want` (freshly made) member by member.
 * Returns true if equal; otherwise false with the first difference in err,
 * naming the path: "channels[0].qcount: the trace has 2, the run has 1",
 * "missing field line", "goroutines[1].status: expected a string, found a number". */
bool trace_json_diff(const cJSON *have, const cJSON *want, char *err, size_t cap);
/* The same between two traces, naming each side: "channels[0].qcount: A.json has 2, B.json has 1",
 * "B.json has no field \"line\"". */
bool trace_json_diff_named(const cJSON *a, const cJSON *b, const char *a_name, const char *b_name, char *err,
                           size_t cap);

#endif
