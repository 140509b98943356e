/* check.h: the runtime's invariants, verified on a whole Sim. */
#ifndef HCHANVIZ_CHECK_H
#define HCHANVIZ_CHECK_H

#include <stddef.h>

#include "sim.h"

/* True if every invariant holds; otherwise false with the first broken one
 * described in why.  Test builds (SIM_CHECK_EVERY_STEP) run it after every step. */
bool sim_check(const Sim *S, char *why, size_t cap);

#endif
