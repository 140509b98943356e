/* lesson.c: a lesson's header, narration and directives, read from its
 * comments, and the pinned schedule applied to a Sim.  See lesson.h and
 * docs/lessons.md for the format.
 *
 * The comments come from the Go lexer (go/lexer.h), which already tells
 * narration ("//>", "//>zh") and directives ("//hchanviz:") from plain
 * comments and never mistakes a "//" inside a string for one.  The lexer's
 * tokens tell which lines hold code, so a comment is "at the end of a line"
 * when its line has a token, and "on its own line" otherwise. */
#define _DEFAULT_SOURCE /* realpath, readlink */
#include "lesson.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "go/compile.h"
#include "go/lexer.h"
#include "event.h"
#include "snapshot.h"
#include "vm.h"

/* ---- small strings ---------------------------------------------------------- */

typedef struct Str {
    char *s;
    size_t len, cap;
    bool oom;
} Str;

static void str_add(Str *b, const char *p, size_t n) {
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->oom = true;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static char *dup_n(const char *p, size_t n) {
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Appends one narration or header piece to *dst: pieces are joined by a
 * blank (none where both sides are non-ASCII, so lines of Chinese run
 * together); an empty piece is a paragraph break ("\n"). */
static bool join_piece(char **dst, const char *p, size_t n) {
    while (n && is_blank(p[n - 1])) n--;
    while (n && is_blank(*p)) p++, n--;
    Str b = {0};
    size_t old = *dst ? strlen(*dst) : 0;
    if (old) str_add(&b, *dst, old);
    if (n == 0) {
        if (old && b.s[b.len - 1] != '\n') str_add(&b, "\n", 1);
    } else {
        /* Lines of Chinese join without a blank: none where both sides are non-ASCII. */
        if (old && b.s[b.len - 1] != '\n' && ((unsigned char)b.s[b.len - 1] < 0x80 || (unsigned char)p[0] < 0x80))
            str_add(&b, " ", 1);
        str_add(&b, p, n);
    }
    if (b.oom) {
        free(b.s);
        return false;
    }
    if (!b.s) return true; /* nothing yet, nothing added */
    free(*dst);
    *dst = b.s;
    return true;
}

/* ---- parsing ----------------------------------------------------------------- */

typedef struct Parser {
    Lesson *L;
    Diag *d;
    const char *file;
    const char *src;
    size_t len;
    uint8_t *code;       /* code[line]: the line holds a token */
    int32_t nlines;
    bool failed;
} Parser;

static bool failf(Parser *P, Pos at, int32_t delta, const char *fmt, ...) DIAG_PRINTF(4, 5);
static bool failf(Parser *P, Pos at, int32_t delta, const char *fmt, ...) {
    if (P->failed) return false;
    P->failed = true;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_report(P->d, P->file, P->src, P->len, at.offset + (uint32_t)delta, at.line, at.col + delta, "%s", msg);
    return false;
}

static bool oom(Parser *P, Pos at) { return failf(P, at, 0, "out of memory reading the lesson"); }

static bool line_has_code(const Parser *P, int32_t line) { return line >= 1 && line <= P->nlines && P->code[line]; }

/* The first line after `line` that holds code, 0 if none. */
static int32_t next_code_line(const Parser *P, int32_t line) {
    for (int32_t l = line + 1; l <= P->nlines; l++)
        if (P->code[l]) return l;
    return 0;
}

/* ---- the header ---- */

typedef struct HeaderField {
    const char *key;
    size_t off; /* offsetof the char * in Lesson */
    bool required;
} HeaderField;

static const HeaderField fields[] = {
    {"Title", offsetof(Lesson, title_en), true},
    {"Title-zh", offsetof(Lesson, title_zh), true},
    {"Teaches", offsetof(Lesson, teaches_en), true},
    {"Teaches-zh", offsetof(Lesson, teaches_zh), true},
    {"Predict", offsetof(Lesson, predict_en), true},
    {"Predict-zh", offsetof(Lesson, predict_zh), true},
    {"Outcome", offsetof(Lesson, outcome), true},
    {"Source", offsetof(Lesson, source), false},
    {"Goal", offsetof(Lesson, goal_en), false},
    {"Goal-zh", offsetof(Lesson, goal_zh), false},
    {"Goal-outcome", offsetof(Lesson, goal_outcome), false},
};
enum { NFIELDS = sizeof fields / sizeof fields[0] };

static char **field_slot(Lesson *L, int i) { return (char **)((char *)L + fields[i].off); }

/* Body of a plain line comment after "//" and one blank. */
static void header_body(const Comment *c, const char **p, size_t *n) {
    *p = c->text + 2;
    *n = c->len - 2;
    if (*n && **p == ' ') (*p)++, (*n)--;
}

/* The header: the comments on lines 1, 2, 3, ... up to the first line that is
 * not a whole-line comment.  It is a lesson header if its first comment is a
 * plain `// Title:` line. */
static bool parse_header(Parser *P, const Comment *cs, size_t nc) {
    Lesson *L = P->L;
    if (nc == 0 || cs[0].block || cs[0].pos.line != 1 || cs[0].kind != COMMENT_PLAIN) return true;
    const char *p;
    size_t n;
    header_body(&cs[0], &p, &n);
    if (!(n >= 6 && strncasecmp(p, "Title:", 6) == 0)) return true;
    L->has_header = true;
    int cur = -1; /* field being continued */
    int32_t line = 1;
    for (size_t i = 0; i < nc && cs[i].pos.line == line && !cs[i].block && !line_has_code(P, line); i++, line++) {
        const Comment *c = &cs[i];
        if (c->kind != COMMENT_PLAIN) {
            cur = -1; /* a directive or narration inside the header ends a field */
            continue;
        }
        header_body(c, &p, &n);
        int32_t delta = (int32_t)(p - c->text);
        size_t k = 0;
        while (k < n && is_blank(p[k])) k++;
        if (k == n) continue; /* an empty `//` line */
        if (k >= 1 && (k >= 2 || p[0] == '\t')) {
            if (cur < 0)
                return failf(P, c->pos, delta, "header: an indented line continues a field, but no field precedes it");
            if (!join_piece(field_slot(L, cur), p, n)) return oom(P, c->pos);
            continue;
        }
        size_t kl = 0;
        while (kl < n && (isalpha((unsigned char)p[kl]) || p[kl] == '-')) kl++;
        if (kl == 0 || kl >= n || p[kl] != ':')
            return failf(P, c->pos, delta,
                         "header: want a field \"Key: text\" or a continuation line indented by two blanks");
        int f = -1;
        for (int j = 0; j < NFIELDS; j++)
            if (strlen(fields[j].key) == kl && strncasecmp(fields[j].key, p, kl) == 0) f = j;
        if (f < 0)
            return failf(P, c->pos, delta,
                         "header: unknown field \"%.*s\" (known: Title, Title-zh, Teaches, Teaches-zh, Predict, "
                         "Predict-zh, Outcome, Source, Goal, Goal-zh, Goal-outcome)",
                         (int)kl, p);
        if (*field_slot(L, f)) return failf(P, c->pos, delta, "header: field %s given twice", fields[f].key);
        const char *v = p + kl + 1;
        size_t vn = n - kl - 1;
        while (vn && is_blank(*v)) v++, vn--;
        if (vn == 0) return failf(P, c->pos, delta, "header: field %s is empty", fields[f].key);
        if (!join_piece(field_slot(L, f), v, vn)) return oom(P, c->pos);
        cur = f;
    }
    return true;
}

/* "exit 0", or the shape of the first line Go prints on stderr. */
static bool outcome_ok(const char *o) {
    return strcmp(o, "exit 0") == 0 || strncmp(o, "panic: ", 7) == 0 || strncmp(o, "fatal error: ", 13) == 0;
}

static bool check_header(Parser *P) {
    Lesson *L = P->L;
    Pos top = {1, 1, 0};
    if (!L->has_header) return failf(P, top, 0, "a lesson starts with a header comment on line 1: // Title: ...");
    char missing[256] = "";
    for (int j = 0; j < NFIELDS; j++) {
        if (!fields[j].required || *field_slot(L, j)) continue;
        size_t m = strlen(missing);
        snprintf(missing + m, sizeof missing - m, "%s%s", m ? ", " : "", fields[j].key);
    }
    if (missing[0]) return failf(P, top, 0, "header: missing field(s): %s", missing);
    if (!outcome_ok(L->outcome))
        return failf(P, top, 0,
                     "header: Outcome must be \"exit 0\" or the first line Go prints on stderr "
                     "(\"panic: ...\" or \"fatal error: ...\"), got \"%s\"",
                     L->outcome);
    /* The scheduling game: a goal is text in both languages and the end it asks for. */
    if (L->goal_en || L->goal_zh || L->goal_outcome) {
        if (!L->goal_en) return failf(P, top, 0, "header: Goal-zh or Goal-outcome without Goal");
        if (!L->goal_zh) return failf(P, top, 0, "header: Goal without Goal-zh (a goal is shown in both languages)");
        if (!L->goal_outcome)
            return failf(P, top, 0,
                         "header: Goal without Goal-outcome (the first stderr line the run must end with, or exit 0)");
        if (!outcome_ok(L->goal_outcome))
            return failf(P, top, 0,
                         "header: Goal-outcome must be \"exit 0\" or the first line Go prints on stderr "
                         "(\"panic: ...\" or \"fatal error: ...\"), got \"%s\"",
                         L->goal_outcome);
    }
    return true;
}

/* ---- narration ---- */

typedef VEC(LessonNote) NoteVec;

/* `@name` at the start of a narration body: the event kind it names (its
 * EventKind, via event_kind_from_name), with p and n moved past it and its
 * blank.  Returns -1 and leaves p and n alone when the body does not start with
 * '@'; -2 (after reporting it) for an unknown or missing name. */
static int take_event(Parser *P, const Comment *c, const char **p, size_t *n) {
    const char *b = *p;
    size_t len = *n;
    size_t i = 0;
    while (i < len && is_blank(b[i])) i++;
    if (i == len || b[i] != '@') return -1;
    size_t s = i + 1, e = s;
    while (e < len && !is_blank(b[e])) e++;
    int32_t delta = (int32_t)(b + i - c->text);
    char name[64];
    if (e == s) {
        failf(P, c->pos, delta, "narration: '@' must be followed by an event name, such as @chansend.park");
        return -2;
    }
    int kind = -1;
    if (e - s < sizeof name) {
        memcpy(name, b + s, e - s);
        name[e - s] = '\0';
        kind = event_kind_from_name(name);
    }
    if (kind < 0) {
        failf(P, c->pos, delta,
              "narration: unknown event @%.*s (an event name of sim/event.h, such as @chansend.park or "
              "@chanrecv.direct)",
              (int)(e - s), b + s);
        return -2;
    }
    *p = b + e;
    *n = len - e;
    return kind;
}

/* The note of (target, event), made if new.  Comments come in source order
 * and attach to their own line or a later one, so targets never decrease:
 * the notes of `target` are at the end of the vector. */
static LessonNote *note_for(NoteVec *notes, int32_t target, int32_t event, const Comment *c) {
    for (int32_t i = notes->len - 1; i >= 0 && notes->items[i].line == target; i--)
        if (notes->items[i].event == event) return &notes->items[i];
    LessonNote fresh = {target, NULL, NULL, c->pos.col, c->pos.line, event};
    VEC_PUSH(*notes, fresh);
    return &notes->items[notes->len - 1];
}

/* Appends a piece to a note's text; an empty first piece keeps "" so that
 * the pairing check sees the language. */
static bool note_add(Parser *P, const Comment *c, char **dst, const char *p, size_t n) {
    if (!join_piece(dst, p, n)) return oom(P, c->pos);
    if (!*dst && !(*dst = dup_n("", 0))) return oom(P, c->pos);
    return true;
}

/* The narration comment seen last, for continuing an event's note on the
 * next line. */
typedef struct PrevNarration {
    int32_t line;   /* 0: none */
    int kind;       /* CommentKind */
    int32_t target;
    int32_t event;
    bool own_line;
} PrevNarration;

static bool add_narration(Parser *P, const Comment *c, NoteVec *notes, PrevNarration *prev) {
    int32_t line = c->pos.line;
    /* "//>zh中文" (no blank) would silently be English narration. */
    if (c->kind == COMMENT_NARRATION && c->len >= 5 && memcmp(c->text, "//>zh", 5) == 0)
        return failf(P, c->pos, 0, "write //>zh with a blank before the Chinese text");
    bool own_line = !line_has_code(P, line);
    int32_t target = own_line ? next_code_line(P, line) : line;
    if (target == 0) return failf(P, c->pos, 0, "narration after the last line of code explains nothing");
    const char *body = c->body;
    size_t blen = c->body_len;
    /* "//> English //>zh 中文" in one comment: split at the " //>zh ". */
    const char *zh = NULL;
    size_t zlen = 0;
    if (c->kind == COMMENT_NARRATION) {
        for (size_t i = 0; i + 5 <= blen; i++) {
            if (memcmp(body + i, "//>zh", 5) != 0) continue;
            if (i > 0 && !is_blank(body[i - 1])) continue;
            if (i + 5 < blen && !is_blank(body[i + 5])) continue;
            zh = body + i + 5;
            zlen = blen - i - 5;
            blen = i;
            break;
        }
    }
    int ev = take_event(P, c, &body, &blen);
    if (ev == -2) return false;
    /* A piece without '@' on the line right after a piece of the same
     * language with one, both alone on their lines, continues that note. */
    if (ev < 0 && own_line && prev->line == line - 1 && prev->own_line && prev->kind == (int)c->kind &&
        prev->target == target)
        ev = prev->event;
    LessonNote *n = note_for(notes, target, ev, c);
    if (!note_add(P, c, c->kind == COMMENT_NARRATION_ZH ? &n->zh : &n->en, body, blen)) return false;
    if (zh) {
        /* The Chinese half names its own event, or takes the English half's. */
        int zev = take_event(P, c, &zh, &zlen);
        if (zev == -2) return false;
        if (zev < 0) zev = ev;
        LessonNote *z = note_for(notes, target, zev, c);
        if (!note_add(P, c, &z->zh, zh, zlen)) return false;
    }
    *prev = (PrevNarration){line, (int)c->kind, target, ev, own_line};
    return true;
}

static int cmp_note(const void *a, const void *b) {
    const LessonNote *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return (x->event > y->event) - (x->event < y->event);
}

static bool check_narration(Parser *P) {
    Lesson *L = P->L;
    for (int32_t i = 0; i < L->nnotes; i++) {
        const LessonNote *n = &L->notes[i];
        Pos at = {n->from, n->col, 0};
        /* offset of that comment: recomputed from line/col */
        const char *s = P->src;
        int32_t l = 1;
        size_t off = 0;
        while (off < P->len && l < n->from) {
            if (s[off] == '\n') l++;
            off++;
        }
        at.offset = (uint32_t)(off + (size_t)(n->col - 1));
        char for_ev[80] = "";
        if (n->event >= 0) snprintf(for_ev, sizeof for_ev, " for @%s", event_name(n->event));
        if (!n->en || !n->en[0])
            return failf(P, at, 0, "line %d has Chinese narration (//>zh) but no English (//>)%s", n->line, for_ev);
        if (!n->zh || !n->zh[0])
            return failf(P, at, 0, "line %d has English narration (//>) but no Chinese (//>zh)%s", n->line, for_ev);
    }
    return true;
}

/* ---- directives ---- */

static bool parse_u64_n(const char *p, size_t n, uint64_t *out) {
    if (n == 0 || n > 20) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)p[i])) return false;
        uint64_t d = (uint64_t)(p[i] - '0');
        if (v > (UINT64_MAX - d) / 10) return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* `schedule ARGS`: ARGS is `random:SEED`, or picks `G<n>` / `go`, each
 * optionally repeated with `*COUNT`. */
static bool parse_schedule(Parser *P, const Comment *c, const char *args, size_t n) {
    Lesson *L = P->L;
    if (L->sched_kind != LESSON_SCHED_NONE)
        return failf(P, c->pos, 0, "a second //hchanviz:schedule (the first is on line %d)", L->sched_line);
    L->sched_line = c->pos.line;
    L->sched_col = c->pos.col;
    L->sched_offset = c->pos.offset;
    VEC(GoId) picks = {0};
    size_t i = 0;
    int ntok = 0;
    while (i < n) {
        while (i < n && is_blank(args[i])) i++;
        if (i == n) break;
        size_t s = i;
        while (i < n && !is_blank(args[i])) i++;
        const char *t = args + s;
        size_t tl = i - s;
        int32_t delta = (int32_t)(t - c->text);
        ntok++;
        if (tl > 7 && strncmp(t, "random:", 7) == 0) {
            uint64_t seed;
            if (!parse_u64_n(t + 7, tl - 7, &seed)) {
                VEC_FREE(picks);
                return failf(P, c->pos, delta + 7, "schedule: random:SEED needs a decimal seed, got \"%.*s\"",
                             (int)(tl - 7), t + 7);
            }
            size_t j = i;
            while (j < n && is_blank(args[j])) j++;
            if (ntok != 1 || j != n) {
                VEC_FREE(picks);
                return failf(P, c->pos, delta, "schedule: random:SEED stands alone (no picks with it)");
            }
            L->sched_kind = LESSON_SCHED_RANDOM;
            L->seed = seed;
            return true;
        }
        /* PICK[*COUNT] */
        size_t star = 0;
        while (star < tl && t[star] != '*') star++;
        uint64_t count = 1;
        if (star < tl && (!parse_u64_n(t + star + 1, tl - star - 1, &count) || count == 0)) {
            VEC_FREE(picks);
            return failf(P, c->pos, delta + (int32_t)star + 1, "schedule: after '*' comes a repeat count >= 1");
        }
        GoId g;
        uint64_t id;
        if (star == 2 && strncmp(t, "go", 2) == 0) {
            g = 0;
        } else if (star >= 2 && t[0] == 'G' && parse_u64_n(t + 1, star - 1, &id) && id >= 1 && id <= INT32_MAX) {
            g = (GoId)id;
        } else {
            VEC_FREE(picks);
            return failf(P, c->pos, delta,
                         "schedule: bad pick \"%.*s\": want G<n> (goroutine n; main is G1), go (Go's own pick), "
                         "either with *COUNT, or random:SEED alone",
                         (int)star, t);
        }
        if (count > LESSON_MAX_PICKS || (uint64_t)picks.len + count > LESSON_MAX_PICKS) {
            VEC_FREE(picks);
            return failf(P, c->pos, delta, "schedule: more than %d picks", LESSON_MAX_PICKS);
        }
        for (uint64_t k = 0; k < count; k++) VEC_PUSH(picks, g);
    }
    if (picks.len == 0)
        return failf(P, c->pos, 0,
                     "schedule: no picks (write //hchanviz:schedule G1 G2 ... or //hchanviz:schedule random:SEED)");
    L->sched_kind = LESSON_SCHED_PICKS;
    L->picks = picks.items;
    L->npicks = picks.len;
    return true;
}

static bool parse_directive(Parser *P, const Comment *c) {
    if (line_has_code(P, c->pos.line))
        return failf(P, c->pos, 0, "a //hchanviz: directive goes on its own line, not after code");
    const char *b = c->body;
    size_t n = c->body_len;
    size_t v = 0;
    while (v < n && (islower((unsigned char)b[v]) || b[v] == '-')) v++;
    int32_t delta = (int32_t)(b - c->text);
    if (v == 0) return failf(P, c->pos, delta, "//hchanviz: must be followed by a directive name, such as schedule");
    if (v < n && !is_blank(b[v]))
        return failf(P, c->pos, delta + (int32_t)v, "a blank must separate the directive name from its arguments");
    if (v == 8 && strncmp(b, "schedule", 8) == 0) return parse_schedule(P, c, b + v, n - v);
    return failf(P, c->pos, delta, "unknown directive //hchanviz:%.*s (known: schedule)", (int)v, b);
}

/* "// hchanviz:..." or "//  hchanviz:" is almost certainly a directive with a
 * stray blank, which Go and hchanviz would both silently ignore. */
static bool check_plain(Parser *P, const Comment *c) {
    if (c->block || c->len < 3) return true;
    const char *p = c->text + 2;
    size_t n = c->len - 2, k = 0;
    while (k < n && is_blank(p[k])) k++;
    if (k > 0 && n - k >= 9 && strncmp(p + k, "hchanviz:", 9) == 0)
        return failf(P, c->pos, 0, "not a directive: write //hchanviz:VERB with no blank after the slashes");
    return true;
}

static void lesson_clear(Lesson *L) {
    free(L->file);
    free(L->src);
    for (int j = 0; j < NFIELDS; j++) free(*field_slot(L, j));
    for (int32_t i = 0; i < L->nnotes; i++) {
        free(L->notes[i].en);
        free(L->notes[i].zh);
    }
    free(L->notes);
    free(L->picks);
    memset(L, 0, sizeof *L);
}

void lesson_free(Lesson *L) {
    if (L) lesson_clear(L);
}

bool lesson_parse(Lesson *L, const char *filename, const char *src, size_t len, unsigned flags, Diag *d) {
    memset(L, 0, sizeof *L);
    Pos top = {1, 1, 0};
    Parser P = {L, d, filename ? filename : "<input>", NULL, len, NULL, 0, false};
    L->file = dup_n(P.file, strlen(P.file));
    L->src = dup_n(src ? src : "", src ? len : 0);
    if (!L->file || !L->src) {
        P.src = "";
        P.len = 0;
        oom(&P, top);
        lesson_clear(L);
        return false;
    }
    if (!src) len = 0;
    L->len = len;
    P.src = L->src;
    P.len = len;
    if (len > ((size_t)1 << 30)) {
        failf(&P, top, 0, "file too large for a lesson (limit 1 GiB)");
        lesson_clear(L);
        return false;
    }
    P.file = L->file;
    /* Lines, then which of them hold code. */
    int32_t nlines = 1;
    for (size_t i = 0; i < len; i++)
        if (L->src[i] == '\n') nlines++;
    P.nlines = nlines;
    P.code = calloc((size_t)nlines + 2, 1);
    if (!P.code) {
        oom(&P, top);
        lesson_clear(L);
        return false;
    }
    Lexer lx;
    lexer_init(&lx, P.file, L->src, len, NULL);
    for (;;) {
        Token t = lexer_next(&lx);
        if (t.kind == TK_EOF) break;
        if (t.len == 0) continue; /* an inserted semicolon */
        /* A token spanning lines (a raw string) marks its first line. */
        if (t.pos.line >= 1 && t.pos.line <= nlines) P.code[t.pos.line] = 1;
    }
    bool ok = !lx.comments_oom || oom(&P, top);
    const Comment *cs = lx.comments;
    size_t nc = lx.ncomments;
    NoteVec notes = {0};
    PrevNarration prev = {0};
    if (ok) ok = parse_header(&P, cs, nc);
    for (size_t i = 0; ok && i < nc; i++) {
        const Comment *c = &cs[i];
        switch (c->kind) {
        case COMMENT_DIRECTIVE: ok = parse_directive(&P, c); break;
        case COMMENT_NARRATION:
        case COMMENT_NARRATION_ZH: ok = add_narration(&P, c, &notes, &prev); break;
        default: ok = check_plain(&P, c); break;
        }
    }
    /* Targets never decrease, so only a line's own notes need ordering by event. */
    if (notes.len > 1) qsort(notes.items, (size_t)notes.len, sizeof *notes.items, cmp_note);
    L->notes = notes.items;
    L->nnotes = notes.len;
    bool strict = L->has_header || (flags & LESSON_REQUIRE_HEADER);
    if (ok && strict) ok = check_header(&P) && check_narration(&P);
    lexer_free(&lx);
    free(P.code);
    if (!ok) lesson_clear(L);
    return ok;
}

const LessonNote *lesson_notes_of(const Lesson *L, int32_t line, int32_t *n) {
    *n = 0;
    int32_t lo = 0, hi = L->nnotes; /* first note with .line >= line */
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (L->notes[mid].line < line) lo = mid + 1;
        else hi = mid;
    }
    int32_t k = lo;
    while (k < L->nnotes && L->notes[k].line == line) k++;
    *n = k - lo;
    return *n ? &L->notes[lo] : NULL;
}

const LessonNote *lesson_note_for(const Lesson *L, int32_t line, int event) {
    int32_t n;
    const LessonNote *first = lesson_notes_of(L, line, &n);
    for (int32_t i = 0; i < n; i++)
        if (first[i].event == event) return &first[i];
    return NULL;
}

const LessonNote *lesson_note(const Lesson *L, int32_t line) { return lesson_note_for(L, line, -1); }

/* ---- applying a schedule ------------------------------------------------------ */

/* Steps the dry run may take to reach the last pick. */
enum { DRY_RUN_MAX_STEPS = 2000000 };

static bool sched_fail(const Lesson *L, Diag *d, const char *fmt, ...) DIAG_PRINTF(3, 4);
static bool sched_fail(const Lesson *L, Diag *d, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_report(d, L->file, L->src, L->len, L->sched_offset, L->sched_line, L->sched_col, "%s", msg);
    return false;
}

static const char *ended_how(const Sim *S) {
    switch (S->state) {
    case SIM_EXITED: return "exited";
    case SIM_PANICKED: return "panicked";
    case SIM_FATAL: return "stopped with a fatal error";
    case SIM_STEP_LIMIT: return "hit the step limit";
    default: return "stopped";
    }
}

static int32_t run_choices(const Sim *S) {
    int32_t n = 0;
    for (int32_t i = 0; i < S->choices.len; i++)
        if (S->choices.items[i].kind == CHOICE_RUN) n++;
    return n;
}

bool lesson_apply(const Lesson *L, Sim *S, Diag *d) {
    if (L->sched_kind == LESSON_SCHED_NONE) return true;
    if (L->sched_kind == LESSON_SCHED_RANDOM) {
        S->policy = SCHED_RANDOM;
        S->rng = L->seed;
        return true;
    }
    /* Dry run on S itself, from a snapshot we come back to. */
    Snapshot *start = snapshot_take(S);
    bool logging = S->logging;
    S->logging = false;
    bool ok = true;
    int32_t k = 0; /* picks made */
    uint64_t steps = 0;
    char why[400] = "";
    while (k < L->npicks) {
        if (S->state != SIM_RUNNING) {
            snprintf(why, sizeof why,
                     "schedule: the program %s after %d scheduling decision(s), but the schedule has %d picks",
                     ended_how(S), k, L->npicks);
            ok = false;
            break;
        }
        if (steps++ >= DRY_RUN_MAX_STEPS) {
            snprintf(why, sizeof why, "schedule: %d steps without reaching decision %d of %d", DRY_RUN_MAX_STEPS, k + 1,
                     L->npicks);
            ok = false;
            break;
        }
        GoId want = L->picks[k];
        if (S->curg == 0) S->policy = want ? SCHED_MANUAL : SCHED_GO;
        int32_t before = run_choices(S);
        if (S->curg == 0 && want) S->chosen = want; /* sim_choose checks it below, after timers fire */
        int st = sim_step(S);
        if (st == SIM_NEED_CHOICE) {
            if (!sim_choose(S, want)) {
                GoId r[16];
                int32_t nr = sim_runnable(S, r, 16);
                char list[160] = "";
                for (int32_t i = 0; i < nr && i < 16; i++) {
                    size_t m = strlen(list);
                    snprintf(list + m, sizeof list - m, "%sG%d", i ? " " : "", r[i]);
                }
                snprintf(why, sizeof why,
                         "schedule: pick %d is G%d, which is not runnable at scheduling decision %d "
                         "(runnable then: %s)",
                         k + 1, want, k + 1, list);
                ok = false;
                break;
            }
            sim_step(S);
        }
        if (run_choices(S) > before) k++;
        S->chosen = 0;
    }
    ChoiceVec rec = {0};
    if (ok) VEC_COPY(rec, S->choices);
    snapshot_restore(S, start);
    snapshot_free(start);
    S->logging = logging;
    if (!ok) {
        VEC_FREE(rec);
        return sched_fail(L, d, "%s", why);
    }
    VEC_FREE(S->replay);
    S->replay = rec;
    S->replay_pos = 0;
    S->policy = SCHED_REPLAY;
    return true;
}

bool lesson_prepare(Sim *S, const char *filename, const char *src, size_t len, FILE *err) {
    Lesson L;
    Diag d;
    diag_init(&d);
    bool ok = lesson_parse(&L, filename, src, len, 0, &d) && lesson_apply(&L, S, &d);
    if (!ok) {
        char *msg = diag_format(&d);
        fputs(msg ? msg : "hchanviz: out of memory\n", err);
        free(msg);
    }
    lesson_free(&L);
    diag_free(&d);
    return ok;
}

/* ---- the curriculum directory ---------------------------------------------------- */

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool lesson_dir(const char *dir, const char *argv0, char *out, size_t n) {
    (void)argv0;
    if (dir) {
        snprintf(out, n, "%s", dir);
        return is_dir(out);
    }
    const char *env = getenv("HCHANVIZ_LESSONS");
    if (env && *env) {
        snprintf(out, n, "%s", env);
        return is_dir(out);
    }
    if (is_dir("lessons")) {
        snprintf(out, n, "lessons");
        return true;
    }
    /* Next to the executable: <exe dir>/../lessons (build/hchanviz -> lessons/). */
    char exe[PATH_MAX];
    ssize_t m = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (m > 0) {
        exe[m] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[PATH_MAX + 16];
            snprintf(cand, sizeof cand, "%s/../lessons", exe);
            char real[PATH_MAX];
            if (realpath(cand, real) && is_dir(real)) {
                snprintf(out, n, "%s", real);
                return true;
            }
        }
    }
    return false;
}

static bool is_lesson_name(const char *s) {
    size_t n = strlen(s);
    return n > 6 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == '-' &&
           strcmp(s + n - 3, ".go") == 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int lesson_files(const char *dir, char ***paths) {
    *paths = NULL;
    DIR *dh = opendir(dir);
    if (!dh) return -1;
    VEC(char *) v = {0};
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (!is_lesson_name(e->d_name)) continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p) continue;
        snprintf(p, n, "%s/%s", dir, e->d_name);
        VEC_PUSH(v, p);
    }
    closedir(dh);
    if (v.len) qsort(v.items, (size_t)v.len, sizeof *v.items, cmp_str);
    *paths = v.items;
    return v.len;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Str b = {0};
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) str_add(&b, buf, got);
    bool bad = ferror(f) || b.oom;
    fclose(f);
    if (bad) {
        free(b.s);
        return NULL;
    }
    if (!b.s) b.s = dup_n("", 0);
    *len = b.len;
    return b.s;
}

/* One line of src (1-based), without its newline. */
static void src_line(const Lesson *L, int32_t line, const char **p, size_t *n) {
    const char *s = L->src, *end = L->src + L->len;
    for (int32_t l = 1; l < line && s < end; s++)
        if (*s == '\n') l++;
    const char *e = s;
    while (e < end && *e != '\n') e++;
    while (s < e && (*s == '\t' || *s == ' ')) s++;
    *p = s;
    *n = (size_t)(e - s);
}

/* `hchanviz lessons FILE.go`: the header, then every narrated line with its narration. */
static int show_lesson(const char *path, FILE *out, FILE *err) {
    size_t len;
    char *src = slurp(path, &len);
    if (!src) {
        fprintf(err, "hchanviz: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    Lesson L;
    Diag d;
    diag_init(&d);
    bool ok = lesson_parse(&L, path, src, len, LESSON_REQUIRE_HEADER, &d);
    free(src);
    if (!ok) {
        char *msg = diag_format(&d);
        fputs(msg ? msg : "hchanviz: out of memory\n", err);
        free(msg);
        diag_free(&d);
        return 1;
    }
    diag_free(&d);
    fprintf(out, "%s\n%s\n\nTeaches: %s\n\n%s\n\nPredict: %s\n\n%s\n\nOutcome: %s\n", L.title_en, L.title_zh,
            L.teaches_en, L.teaches_zh, L.predict_en, L.predict_zh, L.outcome);
    if (L.source) fprintf(out, "Source: %s\n", L.source);
    if (L.goal_en) fprintf(out, "Goal: %s\nGoal-zh: %s\nGoal-outcome: %s\n", L.goal_en, L.goal_zh, L.goal_outcome);
    if (L.sched_kind == LESSON_SCHED_RANDOM)
        fprintf(out, "Schedule: random:%llu\n", (unsigned long long)L.seed);
    if (L.sched_kind == LESSON_SCHED_PICKS) {
        fprintf(out, "Schedule:");
        for (int32_t i = 0; i < L.npicks; i++) {
            if (L.picks[i]) fprintf(out, " G%d", L.picks[i]);
            else fprintf(out, " go");
        }
        fprintf(out, "\n");
    }
    for (int32_t i = 0; i < L.nnotes; i++) {
        const char *p;
        size_t n;
        src_line(&L, L.notes[i].line, &p, &n);
        if (i == 0 || L.notes[i - 1].line != L.notes[i].line) fprintf(out, "\n%4d  %.*s\n", L.notes[i].line, (int)n, p);
        const char *at = L.notes[i].event >= 0 ? event_name(L.notes[i].event) : NULL;
        fprintf(out, "      >%s%s %s\n      >zh%s%s %s\n", at ? " @" : "", at ? at : "", L.notes[i].en, at ? " @" : "",
                at ? at : "", L.notes[i].zh);
    }
    lesson_free(&L);
    return 0;
}

/* `hchanviz lessons --decisions FILE.go [go|random:SEED]`: runs the program (under
 * its pinned schedule, or the policy given) and prints every scheduling
 * decision -- which goroutine ran and which were runnable -- then the
 * schedule directive that pins exactly this run.  For writing lessons. */
static int show_decisions(const char *path, const char *policy, FILE *out, FILE *err) {
    size_t len;
    char *src = slurp(path, &len);
    if (!src) {
        fprintf(err, "hchanviz: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    uint64_t seed = 0;
    int pol = -1;
    if (policy && strcmp(policy, "go") == 0) pol = SCHED_GO;
    else if (policy && strncmp(policy, "random:", 7) == 0 && parse_u64_n(policy + 7, strlen(policy + 7), &seed))
        pol = SCHED_RANDOM;
    else if (policy) {
        fprintf(err, "hchanviz: --decisions takes go or random:SEED, got %s\n", policy);
        free(src);
        return 1;
    }
    Sim *S = sim_new(seed);
    Program prog;
    program_init(&prog);
    Diag d;
    diag_init(&d);
    int status = 0;
    if (!compile_source(S, path, src, len, &prog, &d, NULL)) {
        char *msg = diag_format(&d);
        fputs(msg ? msg : "hchanviz: out of memory\n", err);
        free(msg);
        status = 1;
    } else {
        vm_start(S, &prog);
        if (pol >= 0) S->policy = pol;
        else if (!lesson_prepare(S, path, src, len, err)) status = 1;
    }
    diag_free(&d);
    if (status == 0) {
        S->logging = false;
        Str sched = {0};
        int32_t k = 0;
        while (S->state == SIM_RUNNING) {
            GoId r[32];
            int32_t rl[32];
            int32_t nr = S->curg == 0 ? sim_runnable(S, r, 32) : 0;
            for (int32_t i = 0; i < nr && i < 32; i++) rl[i] = sim_gc(S, r[i])->line;
            int32_t before = run_choices(S);
            sim_step(S);
            if (run_choices(S) == before) continue;
            GoId g = S->choices.items[S->choices.len - 1].value;
            for (int32_t i = S->choices.len - 1; i >= 0; i--)
                if (S->choices.items[i].kind == CHOICE_RUN) {
                    g = S->choices.items[i].value;
                    break;
                }
            k++;
            int32_t at = 0;
            for (int32_t i = 0; i < nr && i < 32; i++)
                if (r[i] == g) at = rl[i];
            fprintf(out, "decision %-4d step %-6llu G%-3d resumes at line %-4d runnable:", k,
                    (unsigned long long)S->steps, g, at);
            for (int32_t i = 0; i < nr && i < 32; i++) fprintf(out, " G%d", r[i]);
            fprintf(out, "%s\n", nr > 32 ? " ..." : "");
            char tok[16];
            snprintf(tok, sizeof tok, " G%d", g);
            str_add(&sched, tok, strlen(tok));
        }
        fprintf(out, "result: %s%s%s\n", ended_how(S), S->message[0] ? ": " : "", S->message);
        fprintf(out, "//hchanviz:schedule%s\n", sched.s ? sched.s : "");
        free(sched.s);
    }
    program_free(&prog);
    sim_free(S);
    free(src);
    return status;
}

int lesson_list_main(int argc, char **argv, FILE *out, FILE *err) {
    if (argc >= 2 && strcmp(argv[0], "--decisions") == 0)
        return show_decisions(argv[1], argc >= 3 ? argv[2] : NULL, out, err);
    const char *dir_arg = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs("usage: hchanviz lessons [DIR]\n"
                  "       hchanviz lessons LESSON.go\n"
                  "       hchanviz lessons --decisions PROGRAM.go [go|random:SEED]\n"
                  "  lists the lessons in order: number, English title, Chinese title;\n"
                  "  or shows one lesson: its header, then each narrated line with its narration;\n"
                  "  or, to write a schedule, lists every scheduling decision of a run (the lesson's\n"
                  "  own schedule, or the policy given) and the //hchanviz:schedule line that pins it.\n"
                  "  DIR defaults to $HCHANVIZ_LESSONS, ./lessons, or lessons/ beside the build directory.\n",
                  out);
            return 0;
        }
        if (argv[i][0] == '-' || dir_arg) {
            fprintf(err, "hchanviz: lessons takes at most one directory (got %s)\n", argv[i]);
            return 1;
        }
        dir_arg = argv[i];
    }
    size_t al = dir_arg ? strlen(dir_arg) : 0;
    if (al > 3 && strcmp(dir_arg + al - 3, ".go") == 0) return show_lesson(dir_arg, out, err);
    char dir[PATH_MAX];
    if (!lesson_dir(dir_arg, NULL, dir, sizeof dir)) {
        fprintf(err, "hchanviz: no lessons directory%s%s (give one: hchanviz lessons DIR)\n", dir_arg ? " at " : "",
                dir_arg ? dir_arg : "");
        return 1;
    }
    char **paths;
    int n = lesson_files(dir, &paths);
    if (n <= 0) {
        fprintf(err, "hchanviz: no lessons (NN-topic.go) in %s\n", dir);
        free(paths);
        return 1;
    }
    Lesson *ls = calloc((size_t)n, sizeof *ls);
    bool *good = calloc((size_t)n, sizeof *good);
    int status = 0;
    size_t width = 0;
    for (int i = 0; ls && good && i < n; i++) {
        size_t len;
        char *src = slurp(paths[i], &len);
        if (!src) {
            fprintf(err, "hchanviz: cannot read %s: %s\n", paths[i], strerror(errno));
            status = 1;
            continue;
        }
        Diag d;
        diag_init(&d);
        good[i] = lesson_parse(&ls[i], paths[i], src, len, LESSON_REQUIRE_HEADER, &d);
        if (!good[i]) {
            char *msg = diag_format(&d);
            fputs(msg ? msg : "hchanviz: out of memory\n", err);
            free(msg);
            status = 1;
        } else if (strlen(ls[i].title_en) > width) {
            width = strlen(ls[i].title_en);
        }
        diag_free(&d);
        free(src);
    }
    for (int i = 0; ls && good && i < n; i++) {
        const char *base = strrchr(paths[i], '/');
        base = base ? base + 1 : paths[i];
        if (good[i])
            fprintf(out, "%.2s  %-*s  %s\n", base, (int)width, ls[i].title_en, ls[i].title_zh);
        lesson_free(&ls[i]);
    }
    if (!ls || !good) status = 1;
    for (int i = 0; i < n; i++) free(paths[i]);
    free(paths);
    free(ls);
    free(good);
    return status;
}
