/* select.h: the select statement, as the compiler rewrites it and as selectgo runs it. */
#ifndef HCHANVIZ_SELECT_H
#define HCHANVIZ_SELECT_H

#include "chan.h"

typedef struct SelectCase {
    ChanId c;      /* 0: a nil channel (the case never proceeds) */
    bool is_send;
    Value val;     /* send: the value */
    bool want;     /* receive: the value is used (v := <-c), not discarded */
} SelectCase;

/* Upper bound on cases in one select (the runtime's is 65536). */
enum { SELECT_MAX_CASES = 256 };

/* A select statement with n cases (in source order) and maybe a default.
 * Applies the compiler's rewrites: no cases blocks forever ("select (no
 * cases)"), one case is a plain channel operation, one case plus default is
 * a non-blocking one; otherwise selectgo.  OP_DONE with casei the case taken,
 * OP_FAIL when default is taken (casei -1), OP_PARKED, or OP_PANIC. */
OpResult select_stmt(Sim *S, GoId g, const SelectCase *cases, int32_t n, bool has_default);
/* selectgo itself (for n >= 1). */
OpResult select_go(Sim *S, GoId g, const SelectCase *cases, int32_t n, bool block);
/* Pass 3: a parked select runs again, finds the winning case, and takes its
 * other sudogs off their queues. */
OpResult select_wakeup(Sim *S, GoId g);

#endif
