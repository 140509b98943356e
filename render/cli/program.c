/* program.c: from a file name to a running Sim, and Go's crash report. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "program.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "go/compile.h"
#include "go/diag.h"
#include "source.h"
#include "lesson.h"

bool program_load(Loaded *l, const char *path, uint64_t seed, int lang, FILE *err) {
    memset(l, 0, sizeof *l);
    l->path = path;
    if (!realpath(path, l->abspath)) snprintf(l->abspath, sizeof l->abspath, "%s", path);
    l->src = source_read_file(path, &l->len, err);
    if (!l->src) return false;
    l->S = sim_new(seed);
    program_init(&l->prog);
    l->prog.lang = lang;
    Diag d;
    diag_init(&d);
    if (!compile_source(l->S, path, l->src, l->len, &l->prog, &d, NULL)) {
        char *msg = diag_format(&d);
        fputs(msg ? msg : "hchanviz: out of memory\n", err);
        free(msg);
        diag_free(&d);
        return false;
    }
    diag_free(&d);
    vm_start(l->S, &l->prog);
    /* A lesson's //hchanviz:schedule directive pins the interleaving (lesson.h). */
    return lesson_prepare(l->S, path, l->src, l->len, err);
}

void program_unload(Loaded *l) {
    sim_free(l->S);
    program_free(&l->prog);
    free(l->src);
    l->S = NULL;
    l->src = NULL;
}

static void dump_goroutine(const Loaded *l, GoId g, const char *state, FILE *err) {
    const Sim *S = l->S;
    const Goroutine *gp = sim_gc(S, g);
    fprintf(err, "goroutine %d [%s]:\n", g, state);
    VmFrame frames[64];
    int32_t n = vm_frames(S, g, frames, 64);
    for (int32_t i = 0; i < n && i < 64; i++) {
        fprintf(err, "%s(%s)\n\t%s:%d\n", strtab_get(&S->strs, frames[i].fn, NULL), frames[i].has_args ? "..." : "",
                l->abspath, frames[i].line);
    }
    if (gp->creator) {
        StrId by = gp->creator_fn ? gp->creator_fn : sim_gc(S, gp->creator)->fn;
        fprintf(err, "created by %s\n\t%s:%d\n", strtab_get(&S->strs, by, NULL), l->abspath, gp->creator_line);
    }
}

void program_crash_report(const Loaded *l, FILE *err) {
    const Sim *S = l->S;
    if (S->state == SIM_PANICKED) {
        fprintf(err, "panic: %s\n", S->message);
        if (S->panic_kind == PANIC_USER && strncmp(S->message, "runtime error: invalid memory address", 37) == 0)
            fprintf(err, "[signal SIGSEGV: segmentation violation]\n");
        fprintf(err, "\n");
        dump_goroutine(l, S->crashed_g, "running", err);
        return;
    }
    if (strcmp(S->message, "stack overflow") == 0)
        fprintf(err, "runtime: goroutine stack exceeds 1000000000-byte limit\n");
    fprintf(err, "fatal error: %s\n", S->message);
    for (GoId g = 1; g <= S->gs.len; g++) {
        const Goroutine *gp = sim_gc(S, g);
        if (gp->status == GS_DEAD) continue;
        fprintf(err, "\n");
        const char *state = gp->status == GS_WAITING ? wait_reason_string(gp->waitreason) : gstatus_string(gp->status);
        dump_goroutine(l, g, state, err);
    }
}
