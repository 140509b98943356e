/* dl_json.c: display lists as JSON (see dl_json.h).  Written by hand, one
 * item a line, so a frame diffs well and a large list costs no tree. */
#include "dl_json.h"

#include "fmt.h"
#include "trace.h"

#include <string.h>

#include "theme.h"

static const char *const tag_macro[TAG__COUNT] = {
#define X(n) #n,
    DL_TAGS(X)
#undef X
};

static const char *const role_macro[ROLE__COUNT] = {
#define THEME_ROLE(name, light, dark, hc) #name,
#include "../../assets/themes/themes.def"
#undef THEME_ROLE
};

static const char *lower(const char *s, char *buf, int cap) {
    int i = 0;
    for (; s[i] && i < cap - 1; i++) buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    buf[i] = '\0';
    return buf;
}

const char *dl_json_tag_name(int tag, char *buf, int cap) {
    switch (tag) {
    case TAG_CHAN: return "channel";
    case TAG_G: return "goroutine";
    case TAG_P: return "processor";
    case TAG_SRCLINE: return "source_line";
    case TAG_SLOTMARK: return "slot_mark";
    default: break;
    }
    if (tag < 0 || tag >= TAG__COUNT) {
        snprintf(buf, (size_t)cap, "tag%d", tag);
        return buf;
    }
    return lower(tag_macro[tag], buf, cap);
}

const char *dl_json_role_name(int role, char *buf, int cap) {
    if (role < 0 || role >= ROLE__COUNT) {
        snprintf(buf, (size_t)cap, "role%d", role);
        return buf;
    }
    return lower(role_macro[role], buf, cap);
}

/* s[0..n) as a JSON string: the trace writer's escaping (invalid UTF-8 becomes U+FFFD). */
static void put_string(FILE *f, const char *s, int n) {
    FmtBuf b = {0};
    jb_str(&b, s, (size_t)(n > 0 ? n : 0));
    fwrite(b.data, 1, b.len, f);
    fmt_buf_free(&b);
}

static void put_name(FILE *f, const char *key, const char *name) {
    fprintf(f, ", \"%s\": ", key);
    put_string(f, name, (int)strlen(name));
}

static void put_style(FILE *f, int style) {
    static const struct { int bit; const char *name; } names[] = {
        {ST_FILL, "fill"},       {ST_BORDER, "border"}, {ST_HATCH, "hatch"},     {ST_DASHED, "dashed"},
        {ST_THICK, "thick"},     {ST_DOTTED, "dotted"}, {ST_OVERLAY, "overlay"}, {ST_CENTER, "center"},
        {ST_RIGHT, "right"},     {ST_BOLD, "bold"},
    };
    fputs(", \"style\": [", f);
    bool first = true;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(style & names[i].bit)) continue;
        fprintf(f, "%s\"%s\"", first ? "" : ", ", names[i].name);
        first = false;
    }
    fputc(']', f);
}

static void put_item(FILE *f, const DisplayList *dl, const DlCmd *c) {
    static const char *const kinds[] = {"rect", "text", "line", "arrow"};
    char buf[64];
    fprintf(f, "{\"kind\": \"%s\", \"x\": %d, \"y\": %d, \"w\": %d, \"h\": %d", c->kind < 4 ? kinds[c->kind] : "unknown",
            c->r.x, c->r.y, c->r.w, c->r.h);
    switch (c->kind) {
    case DL_TEXT:
        fputs(", \"text\": ", f);
        put_string(f, dl_str(dl, c), c->len);
        fprintf(f, ", \"px\": %d", c->px);
        put_name(f, "role", dl_json_role_name(c->fill, buf, sizeof buf));
        put_name(f, "background", dl_json_role_name(c->stroke, buf, sizeof buf));
        break;
    case DL_BOX:
        put_name(f, "role", dl_json_role_name(c->fill, buf, sizeof buf));
        put_name(f, "stroke", dl_json_role_name(c->stroke, buf, sizeof buf));
        break;
    default: /* a line or an arrow from (x, y) to (x + w, y + h) */
        fprintf(f, ", \"x2\": %d, \"y2\": %d", c->r.x + c->r.w, c->r.y + c->r.h);
        put_name(f, "role", dl_json_role_name(c->fill, buf, sizeof buf));
        break;
    }
    put_name(f, "tag", dl_json_tag_name(c->tag, buf, sizeof buf));
    fprintf(f, ", \"id\": %d, \"sub\": %d, \"parent\": %d", c->id, c->sub, c->parent);
    put_style(f, c->style);
    fputc('}', f);
}

bool dl_json_write(FILE *f, const DisplayList *dl, const DlJsonFrame *fr) {
    char buf[64];
    fprintf(f, "{\"format\": \"hchanviz-frame\", \"version\": 1, \"width\": %d, \"height\": %d, \"step\": %d, \"micro\": %d",
            dl->w, dl->h, fr->step, fr->micro);
    put_name(f, "theme", theme_name(fr->theme));
    put_name(f, "background", dl_json_role_name(dl->bg, buf, sizeof buf));
    fputs(",\n \"colors\": {", f);
    for (int r = 0; r < ROLE__COUNT; r++) {
        Rgb c = theme_color(fr->theme, r);
        fprintf(f, "%s\"%s\": \"#%02X%02X%02X\"", r ? ", " : "", dl_json_role_name(r, buf, sizeof buf), c.r, c.g, c.b);
    }
    fputs("},\n \"items\": [", f);
    for (int32_t i = 0; i < dl->n; i++) {
        fputs(i ? ",\n  " : "\n  ", f);
        put_item(f, dl, &dl->cmds[i]);
    }
    fputs(dl->n ? "\n ]}\n" : "]}\n", f);
    return !ferror(f);
}
