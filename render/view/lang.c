/* lang.c: the string tables, compiled from assets/strings/en.def and zh.def. */
#include "lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"

static const char *const ui_en[UI__COUNT] = {
#define UI(key, text) [UI_##key] = text,
#define EV(kind, text)
#include "../../assets/strings/en.def"
#undef UI
#undef EV
};

static const char *const ui_zh[UI__COUNT] = {
#define UI(key, text) [UI_##key] = text,
#define EV(kind, text)
#include "../../assets/strings/zh.def"
#undef UI
#undef EV
};

static const char *const ev_en[EV__COUNT] = {
#define UI(key, text)
#define EV(kind, text) [EV_##kind] = text,
#include "../../assets/strings/en.def"
#undef UI
#undef EV
};

static const char *const ev_zh[EV__COUNT] = {
#define UI(key, text)
#define EV(kind, text) [EV_##kind] = text,
#include "../../assets/strings/zh.def"
#undef UI
#undef EV
};

static const char *const *const ui_tables[LANG__COUNT] = {ui_en, ui_zh};
static const char *const *const ev_tables[LANG__COUNT] = {ev_en, ev_zh};

const char *ui_str(int lang, int key) {
    if (key < 0 || key >= UI__COUNT) return "?";
    if (lang < 0 || lang >= LANG__COUNT) lang = LANG_EN;
    const char *s = ui_tables[lang][key];
    if (!s) s = ui_en[key];
    return s ? s : "?";
}

const char *ev_template(int lang, int kind) {
    if (kind < 0 || kind >= EV__COUNT) return "";
    if (lang < 0 || lang >= LANG__COUNT) lang = LANG_EN;
    const char *s = ev_tables[lang][kind];
    if (!s) s = ev_en[kind];
    return s ? s : "";
}

bool lang_complete(int lang, char *missing, int cap) {
    if (lang < 0 || lang >= LANG__COUNT) return false;
    for (int k = 0; k < UI__COUNT; k++) {
        if (!ui_tables[lang][k]) {
            snprintf(missing, (size_t)cap, "UI key %d", k);
            return false;
        }
    }
    for (int k = 0; k < EV__COUNT; k++) {
        if (!ev_tables[lang][k]) {
            snprintf(missing, (size_t)cap, "event %s", event_name(k));
            return false;
        }
    }
    return true;
}

int lang_from_env(void) {
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
    }
    return LANG_EN;
}

const char *lang_code(int lang) { return lang == LANG_ZH ? "zh" : "en"; }

int lang_from_name(const char *s) {
    if (strcmp(s, "en") == 0) return LANG_EN;
    if (strcmp(s, "zh") == 0) return LANG_ZH;
    return -1;
}
