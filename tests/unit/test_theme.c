/* test_theme.c: every text is readable in every theme.
 *
 * WCAG 2 level AA asks for a contrast ratio of at least 4.5:1 between a text
 * and the background it is drawn on.  The ratio comes from the relative
 * luminance of the two colours (theme_luminance, theme_contrast in
 * render/view/theme.c), checked here against values the WCAG formula gives
 * by hand.  Then the pairs actually drawn: every text command of the display
 * lists the layout makes (each carries its colour role and the role of the
 * filled box it sits on) for lessons and test programs, with the help, the
 * legend, prompts, toasts, manual scheduling, micro-steps, the crash report,
 * the timeline's hover label, the lesson menu and the animation's tokens;
 * each pair is measured in every theme of assets/themes/themes.def. */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "view.h"

static char root[1024];

static void find_root(void) { snprintf(root, sizeof root, "%s", testutil_root()); }

/* Role names, for messages: from the same list the roles come from. */
static const char *const role_names[ROLE__COUNT] = {
#define THEME_ROLE(name, light, dark, hc) #name,
#include "../../assets/themes/themes.def"
#undef THEME_ROLE
};

static Rgb rgb(uint32_t c) { return (Rgb){(uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c}; }

/* The formula itself, on colours whose values are worked out by hand from
 * the WCAG 2 definition (sRGB channel c/255, linearised with the 0.04045 /
 * 12.92 / ((c + 0.055) / 1.055)^2.4 curve, weighted .2126/.7152/.0722). */
static void test_wcag_formula(void **state) {
    (void)state;
    assert_true(fabs(theme_luminance(rgb(0x000000)) - 0.0) < 1e-12);
    assert_true(fabs(theme_luminance(rgb(0xFFFFFF)) - 1.0) < 1e-12);
    /* Pure primaries: their luminance is their weight. */
    assert_true(fabs(theme_luminance(rgb(0xFF0000)) - 0.2126) < 1e-9);
    assert_true(fabs(theme_luminance(rgb(0x00FF00)) - 0.7152) < 1e-9);
    assert_true(fabs(theme_luminance(rgb(0x0000FF)) - 0.0722) < 1e-9);
    /* 0x80 = 128: ((128/255 + 0.055) / 1.055)^2.4 = 0.21586... on every channel. */
    assert_true(fabs(theme_luminance(rgb(0x808080)) - 0.215861) < 1e-5);
    /* A channel below the knee is linear: 10/255/12.92. */
    assert_true(fabs(theme_luminance(rgb(0x0A0A0A)) - 10.0 / 255 / 12.92) < 1e-9);
    /* Ratios: black on white is 21, a colour on itself 1, and order does not matter. */
    assert_true(fabs(theme_contrast(rgb(0x000000), rgb(0xFFFFFF)) - 21.0) < 1e-9);
    assert_true(fabs(theme_contrast(rgb(0xFFFFFF), rgb(0x000000)) - 21.0) < 1e-9);
    assert_true(fabs(theme_contrast(rgb(0x3B3419), rgb(0x3B3419)) - 1.0) < 1e-12);
    /* The grey at the edge of AA on white: #767676 passes (4.54), #777777 fails (4.48). */
    assert_true(theme_contrast(rgb(0x767676), rgb(0xFFFFFF)) >= 4.5);
    assert_true(theme_contrast(rgb(0x777777), rgb(0xFFFFFF)) < 4.5);
    assert_true(fabs(theme_contrast(rgb(0x767676), rgb(0xFFFFFF)) - 4.54) < 0.01);
}

/* ---- the pairs the layout draws ---------------------------------------------- */

typedef struct Pairs {
    bool seen[ROLE__COUNT][ROLE__COUNT]; /* [text role][background role] */
    char where[ROLE__COUNT][ROLE__COUNT][160]; /* the first text drawn so, for the failure message */
} Pairs;

static void collect(Pairs *p, const DisplayList *dl, const char *ctx) {
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind != DL_TEXT || c->fill >= ROLE__COUNT || c->stroke >= ROLE__COUNT) continue;
        if (!p->seen[c->fill][c->stroke])
            snprintf(p->where[c->fill][c->stroke], sizeof p->where[0][0], "%s: \"%.60s\"", ctx, dl_str(dl, c));
        p->seen[c->fill][c->stroke] = true;
    }
}

static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}};

/* Lays out steps of the program at path in the window's states that change
 * what is drawn, and collects the colour pairs. */
static void collect_program(Pairs *p, const char *path, long *layouts) {
    Session s;
    if (!session_load(&s, path, SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL)) {
        session_free(&s);
        return;
    }
    session_record_all(&s);
    DisplayList dl;
    dl_init(&dl);
    int n = session_nsteps(&s);
    int stride = n > 40 ? n / 40 + 1 : 1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char ctx[200];
    for (int k = 0; k < n; k = k + stride < n || k == n - 1 ? k + stride : n - 1) {
        session_goto(&s, k);
        for (int v = 0; v < 4; v++) {
            ViewUi ui = {0};
            ui.w = sizes[(k + v) % 3][0];
            ui.h = sizes[(k + v) % 3][1];
            ui.zoom = 1;
            ui.lang = (k + v) % 2;
            ui.speed = 1;
            ui.hover_step = -1;
            ui.micro = v == 1 && s.S->log.len ? k % s.S->log.len : -1;
            ui.manual = v == 2;
            ui.need_pick = ui.manual && session_needs_pick(&s);
            ui.help = v == 3;
            ui.prompt = v == 1 ? "go to step: 12_" : NULL;
            ui.toast = v == 2 ? "schedule saved to /tmp/x.sched.json" : NULL;
            ui.reduced_motion = v == 3;
            ui.playing = v == 0;
            ui.present = v == 3;
            ui.crash_report = "panic: send on closed channel\n\ngoroutine 1 [running]:\nmain.main()\n\t/x.go:5\n";
            /* The pointer on the timeline track, near the cursor's column. */
            ui.mouse_x = ui.w / 2;
            ui.mouse_y = ui.h - ui.h / 40;
            view_layout(&dl, &s, &ui, &view_metrics_dejavu);
            (*layouts)++;
            snprintf(ctx, sizeof ctx, "%s step %d variant %d", base, k, v);
            collect(p, &dl, ctx);
            if (v == 0 && k > 0) {
                /* The animation into the step: its first movement in flight. */
                AnimPlan a;
                anim_plan(&a, &s, VIEW_BEFORE_STEP, -1, &ui, &view_metrics_dejavu);
                view_layout(&dl, &s, &ui, &view_metrics_dejavu);
                if (a.n) anim_draw_token(&dl, &a.ph[0].tok, 0.5f, &ui, &view_metrics_dejavu);
                snprintf(ctx, sizeof ctx, "%s step %d animation", base, k);
                collect(p, &dl, ctx);
            }
        }
        if (k == n - 1) break;
    }
    dl_free(&dl);
    session_free(&s);
}

static void collect_menu(Pairs *p) {
    MenuItem items[30];
    for (int i = 0; i < 30; i++) items[i] = (MenuItem){"lessons/05-recv-rotate.go", "A full buffer with a parked sender"};
    DisplayList dl;
    dl_init(&dl);
    for (int z = 0; z < 3; z++)
        for (int help = 0; help < 2; help++) {
            ViewUi ui = {0};
            ui.w = sizes[z][0];
            ui.h = sizes[z][1];
            ui.zoom = 1;
            ui.lang = z % 2;
            ui.help = help;
            ui.menu_first = 8;
            view_layout_menu(&dl, items, 30, 12, &ui, &view_metrics_dejavu);
            collect(p, &dl, "the lesson menu");
        }
    dl_free(&dl);
}

static void test_every_text_readable(void **state) {
    (void)state;
    static Pairs p; /* big: not on the stack */
    memset(&p, 0, sizeof p);
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, 0, NULL, &g);
    snprintf(pat, sizeof pat, "%stests/go/*.go", root);
    glob(pat, GLOB_APPEND, NULL, &g);
    assert_true(g.gl_pathc > 0);
    long layouts = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) collect_program(&p, g.gl_pathv[i], &layouts);
    globfree(&g);
    collect_menu(&p);
    int npairs = 0, bad = 0;
    char report[8192];
    int len = 0;
    report[0] = '\0';
    for (int fg = 0; fg < ROLE__COUNT; fg++)
        for (int bg = 0; bg < ROLE__COUNT; bg++) {
            if (!p.seen[fg][bg]) continue;
            npairs++;
            for (int t = 0; t < THEME__COUNT; t++) {
                double r = theme_contrast(theme_color(t, fg), theme_color(t, bg));
                if (r * 10 >= THEME_MIN_CONTRAST_X10) continue;
                bad++;
                if (len < (int)sizeof report - 300)
                    len += snprintf(report + len, sizeof report - (size_t)len,
                                    "  %s: %s on %s: %.2f:1 (e.g. %s)\n", theme_name(t), role_names[fg], role_names[bg], r,
                                    p.where[fg][bg]);
            }
        }
    printf("# %ld layouts, %d (text, background) role pairs, %d themes\n", layouts, npairs, THEME__COUNT);
    assert_true(npairs > 20); /* the collection saw the real layout */
    if (bad) fail_msg("%d pairs below %.1f:1\n%s", bad, THEME_MIN_CONTRAST_X10 / 10.0, report);
}

/* The roles text is written in, against the neutral backgrounds any panel may
 * put them on (panel, window, code, overlay), whatever a future layout does. */
static void test_text_roles_on_panels(void **state) {
    (void)state;
    static const int text_roles[] = {ROLE_TITLE, ROLE_TEXT, ROLE_DIM, ROLE_STRONG, ROLE_LABEL, ROLE_LINENO, ROLE_COMMENT,
                                     ROLE_NARR, ROLE_SENDX, ROLE_RECVX, ROLE_MARK_SEND, ROLE_MARK_RECV, ROLE_MARK_PARK,
                                     ROLE_MARK_WAKE, ROLE_MARK_CLOSE, ROLE_MARK_PANIC, ROLE_CURSOR, ROLE_ERROR};
    static const int panels[] = {ROLE_BG, ROLE_PANEL, ROLE_CODE, ROLE_OVERLAY};
    char report[4096];
    int len = 0, bad = 0;
    for (int t = 0; t < THEME__COUNT; t++)
        for (size_t i = 0; i < sizeof text_roles / sizeof *text_roles; i++)
            for (size_t j = 0; j < sizeof panels / sizeof *panels; j++) {
                double r = theme_contrast(theme_color(t, text_roles[i]), theme_color(t, panels[j]));
                if (r * 10 >= THEME_MIN_CONTRAST_X10) continue;
                bad++;
                if (len < (int)sizeof report - 200)
                    len += snprintf(report + len, sizeof report - (size_t)len, "  %s: %s on %s: %.2f:1\n", theme_name(t),
                                    role_names[text_roles[i]], role_names[panels[j]], r);
            }
    if (bad) fail_msg("%d pairs below 4.5:1\n%s", bad, report);
}

int main(void) {
    find_root();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wcag_formula),
        cmocka_unit_test(test_text_roles_on_panels),
        cmocka_unit_test(test_every_text_readable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
