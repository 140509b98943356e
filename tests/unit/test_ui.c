/* test_ui.c: the window's own furniture, checked on the display list: the
 * help overlay (keys, mouse, legend) complete and uncut at every window
 * size in both languages; the lesson menu scrolling with counts of what is
 * above and below; the top bar's speed ("1 step/s") and exported frames
 * without UI chrome; the timeline's labels for the step shown and the step
 * under the pointer; the crash report in the Output panel at the end of a
 * run that panics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "narrate.h"
#include "view.h"

static char root[1024];

static void find_root(void) { snprintf(root, sizeof root, "%s", testutil_root()); }

static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}};

static ViewUi base_ui(int w, int h, int lang) {
    ViewUi ui = {0};
    ui.w = w, ui.h = h, ui.zoom = 1, ui.lang = lang, ui.micro = -1, ui.speed = 1, ui.hover_step = -1;
    return ui;
}

/* The text command whose text is exactly s (NULL if none). */
static const DlCmd *text_equal(const DisplayList *dl, const char *s) {
    for (int32_t i = 0; i < dl->n; i++)
        if (dl->cmds[i].kind == DL_TEXT && strcmp(dl_str(dl, &dl->cmds[i]), s) == 0) return &dl->cmds[i];
    return NULL;
}

/* The first text command containing s (NULL if none). */
static const DlCmd *text_with(const DisplayList *dl, const char *s) {
    for (int32_t i = 0; i < dl->n; i++)
        if (dl->cmds[i].kind == DL_TEXT && strstr(dl_str(dl, &dl->cmds[i]), s)) return &dl->cmds[i];
    return NULL;
}

static bool inside_help(const DisplayList *dl, const DlCmd *c) {
    for (int32_t p = c->parent; p >= 0; p = dl->cmds[p].parent)
        if (dl->cmds[p].tag == TAG_HELP && dl->cmds[p].parent < 0) return true;
    return false;
}

static void load(Session *s, const char *rel) {
    char path[1200];
    snprintf(path, sizeof path, "%s%s", root, rel);
    assert_true(session_load(s, path, SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL));
    session_record_all(s);
}

/* ---- help ------------------------------------------------------------------------ */

static const int help_strings[] = {
    UI_KEY_NEXT, UI_KEY_PREV, UI_KEY_MICRO, UI_KEY_HOMEEND, UI_KEY_PLAY, UI_KEY_JUMP, UI_KEY_MANUAL, UI_KEY_SAVE,
    UI_KEY_PRESENT, UI_KEY_HIDDEN, UI_KEY_REVEAL, UI_KEY_FULL, UI_KEY_THEME, UI_KEY_MENU, UI_KEY_HELP, UI_KEY_BACK,
    UI_KEY_QUIT, UI_HELP_MOUSE, UI_MOUSE_CLICK_G, UI_MOUSE_TIMELINE, UI_MOUSE_WHEEL, UI_MOUSE_MENU, UI_HELP_LEGEND,
    UI_LEG_RUNNING, UI_LEG_RUNNABLE, UI_LEG_WAITING, UI_LEG_DEAD, UI_LEG_PICK, UI_LEG_SLOT_FULL, UI_LEG_SLOT_EMPTY,
    UI_LEG_SENDX, UI_LEG_RECVX, UI_LEG_SUDOG, UI_LEG_CLOSED, UI_LEG_LINE_CUR, UI_LEG_LINE_OTHER, UI_LEG_CURSOR,
};

/* Every line of the help is there in full (not elided), inside the help box,
 * and nothing in the box overlaps anything else in it. */
static void check_help(const DisplayList *dl, const char *where) {
    const DlCmd *box = dl_find(dl, TAG_HELP, 0, -1);
    if (!box) fail_msg("%s: no help overlay", where);
    int lang = -1;
    for (int l = 0; l < LANG__COUNT && lang < 0; l++)
        if (text_equal(dl, ui_str(l, UI_KEY_BACK))) lang = l;
    if (lang < 0) fail_msg("%s: the help does not say what Esc does", where);
    for (size_t i = 0; i < sizeof help_strings / sizeof *help_strings; i++) {
        const char *want = ui_str(lang, help_strings[i]);
        const DlCmd *c = text_equal(dl, want);
        if (!c) fail_msg("%s: the help lacks (or cuts) \"%s\"", where, want);
        if (!inside_help(dl, c) || !rect_contains(box->r, c->r)) fail_msg("%s: \"%s\" is outside the help box", where, want);
    }
    /* The legend draws a sample for each entry drawn as a box. */
    int samples = 0;
    for (int32_t i = 0; i < dl->n; i++) samples += dl->cmds[i].kind == DL_BOX && dl->cmds[i].tag == TAG_HELP && dl->cmds[i].id == 1;
    assert_true(samples >= 10);
    /* Within the box: nothing overlaps. */
    int32_t hb = (int32_t)(box - dl->cmds);
    for (int32_t i = hb + 1; i < dl->n; i++) {
        const DlCmd *a = &dl->cmds[i];
        if (a->parent != hb) continue;
        for (int32_t j = i + 1; j < dl->n; j++) {
            const DlCmd *b = &dl->cmds[j];
            if (b->parent == hb && rect_overlaps(a->r, b->r))
                fail_msg("%s: in the help, \"%s\" overlaps \"%s\"", where, a->kind == DL_TEXT ? dl_str(dl, a) : "(box)",
                         b->kind == DL_TEXT ? dl_str(dl, b) : "(box)");
        }
    }
}

static void test_help_complete(void **state) {
    (void)state;
    Session s;
    load(&s, "lessons/05-recv-rotate.go");
    session_goto(&s, 10);
    DisplayList dl;
    dl_init(&dl);
    char why[512], where[128];
    MenuItem items[3] = {{"lessons/01-a.go", "one"}, {"lessons/02-b.go", "two"}, {"lessons/03-c.go", "three"}};
    for (int z = 0; z < 3; z++)
        for (int lang = 0; lang < LANG__COUNT; lang++) {
            ViewUi ui = base_ui(sizes[z][0], sizes[z][1], lang);
            ui.help = true;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            snprintf(where, sizeof where, "lesson at %dx%d lang %d", ui.w, ui.h, lang);
            if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("%s: %s", where, why);
            check_help(&dl, where);
            /* The help is there in the lesson menu too (H works there). */
            view_layout_menu(&dl, items, 3, 0, &ui, &view_metrics_dejavu);
            snprintf(where, sizeof where, "menu at %dx%d lang %d", ui.w, ui.h, lang);
            if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("%s: %s", where, why);
            check_help(&dl, where);
        }
    /* What help says about the keys is what the keys do: Esc is not "quit" any more. */
    for (int lang = 0; lang < LANG__COUNT; lang++) {
        assert_null(strstr(ui_str(lang, UI_KEY_HELP), "Esc"));
        assert_non_null(strstr(ui_str(lang, UI_KEY_BACK), "Esc"));
        assert_non_null(strstr(ui_str(lang, UI_KEY_QUIT), "Q"));
    }
    dl_free(&dl);
    session_free(&s);
}

/* ---- the lesson menu ------------------------------------------------------------- */

/* The menu rows shown: first id and how many; they are consecutive. */
static int rows_shown(const DisplayList *dl, int *first) {
    int n = 0, prev = -1;
    *first = -1;
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind != DL_BOX || c->tag != TAG_MENU_ITEM) continue;
        if (*first < 0) *first = c->id;
        else assert_int_equal(c->id, prev + 1);
        prev = c->id;
        n++;
    }
    return n;
}

/* The number in the text of the TAG_MORE line with this id (-1 above, 1 below), or 0 if none. */
static int more_count(const DisplayList *dl, int id) {
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind == DL_TEXT && c->tag == TAG_MORE && c->parent >= 0 && dl->cmds[c->parent].id == id) {
            const char *p = dl_str(dl, c);
            while (*p && (*p < '0' || *p > '9')) p++;
            return atoi(p);
        }
    }
    return 0;
}

static void test_menu_scrolls(void **state) {
    (void)state;
    enum { N = 23 };
    MenuItem items[N];
    static char paths[N][64];
    for (int i = 0; i < N; i++) {
        snprintf(paths[i], sizeof paths[i], "lessons/%02d-lesson.go", i + 1);
        items[i] = (MenuItem){paths[i], "a lesson about channels"};
    }
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    for (int z = 0; z < 3; z++) {
        ViewUi ui = base_ui(sizes[z][0], sizes[z][1], z % 2);
        int first;
        view_layout_menu(&dl, items, N, 0, &ui, &view_metrics_dejavu);
        if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("menu: %s", why);
        int shown = rows_shown(&dl, &first);
        assert_int_equal(first, 0);
        assert_true(shown > 0 && shown < N); /* 23 lessons do not fit one 16:9 screen at this row height */
        assert_int_equal(more_count(&dl, -1), 0);
        assert_int_equal(more_count(&dl, 1), N - shown);
        assert_non_null(dl_find(&dl, TAG_MORE, 0, 0)); /* the scroll bar */
        /* Every scroll position: above + shown + below = all, the selection shown. */
        for (int f = 0; f < N; f++) {
            int sel = f + shown / 2 < N ? f + shown / 2 : N - 1;
            ui.menu_first = f;
            view_layout_menu(&dl, items, N, sel, &ui, &view_metrics_dejavu);
            if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("menu first %d: %s", f, why);
            int n = rows_shown(&dl, &first);
            assert_int_equal(n, shown);
            assert_int_equal(first, f < N - shown ? f : N - shown);
            assert_int_equal(more_count(&dl, -1) + n + more_count(&dl, 1), N);
            assert_true(sel >= first && sel < first + n);
            const DlCmd *track = dl_find(&dl, TAG_MORE, 0, 0), *thumb = dl_find(&dl, TAG_MORE, 0, 1);
            assert_non_null(thumb);
            assert_true(rect_contains(track->r, thumb->r));
        }
        /* The selection wins over the requested scroll: the last lesson selected shows the end. */
        ui.menu_first = 0;
        view_layout_menu(&dl, items, N, N - 1, &ui, &view_metrics_dejavu);
        rows_shown(&dl, &first);
        assert_int_equal(first, N - shown);
        assert_int_equal(more_count(&dl, 1), 0);
        assert_int_equal(more_count(&dl, -1), N - shown);
        /* Few lessons: no scrolling furniture. */
        view_layout_menu(&dl, items, 3, 0, &ui, &view_metrics_dejavu);
        assert_int_equal(rows_shown(&dl, &first), 3);
        assert_null(dl_find(&dl, TAG_MORE, 0, -1));
    }
    dl_free(&dl);
}

/* ---- top bar: speed, and exported frames ----------------------------------------- */

static void test_speed_and_export_chrome(void **state) {
    (void)state;
    Session s;
    load(&s, "lessons/05-recv-rotate.go");
    session_goto(&s, 5);
    DisplayList dl;
    dl_init(&dl);
    for (int lang = 0; lang < LANG__COUNT; lang++) {
        ViewUi ui = base_ui(1920, 1080, lang);
        char want[64];
        for (int sp = 0; sp < SPEED_COUNT; sp++) {
            ui.speed = sp;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            snprintf(want, sizeof want, " %g %s", (double)view_speeds[sp],
                     ui_str(lang, view_speeds[sp] == 1 ? UI_STEP_PER_SEC : UI_STEPS_PER_SEC));
            if (!text_with(&dl, want)) fail_msg("no \"%s\" in the top bar", want);
        }
        if (lang == LANG_EN) {
            ui.speed = 1;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            assert_non_null(text_with(&dl, "1 step/s"));
            assert_null(text_with(&dl, "1 steps/s"));
        }
        ui.speed = 1;
        ui.reduced_motion = true;
        ui.help = true;
        ui.toast = "schedule saved to /x";
        view_layout(&dl, &s, &ui, &view_metrics_dejavu);
        assert_non_null(text_equal(&dl, ui_str(lang, UI_HELP_HINT)));
        assert_non_null(text_with(&dl, ui_str(lang, UI_PAUSED)));
        /* The same frame exported: the program's state, none of the window's controls. */
        ui.exporting = true;
        view_layout(&dl, &s, &ui, &view_metrics_dejavu);
        assert_null(text_equal(&dl, ui_str(lang, UI_HELP_HINT)));
        assert_null(text_with(&dl, ui_str(lang, UI_PAUSED)));
        assert_null(text_with(&dl, ui_str(lang, UI_STEP_PER_SEC)));
        assert_null(text_with(&dl, ui_str(lang, UI_REDUCED_MOTION)));
        assert_null(dl_find(&dl, TAG_HELP, 0, -1));
        assert_null(dl_find(&dl, TAG_BANNER, 0, -1));
        /* ...but still the program's state: the step and the panels. */
        assert_non_null(dl_find(&dl, TAG_PANEL, UI_PANEL_CHANNELS, -1));
        ui.playing = true;
        view_layout(&dl, &s, &ui, &view_metrics_dejavu);
        assert_null(text_with(&dl, ui_str(lang, UI_PLAYING)));
    }
    dl_free(&dl);
    session_free(&s);
}

/* ---- the timeline's labels ------------------------------------------------------- */

/* The goroutine and channel step k acted on, from the Sim at k: the channel
 * of the step's main event (its runtime path), else the first one named. */
static void step_facts(Session *s, int32_t k, int *g, char *chan, int cap) {
    session_goto(s, k);
    *g = session_step(s, k)->actor;
    chan[0] = '\0';
    ChanId c = 0;
    for (int32_t i = 0; i < s->S->log.len && !c; i++)
        if (s->S->log.items[i].kind == session_step(s, k)->main_event) c = s->S->log.items[i].c;
    for (int32_t i = 0; i < s->S->log.len && c <= 0; i++) c = s->S->log.items[i].c;
    if (c > 0) view_chan_name(s->S, c, chan, cap);
}

static void test_timeline_labels(void **state) {
    (void)state;
    Session s;
    load(&s, "lessons/05-recv-rotate.go");
    int32_t n = session_nsteps(&s);
    DisplayList dl;
    dl_init(&dl);
    char why[512], want[128], chan[64];
    int checked = 0;
    for (int32_t k = 0; k < n; k++) {
        int g;
        step_facts(&s, k, &g, chan, sizeof chan);
        if (g <= 0 || !chan[0]) continue;
        /* The step shown: the cursor's label names the goroutine and the channel. */
        ViewUi ui = base_ui(sizes[k % 3][0], sizes[k % 3][1], k % 2);
        view_layout(&dl, &s, &ui, &view_metrics_dejavu);
        snprintf(want, sizeof want, "\xe2\x96\xb2 %d  G%d \xc2\xb7 %s", k, g, chan);
        if (!text_equal(&dl, want)) fail_msg("step %d: no cursor label \"%s\"", k, want);
        assert_null(dl_find(&dl, TAG_CURSOR, k, 1)); /* no pointer, no hover label */
        checked++;
    }
    assert_true(checked > 10);
    /* The pointer over a tick of another step: a label with that step, its
     * goroutine and (once the window has looked it up) its channel. */
    session_goto(&s, 0);
    ViewUi ui = base_ui(1280, 720, LANG_EN);
    /* No spoilers: at step 0 the timeline holds no tick until the run is revealed (O). */
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    for (int32_t i = 0; i < dl.n; i++) assert_false(dl.cmds[i].tag == TAG_TIMELINE_MARK);
    ui.reveal = true;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    const DlCmd *track = dl_find(&dl, TAG_TIMELINE, 0, -1);
    assert_non_null(track);
    Rect tr = track->r;
    const DlCmd *mark = NULL;
    for (int32_t i = 0; i < dl.n && !mark; i++)
        if (dl.cmds[i].kind == DL_BOX && dl.cmds[i].tag == TAG_TIMELINE_MARK && dl.cmds[i].id == 0) mark = &dl.cmds[i];
    assert_non_null(mark); /* a send tick */
    ui.mouse_x = mark->r.x + mark->r.w / 2;
    ui.mouse_y = mark->r.y + mark->r.h / 2;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("hover: %s", why);
    const DlCmd *hover = NULL;
    for (int32_t i = 0; i < dl.n && !hover; i++)
        if (dl.cmds[i].kind == DL_BOX && dl.cmds[i].tag == TAG_CURSOR && dl.cmds[i].sub == 1) hover = &dl.cmds[i];
    assert_non_null(hover);
    int32_t k = hover->id;
    assert_true(session_step(&s, k)->marks & MARK_SEND); /* snapped to the send tick under the pointer */
    assert_true(hover->r.y + hover->r.h <= tr.y);        /* above the track, not under the pointer */
    int g;
    step_facts(&s, k, &g, chan, sizeof chan);
    session_goto(&s, 0);
    snprintf(want, sizeof want, "%s %d \xc2\xb7 G%d", ui_str(LANG_EN, UI_STEP), k, g);
    if (!text_with(&dl, want)) fail_msg("no hover label \"%s\"", want);
    ui.hover_step = k;
    ui.hover_chan = chan;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    snprintf(want, sizeof want, "%s %d \xc2\xb7 G%d \xc2\xb7 %s \xc2\xb7 ", ui_str(LANG_EN, UI_STEP), k, g, chan);
    if (!text_with(&dl, want)) fail_msg("no hover label \"%s\"", want);
    /* A channel looked up for another step is not used for this one. */
    ui.hover_step = k + 1;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    assert_null(text_with(&dl, want));
    /* Off the track: no label. */
    ui.mouse_y = tr.y - 5;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    assert_null(dl_find(&dl, TAG_CURSOR, k, 1));
    dl_free(&dl);
    session_free(&s);
}

/* ---- the crash report in Output --------------------------------------------------- */

static void test_crash_in_output(void **state) {
    (void)state;
    Session s;
    load(&s, "lessons/10-send-on-closed.go");
    assert_int_equal(s.end_state, SIM_PANICKED);
    int32_t last = session_nsteps(&s) - 1;
    static const char report[] = "panic: send on closed channel\n\ngoroutine 1 [running]:\nmain.main()\n\t/l/10.go:29\n";
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    for (int z = 0; z < 3; z++) {
        ViewUi ui = base_ui(sizes[z][0], sizes[z][1], z % 2);
        ui.crash_report = report;
        session_goto(&s, last);
        view_layout(&dl, &s, &ui, &view_metrics_dejavu);
        if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("crash: %s", why);
        const DlCmd *out = dl_find(&dl, TAG_PANEL, UI_PANEL_OUTPUT, -1);
        assert_non_null(out);
        const char *lines[] = {"panic: send on closed channel", "goroutine 1 [running]:", "main.main()", "    /l/10.go:29"};
        int prev_y = -1;
        for (int i = 0; i < 4; i++) {
            const DlCmd *c = text_equal(&dl, lines[i]);
            if (!c) fail_msg("at %dx%d the Output panel lacks \"%s\"", ui.w, ui.h, lines[i]);
            assert_true(rect_contains(out->r, c->r));
            assert_int_equal(c->fill, ROLE_ERROR);
            assert_true(c->r.y > prev_y);
            prev_y = c->r.y;
        }
        /* The program's own output is still there, above the report. */
        const DlCmd *printed = text_with(&dl, "now sending");
        assert_non_null(printed);
        assert_true(printed->r.y < text_equal(&dl, lines[0])->r.y);
        /* Not before the end. */
        session_goto(&s, last - 1);
        view_layout(&dl, &s, &ui, &view_metrics_dejavu);
        assert_null(text_equal(&dl, lines[0]));
    }
    dl_free(&dl);
    session_free(&s);
}

int main(void) {
    find_root();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_complete),
        cmocka_unit_test(test_menu_scrolls),
        cmocka_unit_test(test_speed_and_export_chrome),
        cmocka_unit_test(test_timeline_labels),
        cmocka_unit_test(test_crash_in_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
