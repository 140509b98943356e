/* sched.h: one P and the global run queue, as proc.go runs them with GOMAXPROCS=1. */
#ifndef HCHANVIZ_SCHED_H
#define HCHANVIZ_SCHED_H

#include "sim.h"

/* newproc: a new runnable goroutine created by `creator` (0 for none) at
 * creator_line; it goes into runnext, the old runnext to the local tail.
 * The creator keeps running.  Returns the new id. */
GoId sched_newproc(Sim *S, GoId creator, int32_t creator_line, StrId fn, int32_t runner, int32_t pc);
/* goready: waiting g becomes runnable in runnext (the waker keeps running). */
void sched_goready(Sim *S, GoId g);
/* gopark: the running g waits for `reason`; the P schedules something else. */
void sched_gopark(Sim *S, GoId g, int reason, int parkop);
/* Gosched: the running g goes to the tail of the global run queue. */
void sched_gosched(Sim *S, GoId g);
/* goexit: g is dead.  (main returning is sim_exit, not this.) */
void sched_goexit(Sim *S, GoId g);
/* runqput: g onto the local queue (next: into runnext, kicking the old one to
 * the tail).  A full local queue moves half of it, plus g, to the global queue. */
void sched_runqput(Sim *S, GoId g, bool next);
/* Picks the next goroutine under S->policy, removes it from its queue and
 * records the choice.  Returns 0 if nothing is runnable (or, for manual and
 * replay, if the choice is missing or wrong: S->state says which). */
GoId sched_pick(Sim *S, int *source);
/* A preemption point (Sim.preemptive): under S->policy, the running
 * goroutine runs on or another runnable one runs instead (the running one
 * then goes to the global queue's tail), recorded as a CHOICE_PREEMPT when
 * there was a choice.  SCHED_GO always runs on.  Returns the goroutine that
 * runs, now S->curg; 0 if a manual choice is missing or a replayed one
 * does not fit (S->state says which). */
GoId sched_preempt(Sim *S);
/* The goroutine Go's scheduler would run now (findRunnable's order), without taking it; 0 if none. */
GoId sched_peek(const Sim *S);

int32_t sched_local_len(const Sim *S);
GoId sched_local_at(const Sim *S, int32_t i);
int32_t sched_global_len(const Sim *S);
GoId sched_global_at(const Sim *S, int32_t i);

#endif
