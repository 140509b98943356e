/* source.c: lines, narration comments and local variable names of a program. */
#include "source.h"

#include <stdio.h>
#include <string.h>

#include "go/check.h"
#include "go/parser.h"
#include "lang.h"

static void add_narration(SourceInfo *si, int32_t line, int lang, const char *text, int32_t len) {
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r')) len--;
    while (len > 0 && (*text == ' ' || *text == '\t')) text++, len--;
    if (len == 0) return;
    /* Join with an earlier one for the same line and language. */
    for (int32_t i = si->narr.len - 1; i >= 0; i--) {
        Narration *n = &si->narr.items[i];
        if (n->line != line) break;
        if (n->lang != lang) continue;
        if (n->off + n->len == si->chars.len) { /* it is the last text: extend it in place */
            VEC_PUSH(si->chars, ' ');
            for (int32_t k = 0; k < len; k++) VEC_PUSH(si->chars, text[k]);
            n->len += len + 1;
            return;
        }
    }
    Narration n = {line, lang, si->chars.len, len};
    for (int32_t k = 0; k < len; k++) VEC_PUSH(si->chars, text[k]);
    VEC_PUSH(si->narr, n);
}

void source_scan(SourceInfo *si, const char *src, size_t len) {
    /* Pending narration of lines that are only comments: attached to the next line with code. */
    typedef struct Pending { int lang; const char *text; int32_t len; } Pending;
    VEC(Pending) pend = {0};
    size_t i = 0;
    int32_t line = 1;
    size_t line_start = 0;
    bool code_on_line = false, in_block = false;
    while (i <= len) {
        if (i == len || src[i] == '\n') {
            size_t end = i;
            if (end > line_start && src[end - 1] == '\r') end--;
            SrcLine l = {(int32_t)line_start, (int32_t)(end - line_start), false};
            VEC_PUSH(si->lines, l);
            if (code_on_line) {
                for (int32_t k = 0; k < pend.len; k++)
                    add_narration(si, line, pend.items[k].lang, pend.items[k].text, pend.items[k].len);
                pend.len = 0;
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
                int lang = LANG_EN;
                size_t t = i + 3;
                if (t + 1 < e && src[t] == 'z' && src[t + 1] == 'h' && (t + 2 == e || src[t + 2] == ' ' || src[t + 2] == '\t')) {
                    lang = LANG_ZH;
                    t += 2;
                }
                if (code_on_line) {
                    add_narration(si, line, lang, src + t, (int32_t)(e - t));
                } else {
                    Pending p = {lang, src + t, (int32_t)(e - t)};
                    VEC_PUSH(pend, p);
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
                    SrcLine l = {(int32_t)line_start, (int32_t)(e - line_start), false};
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
    }
    VEC_FREE(pend);
}

/* ---- local variables ------------------------------------------------------ */

static void add_local(SourceInfo *si, const Symbol *sym) {
    if (!sym || sym->kind != SYM_VAR || !sym->owner || !sym->name || sym->name[0] == '_') return;
    int32_t fn = sym->owner->index;
    for (int32_t i = 0; i < si->locals.len; i++)
        if (si->locals.items[i].fn == fn && si->locals.items[i].slot == sym->slot) return;
    LocalVar v = {fn, sym->slot, sym->pos.line, sym->type, sym->boxed, sym->param, {0}};
    snprintf(v.name, sizeof v.name, "%s", sym->name);
    VEC_PUSH(si->locals, v);
}

static void walk(SourceInfo *si, const Node *n) {
    for (; n; n = n->next) {
        const NodeInfo *in = node_info(n);
        if (in) {
            add_local(si, in->sym);
            for (int32_t k = 0; k < in->ndefs; k++) add_local(si, in->defs ? in->defs[k] : NULL);
        }
        const Node *kids[] = {n->x, n->y, n->z, n->w, n->type, n->list, n->rhs, n->init, n->cond, n->post, n->body, n->els};
        for (size_t k = 0; k < sizeof kids / sizeof *kids; k++)
            if (kids[k]) walk(si, kids[k]);
    }
}

static int cmp_local(const void *a, const void *b) {
    const LocalVar *x = a, *y = b;
    if (x->fn != y->fn) return x->fn < y->fn ? -1 : 1;
    return x->slot < y->slot ? -1 : x->slot > y->slot;
}

void source_find_locals(SourceInfo *si, const char *filename, const char *src, size_t len) {
    Ast *ast = parse_file(filename, src, len, NULL);
    if (!ast) return;
    Sim *scratch = sim_new(0);
    Checked c;
    memset(&c, 0, sizeof c);
    if (check_file(scratch, ast, &c, NULL)) {
        for (const FuncInfo *f = c.funcs; f; f = f->next) {
            for (int32_t k = 0; k < f->nparams; k++) add_local(si, f->params ? f->params[k] : NULL);
            for (int32_t k = 0; k < f->nresults; k++) add_local(si, f->results ? f->results[k] : NULL);
        }
        walk(si, ast->file);
        qsort(si->locals.items, (size_t)si->locals.len, sizeof *si->locals.items, cmp_local);
    }
    check_free(&c);
    sim_free(scratch);
    ast_free(ast);
}

void source_free(SourceInfo *si) {
    VEC_FREE(si->lines);
    VEC_FREE(si->narr);
    VEC_FREE(si->chars);
    VEC_FREE(si->locals);
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
