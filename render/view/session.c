/* session.c: load, record, and move through a run (see session.h). */
#define _XOPEN_SOURCE 700
#include "session.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "go/compile.h"
#include "go/diag.h"
#include "source.h"
#include "delta.h"
#include "sched.h"
#include "trace.h"

/* The event that names a step: its runtime path, if it has one. */
static bool is_path_event(int k) {
    switch (k) {
    case EV_SCHED_PICK: case EV_LOCK: case EV_UNLOCK: case EV_OUTPUT: case EV_COPY_STACK_TO_SLOT:
    case EV_COPY_SLOT_TO_STACK: case EV_COPY_STACK_TO_STACK: case EV_CLEAR_SLOT: case EV_ENQUEUE: case EV_DEQUEUE:
    case EV_DEQUEUE_STALE: case EV_DEQUEUE_SUDOG: case EV_GOREADY: case EV_GOPARK: case EV_SELECT_POLLORDER:
    case EV_SELECT_BEGIN: case EV_CLOSECHAN_COLLECT: case EV_CLOSECHAN_WAKE:
        return false;
    default:
        return true;
    }
}

static uint16_t marks_of(const Sim *S) {
    uint16_t m = 0;
    for (int32_t i = 0; i < S->log.len; i++) {
        switch (S->log.items[i].kind) {
        case EV_CHANSEND_DIRECT: case EV_CHANSEND_BUFFER: case EV_SELECT_SEND: case EV_SELECT_BUFSEND:
        case EV_CHANSEND_PARK:
            m |= MARK_SEND;
            break;
        case EV_CHANRECV_DIRECT: case EV_CHANRECV_ROTATE: case EV_CHANRECV_BUFFER: case EV_CHANRECV_CLOSED:
        case EV_CHANRECV_FASTCLOSED: case EV_SELECT_RECV: case EV_SELECT_BUFRECV: case EV_SELECT_RCLOSE:
        case EV_CHANRECV_PARK:
            m |= MARK_RECV;
            break;
        case EV_GOPARK: m |= MARK_PARK; break;
        case EV_GOREADY: case EV_CLOSECHAN_WAKE: m |= MARK_WAKE; break;
        case EV_CLOSECHAN: m |= MARK_CLOSE; break;
        case EV_PANIC: case EV_FATAL: m |= MARK_PANIC; break;
        case EV_NEWPROC: m |= MARK_GO; break;
        case EV_OUTPUT: m |= MARK_OUTPUT; break;
        }
    }
    return m;
}

static int32_t weight_of(const Sim *S) {
    int32_t w = 0;
    for (int32_t i = 0; i < S->gs.len; i++) w += S->gs.items[i].status == GS_DEAD ? 1 : 4;
    for (int32_t i = 0; i < S->chans.len; i++) w += 6 + (int32_t)S->chans.items[i].dataqsiz;
    for (int32_t i = 0; i < S->sudogs.len; i++) w += S->sudogs.items[i].queued ? 3 : 0;
    return w + S->log.len;
}

/* Has the recorded run's latest choice left the lesson's path?  Compares
 * who ran and what was drawn, not how (a random pick of the same goroutine
 * stays on the path). */
static void track_path(Session *s, const Sim *R) {
    if (!s->has_lesson || !s->lesson.has_header || s->diverged_at) return; /* a lesson has a path; a plain program has none to leave */
    for (int32_t i = s->path_checked; i < R->choices.len; i++, s->path_checked++) {
        const Choice *c = &R->choices.items[i];
        if (i >= s->lesson_path.len || s->lesson_path.items[i].kind != c->kind || s->lesson_path.items[i].value != c->value) {
            s->diverged_at = s->steps.len - 1;
            return;
        }
    }
}

/* The lesson's own run, on a throw-away Sim, for its choices (s->lesson_path). */
static void record_path(Session *s, const Snapshot *start) {
    Sim *T = sim_new(0);
    vm_start(T, &s->prog);
    snapshot_restore(T, start);
    T->logging = false;
    T->batch = false;
    T->max_steps = SESSION_MAX_STEPS;
    FILE *null = fopen("/dev/null", "w");
    if (lesson_prepare(T, s->path, s->src, s->len, null)) {
        while (sim_step(T) == SIM_RUNNING) {}
        VEC_COPY(s->lesson_path, T->choices);
    }
    if (null) fclose(null);
    sim_free(T);
}

/* Who Go's own scheduler would run in R's next step: at a preemption point
 * the running goroutine (it runs on); between schedules findRunnable's
 * pick; 0 when the step makes no choice (a goroutine runs on without one). */
static GoId go_would_run(const Sim *R) {
    if (R->curg) return R->at_preempt ? R->curg : 0;
    return sched_peek(R);
}

/* Marks the step just recorded if its goroutine is not Go's own pick. */
static void note_departure(Session *s, GoId go_pick, bool at_preempt) {
    StepRec *r = &s->steps.items[s->steps.len - 1];
    if (!go_pick || r->actor <= 0 || r->actor == go_pick) return;
    r->marks |= MARK_DEPART;
    r->go_pick = go_pick;
    s->departures++;
    if (at_preempt) r->preemption = ++s->preemptions;
}

static void push_rec(Session *s, const Sim *S, GoId before) {
    StepRec r = {0};
    r.actor = trace_actor(S, before);
    /* The line the step executed (its line after the step is already the next statement's). */
    r.line = S->step_line ? S->step_line : r.actor > 0 && r.actor <= S->gs.len ? sim_gc(S, r.actor)->line : 0;
    r.marks = marks_of(S);
    r.nevents = (uint16_t)(S->log.len > 65535 ? 65535 : S->log.len);
    for (int32_t i = 0; i < S->output.len; i++) VEC_PUSH(s->out, S->output.items[i]);
    r.out_end = s->out.len;
    r.main_event = -1;
    for (int32_t i = 0; i < S->log.len; i++) {
        if (is_path_event(S->log.items[i].kind)) {
            r.main_event = S->log.items[i].kind;
            break;
        }
    }
    r.weight = weight_of(S);
    for (int32_t i = 0, k = 0; i < S->log.len && k < 2; i++) {
        ChanId c = S->log.items[i].c;
        if (c > 0 && c != r.chans[0]) r.chans[k++] = c;
    }
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        if (e->kind != EV_NEWPROC && e->kind != EV_GOREADY && e->kind != EV_GOSCHED &&
            e->kind != EV_PREEMPT)
            continue;
        ReadyNote n = {s->steps.len, e->g, r.actor, (int16_t)e->kind, (int16_t)r.main_event, r.chans[0]};
        VEC_PUSH(s->ready, n);
    }
    VEC_PUSH(s->steps, r);
}

/* Names the session path (as given: diagnostics and the panels show it). */
static void begin(Session *s, const char *path) {
    memset(s, 0, sizeof *s);
    program_init(&s->prog);
    snprintf(s->path, sizeof s->path, "%s", path);
    const char *slash = strrchr(s->path, '/');
    s->name = slash ? slash + 1 : s->path;
    s->max_steps = SESSION_MAX_STEPS;
}

/* Everything after the text is in s->src: compile, start, record the first steps. */
static bool load_text(Session *s, const char *path, int policy, uint64_t seed, const Choice *replay, int32_t nreplay,
                      uint64_t sim_max_steps, FILE *err) {
    s->rec = sim_new(seed);
    Diag d;
    diag_init(&d);
    if (!compile_source(s->rec, path, s->src, s->len, &s->prog, &d, NULL)) {
        char *msg = diag_format(&d);
        if (err) fputs(msg ? msg : "hchanviz: out of memory\n", err);
        free(msg);
        diag_free(&d);
        return false;
    }
    diag_free(&d);
    vm_start(s->rec, &s->prog);
    s->rec->logging = true;
    s->rec->max_steps = sim_max_steps;
    s->sim_max_steps = sim_max_steps;
    s->load_policy = policy;
    s->load_seed = seed;
    /* A lesson's header, narration and pinned schedule (sim/lesson.c). */
    s->has_lesson = lesson_parse(&s->lesson, path, s->src, s->len, 0, NULL);
    if (s->has_lesson) {
        Snapshot *start = snapshot_take(s->rec);
        record_path(s, start);
        snapshot_free(start);
    }
    if (policy == SESSION_POLICY_DEFAULT) {
        if (!lesson_prepare(s->rec, path, s->src, s->len, err ? err : stderr)) return false;
        policy = s->rec->policy;
    } else {
        s->rec->policy = policy;
        if (policy == SCHED_REPLAY) sim_set_replay(s->rec, replay, nreplay);
    }
    s->policy = policy == SCHED_REPLAY ? SCHED_GO : policy;

    /* The view Sim: same program; its state always comes from snapshots. */
    s->S = sim_new(seed);
    vm_start(s->S, &s->prog);
    s->S->logging = true;
    s->S->max_steps = UINT64_MAX;
    /* Derived states around the step shown (session_state_at). */
    s->states = calloc(1, sizeof *s->states);
    if (!s->states) abort();
    s->states->at = sim_new(seed);
    vm_start(s->states->at, &s->prog);
    s->states->prev = sim_new(seed);
    vm_start(s->states->prev, &s->prog);
    s->states->at_step = s->states->prev_step = -1;

    source_scan(&s->info, s->src, s->len);
    if (s->has_lesson) source_use_lesson(&s->info, &s->lesson);

    history_init(&s->hist, SESSION_SNAP_INTERVAL);
    /* history_seek memcpy's the choices even when there are none: give both
     * vectors storage so that it never passes NULL. */
    VEC_RESERVE(s->hist.choices, 64);
    VEC_RESERVE(s->S->choices, 64);
    history_record(&s->hist, s->rec);
    s->rec->log.len = 0;
    push_rec(s, s->rec, 0);
    s->steps.items[0].actor = 1;
    s->steps.items[0].line = sim_gc(s->rec, 1)->line;
    s->cur = -1;
    session_record(s, 4096);
    session_goto(s, 0);
    return true;
}

bool session_load(Session *s, const char *path, int policy, uint64_t seed, const Choice *replay, int32_t nreplay,
                  FILE *err) {
    begin(s, path);
    s->src = source_read_file(path, &s->len, err);
    if (!s->src) return false;
    return load_text(s, path, policy, seed, replay, nreplay, UINT64_MAX, err);
}

bool session_load_source(Session *s, const char *path, const char *src, size_t len, int lang, int policy, uint64_t seed,
                         const Choice *replay, int32_t nreplay, uint64_t max_steps, FILE *err) {
    begin(s, path);
    s->from_source = true;
    s->lang_fixed = lang > 0 ? lang : 0;
    s->prog.lang = s->lang_fixed;
    s->prog.lang_fixed = lang > 0;
    if (len > SOURCE_MAX_BYTES) {
        /* The same limit and message as a file (source_read_file). */
        if (err) fprintf(err, "%s:1:1: source file too large for hchanviz (limit %u MiB, see docs/go-subset.md)\n", path,
                        SOURCE_MAX_BYTES >> 20);
        return false;
    }
    s->src = malloc(len + 1);
    if (!s->src) abort();
    memcpy(s->src, src, len);
    s->src[len] = '\0';
    s->len = len;
    return load_text(s, path, policy, seed, replay, nreplay, max_steps ? max_steps : UINT64_MAX, err);
}

void session_free(Session *s) {
    if (s->states) {
        snapshot_free(s->states->before);
        sim_free(s->states->at);
        sim_free(s->states->prev);
        free(s->states);
    }
    if (s->S) {
        s->S->replay.items = NULL; /* never owned: see step_replay */
        sim_free(s->S);
    }
    sim_free(s->rec);
    program_free(&s->prog);
    history_free(&s->hist);
    source_free(&s->info);
    if (s->has_lesson) lesson_free(&s->lesson);
    VEC_FREE(s->steps);
    VEC_FREE(s->out);
    VEC_FREE(s->lesson_path);
    VEC_FREE(s->ready);
    free(s->src);
    memset(s, 0, sizeof *s);
}

static void finish(Session *s) {
    s->done = true;
    s->end_state = s->rec->state;
    snprintf(s->message, sizeof s->message, "%s", s->rec->message);
}

bool session_record(Session *s, int32_t budget) {
    if (s->done) return true;
    Sim *R = s->rec;
    for (int32_t n = 0; n < budget; n++) {
        if (R->state != SIM_RUNNING || s->steps.len >= s->max_steps) {
            finish(s);
            return true;
        }
        GoId before = R->curg, go_pick = go_would_run(R);
        bool at_preempt = R->at_preempt;
        uint64_t steps_before = R->steps;
        sim_step(R);
        if (R->steps == steps_before && R->state == SIM_RUNNING) { /* cannot happen outside manual */
            finish(s);
            return true;
        }
        push_rec(s, R, before);
        note_departure(s, go_pick, at_preempt);
        history_record(&s->hist, R);
        track_path(s, R);
    }
    if (R->state != SIM_RUNNING) finish(s);
    return s->done;
}

/* One sim_step of S along the recorded choices. */
static void step_replay(Session *s) {
    Sim *S = s->S;
    ChoiceVec saved = S->replay;
    int32_t pos = S->replay_pos, pol = S->policy;
    S->replay = s->hist.choices;
    S->replay_pos = S->choices.len;
    S->policy = SCHED_REPLAY;
    sim_step(S);
    S->policy = pol;
    S->replay = saved;
    S->replay_pos = pos;
}

/* The Sim step count (calls that advanced S->steps) before view step k. */
static uint64_t sim_steps_before(const Session *s, int32_t k) {
    (void)s;
    return (uint64_t)(k - 1);
}

/* Keeps the state before view step k (S holds it now) for session_state_at. */
static void keep_before(Session *s, int32_t k) {
    SessionStates *st = s->states;
    snapshot_free(st->before);
    st->before = snapshot_take(s->S);
    st->before_of = k;
    st->at_step = st->prev_step = -1;
}

void session_goto(Session *s, int32_t k) {
    if (k < 0) k = 0;
    if (k >= s->steps.len) k = s->steps.len - 1;
    if (k == s->cur) return;
    Sim *S = s->S;
    if (k == s->cur + 1 && s->cur >= 0) {
        keep_before(s, k);
        step_replay(s);
        s->cur = k;
        return;
    }
    if (k == 0) {
        history_seek(&s->hist, S, 0);
        S->log.len = 0;
        S->output.len = 0;
        s->cur = 0;
        snapshot_free(s->states->before);
        s->states->before = NULL;
        s->states->at_step = s->states->prev_step = -1;
        return;
    }
    history_seek(&s->hist, S, sim_steps_before(s, k));
    keep_before(s, k);
    step_replay(s);
    s->cur = k;
}

/* D := the state before the step plus events 0..last (last = -1: none). */
static void derive(const Session *s, Sim *D, int last) {
    const Sim *S = s->S;
    snapshot_restore(D, s->states->before);
    delta_take_values(D, S);
    for (int i = 0; i <= last && i < S->log.len; i++) delta_apply(D, &S->log.items[i], S);
    VEC_COPY(D->log, S->log);
    VEC_COPY(D->output, S->output);
    D->step_line = S->step_line;
}

const Sim *session_state_at(const Session *s, int micro) {
    SessionStates *st = s->states;
    if (!st || !st->before || st->before_of != s->cur) return s->S;
    if (micro == SESSION_BEFORE_STEP) {
        if (st->at_step != s->cur || st->at_key != SESSION_BEFORE_STEP) {
            derive(s, st->at, -1);
            st->at_step = s->cur;
            st->at_key = SESSION_BEFORE_STEP;
        }
        return st->at;
    }
    if (micro < 0 || micro >= s->S->log.len - 1) return s->S;
    if (st->at_step != s->cur || st->at_key != micro) {
        derive(s, st->at, micro);
        st->at_step = s->cur;
        st->at_key = micro;
    }
    return st->at;
}

const Sim *session_state_from(const Session *s, int micro) {
    SessionStates *st = s->states;
    if (!st || !st->before || st->before_of != s->cur) return s->S;
    if (micro == SESSION_BEFORE_STEP) return session_state_at(s, micro);
    int key = micro < 0 || micro >= s->S->log.len ? -1 : micro - 1;
    if (st->prev_step != s->cur || st->prev_key != key) {
        derive(s, st->prev, key);
        st->prev_step = s->cur;
        st->prev_key = key;
    }
    return st->prev;
}

bool session_needs_pick(const Session *s) {
    const Sim *S = s->S;
    if (S->state != SIM_RUNNING || S->curg != 0) return false;
    return sim_runnable(S, NULL, 0) >= 2;
}

bool session_pick(Session *s, GoId g) {
    Sim *S = s->S;
    if (S->state != SIM_RUNNING || S->curg != 0) return false;
    if (g <= 0 || g > S->gs.len || sim_gc(S, g)->status != GS_RUNNABLE) return false;
    /* Forget the recorded future: steps after cur, their output, snapshots, choices. */
    int32_t k = s->cur;
    s->steps.len = k + 1;
    s->departures = s->preemptions = 0;
    for (int32_t i = 0; i <= k; i++) {
        s->departures += (s->steps.items[i].marks & MARK_DEPART) != 0;
        s->preemptions += s->steps.items[i].preemption > 0;
    }
    s->out.len = s->steps.items[k].out_end;
    while (s->ready.len && s->ready.items[s->ready.len - 1].step > k) s->ready.len--;
    History *h = &s->hist;
    while (h->snaps.len && snapshot_step(h->snaps.items[h->snaps.len - 1]) > S->steps) {
        snapshot_free(h->snaps.items[h->snaps.len - 1]);
        h->snaps.len--;
    }
    h->choices.len = S->choices.len;
    if (s->diverged_at > k) s->diverged_at = 0; /* it left the path in the future just forgotten */
    s->picks++;
    if (s->path_checked > S->choices.len) s->path_checked = S->choices.len;
    /* The recorder takes up the state shown and runs g. */
    Snapshot *snap = snapshot_take(S);
    snapshot_restore(s->rec, snap);
    snapshot_free(snap);
    Sim *R = s->rec;
    VEC_FREE(R->replay);
    R->replay_pos = 0;
    R->policy = SCHED_MANUAL;
    sim_choose(R, g);
    GoId before = R->curg, go_pick = go_would_run(R);
    bool at_preempt = R->at_preempt;
    sim_step(R);
    R->policy = s->policy;
    push_rec(s, R, before);
    note_departure(s, go_pick, at_preempt);
    history_record(h, R);
    track_path(s, R);
    s->done = false;
    session_record(s, 4096);
    s->cur = -1;
    session_goto(s, k + 1);
    return true;
}

const ReadyNote *session_ready_note(const Session *s, GoId g, int32_t k) {
    for (int32_t i = s->ready.len - 1; i >= 0; i--) {
        const ReadyNote *n = &s->ready.items[i];
        if (n->step <= k && n->g == g) return n;
    }
    return NULL;
}

void session_outcome(const Session *s, char *out, int cap) {
    out[0] = '\0';
    if (!s->done) return;
    switch (s->end_state) {
    case SIM_EXITED: snprintf(out, (size_t)cap, "exit 0"); break;
    case SIM_PANICKED: snprintf(out, (size_t)cap, "panic: %s", s->message); break;
    case SIM_FATAL: snprintf(out, (size_t)cap, "fatal error: %s", s->message); break;
    default: break;
    }
}

bool session_rejoin(Session *s, FILE *err) {
    if (!s->diverged_at) return false;
    int32_t target = s->diverged_at - 1;
    char path[sizeof s->path];
    snprintf(path, sizeof path, "%s", s->path);
    uint64_t seed = s->load_seed;
    if (s->from_source) {
        /* Loaded from text (a trace's program): the same text again, not a file. */
        size_t len = s->len;
        uint64_t max = s->sim_max_steps == UINT64_MAX ? 0 : s->sim_max_steps;
        char *src = s->src;
        s->src = NULL; /* kept across the reload */
        Session *probe = calloc(1, sizeof *probe);
        if (!probe) abort();
        int lang = s->lang_fixed;
        bool ok = session_load_source(probe, path, src, len, lang, SESSION_POLICY_DEFAULT, seed, NULL, 0, max, err);
        session_free(probe);
        free(probe);
        if (!ok) {
            s->src = src;
            return false;
        }
        session_free(s);
        ok = session_load_source(s, path, src, len, lang, SESSION_POLICY_DEFAULT, seed, NULL, 0, max, err);
        free(src);
        if (!ok) return false;
        while (session_nsteps(s) <= target && !session_record(s, 4096)) {}
        session_goto(s, target);
        return true;
    }
    /* A Session cannot move (its Sims point at its Program): try the load on
     * the side, then load again in place. */
    Session *probe = calloc(1, sizeof *probe);
    if (!probe) abort();
    bool ok = session_load(probe, path, SESSION_POLICY_DEFAULT, seed, NULL, 0, err);
    session_free(probe);
    free(probe);
    if (!ok) return false;
    session_free(s);
    if (!session_load(s, path, SESSION_POLICY_DEFAULT, seed, NULL, 0, err)) return false;
    while (session_nsteps(s) <= target && !session_record(s, 4096)) {}
    session_goto(s, target);
    return true;
}

bool schedule_write(const char *path, const char *program, const Choice *choices, int32_t n, char *why, int cap) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "hchanviz-schedule");
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(root, "program", program);
    cJSON *arr = cJSON_AddArrayToObject(root, "choices");
    for (int32_t i = 0; i < n; i++) {
        const Choice *c = &choices[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", choice_kind_name(c->kind));
        cJSON_AddNumberToObject(o, "value", c->value);
        cJSON_AddNumberToObject(o, "bound", c->bound);
        cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        snprintf(why, (size_t)cap, "out of memory");
        return false;
    }
    FILE *f = fopen(path, "w");
    bool ok = f && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    if (f && fclose(f) != 0) ok = false;
    if (!ok) snprintf(why, (size_t)cap, "%s: %s", path, strerror(errno));
    free(text);
    return ok;
}

bool session_save_schedule(const Session *s, const char *path, char *why, int cap) {
    return schedule_write(path, s->name, s->hist.choices.items, s->hist.choices.len, why, cap);
}

/* Does the file the reader holds say it is a trace ("format": "hchanviz-trace")? */
static bool says_trace(TraceReader *r) {
    if (r->off_format < 0) return false;
    cJSON *f = trace_reader_member(r, "format");
    bool yes = cJSON_IsString(f) && strcmp(f->valuestring, TRACE_FORMAT) == 0;
    cJSON_Delete(f);
    return yes;
}

bool schedule_read(const char *path, Choice **out, int32_t *n, char *why, int cap) {
    *out = NULL;
    *n = 0;
    /* One pass over the whole file checks its JSON (errors name the byte), whatever its size. */
    TraceReader r;
    if (!trace_reader_open(&r, path)) {
        snprintf(why, (size_t)cap, "%s", r.err);
        trace_reader_close(&r);
        return false;
    }
    ChoiceVec v = {0};
    bool ok = true;
    if (r.off_choices >= 0 && !says_trace(&r)) {
        /* A schedule (session_save_schedule): its "choices" array, checked as a trace's steps' are. */
        long long at = (long long)r.off_choices;
        cJSON *arr = trace_reader_member(&r, "choices");
        char e[300];
        if (!arr) {
            snprintf(why, (size_t)cap, "%s", r.err);
            ok = false;
        } else if (!trace_choices(arr, &v, e, sizeof e)) {
            snprintf(why, (size_t)cap, "%s: not a valid schedule: %s (in the \"choices\" array at byte %lld)", path, e,
                     at);
            ok = false;
        }
        cJSON_Delete(arr);
        trace_reader_close(&r);
    } else {
        /* A trace: the choices of its steps, read step by step. */
        bool trace = says_trace(&r);
        trace_reader_close(&r);
        uint64_t seed = 0, max = 0;
        char err[512];
        ok = trace_load_choices(path, &v, &seed, &max, err, sizeof err);
        if (!ok && trace) snprintf(why, (size_t)cap, "%s", err);
        else if (!ok)
            snprintf(why, (size_t)cap, "%s: neither a schedule (a JSON object with a \"choices\" array) nor a trace: %s",
                     path, err);
    }
    if (!ok) {
        VEC_FREE(v);
        return false;
    }
    *out = v.items ? v.items : calloc(1, sizeof(Choice));
    if (!*out) abort();
    *n = v.len;
    return true;
}
