/* test_present.c: presentation mode is legible from the back of a room.
 *
 * For every step and every micro-step of every lesson, at 1280x720,
 * 1920x1080 and 3840x2160, in English and Chinese: the layout rules hold
 * (view_validate: inside the window and the parents, no overlaps, every
 * text fits its box); every text is at least 22 px at 720p (scaled with the
 * window); nothing is cut -- no text carries the ellipsis the layout puts
 * where it elides; the channel the step touches is drawn with its buffer's
 * slots; and the explanation has one fixed place (the same box from step to
 * step). */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "view.h"

static char root[1024];

static void find_root(void) { snprintf(root, sizeof root, "%s", testutil_root()); }

static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}};

static bool has_ellipsis(const char *s, int n) {
    for (int i = 0; i + 2 < n; i++)
        if ((unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xa6) return true;
    return false;
}

static void check_frame(const DisplayList *dl, const char *path, int k, int micro, int w, int h) {
    char why[512];
    if (!view_validate(dl, &view_metrics_dejavu, why, sizeof why))
        fail_msg("%s step %d micro %d at %dx%d: %s", path, k, micro, w, h, why);
    int ref = h < w * 9 / 16 ? h : w * 9 / 16;
    int min_px = (int)(ref * 22.0 / 720.0 + 0.5);
    for (int32_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->cmds[i];
        if (c->kind != DL_TEXT) continue;
        if (c->px < min_px)
            fail_msg("%s step %d micro %d at %dx%d: text \"%.*s\" is %d px, under %d", path, k, micro, w, h, c->len,
                     dl_str(dl, c), c->px, min_px);
        if (has_ellipsis(dl_str(dl, c), c->len))
            fail_msg("%s step %d micro %d at %dx%d: text cut: \"%.*s\"", path, k, micro, w, h, c->len, dl_str(dl, c));
    }
}

static Rect explanation_box(const DisplayList *dl) {
    for (int32_t i = 0; i < dl->n; i++)
        if (dl->cmds[i].kind == DL_BOX && dl->cmds[i].tag == TAG_PANEL && dl->cmds[i].id == UI_PANEL_NARRATION) return dl->cmds[i].r;
    return (Rect){0, 0, 0, 0};
}

static void test_every_frame_legible(void **state) {
    (void)state;
    glob_t g = {0};
    char pat[1100];
    snprintf(pat, sizeof pat, "%slessons/*.go", root);
    glob(pat, 0, NULL, &g);
    assert_true(g.gl_pathc > 10);
    DisplayList dl;
    dl_init(&dl);
    long frames = 0, with_slots = 0;
    for (size_t p = 0; p < g.gl_pathc; p++) {
        Session s;
        if (!session_load(&s, g.gl_pathv[p], SESSION_POLICY_DEFAULT, 0, NULL, 0, NULL)) {
            session_free(&s);
            continue;
        }
        session_record_all(&s);
        for (int z = 0; z < 3; z++) {
            Rect fixed = {0, 0, 0, 0};
            for (int k = 0; k < session_nsteps(&s); k++) {
                session_goto(&s, k);
                for (int micro = -1; micro < s.S->log.len; micro++) {
                    ViewUi ui = {0};
                    ui.w = sizes[z][0];
                    ui.h = sizes[z][1];
                    ui.zoom = 1;
                    ui.lang = (k + micro + z) & 1 ? LANG_ZH : LANG_EN;
                    ui.micro = micro;
                    ui.present = true;
                    ui.exporting = true;
                    view_layout(&dl, &s, &ui, &view_metrics_dejavu);
                    check_frame(&dl, g.gl_pathv[p], k, micro, ui.w, ui.h);
                    /* The step's channel, with its slots when it has a buffer. */
                    const StepRec *st = session_step(&s, k);
                    const Sim *shown = session_state_at(&s, micro);
                    if (st->chans[0] > shown->chans.len) continue; /* made later in this step */
                    if (st->chans[0] && dl_find(&dl, TAG_CHAN, st->chans[0], -1) == NULL)
                        fail_msg("%s step %d: the channel the step touches is not drawn", g.gl_pathv[p], k);
                    if (st->chans[0] && s.S->chans.items[st->chans[0] - 1].dataqsiz) {
                        if (!dl_find(&dl, TAG_SLOT, st->chans[0], -1))
                            fail_msg("%s step %d: the buffer of the channel the step touches is not drawn", g.gl_pathv[p], k);
                        with_slots++;
                    }
                    Rect e = explanation_box(&dl);
                    if (e.w == 0) fail_msg("%s step %d: no explanation", g.gl_pathv[p], k);
                    if (fixed.w && (e.x != fixed.x || e.w != fixed.w || e.y + e.h != fixed.y + fixed.h))
                        fail_msg("%s step %d: the explanation moved", g.gl_pathv[p], k);
                    fixed = e;
                    frames++;
                }
            }
            /* (its top moves with the words' length; its left, width and bottom never do) */
        }
        session_free(&s);
    }
    printf("# presentation mode: %ld frames legible (%ld with the step's buffer drawn)\n", frames, with_slots);
    assert_true(frames > 1000);
    dl_free(&dl);
    globfree(&g);
}

int main(void) {
    find_root();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_frame_legible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
