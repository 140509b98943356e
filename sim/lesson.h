/* lesson.h: what a lesson file says besides its Go code -- its header, the
 * narration attached to its lines, and its directives -- and how a pinned
 * schedule is applied to a Sim.  The format is documented in docs/lessons.md.
 *
 * A lesson is a Go program whose comments carry:
 *  - a header: the `//` comment block starting on line 1, of `Key: text`
 *    fields (Title, Title-zh, Teaches, Teaches-zh, Predict, Predict-zh,
 *    Outcome, Source; optionally Goal, Goal-zh, Goal-outcome), a field
 *    continuing on lines indented by two or more blanks after the slashes;
 *  - narration: `//> text` (English) and `//>zh 文本` (Chinese), at the end
 *    of the line they explain or on their own lines just above it;
 *    `//> @chanrecv.park text` attaches it to one event of that line;
 *  - directives: `//hchanviz:VERB ARGS` on their own line.  The one verb is
 *    `schedule` (see LessonSchedule below).
 *
 * Library code: nothing is printed; errors go to a Diag as
 * FILE:LINE:COL: message. */
#ifndef HCHANVIZ_LESSON_H
#define HCHANVIZ_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "go/diag.h"
#include "sim.h"

/* Narration for one source line (both texts NUL-terminated, owned).  A line
 * has at most one note per `event`: the note with event -1 is shown whenever
 * a step stands on the line; a note with an event (written `//> @chansend.park
 * text`) only at the micro-step where that event happens on that line. */
typedef struct LessonNote {
    int32_t line;  /* the line it explains */
    char *en;      /* English, NULL if the line has none */
    char *zh;      /* Chinese, NULL if the line has none */
    int32_t col;   /* column of the note's first narration comment (for errors) */
    int32_t from;  /* line of that comment */
    int32_t event; /* -1: attached to the line only; else the EventKind it describes */
} LessonNote;

/* A `//hchanviz:schedule` directive.
 *   LESSON_SCHED_NONE    no directive: Go's own scheduler (GOMAXPROCS=1)
 *   LESSON_SCHED_PICKS   `schedule G1 G3 go G2 ...`: picks[i] is the goroutine
 *                        the (i+1)-th scheduling decision runs (0 = whatever
 *                        Go's scheduler picks there); after the last pick,
 *                        Go's scheduler decides
 *   LESSON_SCHED_RANDOM  `schedule random:SEED`: a random runnable goroutine
 *                        at every decision, reproducible by seed */
typedef enum LessonSchedKind { LESSON_SCHED_NONE, LESSON_SCHED_PICKS, LESSON_SCHED_RANDOM } LessonSchedKind;

/* Longest schedule accepted (picks after expanding `*N`). */
#define LESSON_MAX_PICKS 100000

typedef struct Lesson {
    char *file;           /* file name as given (owned) */
    char *src;            /* a copy of the source (owned, NUL-terminated) */
    size_t len;
    bool has_header;      /* the file starts with a `// Title:` header */
    /* Header fields, NULL when absent (owned). */
    char *title_en, *title_zh;
    char *teaches_en, *teaches_zh;
    char *predict_en, *predict_zh;
    char *outcome;        /* "exit 0", or the first line Go prints on stderr */
    char *source;         /* where in the articles, free text */
    /* The scheduling game (optional; Goal needs Goal-zh and Goal-outcome):
     * what the learner should make happen by scheduling by hand, and exactly
     * the first stderr line ("exit 0" for none) the run must end with. */
    char *goal_en, *goal_zh;
    char *goal_outcome;
    /* Narration, sorted by line, then event (-1 first). */
    LessonNote *notes;
    int32_t nnotes;
    /* The schedule directive. */
    int32_t sched_kind;   /* LessonSchedKind */
    GoId *picks;          /* LESSON_SCHED_PICKS: npicks entries, 0 = Go's pick */
    int32_t npicks;
    uint64_t seed;        /* LESSON_SCHED_RANDOM */
    int32_t sched_line, sched_col; /* where the directive is */
    uint32_t sched_offset;
} Lesson;

/* Flags for lesson_parse. */
enum {
    LESSON_REQUIRE_HEADER = 1u << 0, /* it must be a lesson: a header with every required field */
};

/* Parses the lesson parts of src[0..len) (the Go code itself is not checked
 * here; compile it as usual).  Always checked: directives (a malformed one is
 * an error).  Checked when the file has a header (starts with `// Title:`) or
 * flags has LESSON_REQUIRE_HEADER: the header's fields, and that every line
 * with narration has it in both languages.  On error returns false with the
 * first error in d (may be NULL); L is then empty.  Free with lesson_free. */
bool lesson_parse(Lesson *L, const char *filename, const char *src, size_t len, unsigned flags, Diag *d);
void lesson_free(Lesson *L);

/* The narration of a line that is attached to no event, or NULL. */
const LessonNote *lesson_note(const Lesson *L, int32_t line);

/* The narration of a line for one event kind (EventKind; -1: the note
 * attached to no event, as lesson_note), or NULL. */
const LessonNote *lesson_note_for(const Lesson *L, int32_t line, int event);

/* All the notes of a line: returns the first (the one without an event, if
 * any, comes first; then by event kind) and their number in *n; NULL and
 * *n = 0 if the line has none.  They are consecutive in L->notes. */
const LessonNote *lesson_notes_of(const Lesson *L, int32_t line, int32_t *n);

/* Applies L's schedule directive to S, which must be freshly started
 * (vm_start, no step taken).  PICKS: runs a throw-away copy of S (a snapshot)
 * under the picks to record every choice they lead to, restores S and loads
 * those choices into S->replay with S->policy = SCHED_REPLAY, so the run, its
 * trace and stepping back all follow the pinned interleaving; past the last
 * pick, sched_pick continues as Go's scheduler.  RANDOM: S->policy =
 * SCHED_RANDOM with the seed.  NONE: nothing.  Returns false with an error at
 * the directive in d when a pick names a goroutine that is not runnable at
 * that decision or the program ends before the last pick. */
bool lesson_apply(const Lesson *L, Sim *S, Diag *d);

/* For program loading: parses src's directives (and, for a lesson, its
 * header and narration) and applies the schedule to S.  On error prints
 * FILE:LINE:COL: message (with the line and a caret) to err, returns false. */
bool lesson_prepare(Sim *S, const char *filename, const char *src, size_t len, FILE *err);

/* ---- the curriculum directory ------------------------------------------- */

/* The lessons directory: dir if not NULL, else $HCHANVIZ_LESSONS, else
 * ./lessons, else lessons/ next to the executable's directory (build/..).
 * Writes it to out (size n); false if none exists. */
bool lesson_dir(const char *dir, const char *argv0, char *out, size_t n);

/* The lesson files of dir (names NN-topic.go, sorted), as malloc'd paths in
 * *paths (free each and the array).  Returns the count, -1 if dir cannot be read. */
int lesson_files(const char *dir, char ***paths);

/* `hchanviz lessons [DIR]`: one line per lesson, in order: NN, the English
 * title, the Chinese title.  A lesson that does not parse is reported on err;
 * returns the exit status (0, or 1 if any lesson is malformed or no lessons). */
int lesson_list_main(int argc, char **argv, FILE *out, FILE *err);

#endif
