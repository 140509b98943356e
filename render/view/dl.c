/* dl.c: building and querying display lists. */
#include "dl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"

static void *grow(void *p, int32_t *cap, int32_t need, size_t elem) {
    if (need <= *cap) return p;
    int32_t nc = *cap ? *cap : 64;
    while (nc < need) nc *= 2;
    void *q = realloc(p, (size_t)nc * elem);
    if (!q) {
        fprintf(stderr, "hchanviz: out of memory\n");
        abort();
    }
    *cap = nc;
    return q;
}

void dl_init(DisplayList *dl) { memset(dl, 0, sizeof *dl); }

void dl_free(DisplayList *dl) {
    free(dl->cmds);
    free(dl->chars);
    memset(dl, 0, sizeof *dl);
}

void dl_clear(DisplayList *dl, int32_t w, int32_t h) {
    dl->n = 0;
    dl->nchars = 0;
    dl->w = w;
    dl->h = h;
    dl->bg = ROLE_BG;
}

void dl_copy(DisplayList *dst, const DisplayList *src) {
    dst->cmds = grow(dst->cmds, &dst->cap, src->n ? src->n : 1, sizeof *dst->cmds);
    dst->chars = grow(dst->chars, &dst->charcap, src->nchars ? src->nchars : 1, 1);
    if (src->n) memcpy(dst->cmds, src->cmds, (size_t)src->n * sizeof *src->cmds);
    if (src->nchars) memcpy(dst->chars, src->chars, (size_t)src->nchars);
    dst->n = src->n;
    dst->nchars = src->nchars;
    dst->w = src->w;
    dst->h = src->h;
    dst->bg = src->bg;
}

static DlCmd *push(DisplayList *dl) {
    dl->cmds = grow(dl->cmds, &dl->cap, dl->n + 1, sizeof *dl->cmds);
    DlCmd *c = &dl->cmds[dl->n++];
    memset(c, 0, sizeof *c);
    c->parent = -1;
    return c;
}

int32_t dl_box(DisplayList *dl, int32_t parent, Rect r, int fill, int stroke, int style, int tag, int32_t id, int32_t sub) {
    DlCmd *c = push(dl);
    c->kind = DL_BOX;
    c->parent = parent;
    c->r = r;
    c->fill = (uint8_t)fill;
    c->stroke = (uint8_t)stroke;
    c->style = (uint16_t)style;
    c->tag = (uint8_t)tag;
    c->id = id;
    c->sub = sub;
    return dl->n - 1;
}

int32_t dl_text(DisplayList *dl, int32_t parent, Rect r, const char *s, int32_t len, int px, int role, int style) {
    if (len < 0) len = (int32_t)strlen(s);
    dl->chars = grow(dl->chars, &dl->charcap, dl->nchars + len + 1, 1);
    memcpy(dl->chars + dl->nchars, s, (size_t)len);
    dl->chars[dl->nchars + len] = '\0';
    /* The background it is drawn on: the nearest ancestor that is filled. */
    int bg = dl->bg;
    for (int32_t p = parent; p >= 0; p = dl->cmds[p].parent) {
        if (dl->cmds[p].style & ST_FILL) {
            bg = dl->cmds[p].fill;
            break;
        }
    }
    DlCmd *c = push(dl);
    c->kind = DL_TEXT;
    c->parent = parent;
    c->r = r;
    c->fill = (uint8_t)role;
    c->stroke = (uint8_t)bg;
    c->style = (uint16_t)style;
    c->px = (int16_t)px;
    c->text = dl->nchars;
    c->len = len;
    dl->nchars += len + 1;
    if (parent >= 0) {
        c->tag = dl->cmds[parent].tag;
        c->id = dl->cmds[parent].id;
        c->sub = dl->cmds[parent].sub;
    }
    return dl->n - 1;
}

int32_t dl_line(DisplayList *dl, int kind, int32_t x0, int32_t y0, int32_t x1, int32_t y1, int role, int style, int tag,
                int32_t id) {
    DlCmd *c = push(dl);
    c->kind = (uint8_t)kind;
    c->r = (Rect){x0, y0, x1 - x0, y1 - y0};
    c->fill = (uint8_t)role;
    c->style = (uint16_t)style;
    c->tag = (uint8_t)tag;
    c->id = id;
    return dl->n - 1;
}

const DlCmd *dl_find(const DisplayList *dl, int tag, int32_t id, int32_t sub) {
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind == DL_BOX && c->tag == tag && c->id == id && (sub < 0 || c->sub == sub)) return c;
    }
    return NULL;
}

const DlCmd *dl_hit(const DisplayList *dl, int32_t x, int32_t y) {
    const DlCmd *best = NULL;
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind != DL_BOX || c->tag == TAG_NONE || c->tag == TAG_PANEL) continue;
        if (x >= c->r.x && y >= c->r.y && x < c->r.x + c->r.w && y < c->r.y + c->r.h) best = c; /* later = inner */
    }
    return best;
}
