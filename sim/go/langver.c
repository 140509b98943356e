/* langver.c: the language version of a program (langver.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "langver.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int langver_parse(const char *s, size_t len) {
    if (len >= 2 && s[0] == 'g' && s[1] == 'o') s += 2, len -= 2;
    if (len < 3 || s[0] != '1' || s[1] != '.') return -1;
    size_t i = 2;
    int n = 0;
    if (!isdigit((unsigned char)s[i])) return -1;
    while (i < len && isdigit((unsigned char)s[i]) && n < 1000) n = n * 10 + (s[i++] - '0');
    if (i < len && s[i] == '.') { /* a patch release: go 1.21.3 */
        size_t j = ++i;
        while (i < len && isdigit((unsigned char)s[i])) i++;
        if (i == j) return -1;
    }
    if (i != len || n < LANG_MIN || n > LANG_MAX) return -1;
    return n;
}

/* The `go` directive of a go.mod's text: a line "go 1.N" (comments and
 * other directives around it); -1 if none. */
static int gomod_version(const char *text) {
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *q = p;
        while (q < p + n && (*q == ' ' || *q == '\t')) q++;
        if ((size_t)(p + n - q) > 3 && strncmp(q, "go", 2) == 0 && (q[2] == ' ' || q[2] == '\t')) {
            q += 3;
            while (q < p + n && (*q == ' ' || *q == '\t')) q++;
            const char *v = q;
            while (q < p + n && !isspace((unsigned char)*q) && *q != '/') q++;
            int ver = langver_parse(v, (size_t)(q - v));
            if (ver > 0) return ver;
        }
        if (!end) break;
        p = end + 1;
    }
    return -1;
}

/* The go.mod nearest above the directory of path: its version, -1 if none. */
static int gomod_above(const char *path) {
    char dir[4096];
    char *real = path ? realpath(path, NULL) : NULL;
    if (!real) return -1;
    snprintf(dir, sizeof dir, "%s", real);
    free(real);
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash) return -1;
        *slash = '\0';
        char mod[4200];
        snprintf(mod, sizeof mod, "%s/go.mod", dir[0] ? dir : "");
        FILE *f = fopen(mod, "r");
        if (f) {
            char buf[8192];
            size_t n = fread(buf, 1, sizeof buf - 1, f);
            fclose(f);
            buf[n] = '\0';
            return gomod_version(buf);
        }
        if (!dir[0]) return -1;
    }
}

/* A `//go:build go1.N` line among the comments before the package clause. */
static int build_line(const char *src, size_t len) {
    const char *p = src, *end = src + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
        if (e - q >= 7 && strncmp(q, "package", 7) == 0) return -1;
        if (e - q > 11 && strncmp(q, "//go:build ", 11) == 0) {
            q += 11;
            while (q < e && *q == ' ') q++;
            const char *v = q;
            while (q < e && !isspace((unsigned char)*q)) q++;
            int ver = langver_parse(v, (size_t)(q - v));
            if (ver > 0) return ver;
        }
        if (!nl) break;
        p = nl + 1;
    }
    return -1;
}

int langver_resolve(const char *path, const char *src, size_t len, int flag, const char **from) {
    const char *dummy;
    if (!from) from = &dummy;
    int v = gomod_above(path);
    if (v > 0) {
        *from = "go.mod";
        return v;
    }
    v = src ? build_line(src, len) : -1;
    if (v > 0) {
        *from = "//go:build";
        return v;
    }
    if (flag > 0) {
        *from = "--lang";
        return flag;
    }
    *from = "default";
    return LANG_DEFAULT;
}
