/* session.h: a program being watched: loaded, run once to record every
 * step, and moved to any step on demand.
 *
 * Two Sims on one Program: `rec` runs ahead and records the run (a step
 * record per step, the output, a History of snapshots with every choice);
 * `S` is what the window shows, moved to a step by restoring the nearest
 * snapshot and replaying the recorded choices (snapshot.h).  View step k is
 * the state after k calls of sim_step (step 0: before the first); the step's
 * events are in S->log.  A run that deadlocks ends with a call of sim_step
 * that detects it, which is a view step of its own.
 *
 * Recording is incremental (session_record), so the first frame need not
 * wait for a long run; it stops at SESSION_MAX_STEPS.
 *
 * Manual scheduling forks the run: session_pick makes the chosen goroutine
 * run next from the step shown, forgets the recorded future, and records a
 * new one (the Go scheduler from there on). */
#ifndef HCHANVIZ_SESSION_H
#define HCHANVIZ_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lesson.h"
#include "sim.h"
#include "snapshot.h"
#include "source.h"
#include "vm.h"

enum { SESSION_MAX_STEPS = 200000, SESSION_SNAP_INTERVAL = 32 };

/* Timeline marks of a step. */
enum StepMark {
    MARK_SEND = 1 << 0,
    MARK_RECV = 1 << 1,
    MARK_PARK = 1 << 2,
    MARK_WAKE = 1 << 3,
    MARK_CLOSE = 1 << 4,
    MARK_PANIC = 1 << 5,
    MARK_GO = 1 << 6,
    MARK_OUTPUT = 1 << 7,
    MARK_DEPART = 1 << 8, /* the step's goroutine is not the one Go's own scheduler would run (StepRec.go_pick) */
};
enum { MARK_KINDS = 6 }; /* the first six are drawn as timeline rows */

typedef struct StepRec {
    GoId actor;        /* goroutine that acted (0: none, e.g. the deadlock check) */
    int32_t line;      /* the line it executed: where it stood before the step */
    uint16_t marks;    /* StepMark bits */
    uint16_t nevents;  /* events logged */
    int32_t out_end;   /* output bytes printed through this step */
    int32_t main_event;/* the event that names the step (its runtime path), -1 if none */
    int32_t weight;    /* how much the step's state holds (goroutines, sudogs, slots): "busiest" */
    ChanId chans[2];   /* the first two channels its events touch (0: none) */
    /* A departure from Go's own GOMAXPROCS=1 schedule (MARK_DEPART): the
     * goroutine Go would have run here, and, when the step's goroutine was
     * switched in at a preemption point while go_pick could have run on,
     * the preemption's number in the run (1, 2, ...; 0: not a preemption). */
    GoId go_pick;
    int32_t preemption;
} StepRec;

/* The states around the step shown, derived from its events (delta.h). */
typedef struct SessionStates {
    Snapshot *before;  /* the state before the step shown (NULL at view step 0) */
    int32_t before_of; /* the view step `before` belongs to */
    Sim *at, *prev;    /* derived states: at micro-step at_key, and at prev_key (-1 = before the step) */
    int32_t at_step, at_key, prev_step, prev_key;
} SessionStates;

/* How a goroutine last became runnable, for the scheduling game: at view
 * step `step`, by goroutine `by` (the step's actor), through event `kind`
 * (EV_NEWPROC, EV_GOREADY, EV_GOSCHED), in a step whose runtime path is
 * `via` (chansend.direct, closechan.close...) on channel c. */
typedef struct ReadyNote { int32_t step; GoId g, by; int16_t kind, via; ChanId c; } ReadyNote;

/* A Session stays where it was loaded: its Sims point at its Program. */
typedef struct Session {
    Program prog;
    Sim *rec;          /* the recorder: at the end of what is recorded */
    Sim *S;            /* the step shown */
    char *src;
    size_t len;
    char path[1024];
    const char *name;  /* base name of path */
    SourceInfo info;   /* lines and narration */
    Lesson lesson;     /* the lesson's header and narration (has_lesson) */
    bool has_lesson;
    History hist;
    VEC(StepRec) steps;/* steps.items[k]: view step k */
    VEC(char) out;     /* all output of the recorded run */
    int32_t cur;       /* the view step S holds */
    bool done;         /* recording finished (the program ended or hit the limit) */
    int32_t end_state; /* rec's SimState when done */
    int32_t policy;    /* the policy the recording continues with */
    int32_t max_steps; /* recording stops here (SESSION_MAX_STEPS) */
    char message[256]; /* end message: panic / fatal text */
    SessionStates *states; /* owned; reached through a const Session too (a cache) */
    /* The lesson's path: the choices of its run under its own schedule
     * (a lesson only).  A run whose choices leave it (a manual pick, another
     * --sched) has left the lesson's path at view step diverged_at (0: not
     * left); the lesson's words no longer apply from there. */
    VEC(ReadyNote) ready; /* in step order */
    ChoiceVec lesson_path;
    int32_t diverged_at;
    int32_t path_checked; /* choices of the recorded run compared with lesson_path so far */
    int32_t picks;        /* goroutines picked by hand (session_pick) in the recorded run */
    int32_t departures;   /* steps of the recorded run marked MARK_DEPART */
    int32_t preemptions;  /* of them, preemptions */
    int32_t load_policy;  /* what session_load was given */
    uint64_t load_seed;
    bool from_source;     /* loaded from text (session_load_source), not from the file at path */
    uint64_t sim_max_steps; /* rec's step limit (S->max_steps): UINT64_MAX, or a trace's max_steps */
    int32_t lang_fixed;     /* session_load_source's lang (0: resolved as a file's) */
} Session;

/* The policy argument of session_load meaning "the program's own": Go's
 * scheduler, or the schedule a lesson pins with //hchanviz:schedule. */
enum { SESSION_POLICY_DEFAULT = -1 };

/* Loads and compiles path and records the first steps.  policy:
 * SESSION_POLICY_DEFAULT, SCHED_GO, SCHED_RANDOM (seed) or SCHED_REPLAY with
 * replay choices (copied).  On
 * failure writes the diagnostic ("FILE:LINE:COL: message", the line, a caret)
 * to err and returns false; session_free is safe either way. */
bool session_load(Session *s, const char *path, int policy, uint64_t seed, const Choice *replay, int32_t nreplay,
                  FILE *err);
/* The same from source text instead of a file: a trace's embedded program
 * (docs/trace.md).  path names it in diagnostics and in the panels (the
 * trace's program.file; it need not exist); src[0..len) is copied.
 * max_steps: the run's step limit (the trace's options.max_steps), 0 for
 * none, as session_load.  lang: the language version the text was recorded
 * under (a trace's options.lang, go/langver.h), 0 to resolve it as a file's.
 * Back on the lesson's path (session_rejoin) reloads the same text. */
bool session_load_source(Session *s, const char *path, const char *src, size_t len, int lang, int policy, uint64_t seed,
                         const Choice *replay, int32_t nreplay, uint64_t max_steps, FILE *err);
void session_free(Session *s);
/* Records up to budget more steps; returns true when recording is done. */
bool session_record(Session *s, int32_t budget);
static inline void session_record_all(Session *s) { while (!session_record(s, 1 << 20)) {} }
/* Number of view steps known (recorded so far). */
static inline int32_t session_nsteps(const Session *s) { return s->steps.len; }
/* Moves S to view step k (clamped to what is recorded); S->log holds its events. */
void session_goto(Session *s, int32_t k);
/* micro for the state before the step shown (none of its events applied). */
enum { SESSION_BEFORE_STEP = -2 };

/* The state at micro-step `micro` (0-based index into the step's events) of
 * the step shown: the state before the step plus its events 0..micro (its
 * log is the step's).  micro == SESSION_BEFORE_STEP: the state before the
 * step.  micro == -1 or past the last event: the state after the step,
 * s->S.  The result stays valid until the next session call. */
const Sim *session_state_at(const Session *s, int micro);
/* The state the step (micro == -1) or micro-step starts from: before the
 * step, or at micro-step micro - 1 (SESSION_BEFORE_STEP: the state at, so
 * nothing changed).  At view step 0: s->S itself. */
const Sim *session_state_from(const Session *s, int micro);

/* The step after the one shown needs a scheduling decision between two or
 * more runnable goroutines (manual scheduling asks the user). */
bool session_needs_pick(const Session *s);
/* Runs g next from the step shown (g runnable), discarding the recorded
 * future, and records anew from there; the view moves to the new step.
 * Returns false (nothing changed) if g cannot be picked. */
bool session_pick(Session *s, GoId g);

/* The latest ReadyNote of g at or before view step k, or NULL. */
const ReadyNote *session_ready_note(const Session *s, GoId g, int32_t k);
/* How the recorded run ends, as the lesson's Outcome field says it: "exit 0",
 * or the first line Go prints on stderr; "" while it is still recording. */
void session_outcome(const Session *s, char *out, int cap);

/* Back on the lesson's path: reloads the program (in place) under the
 * lesson's own schedule and shows the step where the run had left it (the
 * step before diverged_at).  Returns false, leaving s unchanged, if the run
 * never left it or the file no longer loads (the reason on err). */
bool session_rejoin(Session *s, FILE *err);

/* Schedules as files: {"format": "hchanviz-schedule", "version": 1,
 * "program": NAME, "choices": [{"kind": "run"|"rand", "value": N, "bound": N}...]}.
 * session_save_schedule writes every choice of the recorded run; returns
 * false with errno's reason in why. */
bool session_save_schedule(const Session *s, const char *path, char *why, int cap);
/* The same for any list of choices (an explore witness); program names the program it was made for. */
bool schedule_write(const char *path, const char *program, const Choice *choices, int32_t n, char *why, int cap);
/* Reads a schedule file, or a trace (docs/trace.md): its steps' choices.
 * Both are read as a stream, of any size, by the trace reader (trace.h):
 * bad JSON is reported with its byte offset, a bad choice with its index.
 * On success *out is malloc'd (free it) and *n set; on failure why says why
 * (naming the file). */
bool schedule_read(const char *path, Choice **out, int32_t *n, char *why, int cap);

/* The goroutine that acted in view step k, and where. */
static inline const StepRec *session_step(const Session *s, int32_t k) { return &s->steps.items[k]; }

#endif
