/* anim.c: what moves between two steps, as tokens sliding from where a
 * thing was to where it went.  The tokens are found from the step's events
 * and placed by looking up the tagged boxes of the two display lists: a
 * value travels from a goroutine's card (its stack) into a buffer slot, from
 * a slot to a card, or from card to card; a sudog slides from its
 * goroutine into a wait queue or back out of it; a readied goroutine slides
 * into runnext.  Anything whose box cannot be found simply does not move. */
#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "view.h"

static bool find(const DisplayList *dl, int tag, int32_t id, int32_t sub, Rect *out) {
    const DlCmd *c = dl ? dl_find(dl, tag, id, sub) : NULL;
    if (!c) return false;
    *out = c->r;
    return true;
}

/* A token-sized rect centred in r. */
static Rect token_at(Rect r, int w, int h) { return (Rect){r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h}; }

static void add(Anim *a, Rect from, Rect to, const char *text, int role) {
    if (a->n >= ANIM_MAX) return;
    AnimToken *t = &a->tok[a->n++];
    t->from = from;
    t->to = to;
    snprintf(t->text, sizeof t->text, "%s", text);
    t->role = (uint8_t)role;
}

void anim_build(Anim *a, const DisplayList *prev, const DisplayList *next, const Session *s, const ViewUi *ui) {
    (void)ui;
    a->n = 0;
    const Sim *S = s->S;
    for (int32_t i = 0; i < S->log.len && a->n < ANIM_MAX; i++) {
        const Event *e = &S->log.items[i];
        Rect from, to;
        char v[40];
        TypeId t = e->c > 0 && e->c <= S->chans.len ? S->chans.items[e->c - 1].elemtype : 0;
        switch (e->kind) {
        case EV_COPY_STACK_TO_SLOT:
            view_value_str(S, t, e->v, v, sizeof v);
            if (find(next, TAG_G, e->g, -1, &from) && find(next, TAG_SLOT, e->c, e->a, &to)) add(a, from, to, v, ROLE_SENDX);
            break;
        case EV_COPY_SLOT_TO_STACK:
            view_value_str(S, t, e->v, v, sizeof v);
            if ((find(prev, TAG_SLOT, e->c, e->a, &from) || find(next, TAG_SLOT, e->c, e->a, &from)) &&
                find(next, TAG_G, e->g, -1, &to))
                add(a, from, to, v, ROLE_RECVX);
            break;
        case EV_COPY_STACK_TO_STACK:
            view_value_str(S, t, e->v, v, sizeof v);
            if ((find(next, TAG_G, e->g, -1, &from) || find(prev, TAG_G, e->g, -1, &from)) && find(next, TAG_G, e->a, -1, &to))
                add(a, from, to, v, ROLE_SENDX);
            break;
        case EV_ENQUEUE:
            snprintf(v, sizeof v, "sudog G%d", e->g);
            if ((find(prev, TAG_G, e->g, -1, &from) || find(next, TAG_G, e->g, -1, &from)) && find(next, TAG_SUDOG, e->a, -1, &to))
                add(a, from, to, v, ROLE_SUDOG_EDGE);
            break;
        case EV_DEQUEUE:
        case EV_DEQUEUE_SUDOG:
        case EV_CLOSECHAN_COLLECT:
            snprintf(v, sizeof v, "sudog G%d", e->g);
            if (e->kind == EV_CLOSECHAN_COLLECT) {
                if (!find(prev, TAG_SUDOG, -1, -1, &from)) {
                    /* the collected goroutine's sudog: search by its g */
                    const DlCmd *c = NULL;
                    for (int32_t k = 0; prev && k < prev->n; k++)
                        if (prev->cmds[k].kind == DL_BOX && prev->cmds[k].tag == TAG_SUDOG && prev->cmds[k].sub == e->g) c = &prev->cmds[k];
                    if (!c) break;
                    from = c->r;
                }
            } else if (!find(prev, TAG_SUDOG, e->a, -1, &from)) {
                break;
            }
            if (find(next, TAG_G, e->g, -1, &to)) add(a, from, to, v, ROLE_SUDOG_EDGE);
            break;
        case EV_GOREADY:
        case EV_NEWPROC:
        case EV_CLOSECHAN_WAKE:
            snprintf(v, sizeof v, "G%d", e->g);
            if ((find(prev, TAG_G, e->g, -1, &from) || find(next, TAG_G, e->g, -1, &from)) &&
                (find(next, TAG_RUNNEXT, e->g, -1, &to) || find(next, TAG_RUNQ_ITEM, e->g, -1, &to)))
                add(a, from, to, v, ROLE_G_RUNNABLE_EDGE);
            break;
        case EV_GOSCHED:
            snprintf(v, sizeof v, "G%d", e->g);
            if (find(next, TAG_G, e->g, -1, &from) && find(next, TAG_RUNQ_ITEM, e->g, 1, &to))
                add(a, from, to, v, ROLE_G_RUNNABLE_EDGE);
            break;
        }
    }
    /* Tokens move one after another in the order of the events, overlapping a little. */
    for (int i = 0; i < a->n; i++) {
        float span = 1.0f / (float)a->n;
        a->tok[i].t0 = i * span * 0.8f;
        a->tok[i].t1 = a->tok[i].t0 + span * 0.8f + 0.2f;
        if (a->tok[i].t1 > 1) a->tok[i].t1 = 1;
    }
}

static float ease(float t) { return t < 0.5f ? 2 * t * t : 1 - (-2 * t + 2) * (-2 * t + 2) / 2; }

void anim_apply(DisplayList *dl, const Anim *a, float t, const ViewUi *ui, const ViewMetrics *m) {
    ViewFonts f;
    view_fonts(&f, ui, m);
    for (int i = 0; i < a->n; i++) {
        const AnimToken *k = &a->tok[i];
        if (t < k->t0 || t > k->t1 + 0.0001f) continue;
        float u = k->t1 > k->t0 ? (t - k->t0) / (k->t1 - k->t0) : 1;
        u = ease(u < 0 ? 0 : u > 1 ? 1 : u);
        char fit[64];
        int tw = m->text_width(m->ud, f.body, k->text, (int)strlen(k->text));
        int w = tw + 3 * f.pad, h = f.lh_body + f.pad;
        int maxw = 16 * view_mono_advance(f.body);
        if (w > maxw) w = maxw;
        Rect a0 = token_at(k->from, w, h), a1 = token_at(k->to, w, h);
        Rect r = {a0.x + (int)((a1.x - a0.x) * u), a0.y + (int)((a1.y - a0.y) * u), w, h};
        if (r.x < 0) r.x = 0;
        if (r.y < 0) r.y = 0;
        if (r.x + r.w > dl->w) r.x = dl->w - r.w;
        if (r.y + r.h > dl->h) r.y = dl->h - r.h;
        if (r.x < 0 || r.y < 0) continue;
        int32_t b = dl_box(dl, -1, r, ROLE_TOKEN, k->role, ST_FILL | ST_BORDER | ST_THICK | ST_OVERLAY, TAG_TOKEN, i, 0);
        int n = text_fit(m, f.body, k->text, (int)strlen(k->text), r.w - 2 * f.pad, fit, (int)sizeof fit);
        if (n > 0) dl_text(dl, b, (Rect){r.x + f.pad, r.y + f.pad / 2, r.w - 2 * f.pad, f.lh_body}, fit, n, f.body, ROLE_TOKEN_TEXT, ST_CENTER | ST_BOLD);
    }
}
