/* test_changes.c: what the window marks as changed is exactly what changed.
 *
 * For every step and every micro-step of every lesson, at 1280x720: each
 * hchan field cell, buffer slot and goroutine card drawn outlined in the
 * CHANGED role must differ between the state the step (or micro-step)
 * started from and the state shown, and each one that differs must be so
 * outlined -- compared here field by field on the two Sims themselves,
 * not through statediff.  A changed field's value reads "old->new".  And the
 * state shown at a micro-step is the derived one: after a step's k-th
 * event, what the event says holds (a lock taken, a slot written, an index
 * moved, a sudog queued), checked against the event itself.
 *
 * Narration follows what happened (lessontext.h): a lesson's words show
 * only at steps that ran their line, a note attached to an event only from
 * the micro-step where that event happens, a line's note never at a step
 * that only wakes up an operation parked before; and once a manual pick
 * leaves the lesson's path, no lesson words show until B (session_rejoin)
 * brings the run back to the step where it left.
 *
 * The scheduling game: at every decision of every lesson run by Go's
 * scheduler, the pick columns say "Go's scheduler runs it next" of exactly
 * the goroutine the recorded run ran next; and picking lesson 19's goal
 * schedule by hand ends with the goal's outcome and its congratulation. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "lessontext.h"
#include "view.h"

static char root[1024];

static void find_root(void) { snprintf(root, sizeof root, "%s", testutil_root()); }

static int32_t qlen(const Sim *S, WaitQ q) {
    int32_t n = 0;
    for (SudogId s = q.first; s; s = S->sudogs.items[s - 1].next) n++;
    return n;
}

static bool queue_differs(const Sim *a, WaitQ qa, const Sim *b, WaitQ qb) {
    SudogId x = qa.first, y = qb.first;
    while (x && y) {
        if (x != y || a->sudogs.items[x - 1].g != b->sudogs.items[y - 1].g) return true;
        x = a->sudogs.items[x - 1].next;
        y = b->sudogs.items[y - 1].next;
    }
    return x != y;
}

/* Does hchan field cell i of channel c differ between a and b? */
static bool field_differs(const Sim *a, const Sim *b, ChanId c, int i) {
    if (c > a->chans.len) return false; /* made by this step: nothing to compare with */
    const Chan *x = &a->chans.items[c - 1], *y = &b->chans.items[c - 1];
    switch (i) {
    case 0: return x->qcount != y->qcount;
    case 1: return x->dataqsiz != y->dataqsiz;
    case 4: return x->closed != y->closed;
    case 6: return x->sendx != y->sendx;
    case 7: return x->recvx != y->recvx;
    case 8: return queue_differs(a, x->recvq, b, y->recvq);
    case 9: return queue_differs(a, x->sendq, b, y->sendq);
    case 10: return x->lock != y->lock;
    default: return false; /* buf, elemsize, elemtype never change */
    }
}

static bool slot_differs(const Sim *a, const Sim *b, ChanId c, int i) {
    if (c > a->chans.len) return false;
    Value x = a->slots.items[a->chans.items[c - 1].buf + i], y = b->slots.items[b->chans.items[c - 1].buf + i];
    return x.kind != y.kind || x.ref != y.ref || x.i != y.i;
}

static bool g_differs(const Sim *a, const Sim *b, GoId g) {
    return g > a->gs.len || a->gs.items[g - 1].status != b->gs.items[g - 1].status;
}

/* A text child of box index `box`: does one contain the arrow? */
static bool has_arrow(const DisplayList *dl, int32_t box) {
    for (int32_t i = box + 1; i < dl->n; i++) {
        const DlCmd *t = &dl->cmds[i];
        if (t->kind == DL_TEXT && t->parent == box && strstr(dl_str(dl, t), "\xe2\x86\x92")) return true;
    }
    return false;
}

static long marks_checked, differences_drawn;

static void check_frame(const Session *s, const DisplayList *dl, const char *path, int k, int micro) {
    const Sim *from = session_state_from(s, micro), *S = session_state_at(s, micro);
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind != DL_BOX) continue;
        bool marked = c->stroke == ROLE_CHANGED;
        bool differs;
        if (c->tag == TAG_FIELD) differs = field_differs(from, S, c->id, c->sub);
        else if (c->tag == TAG_SLOT) differs = slot_differs(from, S, c->id, c->sub);
        else if (c->tag == TAG_G) differs = from != S && g_differs(from, S, c->id);
        else continue;
        if (from == S) differs = false; /* step 0: nothing happened yet */
        marks_checked++;
        if (marked != differs)
            fail_msg("%s step %d micro %d: %s %d/%d is %s but %s", path, k, micro,
                     c->tag == TAG_FIELD ? "field" : c->tag == TAG_SLOT ? "slot" : "goroutine", c->id, c->sub,
                     marked ? "marked changed" : "not marked", differs ? "it changed" : "it did not change");
        if (marked && c->tag != TAG_G && !has_arrow(dl, i))
            fail_msg("%s step %d micro %d: changed %d/%d does not read old->new", path, k, micro, c->id, c->sub);
        if (marked) differences_drawn++;
    }
}

/* After event e, the derived state holds what e says. */
static void check_event_applied(const Sim *D, const Event *e, const char *path, int k, int micro) {
    const Chan *ch = e->c > 0 && e->c <= D->chans.len ? &D->chans.items[e->c - 1] : NULL;
    bool ok = true;
    switch (e->kind) {
    case EV_LOCK: ok = ch && ch->lock == e->g; break;
    case EV_UNLOCK: ok = ch && ch->lock == 0; break;
    case EV_COPY_STACK_TO_SLOT:
    case EV_CLEAR_SLOT: {
        Value v = ch ? D->slots.items[ch->buf + e->a] : (Value){0};
        ok = ch && v.kind == e->v.kind && v.ref == e->v.ref && v.i == e->v.i;
        break;
    }
    case EV_CHAN_INDEX: ok = ch && ch->sendx == (uint32_t)e->a && ch->recvx == (uint32_t)e->b && ch->qcount == (uint32_t)e->d; break;
    case EV_ENQUEUE: ok = ch && (e->b ? ch->sendq.last : ch->recvq.last) == e->a; break;
    case EV_GOPARK: ok = D->gs.items[e->g - 1].status == GS_WAITING; break;
    case EV_GOREADY: ok = D->gs.items[e->g - 1].status == GS_RUNNABLE && D->p.runnext == e->g; break;
    case EV_CLOSECHAN: ok = ch && ch->closed; break;
    case EV_CLOSECHAN_COLLECT: ok = D->closelist.len > 0 && D->closelist.items[D->closelist.len - 1] == e->g; break;
    default: break;
    }
    if (!ok) fail_msg("%s step %d micro %d: the state shown does not hold what %s says", path, k, micro, event_name(e->kind));
    (void)qlen;
}

static void test_marks_match_changes(void **state) {
    (void)state;
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, 0, NULL, &g);
    assert_true(g.gl_pathc > 10);
    DisplayList dl;
    dl_init(&dl);
    long frames = 0;
    for (size_t p = 0; p < g.gl_pathc; p++) {
        Session s;
        if (!session_load(&s, g.gl_pathv[p], SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        for (int k = 0; k < session_nsteps(&s); k++) {
            session_goto(&s, k);
            int n = s.S->log.len;
            for (int micro = -1; micro < n; micro++) {
                ViewUi ui = {0};
                ui.w = 1280;
                ui.h = 720;
                ui.zoom = 1;
                ui.micro = micro;
                view_layout(&dl, &s, &ui, &view_metrics_dejavu);
                check_frame(&s, &dl, g.gl_pathv[p], k, micro);
                if (micro >= 0) check_event_applied(session_state_at(&s, micro), &s.S->log.items[micro], g.gl_pathv[p], k, micro);
                frames++;
            }
        }
        session_free(&s);
    }
    printf("# %ld frames, %ld marks checked, %ld changes drawn\n", frames, marks_checked, differences_drawn);
    assert_true(differences_drawn > 100);
    dl_free(&dl);
    globfree(&g);
}

static void test_narration_follows_events(void **state) {
    (void)state;
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, 0, NULL, &g);
    long shown = 0, with_event = 0, wakeups_silent = 0;
    for (size_t p = 0; p < g.gl_pathc; p++) {
        Session s;
        if (!session_load(&s, g.gl_pathv[p], SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        assert_int_equal(s.diverged_at, 0); /* the lesson's own schedule is its path */
        for (int k = 1; k < session_nsteps(&s); k++) {
            session_goto(&s, k);
            const StepRec *st = session_step(&s, k);
            bool wakeup = lesson_step_is_wakeup(&s);
            for (int micro = -1; micro < s.S->log.len; micro++) {
                LessonText t[8];
                int n = lesson_text_for_step(&s, micro, LANG_EN, t, 8);
                for (int i = 0; i < n; i++) {
                    shown++;
                    if (t[i].line != st->line)
                        fail_msg("%s step %d: words of line %d shown at a step on line %d", g.gl_pathv[p], k, t[i].line, st->line);
                    if (t[i].event < 0) {
                        if (wakeup) fail_msg("%s step %d: the line's words shown at a wake-up", g.gl_pathv[p], k);
                        continue;
                    }
                    with_event++;
                    int at = -1;
                    for (int32_t e = 0; e < s.S->log.len && at < 0; e++)
                        if (s.S->log.items[e].kind == t[i].event) at = e;
                    if (at < 0 || (micro >= 0 && micro < at))
                        fail_msg("%s step %d micro %d: the words for @%s shown, the event is at %d", g.gl_pathv[p], k, micro,
                                 event_name(t[i].event), at);
                }
                if (wakeup && micro < 0 && n == 0) wakeups_silent++;
            }
        }
        session_free(&s);
    }
    printf("# narration: %ld shown (%ld attached to events), %ld wake-up steps without the park's words\n", shown, with_event,
           wakeups_silent);
    assert_true(shown > 100);
    assert_true(with_event > 5);
    globfree(&g);
}

/* Leaving the lesson's path hides its words; B comes back to where it left. */
static void test_off_path_and_back(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%slessons/05-recv-rotate.go", root);
    Session s;
    assert_true(session_load(&s, path, SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL));
    session_record_all(&s);
    /* The first view step after which two goroutines could run. */
    int k = 0;
    for (; k < session_nsteps(&s) - 1; k++) {
        session_goto(&s, k);
        if (session_needs_pick(&s)) break;
    }
    assert_true(k < session_nsteps(&s) - 1);
    GoId next = session_step(&s, k + 1)->actor, other = 0;
    GoId rs[8];
    int32_t nr = sim_runnable(s.S, rs, 8);
    for (int32_t i = 0; i < nr; i++)
        if (rs[i] != next) other = rs[i];
    assert_true(other != 0);
    assert_true(session_pick(&s, other));
    assert_int_equal(s.diverged_at, k + 1);
    session_record_all(&s);
    for (int j = k + 1; j < session_nsteps(&s); j++) {
        session_goto(&s, j);
        LessonText t[4];
        assert_int_equal(lesson_text_for_step(&s, -1, LANG_EN, t, 4), 0);
    }
    assert_true(session_rejoin(&s, NULL));
    assert_int_equal(s.diverged_at, 0);
    assert_int_equal(s.cur, k);
    session_record_all(&s);
    session_goto(&s, k + 1);
    assert_int_equal(session_step(&s, k + 1)->actor, next); /* the lesson's own pick again */
    session_free(&s);
}

static bool dl_has_text(const DisplayList *dl, const char *want) {
    size_t n = strlen(want);
    for (int32_t i = 0; i < dl->n; i++)
        if (dl->cmds[i].kind == DL_TEXT && (size_t)dl->cmds[i].len >= n && strstr(dl_str(dl, &dl->cmds[i]), want)) return true;
    return false;
}

static void test_scheduling_game(void **state) {
    (void)state;
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, 0, NULL, &g);
    DisplayList dl;
    dl_init(&dl);
    const char *go_next = ui_str(LANG_EN, UI_PICK_GO_WOULD) + 2; /* without ". " */
    long decisions = 0;
    for (size_t p = 0; p < g.gl_pathc; p++) {
        Session s;
        if (!session_load(&s, g.gl_pathv[p], SCHED_GO, 0, NULL, 0, NULL)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        for (int k = 0; k + 1 < session_nsteps(&s); k++) {
            session_goto(&s, k);
            if (!session_needs_pick(&s)) continue;
            ViewUi ui = {0};
            ui.w = 1920;
            ui.h = 1080;
            ui.zoom = 1;
            ui.micro = -1;
            ui.manual = ui.need_pick = true;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            GoId next = session_step(&s, k + 1)->actor;
            /* The column of the goroutine Go runs next says so; no other does. */
            for (int32_t i = 0; i < dl.n; i++) {
                const DlCmd *c = &dl.cmds[i];
                if (c->kind != DL_BOX || c->tag != TAG_G) continue;
                /* Its words, wrapped lines joined again. */
                char words[2048];
                int wn = 0;
                for (int32_t j = i + 1; j < dl.n && wn < (int)sizeof words - 200; j++)
                    if (dl.cmds[j].kind == DL_TEXT && dl.cmds[j].parent == i)
                        wn += snprintf(words + wn, sizeof words - (size_t)wn, "%.*s ", dl.cmds[j].len, dl_str(&dl, &dl.cmds[j]));
                bool says = strstr(words, "runs it next") != NULL;
                if (says != (c->id == next))
                    fail_msg("%s step %d: G%d's column %s, and Go ran G%d next", g.gl_pathv[p], k, c->id,
                             says ? "says Go runs it next" : "does not say so", next);
            }
            decisions++;
        }
        session_free(&s);
    }
    (void)go_next;
    printf("# scheduling game: %ld decisions, the column Go picks named at each\n", decisions);
    assert_true(decisions > 20);

    /* Lesson 19's goal, reached by hand: from Go's schedule, pick what the lesson's own path picks. */
    char path[1200];
    snprintf(path, sizeof path, "%slessons/19-session-race.go", root);
    Session s;
    assert_true(session_load(&s, path, SCHED_GO, 0, NULL, 0, NULL));
    assert_non_null(s.lesson.goal_outcome);
    for (int k = 0; k < 100000; k++) {
        session_record_all(&s);
        if (k >= session_nsteps(&s) - 1) break;
        session_goto(&s, k);
        if (!session_needs_pick(&s)) continue;
        int32_t at = s.S->choices.len;
        assert_true(at < s.lesson_path.len);
        GoId want = s.lesson_path.items[at].value;
        if (session_step(&s, k + 1)->actor != want) assert_true(session_pick(&s, want));
    }
    char outcome[300];
    session_outcome(&s, outcome, sizeof outcome);
    assert_string_equal(outcome, s.lesson.goal_outcome);
    session_goto(&s, session_nsteps(&s) - 1);
    ViewUi ui = {0};
    ui.w = 1920;
    ui.h = 1080;
    ui.zoom = 1;
    ui.micro = -1;
    ui.manual = true;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    char want[400];
    snprintf(want, sizeof want, ui_str(LANG_EN, UI_GOAL_REACHED), s.lesson.goal_outcome);
    want[40] = '\0'; /* the banner wraps: its first words */
    assert_true(s.picks > 0);
    if (!dl_has_text(&dl, "Goal reached")) fail_msg("no congratulation at the end of lesson 19's goal schedule");
    session_free(&s);
    dl_free(&dl);
    globfree(&g);
}

int main(void) {
    find_root();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks_match_changes),
        cmocka_unit_test(test_narration_follows_events),
        cmocka_unit_test(test_off_path_and_back),
        cmocka_unit_test(test_scheduling_game),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
