/* dl.h: the display list, microui-style: a flat array of drawing commands
 * that a backend (render/sdl/draw.c) draws in order.
 *
 * Every command has a colour role (theme.h), never a colour, and a style;
 * patterns (hatching, dashes, thick borders) and labels carry meaning too,
 * so nothing is told by colour alone.  Boxes nest: `parent` is the index of
 * the enclosing box (-1 for none); a text's parent is the box it sits in.
 * The layout rules view_validate() checks rest on that: children inside
 * parents, siblings apart, texts fitting.  Overlays (help, animation
 * tokens) are exempt from the sibling rule. */
#ifndef HCHANVIZ_DL_H
#define HCHANVIZ_DL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Rect { int32_t x, y, w, h; } Rect;

typedef enum DlKind { DL_BOX, DL_TEXT, DL_LINE, DL_ARROW } DlKind;

enum DlStyle {
    ST_FILL = 1 << 0,     /* box: filled with `fill` */
    ST_BORDER = 1 << 1,   /* box: outlined with `stroke` */
    ST_HATCH = 1 << 2,    /* box: diagonal hatching in `stroke` (empty slots) */
    ST_DASHED = 1 << 3,   /* border or line dashed (waiting goroutines, links) */
    ST_THICK = 1 << 4,    /* border or line thick (the running goroutine, current things) */
    ST_DOTTED = 1 << 5,   /* border dotted (dead goroutines) */
    ST_OVERLAY = 1 << 6,  /* drawn over others on purpose: exempt from the sibling rule */
    ST_CENTER = 1 << 7,   /* text: centred in its box */
    ST_RIGHT = 1 << 8,    /* text: right-aligned in its box */
    ST_BOLD = 1 << 9,     /* text: emphasised (drawn twice, offset by a pixel) */
};

/* What a command stands for: hit-testing, animation anchors, tests. */
#define DL_TAGS(X) \
    X(NONE) X(PANEL) X(TOPBAR) X(CHAN) X(FIELD) X(SLOT) X(SLOTMARK) X(QUEUE) X(SUDOG) X(G) X(P) \
    X(RUNQ_ITEM) X(RUNNEXT) X(SRCLINE) X(NARRATION) X(MICRO) X(OUTPUT) X(TIMELINE) X(TIMELINE_MARK) \
    X(CURSOR) X(HELP) X(MENU_ITEM) X(TOKEN) X(BANNER) X(MORE) X(OUTCOME) X(CHOICE) X(RACE)

typedef enum DlTag {
#define X(n) TAG_##n,
    DL_TAGS(X)
#undef X
    TAG__COUNT
} DlTag;

typedef struct DlCmd {
    uint8_t kind;     /* DlKind */
    uint8_t tag;      /* DlTag */
    uint8_t fill;     /* Role: box fill, text colour, line colour */
    uint8_t stroke;   /* Role: box border and hatching; text: the background it is drawn on */
    uint16_t style;   /* DlStyle bits */
    int16_t px;       /* text: font size in pixels */
    int32_t parent;   /* enclosing box, -1 for none */
    int32_t id, sub;  /* tag-specific: goroutine id, channel id and slot, step... */
    Rect r;           /* box; text: the box it must fit in; line/arrow: from (x,y) to (x+w, y+h) */
    int32_t text, len;/* text: bytes in DisplayList.chars */
} DlCmd;

typedef struct DisplayList {
    DlCmd *cmds;
    int32_t n, cap;
    char *chars;
    int32_t nchars, charcap;
    int32_t w, h;     /* the window it was laid out for */
    int32_t bg;       /* Role of the background */
} DisplayList;

void dl_init(DisplayList *dl);
void dl_free(DisplayList *dl);
/* Empties the list for a window of w x h (keeps the storage). */
void dl_clear(DisplayList *dl, int32_t w, int32_t h);
/* A deep copy (dst's storage reused). */
void dl_copy(DisplayList *dst, const DisplayList *src);

/* Appends a box; returns its index (the parent of what goes inside). */
int32_t dl_box(DisplayList *dl, int32_t parent, Rect r, int fill, int stroke, int style, int tag, int32_t id, int32_t sub);
/* Appends a text s[0..len) (len < 0: strlen) to be drawn in r at font size px
 * in role `role`; its background role is the nearest filled ancestor's. */
int32_t dl_text(DisplayList *dl, int32_t parent, Rect r, const char *s, int32_t len, int px, int role, int style);
/* Appends a line or an arrow (the head at the second point). */
int32_t dl_line(DisplayList *dl, int kind, int32_t x0, int32_t y0, int32_t x1, int32_t y1, int role, int style, int tag,
                int32_t id);

static inline const char *dl_str(const DisplayList *dl, const DlCmd *c) { return dl->chars + c->text; }
/* The first command with this tag and id (and sub, unless sub < 0); NULL if none. */
const DlCmd *dl_find(const DisplayList *dl, int tag, int32_t id, int32_t sub);
/* The innermost box containing (x, y) whose tag is not TAG_NONE/PANEL; NULL if none. */
const DlCmd *dl_hit(const DisplayList *dl, int32_t x, int32_t y);

static inline bool rect_contains(Rect outer, Rect in) {
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w && in.y + in.h <= outer.y + outer.h;
}
static inline bool rect_overlaps(Rect a, Rect b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
static inline Rect rect_inset(Rect r, int32_t d) {
    Rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
    if (o.w < 0) o.w = 0;
    if (o.h < 0) o.h = 0;
    return o;
}

#endif
