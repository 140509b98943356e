/* script.h: goroutine bodies as lists of runtime operations.
 *
 * A Runner for driving the model without the Go front end: unit tests,
 * the property test and the benchmarks build a Script (one op list per
 * function; function 0 is main) and watch what the model does with it.
 * Each op is one action, so one sim_step runs exactly one op. */
#ifndef HCHANVIZ_SCRIPT_H
#define HCHANVIZ_SCRIPT_H

#include "select.h"

typedef enum ScriptOpKind {
    SOP_MAKE,     /* chan `slot` = make(chan int|elemtype, arg) */
    SOP_SEND,     /* chans[slot] <- v (block unless nonblock) */
    SOP_RECV,     /* v, ok := <-chans[slot] (discard: <-chans[slot]) */
    SOP_CLOSE,    /* close(chans[slot]) */
    SOP_SELECT,   /* select over cases[0..ncases) (+ default) */
    SOP_GO,       /* go fn(arg) */
    SOP_GOSCHED,  /* runtime.Gosched() */
    SOP_SLEEP,    /* time.Sleep(v ns) */
    SOP_AFTER,    /* chans[slot] = time.After(v ns) */
    SOP_LOCK,     /* mutexes[slot].Lock() */
    SOP_UNLOCK,
    SOP_WG_ADD,   /* waitgroups[slot].Add(v) */
    SOP_WG_WAIT,
    SOP_LOOP,     /* jump to op `arg` until this op has jumped v times (per goroutine) */
    SOP_PRINT,    /* prints v and a newline */
} ScriptOpKind;

enum { SCRIPT_MAX_CASES = 4, SCRIPT_MAX_CHANS = 64 };

typedef struct ScriptCase { int32_t slot; bool is_send; int64_t v; bool nilchan; } ScriptCase;

typedef struct ScriptOp {
    int32_t kind;     /* ScriptOpKind */
    int32_t slot;     /* which channel / mutex / waitgroup */
    int64_t v;
    int32_t arg;
    bool nonblock;    /* SEND/RECV: the select-with-default form */
    bool discard;     /* RECV: `<-c` statement */
    bool nilchan;     /* SEND/RECV/CLOSE on a nil channel */
    TypeId elemtype;  /* MAKE: element type (0 = int) */
    int64_t repeat;   /* SEND/RECV: the op runs this many times before the next (0 or 1: once) */
    int32_t ncases;
    bool has_default;
    ScriptCase cases[SCRIPT_MAX_CASES];
} ScriptOp;

typedef struct ScriptFn { const ScriptOp *ops; int32_t nops; const char *name; } ScriptFn;

typedef struct Script {
    const ScriptFn *fns;
    int32_t nfns;
} Script;

/* What each op did, for tests to assert on. */
typedef struct ScriptResult {
    GoId g;
    int32_t fn, pc;
    int32_t status;   /* OpStatus of the completed op (after any park) */
    int32_t casei;
    bool ok;
    Value val;
} ScriptResult;

typedef VEC(ScriptResult) ScriptResultVec;
typedef VEC(int64_t) Int64Vec;

typedef struct ScriptState {
    const Script *script;
    ChanId chans[SCRIPT_MAX_CHANS];   /* shared "variables" of the program */
    int32_t mutexes[8], waitgroups[8];
    ScriptResultVec results;
    Int64Vec loops;               /* per goroutine and loop op: jumps taken (indexed g*64+pc%64) */
    bool keep_results;
} ScriptState;

extern const Runner script_runner;

/* Sets S up to run sc: the runner, the state (owned by S), mutexes and
 * waitgroups, and the main goroutine at fn 0.  Returns the state. */
ScriptState *script_start(Sim *S, const Script *sc);
/* Results of goroutine g, in order (n = count). */
int32_t script_results_of(const ScriptState *st, GoId g, ScriptResult *out, int32_t max);

#endif
