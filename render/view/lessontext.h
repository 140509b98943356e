/* lessontext.h: which of the lesson's words apply to the step shown.
 *
 * Narration follows what happened, not only where the code stands:
 *  - a note attached to an event (`//> @chanrecv.park ...`) shows at the
 *    step that ran its line and took that runtime path, from the micro-step
 *    where the event happens;
 *  - a note attached to the line only shows at a step that ran the line,
 *    unless the step only finishes an operation that parked earlier (the
 *    wake-up of a receive, a send, a select or a lock: what the line's note
 *    says happened at the park);
 *  - nothing shows once the run has left the lesson's path (session.h:
 *    diverged_at): the words were written for the lesson's schedule.
 * A plain program (no lesson header) shows the `//>` comments of the line. */
#ifndef HCHANVIZ_LESSONTEXT_H
#define HCHANVIZ_LESSONTEXT_H

#include "session.h"

typedef struct LessonText {
    const char *text;
    int32_t len;
    int32_t line;   /* the line the words are attached to */
    int32_t event;  /* the event kind they are attached to, -1 for the line */
} LessonText;

/* The lesson's words for the step shown at micro-step micro (-1: the whole
 * step), in lang (falling back to English); up to max of them in out.
 * Returns how many. */
int lesson_text_for_step(const Session *s, int micro, int lang, LessonText *out, int max);

/* Does the step shown only finish an operation that parked in an earlier step? */
bool lesson_step_is_wakeup(const Session *s);

/* The same for any step: one that ran `line` and logged `log` (L NULL: a
 * plain program, whose `//>` comments si holds). */
int lesson_text_at(const Lesson *L, const SourceInfo *si, int32_t line, const EventVec *log, int micro, int lang,
                   LessonText *out, int max);
bool lesson_log_is_wakeup(const EventVec *log);

#endif
