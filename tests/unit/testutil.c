#include "testutil.h"

#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

char *testutil_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) return NULL;
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

#ifdef HCHANVIZ_SIM_TESTS
#include <string.h>

#include "chan.h"
#include "check.h"
#include "sched.h"
#include "types.h"

static char strbuf[4][1024];
static int strnext;

static char *next_buf(void) {
    char *b = strbuf[strnext];
    strnext = (strnext + 1) % 4;
    b[0] = '\0';
    return b;
}

static void append(char *b, const char *fmt, ...) {
    size_t n = strlen(b);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b + n, 1024 - n, fmt, ap);
    va_end(ap);
}

ScriptResult simtest_last_result(const ScriptState *st, GoId g) {
    ScriptResult r[64];
    int32_t n = script_results_of(st, g, r, 64);
    assert_true(n > 0 && n <= 64);
    return r[n - 1];
}

Sim *simtest_start(const Script *sc, ScriptState **st) {
    Sim *S = sim_new(1);
    ScriptState *s = script_start(S, sc);
    if (st) *st = s;
    return S;
}

int simtest_step(Sim *S) {
    int r = sim_step(S);
    char why[256];
    if (!sim_check(S, why, sizeof why)) fail_msg("invariant broken after step %llu: %s", (unsigned long long)S->steps, why);
    return r;
}

void simtest_steps(Sim *S, int n) {
    for (int i = 0; i < n; i++) {
        int r = simtest_step(S);
        if (r != SIM_RUNNING && i != n - 1) fail_msg("simulation ended (state %d) at step %d of %d", r, i + 1, n);
    }
}

const char *simtest_runq(const Sim *S) {
    char *b = next_buf();
    append(b, "next=");
    if (S->p.runnext) append(b, "G%d", S->p.runnext);
    append(b, " local=[");
    for (int32_t i = 0; i < sched_local_len(S); i++) append(b, "%sG%d", i ? " " : "", sched_local_at(S, i));
    append(b, "] global=[");
    for (int32_t i = 0; i < sched_global_len(S); i++) append(b, "%sG%d", i ? " " : "", sched_global_at(S, i));
    append(b, "]");
    return b;
}

const char *simtest_chan(const Sim *S, ChanId c) {
    char *b = next_buf();
    const Chan *ch = &S->chans.items[c - 1];
    append(b, "q=%u/%u sendx=%u recvx=%u buf=[", ch->qcount, ch->dataqsiz, ch->sendx, ch->recvx);
    for (uint32_t i = 0; i < ch->dataqsiz; i++) {
        char v[64];
        if (chan_slot_full(ch, i)) value_format(S, ch->elemtype, S->slots.items[ch->buf + (int32_t)i], v, sizeof v);
        else strcpy(v, "_");
        append(b, "%s%s", i ? " " : "", v);
    }
    append(b, "] closed=%d recvq=[", ch->closed);
    int k = 0;
    for (SudogId s = ch->recvq.first; s; s = S->sudogs.items[s - 1].next)
        append(b, "%sG%d", k++ ? " " : "", S->sudogs.items[s - 1].g);
    append(b, "] sendq=[");
    k = 0;
    for (SudogId s = ch->sendq.first; s; s = S->sudogs.items[s - 1].next) {
        const Sudog *sg = &S->sudogs.items[s - 1];
        char v[64] = "";
        if (sg->has_elem) value_format(S, ch->elemtype, sg->elem, v, sizeof v);
        append(b, "%sG%d:%s", k++ ? " " : "", sg->g, v);
    }
    append(b, "]");
    return b;
}

const char *simtest_gs(const Sim *S) {
    char *b = next_buf();
    for (GoId g = 1; g <= S->gs.len; g++) {
        const Goroutine *gp = &S->gs.items[g - 1];
        append(b, "%sG%d:%s", g > 1 ? " " : "", g, gstatus_string(gp->status));
        if (gp->status == GS_WAITING) append(b, "(%s)", wait_reason_string(gp->waitreason));
    }
    return b;
}
#endif

const char *testutil_root(void) {
    static char root[1024];
    const char *env = getenv("HCHANVIZ_ROOT");
    if (env && *env) {
        snprintf(root, sizeof root, "%s/", env);
        return root;
    }
    snprintf(root, sizeof root, "%s", __FILE__);
    char *p = strstr(root, "tests/unit/testutil.c");
    if (p) *p = '\0';
    else snprintf(root, sizeof root, "./");
    return root;
}
