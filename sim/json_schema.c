/* json_schema.c: the JSON Schema subset of json_schema.h. */
#include "json_schema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Ctx {
    const cJSON *root;
    char path[512];
    char *err;
    size_t cap;
    int depth;
} Ctx;

static bool fail(Ctx *c, const char *fmt, const char *a, const char *b) {
    char msg[300];
    snprintf(msg, sizeof msg, fmt, a, b);
    snprintf(c->err, c->cap, "%s: %s", c->path[0] ? c->path : "(root)", msg);
    return false;
}

static const char *kind(const cJSON *v) {
    if (cJSON_IsObject(v)) return "object";
    if (cJSON_IsArray(v)) return "array";
    if (cJSON_IsString(v)) return "string";
    if (cJSON_IsNumber(v)) return v->valuedouble == floor(v->valuedouble) && isfinite(v->valuedouble) ? "integer" : "number";
    if (cJSON_IsBool(v)) return "boolean";
    if (cJSON_IsNull(v)) return "null";
    return "invalid";
}

static int type_ok(const char *want, const cJSON *v) {
    const char *k = kind(v);
    if (strcmp(want, "number") == 0) return cJSON_IsNumber(v);
    if (strcmp(want, "integer") == 0 || strcmp(want, "object") == 0 || strcmp(want, "array") == 0 ||
        strcmp(want, "string") == 0 || strcmp(want, "boolean") == 0 || strcmp(want, "null") == 0)
        return strcmp(want, k) == 0;
    return -1; /* unknown type name */
}

static bool equal(const cJSON *a, const cJSON *b) { return cJSON_Compare(a, b, true); }

static bool validate(Ctx *c, const cJSON *s, const cJSON *v);

static bool resolve(Ctx *c, const char *ref, const cJSON **out) {
    const char *name = NULL;
    const cJSON *defs = NULL;
    if (strncmp(ref, "#/$defs/", 8) == 0) name = ref + 8, defs = cJSON_GetObjectItemCaseSensitive(c->root, "$defs");
    else if (strncmp(ref, "#/definitions/", 14) == 0)
        name = ref + 14, defs = cJSON_GetObjectItemCaseSensitive(c->root, "definitions");
    else if (strcmp(ref, "#") == 0) {
        *out = c->root;
        return true;
    }
    *out = name && defs ? cJSON_GetObjectItemCaseSensitive(defs, name) : NULL;
    if (!*out) return fail(c, "schema error: cannot resolve $ref %s%s", ref, "");
    return true;
}

static bool validate(Ctx *c, const cJSON *s, const cJSON *v) {
    if (cJSON_IsTrue(s)) return true;
    if (cJSON_IsFalse(s)) return fail(c, "no value is allowed here%s%s", "", "");
    if (!cJSON_IsObject(s)) return fail(c, "schema error: a schema must be an object or a boolean%s%s", "", "");
    if (++c->depth > 200) return fail(c, "schema error: $ref loop%s%s", "", "");
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(s, "$ref");
    if (ref) {
        const cJSON *target;
        if (!cJSON_IsString(ref)) return fail(c, "schema error: $ref must be a string%s%s", "", "");
        if (!resolve(c, ref->valuestring, &target) || !validate(c, target, v)) return false;
    }
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(s, "type");
    if (type) {
        bool ok = false;
        if (cJSON_IsString(type)) {
            int r = type_ok(type->valuestring, v);
            if (r < 0) return fail(c, "schema error: unknown type %s%s", type->valuestring, "");
            ok = r;
        } else if (cJSON_IsArray(type)) {
            for (const cJSON *t = type->child; t && !ok; t = t->next) {
                int r = cJSON_IsString(t) ? type_ok(t->valuestring, v) : -1;
                if (r < 0) return fail(c, "schema error: bad type list%s%s", "", "");
                ok = r;
            }
        }
        if (!ok) {
            char *want = cJSON_IsString(type) ? NULL : cJSON_PrintUnformatted(type);
            bool r = fail(c, "expected %s, found %s", want ? want : type->valuestring, kind(v));
            free(want);
            return r;
        }
    }
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(s, "enum");
    if (cJSON_IsArray(en)) {
        bool found = false;
        for (const cJSON *e = en->child; e && !found; e = e->next) found = equal(e, v);
        if (!found) {
            char *have = cJSON_PrintUnformatted(v), *want = cJSON_PrintUnformatted(en);
            char h[80];
            snprintf(h, sizeof h, "%.60s%s", have ? have : "?", have && strlen(have) > 60 ? "..." : "");
            bool r = fail(c, "%s is not one of %s", h, want ? want : "?");
            free(have);
            free(want);
            return r;
        }
    }
    const cJSON *min = cJSON_GetObjectItemCaseSensitive(s, "minimum");
    if (cJSON_IsNumber(min) && cJSON_IsNumber(v) && !(v->valuedouble >= min->valuedouble)) {
        char a[40], b[40];
        snprintf(a, sizeof a, "%.17g", v->valuedouble);
        snprintf(b, sizeof b, "%.17g", min->valuedouble);
        return fail(c, "%s is below the minimum %s", a, b);
    }
    if (cJSON_IsObject(v)) {
        const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required");
        for (const cJSON *r = cJSON_IsArray(req) ? req->child : NULL; r; r = r->next)
            if (cJSON_IsString(r) && !cJSON_GetObjectItemCaseSensitive(v, r->valuestring))
                return fail(c, "missing required field \"%s\"%s", r->valuestring, "");
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
        for (const cJSON *p = cJSON_IsObject(props) ? props->child : NULL; p; p = p->next) {
            const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, p->string);
            if (!m) continue;
            size_t n = strlen(c->path);
            snprintf(c->path + n, sizeof c->path - n, "%s%s", n ? "." : "", p->string);
            if (!validate(c, p, m)) return false;
            c->path[n] = '\0';
        }
    }
    if (cJSON_IsArray(v)) {
        const cJSON *items = cJSON_GetObjectItemCaseSensitive(s, "items");
        if (items) {
            int i = 0;
            for (const cJSON *e = v->child; e; e = e->next, i++) {
                size_t n = strlen(c->path);
                snprintf(c->path + n, sizeof c->path - n, "[%d]", i);
                if (!validate(c, items, e)) return false;
                c->path[n] = '\0';
            }
        }
    }
    c->depth--;
    return true;
}

bool json_schema_validate(const cJSON *schema, const cJSON *value, char *err, size_t cap) {
    Ctx c = {schema, {0}, err, cap, 0};
    if (cap) err[0] = '\0';
    return validate(&c, schema, value);
}
