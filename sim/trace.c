/* trace.c: writing the trace: JSON output helpers, files replaced atomically,
 * one step as JSON, and the streaming writer (see trace.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "trace.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sched.h"
#include "types.h"

/* ---- JSON output ------------------------------------------------------------ */

void jb_raw(FmtBuf *b, const char *s) {
    size_t n = strlen(s);
    fmt_buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void jb_int(FmtBuf *b, int64_t v) {
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    fmt_buf_reserve(b, (size_t)n + 1);
    if (v < 0) b->data[b->len++] = '-';
    while (n) b->data[b->len++] = tmp[--n];
    b->data[b->len] = '\0';
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_valid(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    size_t len;
    uint32_t min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000;
    else return 0;
    if (n < len) return 0;
    uint32_t r = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        r = r << 6 | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0;
    return len;
}

void jb_str(FmtBuf *b, const char *str, size_t len) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    fmt_buf_reserve(b, len + 2);
    b->data[b->len++] = '"';
    size_t i = 0;
    while (i < len) {
        /* A run of plain bytes in one copy. */
        size_t j = i;
        while (j < len && s[j] >= 0x20 && s[j] < 0x80 && s[j] != '"' && s[j] != '\\') j++;
        if (j > i) {
            fmt_buf_reserve(b, j - i + 1);
            memcpy(b->data + b->len, s + i, j - i);
            b->len += j - i;
            i = j;
            continue;
        }
        unsigned char c = s[i];
        fmt_buf_reserve(b, 8);
        if (c == '"' || c == '\\') {
            b->data[b->len++] = '\\';
            b->data[b->len++] = (char)c;
            i++;
        } else if (c < 0x20) {
            b->data[b->len++] = '\\';
            switch (c) {
            case '\n': b->data[b->len++] = 'n'; break;
            case '\t': b->data[b->len++] = 't'; break;
            case '\r': b->data[b->len++] = 'r'; break;
            default:
                b->data[b->len++] = 'u';
                b->data[b->len++] = '0';
                b->data[b->len++] = '0';
                b->data[b->len++] = hex[c >> 4];
                b->data[b->len++] = hex[c & 15];
            }
            i++;
        } else {
            size_t n = utf8_valid(s + i, len - i);
            if (n == 0) {
                memcpy(b->data + b->len, "\\ufffd", 6);
                b->len += 6;
                i++;
            } else {
                memcpy(b->data + b->len, s + i, n);
                b->len += n;
                i += n;
            }
        }
    }
    fmt_buf_reserve(b, 1);
    b->data[b->len++] = '"';
    b->data[b->len] = '\0';
}

void jb_cstr(FmtBuf *b, const char *s) { jb_str(b, s, strlen(s)); }

/* ---- files replaced atomically ------------------------------------------------ */

enum { TFILE_SLOTS = 8 };
static char *volatile tfile_registry[TFILE_SLOTS];

static int tfile_register(char *tmp) {
    for (int i = 0; i < TFILE_SLOTS; i++) {
        if (!tfile_registry[i]) {
            tfile_registry[i] = tmp;
            return i;
        }
    }
    return -1;
}

static void tfile_unregister(TFile *t) {
    if (t->slot >= 0) tfile_registry[t->slot] = NULL;
    t->slot = -1;
}

static void on_signal(int sig) {
    for (int i = 0; i < TFILE_SLOTS; i++) {
        char *p = tfile_registry[i];
        if (p) unlink(p);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void tfile_cleanup_on_signals(void) {
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

static char *dupstr(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) abort();
    memcpy(p, s, n);
    return p;
}

static void tfile_fail(TFile *t, const char *what, int err) {
    if (!t->failed) snprintf(t->err, sizeof t->err, "cannot %s %s: %s", what, t->path, strerror(err));
    t->failed = true;
    if (t->f) fclose(t->f);
    t->f = NULL;
    if (t->tmp) unlink(t->tmp);
    tfile_unregister(t);
}

/* The directory path is in, into dir: "." for a bare name. */
static void dir_of(const char *path, char *dir, size_t cap) {
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, cap, ".");
    else if (slash == path) snprintf(dir, cap, "/");
    else snprintf(dir, cap, "%.*s", (int)(slash - path), path);
}

/* Removes the PATH.tmp-PID files of processes that died without a chance
 * to remove them (SIGKILL, a power cut): only those whose PID names no
 * process (kill(pid, 0) says ESRCH); a live one's, or this process's, stays. */
static void tfile_remove_stale(const char *path) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t blen = strlen(base);
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (strncmp(name, base, blen) != 0 || strncmp(name + blen, ".tmp-", 5) != 0) continue;
        const char *digits = name + blen + 5;
        size_t nd = strspn(digits, "0123456789");
        if (nd == 0 || nd > 9 || digits[nd] != '\0') continue;
        long pid = strtol(digits, NULL, 10);
        if (pid <= 0 || pid == (long)getpid()) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        char victim[PATH_MAX + NAME_MAX + 2];
        int n = snprintf(victim, sizeof victim, "%s/%s", dir, name);
        if (n > 0 && (size_t)n < sizeof victim) unlink(victim);
    }
    closedir(d);
}

/* Why PATH.tmp-PID could not be created (err), told truthfully: a missing
 * directory as such; otherwise the temporary file beside the target, since
 * that is what failed.  A virtual file system answers ENOENT to a new name
 * in a directory that exists (/proc/version): "No such file or directory"
 * would be false there, so that case is told in words. */
static void tfile_open_error(TFile *t, const char *path, int err) {
    char dir[PATH_MAX];
    dir_of(t->path, dir, sizeof dir);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        snprintf(t->err, sizeof t->err, "cannot write %s: %s", path, strerror(err));
    else if (err == ENOENT)
        snprintf(t->err, sizeof t->err, "cannot write %s: its directory takes no new files (not even the temporary %s)",
                 path, t->tmp);
    else
        snprintf(t->err, sizeof t->err, "cannot write %s: cannot create its temporary file %s: %s", path, t->tmp,
                 strerror(err));
    t->failed = true;
}

bool tfile_open(TFile *t, const char *path) {
    memset(t, 0, sizeof *t);
    t->slot = -1;
    t->path = dupstr(path);
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        /* A symbolic link: replace the file it names, not the link. */
        char *real = realpath(path, NULL);
        if (real) {
            free(t->path);
            t->path = dupstr(real);
            free(real);
        }
    }
    if (stat(t->path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/null, /dev/stdout, a pipe: written in place, never renamed over. */
        t->direct = true;
        t->f = fopen(t->path, "wb");
        if (!t->f) {
            snprintf(t->err, sizeof t->err, "cannot write %s: %s", path, strerror(errno));
            t->failed = true;
            return false;
        }
        return true;
    }
    size_t n = strlen(t->path) + 32;
    t->tmp = malloc(n);
    if (!t->tmp) abort();
    snprintf(t->tmp, n, "%s.tmp-%ld", t->path, (long)getpid());
    tfile_remove_stale(t->path);
    t->f = fopen(t->tmp, "wb");
    if (!t->f) {
        tfile_open_error(t, path, errno);
        return false;
    }
    setvbuf(t->f, NULL, _IOFBF, 1 << 16);
    t->slot = tfile_register(t->tmp);
    return true;
}

bool tfile_write(TFile *t, const char *data, size_t len) {
    if (t->failed || !t->f) return false;
    errno = 0;
    if (len && fwrite(data, 1, len, t->f) != len) {
        tfile_fail(t, "write", errno ? errno : EIO);
        return false;
    }
    return true;
}

bool tfile_commit(TFile *t) {
    if (t->failed || !t->f) return false;
    errno = 0;
    if (fflush(t->f) != 0 || ferror(t->f)) {
        tfile_fail(t, "write", errno ? errno : EIO);
        return false;
    }
    if (!t->direct && fsync(fileno(t->f)) != 0 && errno != EINVAL && errno != EROFS) {
        tfile_fail(t, "write", errno);
        return false;
    }
    FILE *f = t->f;
    t->f = NULL;
    if (fclose(f) != 0) {
        tfile_fail(t, "write", errno ? errno : EIO);
        return false;
    }
    if (!t->direct && rename(t->tmp, t->path) != 0) {
        tfile_fail(t, "rename the trace into", errno);
        return false;
    }
    tfile_unregister(t);
    free(t->tmp);
    free(t->path);
    t->tmp = t->path = NULL;
    return true;
}

void tfile_abort(TFile *t) {
    if (t->f) fclose(t->f);
    t->f = NULL;
    if (t->tmp) unlink(t->tmp);
    tfile_unregister(t);
    free(t->tmp);
    free(t->path);
    t->tmp = t->path = NULL;
}

/* ---- one step ---------------------------------------------------------------- */

void trace_gen_free(TraceGen *g) {
    fmt_buf_free(&g->val);
    vm_inspect_free(&g->insp);
}

static bool is_branch(int kind) {
    switch (kind) {
    case EV_SCHED_PICK:
    case EV_GOREADY:
    case EV_TIMER_FIRE:
    case EV_CLOCK_ADVANCE:
    case EV_RUNQ_OVERFLOW:
    case EV_LOCK:
    case EV_UNLOCK:
    case EV_COPY_STACK_TO_SLOT:
    case EV_COPY_SLOT_TO_STACK:
    case EV_COPY_STACK_TO_STACK:
    case EV_CLEAR_SLOT:
    case EV_ENQUEUE:
    case EV_DEQUEUE:
    case EV_DEQUEUE_STALE:
    case EV_DEQUEUE_SUDOG:
    case EV_SELECT_BEGIN:
    case EV_SELECT_POLLORDER:
    case EV_OUTPUT: return false;
    default: return true;
    }
}

const char *trace_main_event(const Sim *S) {
    for (int32_t i = 0; i < S->log.len; i++)
        if (is_branch(S->log.items[i].kind)) return event_name(S->log.items[i].kind);
    return S->log.len ? event_name(S->log.items[0].kind) : "";
}

GoId trace_actor(const Sim *S, GoId before) {
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].kind == EV_SCHED_PICK) return S->log.items[i].g;
    return before;
}

bool trace_step_happened(const Sim *S, uint64_t steps_before) {
    if (S->steps != steps_before) return true;
    /* The schedule itself ended the run: a deadlock (fatal error). */
    return (S->state == SIM_FATAL || S->state == SIM_PANICKED || S->state == SIM_EXITED) && S->log.len > 0;
}

/* A value of static type t, as fmt's %v prints it. */
void trace_put_value(TraceGen *g, const Sim *S, TypeId t, Value v, FmtBuf *out) {
    if (t == TYPE_INT && v.kind == VK_INT) {
        jb_char(out, '"');
        jb_int(out, v.i);
        jb_char(out, '"');
        return;
    }
    if (t == TYPE_BOOL && v.kind == VK_BOOL) {
        jb_raw(out, v.i ? "\"true\"" : "\"false\"");
        return;
    }
    g->val.len = 0;
    if (t > 0 && t <= S->types.len) {
        FmtArg a = {t, v};
        fmt_print(S, &g->val, &a, 1);
    } else if (v.kind == VK_INT) {
        char tmp[24];
        snprintf(tmp, sizeof tmp, "%lld", (long long)v.i);
        fmt_buf_write(&g->val, tmp, strlen(tmp));
    } else if (v.kind == VK_BOOL) {
        fmt_buf_write(&g->val, v.i ? "true" : "false", v.i ? 4 : 5);
    } else if (v.kind == VK_STRING) {
        int32_t n;
        const char *s = strtab_get(&S->strs, v.ref, &n);
        fmt_buf_write(&g->val, s, (size_t)n);
    } else {
        fmt_buf_write(&g->val, "?", 1);
    }
    jb_str(out, g->val.data ? g->val.data : "", g->val.len);
}

static void key(FmtBuf *out, const char *k) {
    /* keys are plain: no escaping needed */
    jb_raw(out, k);
}

static void put_strid(const Sim *S, StrId id, FmtBuf *out) {
    int32_t n = 0;
    const char *s = (id >= 0 && id < S->strs.spans.len) ? strtab_get(&S->strs, id, &n) : "";
    jb_str(out, s, (size_t)n);
}

static void put_events(TraceGen *g, const Sim *S, FmtBuf *out) {
    jb_char(out, '[');
    for (int32_t i = 0; i < S->log.len; i++) {
        const Event *e = &S->log.items[i];
        if (i) jb_char(out, ',');
        key(out, "{\"kind\":");
        jb_cstr(out, event_name(e->kind));
        key(out, ",\"g\":");
        jb_int(out, e->g);
        key(out, ",\"c\":");
        jb_int(out, e->c);
        key(out, ",\"a\":");
        jb_int(out, e->a);
        key(out, ",\"b\":");
        jb_int(out, e->b);
        if (e->d) {
            key(out, ",\"d\":");
            jb_int(out, e->d);
        }
        if (e->v.kind != VK_NIL) {
            TypeId t = e->c > 0 && e->c <= S->chans.len ? S->chans.items[e->c - 1].elemtype : 0;
            key(out, ",\"value\":");
            trace_put_value(g, S, t, e->v, out);
        }
        jb_char(out, '}');
    }
    jb_char(out, ']');
}

static void put_choices(const Sim *S, int32_t choice0, FmtBuf *out) {
    jb_char(out, '[');
    if (choice0 < 0) choice0 = 0;
    for (int32_t i = choice0; i < S->choices.len; i++) {
        const Choice *c = &S->choices.items[i];
        if (i > choice0) jb_char(out, ',');
        key(out, "{\"kind\":\"");
        key(out, choice_kind_name(c->kind));
        key(out, "\",\"value\":");
        jb_int(out, c->value);
        key(out, ",\"bound\":");
        jb_int(out, c->bound);
        jb_char(out, '}');
    }
    jb_char(out, ']');
}

static void put_p(const Sim *S, FmtBuf *out) {
    key(out, "{\"runnext\":");
    jb_int(out, S->p.runnext);
    key(out, ",\"runq\":[");
    for (int32_t i = 0; i < sched_local_len(S); i++) {
        if (i) jb_char(out, ',');
        jb_int(out, sched_local_at(S, i));
    }
    key(out, "],\"globrunq\":[");
    for (int32_t i = 0; i < sched_global_len(S); i++) {
        if (i) jb_char(out, ',');
        jb_int(out, sched_global_at(S, i));
    }
    key(out, "],\"schedtick\":");
    jb_int(out, S->p.schedtick);
    jb_char(out, '}');
}

static void put_queue(TraceGen *g, const Sim *S, const Chan *ch, WaitQ q, bool send, FmtBuf *out) {
    jb_char(out, '[');
    int32_t n = 0;
    for (SudogId s = q.first; s > 0 && s <= S->sudogs.len && n <= S->sudogs.len; s = S->sudogs.items[s - 1].next) {
        const Sudog *sg = &S->sudogs.items[s - 1];
        if (n++) jb_char(out, ',');
        key(out, "{\"goroutine\":");
        jb_int(out, sg->g);
        if (sg->isSelect) key(out, ",\"select\":1");
        if (send) {
            key(out, ",\"elem\":");
            trace_put_value(g, S, ch->elemtype, sg->elem, out);
        }
        jb_char(out, '}');
    }
    jb_char(out, ']');
}

static void put_channels(TraceGen *g, const Sim *S, FmtBuf *out) {
    jb_char(out, '[');
    for (int32_t i = 0; i < S->chans.len; i++) {
        const Chan *ch = &S->chans.items[i];
        if (i) jb_char(out, ',');
        key(out, "{\"id\":");
        jb_int(out, i + 1);
        key(out, ",\"name\":");
        put_strid(S, ch->name, out);
        key(out, ",\"line\":");
        jb_int(out, ch->line);
        key(out, ",\"elemtype\":");
        jb_cstr(out, ch->elemtype > 0 && ch->elemtype <= S->types.len ? type_name(S, ch->elemtype) : "?");
        key(out, ",\"elemsize\":");
        jb_int(out, ch->elemsize);
        key(out, ",\"qcount\":");
        jb_int(out, ch->qcount);
        key(out, ",\"dataqsiz\":");
        jb_int(out, ch->dataqsiz);
        key(out, ",\"sendx\":");
        jb_int(out, ch->sendx);
        key(out, ",\"recvx\":");
        jb_int(out, ch->recvx);
        key(out, ",\"closed\":");
        jb_int(out, ch->closed ? 1 : 0);
        key(out, ",\"lock\":");
        jb_int(out, ch->lock);
        key(out, ",\"buf\":[");
        for (uint32_t k = 0; k < ch->dataqsiz; k++) {
            int64_t at = (int64_t)ch->buf + k;
            if (k) jb_char(out, ',');
            if (at >= 0 && at < S->slots.len) trace_put_value(g, S, ch->elemtype, S->slots.items[at], out);
            else jb_raw(out, "\"?\"");
        }
        key(out, "],\"sendq\":");
        put_queue(g, S, ch, ch->sendq, true, out);
        key(out, ",\"recvq\":");
        put_queue(g, S, ch, ch->recvq, false, out);
        jb_char(out, '}');
    }
    jb_char(out, ']');
}

static void put_frames(TraceGen *g, const Sim *S, GoId id, FmtBuf *out) {
    int32_t n = vm_inspect(S, id, &g->insp);
    if (n == 0) return;
    key(out, ",\"frames\":[");
    for (int32_t i = 0; i < n; i++) {
        const VmFrameLocals *f = &g->insp.frames.items[i];
        if (i) jb_char(out, ',');
        key(out, "{\"func\":");
        put_strid(S, f->fn, out);
        key(out, ",\"line\":");
        jb_int(out, f->line);
        key(out, ",\"locals\":[");
        for (int32_t k = 0; k < f->n; k++) {
            const VmLocal *l = &g->insp.locals.items[f->first + k];
            if (k) jb_char(out, ',');
            key(out, "{\"name\":");
            put_strid(S, l->name, out);
            key(out, ",\"type\":");
            jb_cstr(out, l->type > 0 && l->type <= S->types.len ? type_name(S, l->type) : "?");
            key(out, ",\"value\":");
            trace_put_value(g, S, l->type, l->value, out);
            jb_char(out, '}');
        }
        key(out, "]}");
    }
    jb_char(out, ']');
}

static void put_goroutines(TraceGen *g, const Sim *S, FmtBuf *out) {
    jb_char(out, '[');
    for (int32_t i = 0; i < S->gs.len; i++) {
        const Goroutine *gp = &S->gs.items[i];
        if (i) jb_char(out, ',');
        key(out, "{\"id\":");
        jb_int(out, gp->id);
        key(out, ",\"name\":");
        put_strid(S, gp->fn, out);
        key(out, ",\"status\":");
        jb_cstr(out, gstatus_string(gp->status));
        key(out, ",\"waitreason\":");
        jb_cstr(out, gp->status == GS_WAITING ? wait_reason_string(gp->waitreason) : "");
        key(out, ",\"line\":");
        jb_int(out, gp->line);
        if (g->prog && gp->status != GS_DEAD) put_frames(g, S, gp->id, out);
        jb_char(out, '}');
    }
    jb_char(out, ']');
}

void trace_step_json(TraceGen *g, const Sim *S, uint64_t index, GoId actor, int32_t choice0, FmtBuf *out) {
    key(out, "{\"index\":");
    jb_int(out, (int64_t)index);
    key(out, ",\"goroutine\":");
    jb_int(out, actor);
    key(out, ",\"line\":");
    jb_int(out, S->step_line ? S->step_line : actor > 0 && actor <= S->gs.len ? S->gs.items[actor - 1].line : 0);
    key(out, ",\"event\":");
    jb_cstr(out, trace_main_event(S));
    key(out, ",\"output\":");
    jb_str(out, S->output.items ? S->output.items : "", (size_t)S->output.len);
    key(out, ",\"events\":");
    put_events(g, S, out);
    key(out, ",\"choices\":");
    put_choices(S, choice0, out);
    key(out, ",\"clock\":");
    jb_int(out, S->now);
    key(out, ",\"p\":");
    put_p(S, out);
    key(out, ",\"channels\":");
    put_channels(g, S, out);
    key(out, ",\"goroutines\":");
    put_goroutines(g, S, out);
    jb_char(out, '}');
}

/* ---- the writer ---------------------------------------------------------------- */

enum { FLUSH_AT = 1 << 16 };

static bool flush(TraceWriter *w) {
    bool ok = tfile_write(&w->out, w->buf.data, w->buf.len);
    w->buf.len = 0;
    return ok;
}

bool trace_writer_open(TraceWriter *w, const char *path, const TraceHeader *h, const Program *prog) {
    memset(w, 0, sizeof *w);
    w->gen.prog = prog;
    if (!tfile_open(&w->out, path)) return false;
    FmtBuf *b = &w->buf;
    key(b, "{\"format\":\"" TRACE_FORMAT "\",\"version\":");
    jb_int(b, TRACE_VERSION);
    key(b, ",\n\"program\":{\"file\":");
    jb_cstr(b, h->file ? h->file : "");
    key(b, ",\"path\":");
    jb_cstr(b, h->path ? h->path : "");
    key(b, ",\"source\":");
    jb_str(b, h->source ? h->source : "", h->source ? h->source_len : 0);
    key(b, "},\n\"options\":{\"sched\":");
    jb_cstr(b, h->sched ? h->sched : "go");
    key(b, ",\"seed\":");
    /* JSON numbers are doubles to most readers: keep them exact (below 2^53). */
    jb_int(b, (int64_t)(h->seed & ((1ULL << 53) - 1)));
    key(b, ",\"max_steps\":");
    jb_int(b, (int64_t)(h->max_steps > (1ULL << 53) ? (1ULL << 53) : h->max_steps));
    if (h->max_memory > 0) {
        key(b, ",\"max_memory\":");
        jb_int(b, h->max_memory);
    }
    if (h->preemptive) key(b, ",\"preemptive\":true");
    if (h->lang > 0) {
        char v[16];
        snprintf(v, sizeof v, "go1.%d", h->lang);
        key(b, ",\"lang\":");
        jb_cstr(b, v);
    }
    key(b, "},\n\"steps\":[");
    return flush(w);
}


bool trace_writer_step(TraceWriter *w, const Sim *S, GoId actor, int32_t choice0) {
    if (w->out.failed) return false;
    jb_raw(&w->buf, w->steps ? ",\n" : "\n");
    w->steps++;
    trace_step_json(&w->gen, S, w->steps, actor, choice0, &w->buf);
    if (w->buf.len >= FLUSH_AT) return flush(w);
    return true;
}

bool trace_writer_close(TraceWriter *w, int exit_code, const char *stderr_text, size_t stderr_len) {
    bool ok = !w->out.failed;
    if (ok) {
        key(&w->buf, "\n],\n\"result\":{\"exit\":");
        jb_int(&w->buf, exit_code);
        key(&w->buf, ",\"stderr\":");
        jb_str(&w->buf, stderr_text ? stderr_text : "", stderr_text ? stderr_len : 0);
        key(&w->buf, "}}\n");
        ok = flush(w) && tfile_commit(&w->out);
    }
    if (!ok) tfile_abort(&w->out);
    fmt_buf_free(&w->buf);
    trace_gen_free(&w->gen);
    return ok;
}

void trace_writer_abort(TraceWriter *w) {
    tfile_abort(&w->out);
    fmt_buf_free(&w->buf);
    trace_gen_free(&w->gen);
}
