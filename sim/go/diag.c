#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"

void diag_init(Diag *d) { memset(d, 0, sizeof *d); }

void diag_free(Diag *d) {
    if (!d) return;
    free(d->file);
    free(d->msg);
    free(d->src_line);
    memset(d, 0, sizeof *d);
}

bool diag_has_error(const Diag *d) { return d && d->count > 0; }

static char *diag_strdup(const char *s) {
    size_t n = strlen(s);
    char *r = malloc(n + 1);
    if (r) memcpy(r, s, n + 1);
    return r;
}

void diag_report(Diag *d, const char *file, const char *src, size_t len, size_t offset,
                 int line, int col, const char *fmt, ...) {
    if (!d) return;
    d->count++;
    if (d->count > 1) return;

    d->line = line;
    d->col = col;
    d->file = diag_strdup(file ? file : "<input>");

    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= 0) {
        d->msg = malloc((size_t)n + 1);
        if (d->msg) {
            if ((size_t)n < sizeof small) {
                memcpy(d->msg, small, (size_t)n + 1);
            } else {
                va_start(ap, fmt);
                vsnprintf(d->msg, (size_t)n + 1, fmt, ap);
                va_end(ap);
            }
        }
    }

    /* Copy the source line holding offset (offset may be len, i.e. EOF). */
    if (src) {
        if (offset > len) offset = len;
        size_t start = offset, end = offset;
        while (start > 0 && src[start - 1] != '\n') start--;
        while (end < len && src[end] != '\n') end++;
        if (end > start && src[end - 1] == '\r') end--;
        d->src_line = malloc(end - start + 1);
        if (d->src_line) {
            memcpy(d->src_line, src + start, end - start);
            d->src_line[end - start] = '\0';
            d->src_line_len = end - start;
        }
    }
}

/* A growable output buffer; on allocation failure it sets failed. */
typedef struct DiagBuf {
    char *p;
    size_t len, cap;
    bool failed;
} DiagBuf;

static void diag_buf_put(DiagBuf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (b->len + n + 1 > cap) cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) { b->failed = true; return; }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void diag_buf_puts(DiagBuf *b, const char *s) { diag_buf_put(b, s, strlen(s)); }

char *diag_format(const Diag *d) {
    if (!diag_has_error(d)) return NULL;
    DiagBuf b = {0};
    char head[64];
    diag_buf_puts(&b, d->file ? d->file : "<input>");
    snprintf(head, sizeof head, ":%d:%d: ", d->line, d->col);
    diag_buf_puts(&b, head);
    diag_buf_puts(&b, d->msg ? d->msg : "error (out of memory while recording it)");
    diag_buf_puts(&b, "\n");

    /* The echoed line and the caret prefix, built in one walk so that they
     * agree: each UTF-8 character (or each invalid byte) is one cell. */
    DiagBuf caret = {0};
    const unsigned char *s = (const unsigned char *)(d->src_line ? d->src_line : "");
    size_t n = d->src_line ? d->src_line_len : 0;
    size_t target = d->col > 0 ? (size_t)d->col - 1 : 0;
    size_t i = 0;
    /* A very long line is shown as a window of DIAG_MAX_ECHO bytes around the column. */
    enum { DIAG_MAX_ECHO = 160 };
    if (n > DIAG_MAX_ECHO) {
        size_t from = target > DIAG_MAX_ECHO / 2 ? target - DIAG_MAX_ECHO / 2 : 0;
        while (from > 0 && (s[from] & 0xC0) == 0x80) from--; /* not inside a character */
        size_t to = from + DIAG_MAX_ECHO < n ? from + DIAG_MAX_ECHO : n;
        if (from > 0) {
            diag_buf_puts(&b, "...");
            diag_buf_puts(&caret, "   ");
        }
        s += from;
        n = to - from;
        target -= from;
    }
    while (i < n) {
        int32_t r;
        int w = token_utf8_decode(s + i, n - i, &r);
        bool before = i < target;
        if (r == '\t') {
            diag_buf_put(&b, "\t", 1);
            if (before) diag_buf_put(&caret, "\t", 1);
        } else {
            if (r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r < 0)
                diag_buf_put(&b, "?", 1);
            else
                diag_buf_put(&b, (const char *)s + i, (size_t)w);
            if (before) diag_buf_put(&caret, " ", 1);
        }
        i += (size_t)w;
    }
    for (; i < target; i++) diag_buf_put(&caret, " ", 1); /* column past the end */
    diag_buf_puts(&b, "\n");
    if (caret.len) diag_buf_put(&b, caret.p, caret.len);
    diag_buf_puts(&b, "^\n");
    bool failed = b.failed || caret.failed;
    free(caret.p);
    if (failed) {
        free(b.p);
        return NULL;
    }
    return b.p;
}
