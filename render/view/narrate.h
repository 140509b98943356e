/* narrate.h: runtime events told in words, and values shown as text. */
#ifndef HCHANVIZ_NARRATE_H
#define HCHANVIZ_NARRATE_H

#include "sim.h"

/* A value of type t as the view shows it: %v, with strings quoted and
 * channels by name ("&hchan ch").  Returns the length written. */
int view_value_str(const Sim *S, TypeId t, Value v, char *out, int cap);
/* The channel's name: the variable its make was first assigned to, else
 * "chan#N"; "nil" for channel 0. */
const char *view_chan_name(const Sim *S, ChanId c, char *buf, int cap);
/* The sentence for event e in lang, from the template tables (lang.h),
 * with the Sim as it is after the step.  Returns the length written. */
int narrate_event(const Sim *S, const Event *e, int lang, char *out, int cap);
/* A second sentence some events need (a goroutine pushed out of runnext),
 * or 0 and out = "". */
int narrate_event_extra(const Sim *S, const Event *e, int lang, char *out, int cap);
/* One difference between two states (statediff.h) in words, as the
 * window writes it: "ch.sendx 0->1", "ch.buf[0] \"a\"->\"d\"", "G2 waiting->runnable",
 * "runnext none->G2", "ch.sendq [G2]->[]".  Returns the length written. */
/* "[G3 G2]": the local (or global) run queue of S, elided past eight. */
void view_runq_str(const Sim *S, bool global, char *out, int cap);
struct StateDiff;
int view_diff_str(const Sim *from, const Sim *to, const struct StateDiff *d, char *out, int cap);

#endif
