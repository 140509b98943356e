/* trace_read.c: reading a trace back without holding it whole (see trace.h).
 *
 * A strict JSON scanner (RFC 8259 syntax, iterative, nesting bounded) first
 * walks the whole file once: a syntax error anywhere is reported with its
 * byte offset before anything else is believed.  Then the small members and
 * each step in turn are captured as text and parsed with cJSON. */
#include "trace.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/types.h>
#include "go/langver.h"

enum {
    READ_CHUNK = 1 << 16,
    MAX_DEPTH = 256,
};
#define MAX_CAPTURE ((size_t)512 << 20) /* the biggest single value read into memory */

/* ---- bytes with their offsets ------------------------------------------------- */

static void capture_span(TraceReader *r, size_t from, size_t to) {
    if (!r->capturing || to <= from) return;
    if (r->capture.len + (to - from) > MAX_CAPTURE) {
        r->cap_overflow = true;
        return;
    }
    fmt_buf_write(&r->capture, (const char *)r->buf + from, to - from);
}

static bool fill(TraceReader *r) {
    if (r->eof) return false;
    capture_span(r, r->cap_from, r->blen);
    r->cap_from = 0;
    r->boff += r->blen;
    r->bpos = 0;
    r->blen = fread(r->buf, 1, READ_CHUNK, r->f);
    if (r->blen == 0) {
        r->eof = true;
        return false;
    }
    return true;
}

static int peek(TraceReader *r) {
    if (r->bpos >= r->blen && !fill(r)) return -1;
    return r->buf[r->bpos];
}

static uint64_t offset(const TraceReader *r) { return r->boff + r->bpos; }

static int get(TraceReader *r, bool cap) {
    int c = peek(r);
    if (c < 0) return -1;
    r->bpos++;
    (void)cap; /* captured by spans: see capture_span */
    return c;
}

static bool seek_to(TraceReader *r, uint64_t off) {
    if (fseeko(r->f, (off_t)off, SEEK_SET) != 0) return false;
    r->boff = off;
    r->blen = r->bpos = 0;
    r->eof = false;
    return true;
}

/* "byte N (line L, column C)" for offset off, counting from the file. */
static void where(TraceReader *r, uint64_t off, char *out, size_t cap) {
    uint64_t line = 1, col = 1;
    if (fseeko(r->f, 0, SEEK_SET) == 0) {
        uint64_t at = 0;
        int c;
        while (at < off && (c = fgetc(r->f)) != EOF) {
            if (c == '\n') line++, col = 1;
            else if ((c & 0xC0) != 0x80) col++;
            at++;
        }
    }
    snprintf(out, cap, "byte %llu (line %llu, column %llu)", (unsigned long long)off, (unsigned long long)line,
             (unsigned long long)col);
    r->blen = r->bpos = 0; /* the stream moved: refill from where it is */
    r->boff = off;
    r->eof = false;
    fseeko(r->f, (off_t)off, SEEK_SET);
}

static bool syntax_error(TraceReader *r, uint64_t off, const char *what) {
    char at[128];
    where(r, off, at, sizeof at);
    snprintf(r->err, sizeof r->err, "%s: invalid JSON at %s: %s", r->name, at, what);
    return false;
}

static bool eof_error(TraceReader *r) {
    return syntax_error(r, offset(r), "unexpected end of file (the trace is truncated)");
}

static void skip_ws(TraceReader *r, bool cap) {
    for (;;) {
        int c = peek(r);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        get(r, cap);
    }
}

static bool is_hex(int c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* A string, the opening quote next.  Keeps up to keycap-1 raw bytes in key if given. */
static bool scan_string(TraceReader *r, bool cap, char *key, size_t keycap) {
    size_t kn = 0;
    get(r, cap);
    for (;;) {
        if (!key) {
            /* The plain bytes of a string in one go. */
            const unsigned char *b = r->buf;
            size_t i = r->bpos, n = r->blen;
            while (i < n && b[i] != '"' && b[i] != '\\' && b[i] >= 0x20) i++;
            r->bpos = i;
        }
        uint64_t at = offset(r);
        int c = get(r, cap);
        if (c < 0) return eof_error(r);
        if (c == '"') break;
        if (c < 0x20) return syntax_error(r, at, "control character in a string (it must be escaped)");
        if (c == '\\') {
            int e = get(r, cap);
            if (e < 0) return eof_error(r);
            if (e == 'u') {
                for (int i = 0; i < 4; i++) {
                    int h = get(r, cap);
                    if (h < 0) return eof_error(r);
                    if (!is_hex(h)) return syntax_error(r, offset(r) - 1, "bad \\u escape in a string");
                }
            } else if (!strchr("\"\\/bfnrt", e)) {
                return syntax_error(r, at, "bad escape in a string");
            }
            c = -2;
        }
        if (key && kn + 1 < keycap) key[kn++] = c == -2 ? '\\' : (char)c;
    }
    if (key && keycap) key[kn] = '\0';
    return true;
}

static bool scan_digits(TraceReader *r, bool cap) {
    int c = peek(r);
    if (c < '0' || c > '9') {
        if (c < 0) return eof_error(r);
        return syntax_error(r, offset(r), "bad number: a digit expected");
    }
    while ((c = peek(r)) >= '0' && c <= '9') get(r, cap);
    return true;
}

static bool scan_number(TraceReader *r, bool cap) {
    if (peek(r) == '-') get(r, cap);
    int c = peek(r);
    if (c == '0') {
        get(r, cap);
        c = peek(r);
        if (c >= '0' && c <= '9') return syntax_error(r, offset(r), "bad number: leading zero");
    } else if (!scan_digits(r, cap)) {
        return false;
    }
    if (peek(r) == '.') {
        get(r, cap);
        if (!scan_digits(r, cap)) return false;
    }
    c = peek(r);
    if (c == 'e' || c == 'E') {
        get(r, cap);
        c = peek(r);
        if (c == '+' || c == '-') get(r, cap);
        if (!scan_digits(r, cap)) return false;
    }
    return true;
}

static bool scan_literal(TraceReader *r, bool cap, const char *lit) {
    uint64_t at = offset(r);
    for (const char *p = lit; *p; p++) {
        int c = get(r, cap);
        if (c < 0) return eof_error(r);
        if (c != *p) return syntax_error(r, at, "unexpected character: a value expected");
    }
    return true;
}

/* Walks one value (after any whitespace), checking its syntax; depth is the
 * nesting of what contains it.  With cap, its bytes go to r->capture. */
static bool skip_value(TraceReader *r, int depth, bool cap) {
    char stack[MAX_DEPTH];
    int sp = 0;
    skip_ws(r, cap);
value:
    {
        int c = peek(r);
        uint64_t at = offset(r);
        switch (c) {
        case -1: return eof_error(r);
        case '{':
        case '[':
            if (depth + sp + 1 > MAX_DEPTH) return syntax_error(r, at, "nested too deeply (more than 256 levels)");
            get(r, cap);
            stack[sp++] = (char)c;
            skip_ws(r, cap);
            if (peek(r) == (c == '{' ? '}' : ']')) {
                get(r, cap);
                sp--;
                goto after;
            }
            if (c == '{') goto key;
            goto value;
        case '"':
            if (!scan_string(r, cap, NULL, 0)) return false;
            goto after;
        case 't': if (!scan_literal(r, cap, "true")) return false; goto after;
        case 'f': if (!scan_literal(r, cap, "false")) return false; goto after;
        case 'n': if (!scan_literal(r, cap, "null")) return false; goto after;
        default:
            if (c == '-' || (c >= '0' && c <= '9')) {
                if (!scan_number(r, cap)) return false;
                goto after;
            }
            return syntax_error(r, at, "unexpected character: a value expected");
        }
    }
key:
    skip_ws(r, cap);
    if (peek(r) != '"') {
        if (peek(r) < 0) return eof_error(r);
        return syntax_error(r, offset(r), "a member name (a string) expected");
    }
    if (!scan_string(r, cap, NULL, 0)) return false;
    skip_ws(r, cap);
    if (peek(r) != ':') {
        if (peek(r) < 0) return eof_error(r);
        return syntax_error(r, offset(r), "':' expected after a member name");
    }
    get(r, cap);
    skip_ws(r, cap);
    goto value;
after:
    if (sp == 0) return true;
    skip_ws(r, cap);
    {
        uint64_t at = offset(r);
        int c = get(r, cap);
        if (c < 0) return eof_error(r);
        char open = stack[sp - 1];
        if (c == ',') {
            skip_ws(r, cap);
            if (open == '{') goto key;
            goto value;
        }
        if (c == (open == '{' ? '}' : ']')) {
            sp--;
            goto after;
        }
        return syntax_error(r, at, open == '{' ? "',' or '}' expected" : "',' or ']' expected");
    }
}

/* ---- opening -------------------------------------------------------------------- */

bool trace_reader_open(TraceReader *r, const char *path) {
    memset(r, 0, sizeof *r);
    r->off_format = r->off_version = r->off_program = r->off_options = r->off_steps = r->off_result = r->off_choices = -1;
    size_t n = strlen(path) + 1;
    r->name = malloc(n);
    r->buf = malloc(READ_CHUNK);
    if (!r->name || !r->buf) abort();
    memcpy(r->name, path, n);
    r->f = fopen(path, "rb");
    if (!r->f) {
        snprintf(r->err, sizeof r->err, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    skip_ws(r, false);
    int c = peek(r);
    if (c < 0) {
        if (ferror(r->f)) {
            snprintf(r->err, sizeof r->err, "cannot read %s: %s", path, strerror(errno));
            return false;
        }
        return syntax_error(r, offset(r), "the file is empty");
    }
    if (c != '{') {
        if (!skip_value(r, 0, false)) return false;
        snprintf(r->err, sizeof r->err, "%s: not an hchanviz trace: the file is JSON but not an object", path);
        return false;
    }
    get(r, false);
    skip_ws(r, false);
    if (peek(r) == '}') {
        get(r, false);
    } else {
        for (;;) {
            skip_ws(r, false);
            if (peek(r) != '"') {
                if (peek(r) < 0) return eof_error(r);
                return syntax_error(r, offset(r), "a member name (a string) expected");
            }
            uint64_t keyat = offset(r);
            char key[32];
            if (!scan_string(r, false, key, sizeof key)) return false;
            skip_ws(r, false);
            if (peek(r) != ':') {
                if (peek(r) < 0) return eof_error(r);
                return syntax_error(r, offset(r), "':' expected after a member name");
            }
            get(r, false);
            skip_ws(r, false);
            int64_t *slot = NULL;
            if (strcmp(key, "format") == 0) slot = &r->off_format;
            else if (strcmp(key, "version") == 0) slot = &r->off_version;
            else if (strcmp(key, "program") == 0) slot = &r->off_program;
            else if (strcmp(key, "options") == 0) slot = &r->off_options;
            else if (strcmp(key, "steps") == 0) slot = &r->off_steps;
            else if (strcmp(key, "result") == 0) slot = &r->off_result;
            else if (strcmp(key, "choices") == 0) slot = &r->off_choices;
            if (slot) {
                if (*slot >= 0) {
                    snprintf(r->err, sizeof r->err, "%s: not a valid trace: member \"%s\" appears twice (byte %llu)",
                             path, key, (unsigned long long)keyat);
                    return false;
                }
                *slot = (int64_t)offset(r);
            }
            if (!skip_value(r, 1, false)) return false;
            skip_ws(r, false);
            uint64_t at = offset(r);
            c = get(r, false);
            if (c == ',') continue;
            if (c == '}') break;
            if (c < 0) return eof_error(r);
            return syntax_error(r, at, "',' or '}' expected");
        }
    }
    skip_ws(r, false);
    if (peek(r) >= 0) return syntax_error(r, offset(r), "unexpected data after the end of the JSON object");
    if (ferror(r->f)) {
        snprintf(r->err, sizeof r->err, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

void trace_reader_close(TraceReader *r) {
    if (r->f) fclose(r->f);
    free(r->name);
    free(r->buf);
    fmt_buf_free(&r->capture);
    memset(r, 0, sizeof *r);
}

/* Captures the value at the current position and parses it. */
/* Captures the value at the current position as text in r->capture. */
static bool capture_text(TraceReader *r, int depth, const char *what) {
    r->capture.len = 0;
    r->capturing = true;
    r->cap_overflow = false;
    r->cap_from = r->bpos;
    r->cap_start = offset(r);
    bool ok = skip_value(r, depth, true);
    if (ok) capture_span(r, r->cap_from, r->bpos);
    r->capturing = false;
    if (!ok) return false;
    if (r->cap_overflow) {
        snprintf(r->err, sizeof r->err, "%s: %s is too large (more than %zu bytes at byte %llu)", r->name, what,
                 MAX_CAPTURE, (unsigned long long)r->cap_start);
        return false;
    }
    if (!r->capture.data) fmt_buf_write(&r->capture, "", 0);
    return true;
}

static cJSON *capture_value(TraceReader *r, int depth, const char *what) {
    if (!capture_text(r, depth, what)) return NULL;
    return trace_reader_parse(r, what);
}

cJSON *trace_reader_parse(TraceReader *r, const char *what) {
    uint64_t start = r->cap_start;
    cJSON *v = cJSON_ParseWithLength(r->capture.data, r->capture.len);
    if (!v) {
        const char *e = cJSON_GetErrorPtr();
        uint64_t at = start;
        if (e && e >= r->capture.data && e <= r->capture.data + r->capture.len) at += (uint64_t)(e - r->capture.data);
        char where_[128];
        where(r, at, where_, sizeof where_);
        snprintf(r->err, sizeof r->err, "%s: %s cannot be read at %s (nested too deeply?)", r->name, what, where_);
    }
    return v;
}

cJSON *trace_reader_member(TraceReader *r, const char *name) {
    int64_t off = strcmp(name, "format") == 0    ? r->off_format
                  : strcmp(name, "version") == 0 ? r->off_version
                  : strcmp(name, "program") == 0 ? r->off_program
                  : strcmp(name, "options") == 0 ? r->off_options
                  : strcmp(name, "result") == 0  ? r->off_result
                  : strcmp(name, "steps") == 0   ? r->off_steps
                  : strcmp(name, "choices") == 0 ? r->off_choices
                                                 : -1;
    if (off < 0) {
        snprintf(r->err, sizeof r->err, "%s: not a valid trace: no \"%s\" member", r->name, name);
        return NULL;
    }
    r->in_steps = false;
    if (!seek_to(r, (uint64_t)off)) {
        snprintf(r->err, sizeof r->err, "cannot read %s: %s", r->name, strerror(errno));
        return NULL;
    }
    char what[64];
    snprintf(what, sizeof what, "member \"%s\"", name);
    return capture_value(r, 1, what);
}

bool trace_reader_next(TraceReader *r, cJSON **step) {
    *step = NULL;
    const char *text;
    size_t len;
    if (!trace_reader_next_text(r, &text, &len)) return false;
    if (!text) return true;
    char what[64];
    snprintf(what, sizeof what, "step %llu", (unsigned long long)r->nsteps);
    *step = trace_reader_parse(r, what);
    return *step != NULL;
}

bool trace_reader_next_text(TraceReader *r, const char **text, size_t *len) {
    *text = NULL;
    *len = 0;
    if (r->steps_done) return true;
    if (!r->in_steps) {
        if (r->off_steps < 0) {
            snprintf(r->err, sizeof r->err, "%s: not a valid trace: no \"steps\" member", r->name);
            return false;
        }
        if (!seek_to(r, (uint64_t)r->off_steps)) {
            snprintf(r->err, sizeof r->err, "cannot read %s: %s", r->name, strerror(errno));
            return false;
        }
        if (peek(r) != '[') {
            snprintf(r->err, sizeof r->err, "%s: not a valid trace: \"steps\" is not an array (byte %lld)", r->name,
                     (long long)r->off_steps);
            return false;
        }
        get(r, false);
        r->in_steps = true;
        r->nsteps = 0;
        skip_ws(r, false);
        if (peek(r) == ']') {
            r->steps_done = true;
            return true;
        }
    } else {
        skip_ws(r, false);
        uint64_t at = offset(r);
        int c = get(r, false);
        if (c == ']') {
            r->steps_done = true;
            return true;
        }
        if (c != ',') return c < 0 ? eof_error(r) : syntax_error(r, at, "',' or ']' expected");
    }
    skip_ws(r, false);
    r->step_offset = offset(r);
    char what[64];
    snprintf(what, sizeof what, "step %llu", (unsigned long long)r->nsteps + 1);
    if (!capture_text(r, 2, what)) return false;
    r->nsteps++;
    *text = r->capture.data;
    *len = r->capture.len;
    return true;
}

/* ---- choices --------------------------------------------------------------------- */

static bool int_member(const cJSON *o, const char *name, double lo, double hi, int64_t *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsNumber(v)) return false;
    double d = v->valuedouble;
    if (!(d >= lo && d <= hi) || d != floor(d)) return false;
    *out = (int64_t)d;
    return true;
}

bool trace_step_choices(const cJSON *step, ChoiceVec *out, char *err, size_t cap) {
    return trace_choices(cJSON_GetObjectItemCaseSensitive(step, "choices"), out, err, cap);
}

bool trace_choices(const cJSON *cs, ChoiceVec *out, char *err, size_t cap) {
    if (!cJSON_IsArray(cs)) {
        snprintf(err, cap, "\"choices\" is missing or not an array");
        return false;
    }
    int i = 0;
    for (const cJSON *c = cs->child; c; c = c->next, i++) {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(c, "kind");
        int64_t value, bound;
        int kind = cJSON_IsString(k) ? choice_kind_from(k->valuestring) : -1;
        if (!cJSON_IsObject(c) || kind < 0 || !int_member(c, "value", -2147483648.0, 2147483647.0, &value) ||
            !int_member(c, "bound", -2147483648.0, 2147483647.0, &bound)) {
            snprintf(err, cap,
                     "choices[%d] is not a choice ({\"kind\": \"run\", \"rand\" or \"preempt\", \"value\": N, \"bound\": N})",
                     i);
            return false;
        }
        Choice ch = {kind, (int32_t)value, (int32_t)bound};
        VEC_PUSH(*out, ch);
    }
    return true;
}

static bool check_header(TraceReader *r, char *err, size_t cap) {
    cJSON *f = trace_reader_member(r, "format");
    if (!f) {
        snprintf(err, cap, "%s: not an hchanviz trace (no \"format\" member)", r->name);
        return false;
    }
    bool ok = cJSON_IsString(f) && strcmp(f->valuestring, TRACE_FORMAT) == 0;
    cJSON_Delete(f);
    if (!ok) {
        snprintf(err, cap, "%s: not an hchanviz trace (\"format\" is not \"" TRACE_FORMAT "\")", r->name);
        return false;
    }
    cJSON *v = trace_reader_member(r, "version");
    if (!v) {
        snprintf(err, cap, "%s: not a valid trace: no \"version\" member", r->name);
        return false;
    }
    ok = cJSON_IsNumber(v) && v->valuedouble == TRACE_VERSION;
    if (!ok) {
        char *text = cJSON_PrintUnformatted(v);
        snprintf(err, cap, "%s: unsupported trace version %.40s (this hchanviz reads version %d)", r->name,
                 text ? text : "?", TRACE_VERSION);
        free(text);
    }
    cJSON_Delete(v);
    return ok;
}

bool trace_read_header(TraceReader *r, uint64_t *seed, uint64_t *max_steps, char *err, size_t cap) {
    if (!check_header(r, err, cap)) return false;
    *seed = 0;
    *max_steps = 10000000;
    if (r->off_options < 0) return true;
    cJSON *o = trace_reader_member(r, "options");
    if (!o) {
        snprintf(err, cap, "%s", r->err);
        return false;
    }
    int64_t s = 0, m = 0;
    bool ok = cJSON_IsObject(o);
    if (ok && cJSON_GetObjectItemCaseSensitive(o, "seed")) ok = int_member(o, "seed", 0, 9007199254740992.0, &s);
    if (ok && cJSON_GetObjectItemCaseSensitive(o, "max_steps"))
        ok = int_member(o, "max_steps", 1, 9007199254740992.0, &m);
    else m = 10000000;
    cJSON_Delete(o);
    if (!ok) {
        snprintf(err, cap, "%s: \"options\" is not {\"sched\", \"seed\": N >= 0, \"max_steps\": N >= 1}", r->name);
        return false;
    }
    *seed = (uint64_t)s;
    *max_steps = (uint64_t)m;
    return true;
}

bool trace_read_max_memory(TraceReader *r, int64_t *bytes, char *err, size_t cap) {
    *bytes = 0;
    if (r->off_options < 0) return true;
    cJSON *o = trace_reader_member(r, "options");
    if (!o) {
        snprintf(err, cap, "%s", r->err);
        return false;
    }
    int64_t m = 0;
    bool ok = !cJSON_IsObject(o) || !cJSON_GetObjectItemCaseSensitive(o, "max_memory") ||
              int_member(o, "max_memory", 1, 9007199254740992.0, &m);
    cJSON_Delete(o);
    if (!ok) {
        snprintf(err, cap, "%s: \"options\".\"max_memory\" is not a number of bytes >= 1", r->name);
        return false;
    }
    *bytes = m;
    return true;
}

bool trace_read_preemptive(TraceReader *r) {
    if (r->off_options < 0) return false;
    cJSON *o = trace_reader_member(r, "options");
    bool yes = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "preemptive"));
    cJSON_Delete(o);
    return yes;
}

int trace_read_lang(TraceReader *r) {
    if (r->off_options < 0) return 0;
    cJSON *o = trace_reader_member(r, "options");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "lang");
    int lang = cJSON_IsString(v) ? langver_parse(v->valuestring, strlen(v->valuestring)) : 0;
    cJSON_Delete(o);
    return lang > 0 ? lang : 0;
}

bool trace_load_choices(const char *path, ChoiceVec *out, uint64_t *seed, uint64_t *max_steps, char *err,
                        size_t cap) {
    TraceReader r;
    bool ok = trace_reader_open(&r, path);
    if (!ok) snprintf(err, cap, "%s", r.err);
    if (ok) ok = trace_read_header(&r, seed, max_steps, err, cap);
    while (ok) {
        cJSON *step;
        if (!trace_reader_next(&r, &step)) {
            snprintf(err, cap, "%s", r.err);
            ok = false;
            break;
        }
        if (!step) break;
        char why[200];
        if (!trace_step_choices(step, out, why, sizeof why)) {
            snprintf(err, cap, "%s: step %llu: %s", path, (unsigned long long)r.nsteps, why);
            ok = false;
        }
        cJSON_Delete(step);
    }
    trace_reader_close(&r);
    return ok;
}

/* ---- comparing -------------------------------------------------------------------- */

static const char *kind_of(const cJSON *v) {
    if (cJSON_IsObject(v)) return "an object";
    if (cJSON_IsArray(v)) return "an array";
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "a boolean";
    if (cJSON_IsNull(v)) return "null";
    return "something else";
}

/* A short printable form of a scalar for messages. */
static void show(const cJSON *v, char *out, size_t cap) {
    if (cJSON_IsString(v)) {
        FmtBuf b = {0};
        jb_cstr(&b, v->valuestring ? v->valuestring : "");
        if (b.len > 60) snprintf(out, cap, "%.57s...\"", b.data);
        else snprintf(out, cap, "%s", b.data);
        fmt_buf_free(&b);
    } else if (cJSON_IsNumber(v)) {
        snprintf(out, cap, "%.17g", v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        snprintf(out, cap, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNull(v)) {
        snprintf(out, cap, "null");
    } else {
        snprintf(out, cap, "%s", kind_of(v));
    }
}

/* The names the messages give the two sides: "the trace" and "the run" for
 * verify, two file names for diff. */
typedef struct DiffNames { const char *have, *want; } DiffNames;

static bool diff(const cJSON *have, const cJSON *want, char *path, size_t plen, size_t pcap, char *err, size_t cap,
                 const DiffNames *nm) {
    const char *p = plen ? path : "the step";
    if ((have->type & 0xFF) != (want->type & 0xFF) && !(cJSON_IsBool(have) && cJSON_IsBool(want))) {
        snprintf(err, cap, "%s: expected %s, found %s", p, kind_of(want), kind_of(have));
        return false;
    }
    if (cJSON_IsObject(want)) {
        int nw = 0, nh = 0;
        for (const cJSON *w = want->child; w; w = w->next) {
            nw++;
            const cJSON *h = cJSON_GetObjectItemCaseSensitive(have, w->string);
            int n = snprintf(path + plen, pcap - plen, "%s%s", plen ? "." : "", w->string);
            size_t np = plen + (n > 0 ? (size_t)n : 0);
            if (np >= pcap) np = pcap - 1;
            if (!h) {
                if (nm) snprintf(err, cap, "%s has no field \"%s\"", nm->have, path);
                else snprintf(err, cap, "missing field \"%s\"", path);
                return false;
            }
            if (!diff(h, w, path, np, pcap, err, cap, nm)) return false;
            path[plen] = '\0';
        }
        for (const cJSON *h = have->child; h; h = h->next) {
            nh++;
            if (!h->string || !cJSON_GetObjectItemCaseSensitive(want, h->string)) {
                if (nm)
                    snprintf(err, cap, "%s has no field \"%s%s%s\"", nm->want, path, plen ? "." : "",
                             h->string ? h->string : "?");
                else
                    snprintf(err, cap, "unexpected field \"%s%s%s\"", path, plen ? "." : "", h->string ? h->string : "?");
                return false;
            }
        }
        if (nh != nw) {
            snprintf(err, cap, "%s: a field appears twice", p);
            return false;
        }
        return true;
    }
    if (cJSON_IsArray(want)) {
        int i = 0;
        const cJSON *h = have->child, *w = want->child;
        for (; h && w; h = h->next, w = w->next, i++) {
            int n = snprintf(path + plen, pcap - plen, "[%d]", i);
            size_t np = plen + (n > 0 ? (size_t)n : 0);
            if (np >= pcap) np = pcap - 1;
            if (!diff(h, w, path, np, pcap, err, cap, nm)) return false;
            path[plen] = '\0';
        }
        if (h || w) {
            int nh = cJSON_GetArraySize(have), nw = cJSON_GetArraySize(want);
            snprintf(err, cap, "%s: %s has %d element%s, %s has %d", p, nm ? nm->have : "the trace", nh, nh == 1 ? "" : "s",
                     nm ? nm->want : "the run", nw);
            return false;
        }
        return true;
    }
    bool same;
    if (cJSON_IsString(want)) same = strcmp(have->valuestring ? have->valuestring : "", want->valuestring ? want->valuestring : "") == 0;
    else if (cJSON_IsNumber(want)) same = have->valuedouble == want->valuedouble;
    else if (cJSON_IsBool(want)) same = cJSON_IsTrue(have) == cJSON_IsTrue(want);
    else same = true;
    if (!same) {
        char a[80], b[80];
        show(have, a, sizeof a);
        show(want, b, sizeof b);
        snprintf(err, cap, "%s: %s has %s, %s has %s", p, nm ? nm->have : "the trace", a, nm ? nm->want : "the run", b);
        return false;
    }
    return true;
}

bool trace_json_diff(const cJSON *have, const cJSON *want, char *err, size_t cap) {
    char path[512];
    path[0] = '\0';
    return diff(have, want, path, 0, sizeof path, err, cap, NULL);
}

bool trace_json_diff_named(const cJSON *a, const cJSON *b, const char *a_name, const char *b_name, char *err,
                           size_t cap) {
    char path[512];
    path[0] = '\0';
    DiffNames nm = {a_name, b_name};
    return diff(a, b, path, 0, sizeof path, err, cap, &nm);
}
