/* lang.h: the interface's languages and strings, from assets/strings/LANG.def. */
#ifndef HCHANVIZ_LANG_H
#define HCHANVIZ_LANG_H

#include <stdbool.h>

typedef enum Lang { LANG_EN, LANG_ZH, LANG__COUNT } Lang;

typedef enum UiKey {
#define UI(key, text) UI_##key,
#define EV(kind, text)
#include "../../assets/strings/en.def"
#undef UI
#undef EV
    UI__COUNT
} UiKey;

/* The interface string key in lang (English where lang lacks it). */
const char *ui_str(int lang, int key);
/* The narration template of event kind in lang (English where lang lacks it; "" if none). */
const char *ev_template(int lang, int kind);
/* True if lang has every UI key and every event template (tests). */
bool lang_complete(int lang, char *missing, int cap);
/* The default language from LC_ALL, LC_MESSAGES, LANG (zh* = Chinese). */
int lang_from_env(void);
/* "en" / "zh"; lang_from_name gives -1 for anything else. */
const char *lang_code(int lang);
int lang_from_name(const char *s);

#endif
