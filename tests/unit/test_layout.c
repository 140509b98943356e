/* test_layout.c: the view's layout, checked numerically on every step of
 * real programs (tests/go/ and lessons/ programs, found by glob) at 1280x720,
 * 1920x1080 and 3840x2160: nothing overlaps but what is meant to contain,
 * everything is inside the window, every text fits its box.
 *
 * Text is measured with view_metrics_dejavu, the exact model of the fonts
 * the window draws with (DejaVu Sans Mono + WenQuanYi Micro Hei, measured
 * once with SDL_ttf at every size from 10 to 200 px; see metrics.h), so what
 * passes here fits on screen.
 *
 * Also: the string tables are complete in both languages, narration
 * comments attach to the right lines, schedules round-trip, manual picks
 * fork the run, and the animation's tokens stay inside the window. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "view.h"

static char root[1024];

static void find_root(void) { snprintf(root, sizeof root, "%s", testutil_root()); }

static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}};

static void fail_layout(const char *prog, int step, int w, int h, const char *why) {
    fail_msg("%s step %d at %dx%d: %s", prog, step, w, h, why);
}

static int check_all_steps(const char *path, int max_steps, long *layouts) {
    Session s;
    if (!session_load(&s, path, SCHED_GO, 0, NULL, 0, NULL)) {
        session_free(&s);
        return 0; /* a program with a compile error (the error tests): nothing to show */
    }
    session_record_all(&s);
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    int n = session_nsteps(&s);
    int stride = n > max_steps ? n / max_steps + 1 : 1;
    for (int k = 0; k < n; k += (k + stride < n || k == n - 1) ? stride : n - 1 - k) {
        session_goto(&s, k);
        assert_int_equal(s.cur, k);
        for (int z = 0; z < 3; z++) {
            ViewUi ui = {0};
            ui.w = sizes[z][0];
            ui.h = sizes[z][1];
            ui.zoom = 1;
            ui.lang = (k + z) % 2;
            ui.micro = (k % 3 == 0 && s.S->log.len) ? (k / 3) % s.S->log.len : -1;
            ui.manual = k % 5 == 0;
            ui.need_pick = ui.manual && session_needs_pick(&s);
            ui.help = k % 17 == 3;
            ui.prompt = k % 13 == 1 ? "go to step: 12_" : NULL;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            (*layouts)++;
            if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) {
                fail_layout(path, k, ui.w, ui.h, why);
            }
        }
        if (k == n - 1) break;
    }
    dl_free(&dl);
    session_free(&s);
    return n;
}

static void glob_programs(glob_t *g) {
    char pat[1100];
    snprintf(pat, sizeof pat, "%stests/go/*.go", root);
    glob(pat, 0, NULL, g);
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, GLOB_APPEND, NULL, g);
}

static void test_every_step(void **state) {
    (void)state;
    glob_t g = {0};
    glob_programs(&g);
    assert_true(g.gl_pathc > 0);
    clock_t t0 = clock();
    long layouts = 0, steps = 0, programs = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        /* Every step (a program longer than 5000 steps: 5000 of them, spread over the run). */
        int n = check_all_steps(g.gl_pathv[i], 5000, &layouts);
        if (n) programs++;
        steps += n;
    }
    printf("# %ld programs, %ld steps, %ld layouts checked in %.1f s\n", programs, steps, layouts,
           (double)(clock() - t0) / CLOCKS_PER_SEC);
    globfree(&g);
}

/* Every micro-step of every lesson, at the three sizes, both languages, and
 * zoomed in: the layout rules hold at each derived state; zoom keeps the
 * explanation and, for the channel the step touches, its ring. */
static void test_every_micro_step(void **state) {
    (void)state;
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, 0, NULL, &g);
    assert_true(g.gl_pathc > 10);
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    long frames = 0;
    for (size_t p = 0; p < g.gl_pathc; p++) {
        Session s;
        if (!session_load(&s, g.gl_pathv[p], SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        for (int k = 1; k < session_nsteps(&s); k++) {
            session_goto(&s, k);
            for (int micro = VIEW_BEFORE_STEP; micro < s.S->log.len; micro++) {
                int z = (k + micro + 3) % 3;
                ViewUi ui = {0};
                ui.w = sizes[z][0];
                ui.h = sizes[z][1];
                ui.zoom = (k + micro) % 4 == 0 ? 2.0f : 1;
                ui.lang = (k + micro) & 1;
                ui.micro = micro;
                view_layout(&dl, &s, &ui, &view_metrics_dejavu);
                if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_layout(g.gl_pathv[p], k, ui.w, ui.h, why);
                /* The explanation is there, whatever the zoom. */
                bool expl = false;
                for (int32_t i = 0; i < dl.n && !expl; i++)
                    expl = dl.cmds[i].kind == DL_BOX && dl.cmds[i].tag == TAG_PANEL && dl.cmds[i].id == UI_PANEL_NARRATION;
                if (!expl) fail_layout(g.gl_pathv[p], k, ui.w, ui.h, "no explanation");
                /* The channel the step touches keeps its ring (at 1080p and 4K, zoom 2 included). */
                const StepRec *st = session_step(&s, k);
                const Sim *shown = session_state_at(&s, micro);
                if (z > 0 && st->chans[0] && st->chans[0] <= shown->chans.len && shown->chans.items[st->chans[0] - 1].dataqsiz &&
                    !dl_find(&dl, TAG_SLOT, st->chans[0], -1))
                    fail_msg("%s step %d micro %d at %dx%d zoom %.1f: the step's channel lost its ring", g.gl_pathv[p], k, micro,
                             ui.w, ui.h, ui.zoom);
                frames++;
            }
        }
        session_free(&s);
    }
    printf("# %ld micro-step frames checked\n", frames);
    assert_true(frames > 1000);
    dl_free(&dl);
    globfree(&g);
}

/* Odd shapes and zooms on a few programs. */
static void test_shapes_and_zoom(void **state) {
    (void)state;
    static const char *progs[] = {"tests/go/seed_producer_consumer.go", "tests/go/chanrecv_rotate.go",
                                  "tests/go/close_mixed_waiters.go", "tests/go/sched_tick61.go",
                                  "tests/go/pattern_worker_pool.go"};
    static const struct { int w, h; float zoom; } shapes[] = {
        {800, 600, 1}, {1080, 1920, 1}, {640, 360, 1}, {1920, 1080, 2.5f}, {1920, 1080, 0.6f}, {2560, 1080, 1},
        {3840, 2160, 3}, {320, 240, 1}, {1366, 768, 1.3f},
    };
    DisplayList dl;
    dl_init(&dl);
    char why[512], path[1200];
    for (size_t p = 0; p < sizeof progs / sizeof *progs; p++) {
        snprintf(path, sizeof path, "%s%s", root, progs[p]);
        Session s;
        if (!session_load(&s, path, SCHED_GO, 0, NULL, 0, NULL)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        int n = session_nsteps(&s);
        for (int k = 0; k < n; k += n / 25 + 1) {
            session_goto(&s, k);
            for (size_t z = 0; z < sizeof shapes / sizeof *shapes; z++) {
                ViewUi ui = {0};
                ui.w = shapes[z].w;
                ui.h = shapes[z].h;
                ui.zoom = shapes[z].zoom;
                ui.lang = (int)(z % 2);
                ui.micro = -1;
                ui.help = z == 3;
                view_layout(&dl, &s, &ui, &view_metrics_dejavu);
                if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_layout(path, k, ui.w, ui.h, why);
            }
        }
        session_free(&s);
    }
    dl_free(&dl);
}

static void test_strings_complete(void **state) {
    (void)state;
    char missing[128];
    assert_true(lang_complete(LANG_EN, missing, sizeof missing));
    if (!lang_complete(LANG_ZH, missing, sizeof missing)) fail_msg("zh.def lacks %s", missing);
    assert_string_equal(ui_str(LANG_ZH, UI_PANEL_SOURCE), "源代码");
    assert_true(strstr(ev_template(LANG_EN, EV_CHANSEND_DIRECT), "{ga}") != NULL);
}

static void test_metrics(void **state) {
    (void)state;
    const ViewMetrics *m = &view_metrics_dejavu;
    /* Measured with SDL_ttf: DejaVu Sans Mono advances, WenQuanYi Micro Hei's em. */
    assert_int_equal(view_mono_advance(20), 12);
    assert_int_equal(view_mono_advance(18), 11);
    assert_int_equal(m->text_width(NULL, 16, "hello", 5), 50);
    assert_int_equal(m->text_width(NULL, 16, "中文", 6), 32);
    assert_int_equal(m->line_height(NULL, 20), 24);
    char out[64];
    int n = text_fit(m, 20, "abcdefghij", 10, 60, out, sizeof out);
    assert_true(n > 0);
    assert_true(m->text_width(NULL, 20, out, n) <= 60);
    assert_non_null(strstr(out, "\xe2\x80\xa6"));
    TextLine lines[8];
    const char *s = "recvq has G7 waiting so chansend copies 42";
    int k = text_wrap(m, 10, s, (int)strlen(s), 60, lines, 8);
    assert_true(k > 1);
    for (int i = 0; i < k && i < 8; i++) assert_true(m->text_width(NULL, 10, s + lines[i].off, lines[i].len) <= 60);
    const char *zh = "发送者把值直接拷贝到接收者的栈上";
    k = text_wrap(m, 10, zh, (int)strlen(zh), 45, lines, 8);
    assert_int_equal(k, 4);
}

static void test_narration_comments(void **state) {
    (void)state;
    const char *src = "package main\n"
                      "//> first, on its own line\n"
                      "//>zh 第一\n"
                      "func main() { //> trailing\n"
                      "\ts := \"//> not a comment\"\n"
                      "\t_ = s\n"
                      "}\n";
    SourceInfo si = {0};
    source_scan(&si, src, strlen(src));
    assert_int_equal(si.lines.len, 8);
    int32_t len = 0;
    const char *t = source_narration(&si, 4, LANG_EN, &len);
    assert_non_null(t);
    assert_true(strncmp(t, "first, on its own line trailing", (size_t)len) == 0);
    t = source_narration(&si, 4, LANG_ZH, &len);
    assert_non_null(t);
    assert_true(strncmp(t, "第一", (size_t)len) == 0);
    assert_null(source_narration(&si, 5, LANG_EN, &len));
    assert_true(si.lines.items[1].narration);
    source_free(&si);
}

static void path_of(char *out, size_t cap, const char *rel) { snprintf(out, cap, "%s%s", root, rel); }

static void test_schedule_roundtrip_and_pick(void **state) {
    (void)state;
    char path[1200];
    path_of(path, sizeof path, "tests/go/chanrecv_rotate.go");
    Session s;
    assert_true(session_load(&s, path, SCHED_GO, 0, NULL, 0, NULL));
    session_record_all(&s);
    int n = session_nsteps(&s);
    /* Stepping back gives the same step as stepping forward. */
    session_goto(&s, n - 1);
    int32_t last_log = s.S->log.len;
    session_goto(&s, 3);
    session_goto(&s, n - 1);
    assert_int_equal(s.S->log.len, last_log);
    /* Find a step where two goroutines are runnable and pick the one Go would not. */
    int k;
    for (k = 0; k < n; k++) {
        session_goto(&s, k);
        if (session_needs_pick(&s)) break;
    }
    assert_true(k < n);
    GoId rs[8];
    int nr = sim_runnable(s.S, rs, 8);
    assert_true(nr >= 2);
    GoId other = rs[nr - 1];
    assert_true(session_pick(&s, other));
    assert_int_equal(s.cur, k + 1);
    assert_int_equal(session_step(&s, k + 1)->actor, other);
    session_record_all(&s);
    /* Save, reload with replay: the same run. */
    char file[] = "/tmp/hchanviz-sched-XXXXXX";
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    char why[256];
    assert_true(session_save_schedule(&s, file, why, sizeof why));
    Choice *cs;
    int32_t nc;
    assert_true(schedule_read(file, &cs, &nc, why, sizeof why));
    Session r;
    assert_true(session_load(&r, path, SCHED_REPLAY, 0, cs, nc, NULL));
    session_record_all(&r);
    assert_int_equal(session_nsteps(&r), session_nsteps(&s));
    for (int i = 0; i < session_nsteps(&s); i++) {
        assert_int_equal(session_step(&r, i)->actor, session_step(&s, i)->actor);
        assert_int_equal(session_step(&r, i)->marks, session_step(&s, i)->marks);
    }
    assert_int_equal(r.out.len, s.out.len);
    free(cs);
    remove(file);
    session_free(&r);
    session_free(&s);
    assert_false(schedule_read("/nonexistent/x.json", &cs, &nc, why, sizeof why));
}

static void test_animation_tokens(void **state) {
    (void)state;
    char path[1200];
    path_of(path, sizeof path, "tests/go/chanrecv_rotate.go");
    Session s;
    assert_true(session_load(&s, path, SCHED_GO, 0, NULL, 0, NULL));
    session_record_all(&s);
    DisplayList prev, next;
    dl_init(&prev);
    dl_init(&next);
    ViewUi ui = {0};
    ui.w = 1920;
    ui.h = 1080;
    ui.zoom = 1;
    ui.micro = -1;
    int moved = 0;
    char why[512];
    for (int k = 1; k < session_nsteps(&s); k++) {
        session_goto(&s, k);
        AnimPlan a;
        anim_plan(&a, &s, VIEW_BEFORE_STEP, -1, &ui, &view_metrics_dejavu);
        moved += a.n;
        for (int ph = 0; ph < a.n; ph++) {
            /* One movement at a time, in the order of the events, over the state before its event. */
            if (ph > 0) assert_true(a.ph[ph].micro > a.ph[ph - 1].micro);
            ViewUi under = ui;
            under.micro = anim_phase_under(&a, ph);
            view_layout(&prev, &s, &under, &view_metrics_dejavu);
            for (float t = 0; t <= 1.0f; t += 0.25f) {
                dl_copy(&next, &prev);
                anim_draw_token(&next, &a.ph[ph].tok, t, &ui, &view_metrics_dejavu);
                int tokens = 0;
                for (int32_t i = 0; i < next.n; i++) tokens += next.cmds[i].kind == DL_BOX && next.cmds[i].tag == TAG_TOKEN;
                assert_int_equal(tokens, 1);
                if (!view_validate(&next, &view_metrics_dejavu, why, sizeof why)) fail_layout(path, k, ui.w, ui.h, why);
            }
        }
        /* A micro-step's own animation is its event alone. */
        for (int mi = 0; mi < s.S->log.len; mi++) {
            AnimPlan one;
            anim_plan(&one, &s, mi == 0 ? VIEW_BEFORE_STEP : mi - 1, mi, &ui, &view_metrics_dejavu);
            assert_true(one.n <= 1);
            if (one.n) assert_int_equal(one.ph[0].micro, mi);
        }
    }
    assert_true(moved > 5);
    dl_free(&prev);
    dl_free(&next);
    session_free(&s);
}

static void test_menu(void **state) {
    (void)state;
    MenuItem items[30];
    for (int i = 0; i < 30; i++) items[i] = (MenuItem){"lessons/01-unbuffered-channels.go", "Unbuffered channels: a send meets a receive"};
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    for (int z = 0; z < 3; z++) {
        ViewUi ui = {0};
        ui.w = sizes[z][0];
        ui.h = sizes[z][1];
        ui.zoom = 1;
        ui.lang = z % 2;
        view_layout_menu(&dl, items, 30, 17, &ui, &view_metrics_dejavu);
        if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("menu at %dx%d: %s", ui.w, ui.h, why);
        assert_non_null(dl_find(&dl, TAG_MENU_ITEM, 17, -1));
        view_layout_menu(&dl, items, 0, 0, &ui, &view_metrics_dejavu);
        if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_msg("empty menu: %s", why);
    }
    dl_free(&dl);
}

/* The Choices panel, on the choice points sim/choicepoints.c finds in lesson
 * 19's pinned run (which panics), fits every window shape and both
 * languages, shows the selected point, marks the step shown, and says
 * where a branch that ends cleanly leads. */
static void test_choices_panel(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%slessons/19-session-race.go", root);
    Session s;
    assert_true(session_load(&s, path, SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL));
    session_record_all(&s);
    Sim *T = sim_new(0);
    vm_start(T, &s.prog);
    snapshot_restore(T, s.hist.snaps.items[0]);
    ChoicePoints cp;
    assert_true(choicepoints_find(T, s.hist.choices.items, s.hist.choices.len, 400, 400, &cp));
    sim_free(T);
    assert_true(cp.n >= 3);
    assert_string_equal(cp.end, "panic: send on closed channel");
    session_goto(&s, (int32_t)cp.items[1].step + 1);
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    static const int shapes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {800, 600}, {640, 360}, {1080, 1920}};
    for (size_t z = 0; z < sizeof shapes / sizeof *shapes; z++) {
        ViewUi ui = {0};
        ui.w = shapes[z][0];
        ui.h = shapes[z][1];
        ui.zoom = 1;
        ui.lang = (int)(z % 2);
        ui.micro = -1;
        ui.choices = &cp;
        ui.show_choices = true;
        ui.choice_sel = cp.n - 1;
        ui.present = z == 2;
        view_layout(&dl, &s, &ui, &view_metrics_dejavu);
        if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_layout(path, s.cur, ui.w, ui.h, why);
        if (ui.h >= 600) assert_non_null(dl_find(&dl, TAG_CHOICE, cp.n - 1, -1));
    }
    ViewUi ui = {0};
    ui.w = 1920;
    ui.h = 1080;
    ui.zoom = 1;
    ui.micro = -1;
    ui.choices = &cp;
    ui.show_choices = true;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    bool here = false, clean = false;
    for (int32_t i = 0; i < dl.n; i++) {
        const DlCmd *c = &dl.cmds[i];
        if (c->kind != DL_TEXT) continue;
        char t[600];
        snprintf(t, sizeof t, "%.*s", (int)c->len, dl.chars + c->text);
        if (strstr(t, "the step shown")) here = true;
        if (strstr(t, "instead:") && strstr(t, "exit 0")) clean = true;
    }
    assert_true(here);
    assert_true(clean); /* some other choice does not panic */
    dl_free(&dl);
    choicepoints_free(&cp);
    session_free(&s);
}

/* The Races panel on lesson 31's race (the detector run over the session's
 * own run): it fits every window shape and both languages, and names both
 * accesses -- G2's read of count at line 38 against G3's earlier write
 * there, as go run -race reports the lesson -- and the missing edge. */
static void test_races_panel(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%slessons/31-lost-update.go", root);
    Session s;
    assert_true(session_load(&s, path, SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL));
    session_record_all(&s);
    Sim *T = sim_new(0);
    vm_start(T, &s.prog);
    snapshot_restore(T, s.hist.snaps.items[0]);
    sim_set_replay(T, s.hist.choices.items, s.hist.choices.len);
    Race *R = race_new(T, NULL, path);
    while (sim_step(T) == SIM_RUNNING) {
    }
    assert_int_equal(race_count(R), 1);
    RaceInfo ri = *race_info(R, 0);
    race_free(R);
    sim_free(T);
    assert_int_equal(ri.line, 38);
    assert_int_equal(ri.prev_line, 38);
    assert_true(ri.prev_step < ri.step);
    assert_true(ri.seen < ri.prev_epoch);
    /* the step recorded is the step in which the access happened: its goroutine acted at line 38 */
    assert_int_equal(s.steps.items[ri.step + 1].actor, ri.g);
    assert_int_equal(s.steps.items[ri.prev_step + 1].actor, ri.prev_g);
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    static const int shapes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {800, 600}, {640, 360}, {1080, 1920}};
    for (size_t z = 0; z < sizeof shapes / sizeof *shapes; z++) {
        for (int n = 0; n <= 1; n++) {
            ViewUi ui = {0};
            ui.w = shapes[z][0];
            ui.h = shapes[z][1];
            ui.zoom = 1;
            ui.lang = (int)(z % 2);
            ui.micro = -1;
            ui.races = &ri;
            ui.nraces = n;
            ui.races_found = true;
            ui.show_races = true;
            ui.present = z == 2;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_layout(path, s.cur, ui.w, ui.h, why);
            if (n && ui.h >= 600) assert_non_null(dl_find(&dl, TAG_RACE, 0, -1));
        }
    }
    ViewUi ui = {0};
    ui.w = 1920;
    ui.h = 1080;
    ui.zoom = 1;
    ui.micro = -1;
    ui.races = &ri;
    ui.nraces = 1;
    ui.races_found = true;
    ui.show_races = true;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    bool both = false, edge = false;
    char want[100];
    snprintf(want, sizeof want, "Read at line 38 by G%d", ri.g);
    for (int32_t i = 0; i < dl.n; i++) {
        const DlCmd *c = &dl.cmds[i];
        if (c->kind != DL_TEXT) continue;
        char t[600];
        snprintf(t, sizeof t, "%.*s", (int)c->len, dl.chars + c->text);
        if (strstr(t, want) && strstr(t, "previous write at line 38")) both = true;
        if (strstr(t, "missing edge")) edge = true;
    }
    assert_true(both);
    assert_true(edge);
    dl_free(&dl);
    session_free(&s);
}

/* The Outcomes panel fits every window shape and both languages, shows the
 * selected outcome (scrolled into view among many), and says what it prints. */
static void test_outcomes_panel(void **state) {
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%stests/go/seed_producer_consumer.go", root);
    Session s;
    assert_true(session_load(&s, path, SCHED_GO, 0, NULL, 0, NULL));
    session_record_all(&s);
    session_goto(&s, 3);
    ViewOutcome items[40];
    for (int i = 0; i < 40; i++)
        items[i] = (ViewOutcome){i % 3 ? "1\n2\n" : "", i % 3 == 1 ? "panic: send on closed channel" : "", i % 3 == 1 ? 2 : 0,
                                 100 - i, i % 4, i % 5, i % 3 == 1, false, i % 3 == 2, "G3 chan receive"};
    ViewOutcomes o = {items, 40, true, 2, 12345, 1};
    DisplayList dl;
    dl_init(&dl);
    char why[512];
    static const int shapes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {800, 600}, {640, 360}, {1080, 1920}};
    for (size_t z = 0; z < sizeof shapes / sizeof *shapes; z++) {
        for (int n = 1; n <= 40; n += 39) {
            ViewUi ui = {0};
            ui.w = shapes[z][0];
            ui.h = shapes[z][1];
            ui.zoom = 1;
            ui.lang = (int)(z % 2);
            ui.micro = -1;
            o.n = n;
            ui.outcomes = &o;
            ui.show_outcomes = true;
            ui.outcome_sel = n - 1;
            ui.present = z == 2;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            if (!view_validate(&dl, &view_metrics_dejavu, why, sizeof why)) fail_layout(path, 3, ui.w, ui.h, why);
            if (ui.h >= 600) assert_non_null(dl_find(&dl, TAG_OUTCOME, n - 1, -1)); /* the selection shows */
        }
    }
    /* What the first row says. */
    ViewUi ui = {0};
    ui.w = 1280;
    ui.h = 720;
    ui.zoom = 1;
    ui.micro = -1;
    o.n = 2;
    ui.outcomes = &o;
    ui.show_outcomes = true;
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    bool panic_row = false, empty_row = false;
    for (int32_t i = 0; i < dl.n; i++) {
        const DlCmd *c = &dl.cmds[i];
        if (c->kind != DL_TEXT) continue;
        char t[600];
        snprintf(t, sizeof t, "%.*s", (int)c->len, dl.chars + c->text);
        if (strstr(t, "PANIC") && strstr(t, "1\xe2\x8f\x8e" "2\xe2\x8f\x8e") && strstr(t, "exit 2")) panic_row = true;
        if (strstr(t, "(prints nothing)") && strstr(t, "exit 0")) empty_row = true;
    }
    assert_true(panic_row);
    assert_true(empty_row);
    dl_free(&dl);
    session_free(&s);
}

/* The hchan box shows every field, the slots and the sendx/recvx marks. */
static void test_chan_box_contents(void **state) {
    (void)state;
    char path[1200];
    path_of(path, sizeof path, "tests/go/chanrecv_rotate.go");
    Session s;
    assert_true(session_load(&s, path, SCHED_GO, 0, NULL, 0, NULL));
    session_record_all(&s);
    DisplayList dl;
    dl_init(&dl);
    ViewUi ui = {0};
    ui.w = 1920;
    ui.h = 1080;
    ui.zoom = 1;
    ui.micro = -1;
    /* A step where the channel is full and senders wait. */
    int k;
    for (k = 0; k < session_nsteps(&s); k++) {
        session_goto(&s, k);
        if (s.S->chans.len && s.S->chans.items[0].sendq.first && s.S->chans.items[0].qcount == 3) break;
    }
    assert_true(k < session_nsteps(&s));
    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
    static const char *fields[] = {"qcount", "dataqsiz", "buf", "elemsize", "closed", "elemtype", "sendx", "recvx", "recvq", "sendq", "lock"};
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
        bool found = false;
        for (int32_t i = 0; i < dl.n && !found; i++)
            found = dl.cmds[i].kind == DL_TEXT && dl.cmds[i].tag == TAG_FIELD && strcmp(dl_str(&dl, &dl.cmds[i]), fields[f]) == 0;
        if (!found) fail_msg("field %s not shown", fields[f]);
    }
    for (int i = 0; i < 3; i++) assert_non_null(dl_find(&dl, TAG_SLOT, 1, i));
    int sudogs = 0, arrows = 0;
    for (int32_t i = 0; i < dl.n; i++) {
        sudogs += dl.cmds[i].kind == DL_BOX && dl.cmds[i].tag == TAG_SUDOG;
        arrows += dl.cmds[i].kind == DL_ARROW && dl.cmds[i].tag == TAG_SLOTMARK;
    }
    assert_true(sudogs >= 1);
    assert_int_equal(arrows, 2);
    dl_free(&dl);
    session_free(&s);
}

int main(void) {
    find_root();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_complete),
        cmocka_unit_test(test_metrics),
        cmocka_unit_test(test_narration_comments),
        cmocka_unit_test(test_menu),
        cmocka_unit_test(test_chan_box_contents),
        cmocka_unit_test(test_schedule_roundtrip_and_pick),
        cmocka_unit_test(test_animation_tokens),
        cmocka_unit_test(test_shapes_and_zoom),
        cmocka_unit_test(test_outcomes_panel),
        cmocka_unit_test(test_choices_panel),
        cmocka_unit_test(test_races_panel),
        cmocka_unit_test(test_every_micro_step),
        cmocka_unit_test(test_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
