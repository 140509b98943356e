/* Display lists as JSON (render/view/dl_json.c, `hchanviz export --format
 * json`), parsed back with cJSON: every item with its kind, box, role and
 * tag by name; texts with their px, escaped so any text survives (quotes,
 * backslashes, control characters, CJK) and invalid UTF-8 replaced, so the
 * output is always JSON; every tag and role has a distinct lower-case name. */
#include "testutil.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl_json.h"
#include "theme.h"

static cJSON *write_and_parse(const DisplayList *dl, const DlJsonFrame *fr) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(dl_json_write(f, dl, fr));
    fclose(f);
    cJSON *j = cJSON_ParseWithLength(buf, len);
    if (!j) fail_msg("not JSON: %s", buf);
    free(buf);
    return j;
}

static const char *str(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int num(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!cJSON_IsNumber(v)) fail_msg("no number '%s'", k);
    return v->valueint;
}

static void items_round_trip(void **state) {
    (void)state;
    DisplayList dl;
    dl_init(&dl);
    dl_clear(&dl, 1280, 720);
    int32_t ch = dl_box(&dl, -1, (Rect){10, 20, 300, 200}, ROLE_CHAN, ROLE_CHAN_EDGE, ST_FILL | ST_BORDER | ST_THICK, TAG_CHAN, 1, 0);
    int32_t slot = dl_box(&dl, ch, (Rect){20, 60, 40, 30}, ROLE_SLOT_EMPTY, ROLE_HATCH, ST_FILL | ST_HATCH, TAG_SLOT, 1, 2);
    const char weird[] = "\"q\" \\ tab\there\nnew \x01 \xE9t\xC3\xA9 \xE9\x80\x9A\xE9\x81\x93 \xFF end";
    dl_text(&dl, slot, (Rect){22, 62, 36, 26}, weird, -1, 22, ROLE_TEXT, ST_CENTER | ST_BOLD);
    dl_line(&dl, DL_ARROW, 100, 100, 50, 150, ROLE_SUDOG_EDGE, ST_DASHED, TAG_SUDOG, 3);
    dl_line(&dl, DL_LINE, 0, 0, 10, 0, ROLE_BORDER, 0, TAG_NONE, 0);

    DlJsonFrame fr = {18, 2, THEME_DARK};
    cJSON *j = write_and_parse(&dl, &fr);
    assert_string_equal(str(j, "format"), "hchanviz-frame");
    assert_int_equal(num(j, "version"), 1);
    assert_int_equal(num(j, "width"), 1280);
    assert_int_equal(num(j, "height"), 720);
    assert_int_equal(num(j, "step"), 18);
    assert_int_equal(num(j, "micro"), 2);
    assert_string_equal(str(j, "theme"), "dark");
    assert_string_equal(str(j, "background"), "bg");
    const cJSON *colors = cJSON_GetObjectItemCaseSensitive(j, "colors");
    assert_int_equal(cJSON_GetArraySize(colors), ROLE__COUNT);
    char want[8];
    Rgb c = theme_color(THEME_DARK, ROLE_CHAN);
    snprintf(want, sizeof want, "#%02X%02X%02X", c.r, c.g, c.b);
    assert_string_equal(str(colors, "chan"), want);

    const cJSON *items = cJSON_GetObjectItemCaseSensitive(j, "items");
    assert_int_equal(cJSON_GetArraySize(items), 5);
    const cJSON *box = cJSON_GetArrayItem(items, 0), *sl = cJSON_GetArrayItem(items, 1), *tx = cJSON_GetArrayItem(items, 2),
                *ar = cJSON_GetArrayItem(items, 3), *ln = cJSON_GetArrayItem(items, 4);
    assert_string_equal(str(box, "kind"), "rect");
    assert_int_equal(num(box, "x"), 10);
    assert_int_equal(num(box, "y"), 20);
    assert_int_equal(num(box, "w"), 300);
    assert_int_equal(num(box, "h"), 200);
    assert_string_equal(str(box, "role"), "chan");
    assert_string_equal(str(box, "stroke"), "chan_edge");
    assert_string_equal(str(box, "tag"), "channel");
    assert_int_equal(num(box, "id"), 1);
    assert_int_equal(num(box, "parent"), -1);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(box, "style")), 3);
    assert_string_equal(str(sl, "tag"), "slot");
    assert_int_equal(num(sl, "sub"), 2);
    assert_int_equal(num(sl, "parent"), 0);

    assert_string_equal(str(tx, "kind"), "text");
    assert_int_equal(num(tx, "px"), 22);
    assert_string_equal(str(tx, "role"), "text");
    assert_string_equal(str(tx, "background"), "slot_empty");
    assert_string_equal(str(tx, "tag"), "slot"); /* a text stands for what its box stands for */
    /* Everything valid comes back as it was; the two invalid bytes (\xE9 before 't', \xFF) become U+FFFD. */
    assert_string_equal(str(tx, "text"),
                        "\"q\" \\ tab\there\nnew \x01 \xEF\xBF\xBDt\xC3\xA9 \xE9\x80\x9A\xE9\x81\x93 \xEF\xBF\xBD end");

    assert_string_equal(str(ar, "kind"), "arrow");
    assert_int_equal(num(ar, "x2"), 50);
    assert_int_equal(num(ar, "y2"), 150);
    assert_int_equal(num(ar, "w"), -50);
    assert_string_equal(str(ar, "tag"), "sudog");
    assert_string_equal(str(ar, "role"), "sudog_edge");
    assert_string_equal(str(ln, "kind"), "line");
    assert_string_equal(str(ln, "tag"), "none");
    cJSON_Delete(j);

    /* An empty list is still a frame. */
    dl_clear(&dl, 64, 64);
    j = write_and_parse(&dl, &fr);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "items")), 0);
    cJSON_Delete(j);
    dl_free(&dl);
}

static void names_distinct_lower_case(void **state) {
    (void)state;
    char a[64], b[64];
    for (int kind = 0; kind < 2; kind++) {
        int n = kind ? ROLE__COUNT : TAG__COUNT;
        for (int i = 0; i < n; i++) {
            const char *x = kind ? dl_json_role_name(i, a, sizeof a) : dl_json_tag_name(i, a, sizeof a);
            if (x != a) snprintf(a, sizeof a, "%s", x);
            assert_true(a[0] != '\0');
            for (const char *p = a; *p; p++) assert_true((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9'));
            for (int k = i + 1; k < n; k++) {
                const char *y = kind ? dl_json_role_name(k, b, sizeof b) : dl_json_tag_name(k, b, sizeof b);
                if (strcmp(a, y) == 0) fail_msg("%s %d and %d are both named '%s'", kind ? "roles" : "tags", i, k, a);
            }
        }
    }
    assert_string_equal(dl_json_tag_name(TAG_G, a, sizeof a), "goroutine");
    assert_string_equal(dl_json_tag_name(TAG_RUNQ_ITEM, a, sizeof a), "runq_item");
    assert_string_equal(dl_json_role_name(ROLE_G_WAITING_EDGE, a, sizeof a), "g_waiting_edge");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(items_round_trip),
        cmocka_unit_test(names_distinct_lower_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
