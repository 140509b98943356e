/* source.c: lines, narration comments and local variable names of a program. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "lesson.h"

/* A narration comment found by the scanner, before joining. */
typedef struct RawNarr { int32_t line; int lang; const char *text; int32_t len; } RawNarr;
typedef VEC(RawNarr) RawNarrVec;

static void trim(const char **text, int32_t *len) {
    while (*len > 0 && ((*text)[*len - 1] == ' ' || (*text)[*len - 1] == '\t' || (*text)[*len - 1] == '\r')) (*len)--;
    while (*len > 0 && (**text == ' ' || **text == '\t')) (*text)++, (*len)--;
}

/* Joins the comments of each (line, language) in source order. */
static void join_narration(SourceInfo *si, const RawNarrVec *raw) {
    for (int32_t i = 0; i < raw->len; i++) {
        const RawNarr *r = &raw->items[i];
        bool seen = false;
        for (int32_t j = 0; j < i && !seen; j++) seen = raw->items[j].line == r->line && raw->items[j].lang == r->lang;
        if (seen) continue;
        Narration n = {r->line, r->lang, si->chars.len, 0};
        for (int32_t j = i; j < raw->len; j++) {
            const RawNarr *q = &raw->items[j];
            if (q->line != r->line || q->lang != r->lang || q->len == 0) continue;
            if (n.len) VEC_PUSH(si->chars, ' '), n.len++;
            for (int32_t k = 0; k < q->len; k++) VEC_PUSH(si->chars, q->text[k]);
            n.len += q->len;
        }
        if (n.len) VEC_PUSH(si->narr, n);
    }
}

void source_scan(SourceInfo *si, const char *src, size_t len) {
    /* Pending narration of lines that are only comments: attached to the next line with code. */
    RawNarrVec raw = {0};
    int32_t npend = 0; /* the last npend entries of raw wait for a line with code */
    size_t i = 0;
    int32_t line = 1;
    size_t line_start = 0;
    bool code_on_line = false, in_block = false;
    int32_t first_narr = -1; /* offset in the line of its first //> comment */
    while (i <= len) {
        if (i == len || src[i] == '\n') {
            size_t end = i;
            if (end > line_start && src[end - 1] == '\r') end--;
            SrcLine l = {(int32_t)line_start, (int32_t)(end - line_start), false, false, 0};
            l.code_len = first_narr >= 0 && first_narr < l.len ? first_narr : l.len;
            while (l.code_len > 0 && (src[line_start + (size_t)l.code_len - 1] == ' ' || src[line_start + (size_t)l.code_len - 1] == '\t'))
                l.code_len--;
            first_narr = -1;
            VEC_PUSH(si->lines, l);
            if (code_on_line) {
                for (int32_t k = raw.len - npend; k < raw.len; k++) raw.items[k].line = line;
                npend = 0;
            }
            if (i == len) break;
            line++;
            line_start = i + 1;
            code_on_line = in_block;
            i++;
            continue;
        }
        char c = src[i];
        if (in_block) {
            if (c == '*' && i + 1 < len && src[i + 1] == '/') {
                in_block = false;
                i += 2;
            } else {
                i++;
            }
            continue;
        }
        if (c == '/' && i + 1 < len && src[i + 1] == '/') {
            size_t e = i;
            while (e < len && src[e] != '\n') e++;
            if (i + 2 < len && src[i + 2] == '>') {
                /* The code of this line ends before its first narration comment. */
                if (first_narr < 0) first_narr = (int32_t)(i - line_start);
                int lang = LANG_EN;
                size_t t = i + 3;
                if (t + 1 < e && src[t] == 'z' && src[t + 1] == 'h' && (t + 2 == e || src[t + 2] == ' ' || src[t + 2] == '\t')) {
                    lang = LANG_ZH;
                    t += 2;
                }
                RawNarr r = {line, lang, src + t, (int32_t)(e - t)};
                trim(&r.text, &r.len);
                if (code_on_line) {
                    /* Comments waiting for this line come first. */
                    for (int32_t k = raw.len - npend; k < raw.len; k++) raw.items[k].line = line;
                    npend = 0;
                    VEC_PUSH(raw, r);
                } else {
                    VEC_PUSH(raw, r);
                    npend++;
                }
            }
            i = e;
            continue;
        }
        if (c == '/' && i + 1 < len && src[i + 1] == '*') {
            in_block = true;
            i += 2;
            continue;
        }
        if (c == '"' || c == '\'') {
            code_on_line = true;
            size_t e = i + 1;
            while (e < len && src[e] != c && src[e] != '\n') e += src[e] == '\\' ? 2 : 1;
            i = e < len && src[e] == c ? e + 1 : e;
            continue;
        }
        if (c == '`') {
            code_on_line = true;
            size_t e = i + 1;
            while (e < len && src[e] != '`') {
                if (src[e] == '\n') { /* a raw string spans lines: keep counting them */
                    SrcLine l = {(int32_t)line_start, (int32_t)(e - line_start), false, false, (int32_t)(e - line_start)};
                    VEC_PUSH(si->lines, l);
                    line++;
                    line_start = e + 1;
                }
                e++;
            }
            i = e < len ? e + 1 : e;
            continue;
        }
        if (c != ' ' && c != '\t' && c != '\r') code_on_line = true;
        i++;
    }
    /* Lines holding only a narration comment, for dimming in the source panel. */
    for (int32_t k = 0; k < si->lines.len; k++) {
        const char *p = src + si->lines.items[k].off;
        int32_t n = si->lines.items[k].len, j = 0;
        while (j < n && (p[j] == ' ' || p[j] == '\t')) j++;
        si->lines.items[k].narration = j + 2 < n && p[j] == '/' && p[j + 1] == '/' && p[j + 2] == '>';
        si->lines.items[k].directive = n - j >= 11 && memcmp(p + j, "//hchanviz:", 11) == 0;
        if (si->lines.items[k].narration) si->lines.items[k].code_len = 0;
    }
    raw.len -= npend; /* narration after the last line of code belongs to nothing */
    join_narration(si, &raw);
    VEC_FREE(raw);
}

void source_set_narration(SourceInfo *si, const int32_t *lines, const char *const *en, const char *const *zh, int32_t n) {
    si->narr.len = 0;
    si->chars.len = 0;
    for (int32_t i = 0; i < n; i++) {
        const char *texts[2] = {en[i], zh[i]};
        for (int lang = 0; lang < 2; lang++) {
            if (!texts[lang] || !texts[lang][0]) continue;
            Narration nr = {lines[i], lang, si->chars.len, (int32_t)strlen(texts[lang])};
            for (int32_t k = 0; k < nr.len; k++) VEC_PUSH(si->chars, texts[lang][k]);
            VEC_PUSH(si->narr, nr);
        }
    }
}

void source_free(SourceInfo *si) {
    VEC_FREE(si->lines);
    VEC_FREE(si->narr);
    VEC_FREE(si->chars);
}

const char *source_narration(const SourceInfo *si, int32_t line, int lang, int32_t *len) {
    const Narration *en = NULL;
    for (int32_t i = 0; i < si->narr.len; i++) {
        const Narration *n = &si->narr.items[i];
        if (n->line != line) continue;
        if (n->lang == lang) {
            *len = n->len;
            return si->chars.items + n->off;
        }
        if (n->lang == LANG_EN) en = n;
    }
    if (en) {
        *len = en->len;
        return si->chars.items + en->off;
    }
    return NULL;
}

void source_title(const char *src, size_t len, char *out, size_t cap) {
    size_t i = 0;
    if (cap) out[0] = '\0';
    while (i < len) {
        size_t e = i;
        while (e < len && src[e] != '\n') e++;
        size_t a = i;
        while (a < e && (src[a] == ' ' || src[a] == '\t')) a++;
        if (e - a >= 2 && src[a] == '/' && src[a + 1] == '/') {
            a += 2;
            if (a < e && src[a] == '>') a++;
            while (a < e && src[a] == ' ') a++;
            size_t n = e - a;
            if (n && src[e - 1] == '\r') n--;
            if (n >= cap) n = cap - 1;
            memcpy(out, src + a, n);
            out[n] = '\0';
            return;
        }
        if (e > a) return; /* code before any comment: no title */
        i = e + 1;
    }
}

char *source_read_file(const char *path, size_t *len, FILE *err) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err) fprintf(err, "hchanviz: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
        if (n == cap) {
            if (cap >= SOURCE_MAX_BYTES) {
                if (err)
                    fprintf(err, "%s:1:1: source file too large for hchanviz (limit %u MiB, see docs/go-subset.md)\n",
                            path, SOURCE_MAX_BYTES >> 20);
                free(buf);
                fclose(f);
                return NULL;
            }
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        if (err) fprintf(err, "hchanviz: cannot read %s\n", path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

void source_use_lesson(SourceInfo *si, const Lesson *L) {
    int32_t n = L->nnotes;
    if (n == 0) return;
    int32_t *lines = calloc((size_t)n, sizeof *lines);
    const char **en = calloc((size_t)n, sizeof *en), **zh = calloc((size_t)n, sizeof *zh);
    if (!lines || !en || !zh) abort();
    for (int32_t i = 0; i < n; i++) {
        lines[i] = L->notes[i].line;
        en[i] = L->notes[i].en;
        zh[i] = L->notes[i].zh;
    }
    source_set_narration(si, lines, en, zh, n);
    free(lines);
    free(en);
    free(zh);
}
