/* anim.c: what moves, one micro-step at a time (see view.h).
 *
 * A step's animation is its events in turn: each event that moves
 * something visible becomes a phase whose token slides from where the
 * thing was to where it goes, over the frame of the state before that
 * event; when it lands, the state after the event shows.  Tokens are placed
 * by looking up the tagged boxes of the frames before and after the event:
 * a value travels from a goroutine's card (its stack) into a buffer slot,
 * from a slot to a card, or from card to card; a sudog slides from its
 * goroutine into a wait queue or back out of it; a readied goroutine slides
 * into runnext or a run queue.  Anything whose box cannot be found simply
 * does not move. */
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

/* The sudog box of goroutine g (its id may be unknown, as for close's collect). */
static bool find_sudog_of(const DisplayList *dl, GoId g, Rect *out) {
    for (int32_t k = 0; k < dl->n; k++)
        if (dl->cmds[k].kind == DL_BOX && dl->cmds[k].tag == TAG_SUDOG && dl->cmds[k].sub == g) {
            *out = dl->cmds[k].r;
            return true;
        }
    return false;
}

/* A token-sized rect centred in r. */
static Rect token_at(Rect r, int w, int h) { return (Rect){r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h}; }

/* The token event e moves, between the frames before and after it. */
static bool token_for(const Sim *S, const Event *e, const DisplayList *before, const DisplayList *after, AnimToken *t) {
    Rect from, to;
    char v[40];
    TypeId ty = e->c > 0 && e->c <= S->chans.len ? S->chans.items[e->c - 1].elemtype : 0;
    int role = 0;
    bool ok = false;
    switch (e->kind) {
    case EV_COPY_STACK_TO_SLOT:
        view_value_str(S, ty, e->v, v, sizeof v);
        ok = find(before, TAG_G, e->g, -1, &from) && find(after, TAG_SLOT, e->c, e->a, &to);
        role = ROLE_SENDX;
        break;
    case EV_COPY_SLOT_TO_STACK:
        view_value_str(S, ty, e->v, v, sizeof v);
        ok = find(before, TAG_SLOT, e->c, e->a, &from) && find(after, TAG_G, e->g, -1, &to);
        role = ROLE_RECVX;
        break;
    case EV_COPY_STACK_TO_STACK:
        view_value_str(S, ty, e->v, v, sizeof v);
        ok = find(before, TAG_G, e->g, -1, &from) && find(after, TAG_G, e->a, -1, &to);
        role = ROLE_SENDX;
        break;
    case EV_ENQUEUE:
        snprintf(v, sizeof v, "sudog G%d", e->g);
        ok = find(before, TAG_G, e->g, -1, &from) && find(after, TAG_SUDOG, e->a, -1, &to);
        role = ROLE_SUDOG_EDGE;
        break;
    case EV_DEQUEUE:
    case EV_DEQUEUE_SUDOG:
        snprintf(v, sizeof v, "sudog G%d", e->g);
        ok = find(before, TAG_SUDOG, e->a, -1, &from) && find(after, TAG_G, e->g, -1, &to);
        role = ROLE_SUDOG_EDGE;
        break;
    case EV_CLOSECHAN_COLLECT:
        snprintf(v, sizeof v, "sudog G%d", e->g);
        ok = find_sudog_of(before, e->g, &from) && find(after, TAG_G, e->g, -1, &to);
        role = ROLE_SUDOG_EDGE;
        break;
    case EV_GOREADY:
    case EV_NEWPROC:
        snprintf(v, sizeof v, "G%d", e->g);
        ok = (find(before, TAG_G, e->g, -1, &from) || find(after, TAG_G, e->g, -1, &from)) &&
             (find(after, TAG_RUNNEXT, e->g, -1, &to) || find(after, TAG_RUNQ_ITEM, e->g, -1, &to));
        role = ROLE_G_RUNNABLE_EDGE;
        break;
    case EV_GOSCHED:
    case EV_PREEMPT:
        snprintf(v, sizeof v, "G%d", e->g);
        ok = find(before, TAG_G, e->g, -1, &from) && find(after, TAG_RUNQ_ITEM, e->g, 1, &to);
        role = ROLE_G_RUNNABLE_EDGE;
        break;
    default: break;
    }
    if (!ok || (from.x == to.x && from.y == to.y)) return false;
    t->from = from;
    t->to = to;
    snprintf(t->text, sizeof t->text, "%s", v);
    t->role = (uint8_t)role;
    return true;
}

void anim_plan(AnimPlan *p, const Session *s, int from, int to, const ViewUi *ui0, const ViewMetrics *m) {
    p->n = 0;
    const Sim *S = s->S;
    int n = S->log.len;
    int first = from == VIEW_BEFORE_STEP ? 0 : from + 1;
    int last = to < 0 ? n - 1 : to;
    if (first > last || n == 0) return;
    ViewUi ui = *ui0;
    ui.help = false;
    ui.prompt = ui.toast = NULL;
    DisplayList before, after;
    dl_init(&before);
    dl_init(&after);
    ui.micro = first > 0 ? first - 1 : VIEW_BEFORE_STEP;
    view_layout(&before, s, &ui, m);
    for (int i = first; i <= last && p->n < ANIM_MAX; i++) {
        ui.micro = i;
        view_layout(&after, s, &ui, m);
        AnimToken t;
        if (token_for(S, &S->log.items[i], &before, &after, &t)) p->ph[p->n++] = (AnimPhase){i, t};
        DisplayList swap = before;
        before = after;
        after = swap;
    }
    dl_free(&before);
    dl_free(&after);
}

static float ease(float t) { return t < 0.5f ? 2 * t * t : 1 - (-2 * t + 2) * (-2 * t + 2) / 2; }

void anim_draw_token(DisplayList *dl, const AnimToken *k, float u, const ViewUi *ui, const ViewMetrics *m) {
    ViewFonts f;
    view_fonts(&f, ui, m);
    u = ease(u < 0 ? 0 : u > 1 ? 1 : u);
    char fit[64];
    int tw = m->text_width(m->ud, f.body, k->text, (int)strlen(k->text));
    int w = tw + 3 * f.pad, h = f.lh_body + f.pad;
    int maxw = 16 * view_mono_advance(f.body);
    if (w > maxw) w = maxw;
    Rect a0 = token_at(k->from, w, h), a1 = token_at(k->to, w, h);
    Rect r = {a0.x + (int)((a1.x - a0.x) * u), a0.y + (int)((a1.y - a0.y) * u), w, h};
    if (r.x + r.w > dl->w) r.x = dl->w - r.w;
    if (r.y + r.h > dl->h) r.y = dl->h - r.h;
    if (r.x < 0) r.x = 0;
    if (r.y < 0) r.y = 0;
    if (r.w > dl->w || r.h > dl->h) return;
    int32_t b = dl_box(dl, -1, r, ROLE_TOKEN, k->role, ST_FILL | ST_BORDER | ST_THICK | ST_OVERLAY, TAG_TOKEN, 0, 0);
    int n = text_fit(m, f.body, k->text, (int)strlen(k->text), r.w - 2 * f.pad, fit, (int)sizeof fit);
    if (n > 0) dl_text(dl, b, (Rect){r.x + f.pad, r.y + f.pad / 2, r.w - 2 * f.pad, f.lh_body}, fit, n, f.body, ROLE_TOKEN_TEXT, ST_CENTER | ST_BOLD);
}

int anim_phase_ms(int speed, bool playing) {
    /* 350 ms a movement when stepping by hand; when playing, a share of the step's time. */
    if (!playing) return 350;
    float sp = view_speeds[speed];
    int ms = (int)(400.0f / sp);
    return ms < 60 ? 0 : ms > 450 ? 450 : ms;
}
