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

#endif

/* ---- helpers for tests of the runtime model ---- */
#ifdef HCHANVIZ_SIM_TESTS
#include "script.h"
#include "sim.h"

#define OPS(...) ((const ScriptOp[]){__VA_ARGS__}), \
    (int32_t)(sizeof((const ScriptOp[]){__VA_ARGS__}) / sizeof(ScriptOp))

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
