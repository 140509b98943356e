/* sim.h: the simulation, one `Sim` holding everything the modelled runtime holds.
 *
 * The model is Go's runtime with GOMAXPROCS=1: one P with its runnext slot,
 * local run queue and schedtick; the global run queue; hchans with their ring
 * buffers and sudog wait queues; semaphores; timers on a virtual clock.
 * All of it is index-addressed storage inside Sim (Vec of structs, handles
 * instead of pointers), so a snapshot is a copy (snapshot.c).
 *
 * What runs on the model is a Runner: the bytecode VM for Go lessons, or the
 * op scripts of script.c for tests and benchmarks.  sim_step() makes one
 * scheduling decision when nothing is running, then asks the Runner for one
 * action of the running goroutine; the Runner calls the model (chan.c,
 * select.c, sched.c, sync.c, timer.c), which logs every micro-step as an Event.
 *
 * Per-goroutine state is in Goroutine; state shared by all goroutines
 * (queues, channels, clock, log) is in Sim itself. */
#ifndef HCHANVIZ_SIM_H
#define HCHANVIZ_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "strtab.h"
#include "value.h"
#include "vec.h"

/* ---- goroutines ---------------------------------------------------------- */

typedef enum GStatus { GS_RUNNABLE, GS_RUNNING, GS_WAITING, GS_DEAD } GStatus;

/* Wait reasons exactly as runtime2.go's waitReasonStrings spells them. */
#define WAIT_REASONS(X)                                  \
    X(NONE, "")                                          \
    X(CHAN_RECEIVE, "chan receive")                      \
    X(CHAN_SEND, "chan send")                            \
    X(SELECT, "select")                                  \
    X(SELECT_NO_CASES, "select (no cases)")              \
    X(CHAN_RECEIVE_NIL, "chan receive (nil chan)")       \
    X(CHAN_SEND_NIL, "chan send (nil chan)")             \
    X(SEMACQUIRE, "semacquire")                          \
    X(SLEEP, "sleep")

typedef enum WaitReason {
#define X(name, str) WR_##name,
    WAIT_REASONS(X)
#undef X
    WR__COUNT
} WaitReason;

/* What a parked goroutine must finish when it runs again (see sim_resume). */
typedef enum ParkOp { PARK_NONE, PARK_CHANSEND, PARK_CHANRECV, PARK_SELECT, PARK_FOREVER, PARK_SEMA, PARK_MUTEX, PARK_SLEEP } ParkOp;

typedef struct Goroutine {
    GoId id;
    int32_t status;     /* GStatus */
    int32_t waitreason; /* WaitReason; WR_NONE unless status == GS_WAITING */
    int32_t line;       /* source line it is at, kept by the Runner */
    StrId fn;           /* function it started in, as Go prints it: "main.main", "main.worker" */
    GoId creator;       /* goroutine whose `go` made it (0 for main) */
    StrId creator_fn;   /* the function that ran that `go` (Go's "created by") */
    int32_t creator_line;
    /* Parking, as g.waiting / g.param / g.selectDone in the runtime. */
    int32_t parkop;     /* ParkOp: what sim_resume must finish; PARK_NONE when running */
    SudogId waiting;    /* chain (by Sudog.waitlink) of this g's sudogs while parked on channels */
    SudogId param;      /* the sudog whose operation completed, set by the waker; 0 = woken by none */
    uint16_t selectDone; /* set by the first waker of a select; later wakers skip this g's sudogs */
    uint16_t semalifo;   /* re-queue at the head of a semaphore queue (mutex waiter that lost a race) */
    int32_t sema;       /* PARK_SEMA: the semaphore waited on; PARK_MUTEX: the mutex */
    GoId semanext;      /* next waiter in that semaphore's queue */
    Value stackslot;    /* where a parked receive's value lands: the receiver's stack (ep) */
    int32_t exit_wait;  /* main returned while this goroutine waited: its WaitReason then (a leak); else WR_NONE */
    int32_t runner;     /* owned by the Runner (script index, VM state index) */
    int32_t pc;         /* owned by the Runner */
    int32_t fill;       /* 0; with the widths above, no padding: sim_hash reads the state as bytes */
} Goroutine;

/* ---- channels ------------------------------------------------------------- */

typedef struct WaitQ { SudogId first, last; } WaitQ;

typedef struct Chan {
    uint32_t qcount;   /* values in buf: 0 <= qcount <= dataqsiz */
    uint32_t dataqsiz; /* slots in buf (the make capacity) */
    int32_t buf;       /* index of slot 0 in Sim.slots; dataqsiz slots follow */
    uint16_t elemsize;
    uint16_t closed;
    TypeId elemtype;
    int32_t fill;      /* 0: no padding (sim_hash reads the state as bytes) */
    Value zero;        /* the zero value of elemtype (what typedmemclr leaves) */
    uint32_t sendx;    /* next slot a send fills; == (recvx + qcount) % dataqsiz */
    uint32_t recvx;    /* next slot a receive takes */
    WaitQ recvq;       /* parked receivers; empty whenever qcount > 0 */
    WaitQ sendq;       /* parked senders; empty whenever qcount < dataqsiz */
    GoId lock;         /* goroutine holding c.lock (display only: held inside one step) */
    StrId name;        /* variable the make result was first assigned to ("" if none) */
    int32_t line;      /* line of the make */
    int32_t fill2;     /* 0 */
} Chan;

typedef struct Sudog {
    GoId g;            /* 0 when the sudog is free */
    ChanId c;
    Value elem;        /* send: the value being sent; receive: unused (the value goes to g's stackslot) */
    uint8_t has_elem;  /* runtime: sudog.elem != nil (a receive whose result is discarded has none) */
    uint8_t is_send;   /* on c.sendq (1) or c.recvq (0) */
    uint8_t isSelect;
    uint8_t success;   /* the operation completed because of a value (1) or because c closed (0) */
    int16_t casei;     /* select: the case this sudog stands for */
    int16_t fill;      /* 0: no padding (sim_hash reads the state as bytes) */
    SudogId next, prev; /* neighbours in the channel's wait queue */
    SudogId waitlink;  /* next sudog of the same g (g.waiting chain) */
    int32_t queued;    /* on a wait queue now */
} Sudog;

/* ---- semaphores, sync, timers ---------------------------------------------- */

typedef struct Sema {
    uint32_t count;
    GoId head, tail;   /* FIFO of waiters linked by Goroutine.semanext */
    int32_t nwait;
} Sema;

typedef struct Mutex {
    uint16_t locked;   /* (16 bits: no padding, as the state is hashed whole) */
    uint16_t woken;    /* a waiter has been readied and will retry (mutexWoken) */
    int32_t waiters;   /* goroutines parked on sema */
    int32_t sema;
} Mutex;

typedef struct WaitGroup {
    int64_t counter;
    int32_t waiters;
    int32_t sema;
} WaitGroup;

typedef struct Once {
    int32_t done;      /* (32 bits: no padding, as the state is hashed whole) */
    int32_t mutex;
} Once;

typedef enum TimerKind { TIMER_SLEEP, TIMER_AFTER } TimerKind;

typedef struct Timer {
    int64_t when;      /* virtual nanoseconds */
    int64_t seq;       /* creation order: breaks ties between equal `when` */
    int32_t kind;      /* TimerKind */
    GoId g;            /* TIMER_SLEEP: the sleeper */
    ChanId c;          /* TIMER_AFTER: the channel time.After returned */
    int32_t fill;      /* 0: no padding (sim_hash reads the state as bytes) */
} Timer;

/* ---- the P and scheduling -------------------------------------------------- */

enum { RUNQ_SIZE = 256 };

typedef struct P {
    GoId runnext;              /* runs next, ahead of runq; set by go and goready */
    GoId runq[RUNQ_SIZE];      /* local run queue, ring of RUNQ_SIZE */
    uint32_t runqhead, runqtail; /* runqtail - runqhead <= RUNQ_SIZE */
    uint32_t schedtick;        /* +1 per schedule not from runnext; global queue first when % 61 == 0 */
} P;

typedef enum RunSource { RUN_RUNNEXT, RUN_LOCAL, RUN_GLOBAL, RUN_GLOBAL_FAIR, RUN_CHOSEN } RunSource;

typedef enum SchedPolicy { SCHED_GO, SCHED_RANDOM, SCHED_MANUAL, SCHED_REPLAY } SchedPolicy;

/* A recorded nondeterministic choice: which goroutine ran (value = its id;
 * bound says how it was picked: 0 by the Go scheduler, n > 0 at random among
 * n, -1 named by sim_choose), or a random draw below bound (a select's poll
 * order).  Same program + same choices = same run. */
/* CHOICE_PREEMPT: at a preemption point (Sim.preemptive), which goroutine
 * runs on: the one running (no switch) or another runnable one; recorded
 * only when there is more than one to choose from. */
typedef enum ChoiceKind { CHOICE_RUN, CHOICE_RAND, CHOICE_PREEMPT } ChoiceKind;
typedef struct Choice { int32_t kind; int32_t value; int32_t bound; } Choice;
/* A choice kind as schedule files and traces spell it: "run", "rand", "preempt". */
const char *choice_kind_name(int kind);
/* The kind spelled name; -1 if none. */
int choice_kind_from(const char *name);

typedef enum PanicKind {
    PANIC_NONE,
    PANIC_SEND_CLOSED,      /* "send on closed channel" */
    PANIC_CLOSE_CLOSED,     /* "close of closed channel" */
    PANIC_CLOSE_NIL,        /* "close of nil channel" */
    PANIC_MAKECHAN_SIZE,    /* "makechan: size out of range" */
    PANIC_NEGATIVE_WAITGROUP, /* "sync: negative WaitGroup counter" */
    PANIC_USER,             /* panic(v) from the program; text set by the Runner */
} PanicKind;

/* The runtime's message for a panic it raises itself. */
const char *panic_message(int kind);

typedef enum SimState {
    SIM_RUNNING,
    SIM_EXITED,       /* main returned: exit status 0 */
    SIM_PANICKED,     /* unrecovered panic: exit 2 */
    SIM_FATAL,        /* fatal error (deadlock, unlock of unlocked mutex): exit 2 */
    SIM_STEP_LIMIT,   /* stopped at the step limit: exit 3 */
    SIM_NEED_CHOICE,  /* manual scheduling: sim_choose() before the next step */
    SIM_REPLAY_ERROR, /* replayed choices do not fit this run */
} SimState;

typedef struct Runner Runner;
typedef struct Observer Observer;

typedef VEC(Goroutine) GoroutineVec;
typedef VEC(Chan) ChanVec;
typedef VEC(Sudog) SudogVec;
typedef VEC(Value) ValueVec;
typedef VEC(Timer) TimerVec;
typedef VEC(GoId) GoIdVec;
typedef VEC(Choice) ChoiceVec;

typedef struct Sim {
    GoroutineVec gs;   /* gs.items[id - 1] */
    ChanVec chans;     /* chans.items[id - 1] */
    SudogVec sudogs;   /* sudogs.items[id - 1]; g == 0 means free */
    SudogId sudog_free;/* free list through Sudog.next */
    ValueVec slots;    /* channel buffers, Chan.buf .. Chan.buf + dataqsiz */
    ValueVec heap;     /* struct fields */
    VEC(Type) types;   /* types.items[id - 1] */
    VEC(Field) fields;
    VEC(TypeId) typelist; /* function parameter and result types */
    VEC(Sema) semas;   /* 1-based */
    VEC(Mutex) mutexes;
    VEC(WaitGroup) waitgroups;
    VEC(Once) onces;
    TimerVec timers;   /* binary min-heap on (when, seq) */
    int64_t timerseq;
    StrTab strs;

    P p;
    GoIdVec globrunq;  /* global run queue: items[globhead .. len) */
    int32_t globhead;

    GoId curg;         /* the running goroutine, 0 between schedules */
    int32_t ngoroutines; /* not dead */
    int64_t now;       /* virtual clock, nanoseconds */
    uint64_t rng;      /* fastrand state, from the seed */
    uint64_t steps;    /* steps taken */
    uint64_t max_steps;

    int32_t policy;    /* SchedPolicy */
    ChoiceVec choices; /* every choice made so far, in order */
    ChoiceVec replay;  /* SCHED_REPLAY: choices to make, consumed from replay_pos */
    int32_t replay_pos;
    GoId chosen;       /* SCHED_MANUAL: the caller's pick for the next schedule */

    int32_t state;     /* SimState */
    int32_t panic_kind;/* SIM_PANICKED: PanicKind */
    GoId crashed_g;    /* goroutine that panicked */
    char message[256]; /* SIM_PANICKED / SIM_FATAL / SIM_REPLAY_ERROR: what Go prints after "panic: " or "fatal error: " */

    int32_t step_line; /* source line of the statement the last step ran (0: none), set by the Runner */
    bool logging;      /* record events */
    bool batch;        /* a step may run many statements: up to the next runtime operation
                          (`hchanviz run` without observers); S->steps still counts statements */
    EventVec log;      /* events of the current step (cleared by sim_step) */
    GoIdVec closelist; /* closechan's gList: waiters collected, not yet readied (empty between steps) */
    VEC(char) output;  /* text printed in the current step (cleared by sim_step) */

    /* Preemption (the explorer's GOMAXPROCS >= 2 model): the running
     * goroutine stops before every visible operation -- a runtime operation
     * or an access to a heap cell -- and the next step is a preemption point
     * where any runnable goroutine may run instead (sim_step).  Off, a
     * goroutine runs until it blocks, yields or exits, as with GOMAXPROCS=1. */
    bool preemptive;
    bool at_preempt;   /* curg stopped before a visible operation: the next step chooses */
    bool granted;      /* curg may perform one visible operation (a choice was just made) */

    const Runner *runner;
    void *runner_state;
    const Observer *observer; /* observe.h; NULL: none */
} Sim;

/* A Runner executes goroutine bodies on the model.  Its state lives behind
 * runner_state; save/restore copy it for snapshots. */
struct Runner {
    /* One action of g, which is running.  Calls the model for every runtime
     * operation; when g parks, exits or yields, the model clears S->curg. */
    void (*step)(Sim *S, GoId g);
    void *(*save)(const Sim *S);
    void (*restore)(Sim *S, const void *saved);
    void (*free_saved)(void *saved);
    void (*free)(Sim *S);
    /* Optional: folds the runner's state into h (sim_hash); NULL: none. */
    uint64_t (*hash)(const Sim *S, uint64_t h);
    /* Optional: save again into what save returned before, reusing its buffers; NULL: free and save. */
    void (*save_into)(const Sim *S, void *saved);
};

/* ---- lifecycle and stepping ------------------------------------------------- */

/* A new Sim with the predefined types and no goroutines; seed drives fastrand
 * (select poll order, random scheduling).  Never NULL (aborts on out of memory). */
Sim *sim_new(uint64_t seed);
void sim_free(Sim *S);
/* Attaches the runner that executes goroutine bodies; S takes no ownership of r. */
void sim_set_runner(Sim *S, const Runner *r, void *state);
/* Creates the main goroutine (id 1), running; runner/pc are the Runner's. */
GoId sim_start_main(Sim *S, StrId fn, int32_t runner, int32_t pc);

/* One step: schedule if nothing runs (firing due timers, advancing the
 * clock when only timers remain, detecting deadlock), then one action of the
 * running goroutine.  Returns S->state. */
int sim_step(Sim *S);
/* Runs until the program ends or max steps; returns S->state. */
int sim_run(Sim *S);
/* SCHED_MANUAL: names the goroutine the next schedule picks (must be
 * runnable, or at a preemption point the running one). */
bool sim_choose(Sim *S, GoId g);
/* Runnable goroutines, in the order the P would run them (runnext, local, global). */
int32_t sim_runnable(const Sim *S, GoId *out, int32_t max);
/* The goroutines the next step may run: at a preemption point the running
 * one first, then the runnable ones (sim_runnable's order); between
 * schedules the runnable ones; while a goroutine runs on without a choice,
 * just it.  Returns how many (0: none can run). */
int32_t sim_enabled(const Sim *S, GoId *out, int32_t max);
/* Replays choices (copied) from the start: policy SCHED_REPLAY, and
 * preemptive if any of them is a CHOICE_PREEMPT (a schedule the explorer
 * wrote).  Call before the first step. */
void sim_set_replay(Sim *S, const Choice *choices, int32_t n);

/* ---- accessors ------------------------------------------------------------- */

/* Whether any goroutine waits to run (runnext, the local or the global queue). */
static inline bool sim_any_runnable(const Sim *S) {
    return S->p.runnext || S->p.runqtail != S->p.runqhead || S->globrunq.len > S->globhead;
}

static inline Goroutine *sim_g(Sim *S, GoId id) { return &S->gs.items[id - 1]; }
static inline const Goroutine *sim_gc(const Sim *S, GoId id) { return &S->gs.items[id - 1]; }
static inline Chan *sim_chan(Sim *S, ChanId c) { return &S->chans.items[c - 1]; }
static inline Sudog *sim_sudog(Sim *S, SudogId s) { return &S->sudogs.items[s - 1]; }
static inline const Type *sim_type(const Sim *S, TypeId t) { return &S->types.items[t - 1]; }

const char *wait_reason_string(int wr);
const char *gstatus_string(int status);

/* Appends an event to the step's log (no-op when logging is off). */
static inline void sim_logd(Sim *S, int kind, GoId g, ChanId c, int32_t a, int32_t b, int32_t d, Value v) {
    if (S->logging) {
        Event e = {(uint16_t)kind, g, c, a, b, d, v};
        VEC_PUSH(S->log, e);
    }
}
static inline void sim_log(Sim *S, int kind, GoId g, ChanId c, int32_t a, int32_t b, Value v) {
    sim_logd(S, kind, g, c, a, b, 0, v);
}
#define sim_log0(S, kind, g, c, a, b) sim_log((S), (kind), (g), (c), (a), (b), value_nil())

/* Program output of the running goroutine, kept for the step. */
void sim_output(Sim *S, const char *text, size_t len);

/* The program crashes: an unrecovered panic in g (message is what follows "panic: "). */
void sim_crash_panic(Sim *S, GoId g, int kind, const char *message);
/* A fatal error (message is what follows "fatal error: "). */
void sim_crash_fatal(Sim *S, GoId g, const char *message);
/* main returned: the program exits at once. */
void sim_exit(Sim *S);

/* A hash of everything that decides what S does next: goroutines,
 * channels, sudogs, buffers, the heap, sync objects, timers, the P and its
 * queues, the clock, preemption state and the runner's state -- not the
 * step count, the choices made, the random generator or the event log.
 * Equal states hash equal when built the same way (handles are indexes);
 * the explorer uses it to skip states it has explored. */
uint64_t sim_hash(const Sim *S);
/* Folds n bytes into h (the mixing sim_hash uses, for runners). */
uint64_t sim_hash_bytes(uint64_t h, const void *p, size_t n);

/* fastrandn: uniform in [0, n), recorded as a choice (or replayed). */
uint32_t sim_randn(Sim *S, uint32_t n);

#endif
