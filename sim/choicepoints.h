/* choicepoints.h: the places where one run could have gone another way,
 * and where each other way leads.
 *
 * A choice point of a run is a step boundary where more than one goroutine
 * may run next (the scheduler picks one; under preemption, another may
 * run instead of the one at a visible operation) or a draw with more than
 * one value (a select's poll order).  For each, the alternatives are run:
 * the run's own choices up to the point, the alternative, then Go's own
 * scheduler -- and each is said to end as the run does or elsewhere.  The
 * window's Choices view (render/view/layout_choices.c) shows the list as
 * the path through the tree of schedules that the run took.  Uses only the
 * Sim's public API. */
#ifndef HCHANVIZ_CHOICEPOINTS_H
#define HCHANVIZ_CHOICEPOINTS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim.h"

/* At most 8 alternatives listed per point; each run (the walk, an
 * alternative) stops at a million steps; alternatives are run until 5
 * million steps have been spent on them. */
enum { CHOICE_ALTS_MAX = 8, CHOICE_RUN_STEPS = 1000000, CHOICE_WORK_STEPS = 5000000 };

typedef struct ChoiceAlt {
    int32_t value;     /* the goroutine that would run (or the value drawn) */
    bool known;        /* it was run (points past ChoicePoints.evaluated are not) */
    bool same;         /* it ends exactly as the run does: stdout, first stderr line, exit */
    bool same_output;  /* it prints the same */
    char end[160];     /* how it ends: "exit 0" or Go's first stderr line */
    char last[48];     /* the last line it prints ("" if none), cut to fit */
} ChoiceAlt;

typedef struct ChoicePoint {
    uint64_t step;     /* steps before it: it decides view step step + 1 */
    int32_t index;     /* its choice's index in the run's choices */
    uint8_t kind;      /* CHOICE_RUN (a pick), CHOICE_PREEMPT or CHOICE_RAND */
    GoId cur;          /* CHOICE_PREEMPT: the goroutine at the preemption point */
    int32_t taken;     /* the goroutine the run ran (CHOICE_RAND: the value drawn) */
    int32_t bound;     /* CHOICE_RAND: how many values there were */
    int32_t nalts;     /* alternatives listed (at most CHOICE_ALTS_MAX) */
    int32_t more;      /* alternatives left out of alts */
    ChoiceAlt alts[CHOICE_ALTS_MAX];
} ChoicePoint;

typedef struct ChoicePoints {
    ChoicePoint *items;
    int32_t n, cap;
    int32_t evaluated;  /* points whose alternatives were run (the first ones) */
    bool truncated;     /* the run has more points than were listed */
    char end[160];      /* how the run itself ends */
} ChoicePoints;

/* Walks the run S makes with `choices` (S just started, before its first
 * step; it is left in an unspecified state) and lists up to max_points choice
 * points; runs the alternatives of the first max_eval of them (fewer when
 * the work budget runs out: ChoicePoints.evaluated).  False if S
 * is not running or the choices do not replay. */
bool choicepoints_find(Sim *S, const Choice *choices, int32_t n, int32_t max_points, int32_t max_eval,
                       ChoicePoints *out);
void choicepoints_free(ChoicePoints *cp);

#endif
