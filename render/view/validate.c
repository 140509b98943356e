/* validate.c: the layout rules, checked on a display list (see view.h). */
#include <stdio.h>

#include "view.h"

static bool bad(char *why, int cap, const char *what, const DisplayList *dl, int32_t i, int32_t j) {
    const DlCmd *a = &dl->cmds[i];
    int n = snprintf(why, (size_t)cap, "%s: #%d (kind %d tag %d id %d rect %d,%d %dx%d \"%s\")", what, i, a->kind, a->tag,
                     a->id, a->r.x, a->r.y, a->r.w, a->r.h, a->kind == DL_TEXT ? dl_str(dl, a) : "");
    if (j >= 0 && n < cap) {
        const DlCmd *b = &dl->cmds[j];
        snprintf(why + n, (size_t)(cap - n), " and #%d (kind %d tag %d id %d rect %d,%d %dx%d \"%s\")", j, b->kind, b->tag,
                 b->id, b->r.x, b->r.y, b->r.w, b->r.h, b->kind == DL_TEXT ? dl_str(dl, b) : "");
    }
    return false;
}

static bool is_overlay(const DisplayList *dl, int32_t i) {
    for (; i >= 0; i = dl->cmds[i].parent)
        if (dl->cmds[i].style & ST_OVERLAY) return true;
    return false;
}

bool view_validate(const DisplayList *dl, const ViewMetrics *m, char *why, int cap) {
    Rect win = {0, 0, dl->w, dl->h};
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind == DL_LINE || c->kind == DL_ARROW) {
            int x1 = c->r.x + c->r.w, y1 = c->r.y + c->r.h;
            if (c->r.x < 0 || c->r.y < 0 || c->r.x > dl->w || c->r.y > dl->h || x1 < 0 || y1 < 0 || x1 > dl->w || y1 > dl->h)
                return bad(why, cap, "line outside the window", dl, i, -1);
            continue;
        }
        if (c->r.w < 0 || c->r.h < 0) return bad(why, cap, "negative size", dl, i, -1);
        if (!rect_contains(win, c->r)) return bad(why, cap, "outside the window", dl, i, -1);
        if (c->parent >= i) return bad(why, cap, "parent after child", dl, i, -1);
        if (c->parent >= 0) {
            const DlCmd *p = &dl->cmds[c->parent];
            if (p->kind != DL_BOX) return bad(why, cap, "parent is not a box", dl, i, c->parent);
            if (!rect_contains(p->r, c->r)) return bad(why, cap, "outside its parent", dl, i, c->parent);
        }
        if (c->kind == DL_TEXT) {
            int w = m->text_width(m->ud, c->px, dl_str(dl, c), c->len);
            if (w > c->r.w) return bad(why, cap, "text wider than its box", dl, i, -1);
            if (m->line_height(m->ud, c->px) > c->r.h) return bad(why, cap, "text taller than its box", dl, i, -1);
            if (c->len == 0) return bad(why, cap, "empty text", dl, i, -1);
        }
    }
    /* Siblings apart: boxes and texts with the same parent (overlays exempt). */
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *a = &dl->cmds[i];
        if (a->kind != DL_BOX && a->kind != DL_TEXT) continue;
        if (a->r.w == 0 || a->r.h == 0 || is_overlay(dl, i)) continue;
        for (int32_t j = i + 1; j < dl->n; j++) {
            const DlCmd *b = &dl->cmds[j];
            if (b->parent != a->parent || (b->kind != DL_BOX && b->kind != DL_TEXT)) continue;
            if (b->style & ST_OVERLAY) continue;
            if (rect_overlaps(a->r, b->r)) return bad(why, cap, "siblings overlap", dl, i, j);
        }
    }
    return true;
}
