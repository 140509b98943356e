/* dl_json.h: a display list as JSON (`hchanviz export --format json`).
 *
 * One object per frame (docs/export.md has the full description):
 *   {"format": "hchanviz-frame", "version": 1, "width", "height", "step",
 *    "micro", "theme", "background", "colors": {ROLE: "#RRGGBB"...},
 *    "items": [{"kind": "rect"|"text"|"line"|"arrow", "x", "y", "w", "h",
 *               "text", "px" (texts), "role", "tag", ...}]}
 * Roles are the colour roles of assets/themes/themes.def in lower case
 * ("slot_full", "g_waiting_edge"); tags say what an item stands for, the
 * DL_TAGS of dl.h in lower case, a few spelled out ("channel", "goroutine",
 * "processor", "source_line", "slot_mark").  Texts are UTF-8 with invalid
 * bytes replaced by U+FFFD, so the output is always valid JSON. */
#ifndef HCHANVIZ_DL_JSON_H
#define HCHANVIZ_DL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "dl.h"

/* What the frame shows, beside its list. */
typedef struct DlJsonFrame {
    int32_t step;   /* the view step (0: before the first) */
    int micro;      /* the micro-step shown, -1: the whole step */
    int theme;      /* ThemeId: the colours written in "colors" */
} DlJsonFrame;

/* Writes dl as one JSON object and a newline to f.  Returns false if a
 * write failed (ferror), true otherwise. */
bool dl_json_write(FILE *f, const DisplayList *dl, const DlJsonFrame *fr);
/* The JSON name of a tag / a colour role, in lower case, into buf (cap >= 32). */
const char *dl_json_tag_name(int tag, char *buf, int cap);
const char *dl_json_role_name(int role, char *buf, int cap);

#endif
