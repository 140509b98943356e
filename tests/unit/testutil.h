/* Shared helpers for the cmocka unit tests: every test file includes this
 * instead of the four headers cmocka needs before it. */
#ifndef HCHANVIZ_TESTUTIL_H
#define HCHANVIZ_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Reads a whole file into a NUL-terminated malloc'd buffer; NULL if it cannot. */
char *testutil_read_file(const char *path, size_t *len);

/* The source tree, ending in '/': $HCHANVIZ_ROOT if set, else the tree this
 * file was compiled from (CMake compiles it by absolute path), else "./". */
const char *testutil_root(void);

#endif

/* ---- helpers for tests of the runtime model ---- */
#ifdef HCHANVIZ_SIM_TESTS
#include "script.h"
#include "sim.h"

#define OPS(...) ((const ScriptOp[]){__VA_ARGS__}), \
    (int32_t)(sizeof((const ScriptOp[]){__VA_ARGS__}) / sizeof(ScriptOp))

/* Script ops, one per sim_step (script.h). */
#define MAKE(s, cap) {.kind = SOP_MAKE, .slot = (s), .v = (cap)}
#define SEND(s, x) {.kind = SOP_SEND, .slot = (s), .v = (x)}
#define RECV(s) {.kind = SOP_RECV, .slot = (s)}
#define CLOSE(s) {.kind = SOP_CLOSE, .slot = (s)}
#define GO(fn) {.kind = SOP_GO, .arg = (fn)}
#define GOSCHED() {.kind = SOP_GOSCHED}
#define PRINT(x) {.kind = SOP_PRINT, .v = (x)}
#define SLEEP(ns) {.kind = SOP_SLEEP, .v = (ns)}
#define AFTER(s, ns) {.kind = SOP_AFTER, .slot = (s), .v = (ns)}
#define LOCK(m) {.kind = SOP_LOCK, .slot = (m)}
#define UNLOCK(m) {.kind = SOP_UNLOCK, .slot = (m)}
#define LOOP(to, n) {.kind = SOP_LOOP, .arg = (to), .v = (n) - 1}
#define SEL(n, dflt, ...) {.kind = SOP_SELECT, .ncases = (n), .has_default = (dflt), .cases = {__VA_ARGS__}}
#define CR(s) {.slot = (s), .is_send = false}
#define CS(s, x) {.slot = (s), .is_send = true, .v = (x)}
#define CNILR {.nilchan = true, .is_send = false}
#define CNILS(x) {.nilchan = true, .is_send = true, .v = (x)}

/* The last op result of goroutine g (fails the test if it has none). */
ScriptResult simtest_last_result(const ScriptState *st, GoId g);

/* A Sim running sc under the real scheduler, with invariant checks after each step. */
Sim *simtest_start(const Script *sc, ScriptState **st);
/* One sim_step; fails the test if an invariant breaks. */
int simtest_step(Sim *S);
/* Steps n times. */
void simtest_steps(Sim *S, int n);
/* "next=G2 local=[G3 G4] global=[G5]" */
const char *simtest_runq(const Sim *S);
/* "q=1/3 sendx=2 recvx=1 buf=[_ 7 _] closed=0 recvq=[] sendq=[G3:5]" (_ = empty slot) */
const char *simtest_chan(const Sim *S, ChanId c);
/* "G2:runnable G3:waiting(chan send)" for every goroutine */
const char *simtest_gs(const Sim *S);
#endif
