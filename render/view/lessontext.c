/* lessontext.c: the lesson's words for a step (see lessontext.h). */
#include "lessontext.h"

#include <string.h>

#include "lang.h"

static bool is_wakeup_kind(int k) {
    return k == EV_CHANSEND_WAKEUP || k == EV_CHANRECV_WAKEUP || k == EV_SELECT_WAKEUP || k == EV_SEMACQUIRE;
}

bool lesson_log_is_wakeup(const EventVec *log) {
    for (int32_t i = 0; i < log->len; i++) {
        int k = log->items[i].kind;
        if (k == EV_SCHED_PICK || k == EV_TIMER_FIRE || k == EV_CLOCK_ADVANCE || k == EV_LOCK || k == EV_UNLOCK ||
            k == EV_DEQUEUE_SUDOG || k == EV_GOREADY)
            continue; /* the schedule, and select's re-locking before its wake-up */
        return is_wakeup_kind(k);
    }
    return false;
}

bool lesson_step_is_wakeup(const Session *s) { return lesson_log_is_wakeup(&s->S->log); }

/* Index of the first event of kind k in the log, or -1. */
static int first_event(const EventVec *log, int k) {
    for (int32_t i = 0; i < log->len; i++)
        if (log->items[i].kind == k) return i;
    return -1;
}

int lesson_text_at(const Lesson *L, const SourceInfo *si, int32_t line, const EventVec *log, int micro, int lang,
                   LessonText *out, int max) {
    if (line <= 0) return 0;
    int n = 0;
    if (!L) {
        int32_t len = 0;
        const char *t = source_narration(si, line, lang, &len);
        if (t && n < max) out[n++] = (LessonText){t, len, line, -1};
        return n;
    }
    int32_t nn = 0;
    const LessonNote *notes = lesson_notes_of(L, line, &nn);
    bool wakeup = lesson_log_is_wakeup(log);
    for (int32_t i = 0; i < nn && n < max; i++) {
        const LessonNote *note = &notes[i];
        if (note->event < 0) {
            if (wakeup) continue;
        } else {
            int at = first_event(log, note->event);
            if (at < 0 || (micro != -1 && micro < at)) continue; /* not yet (or before the step) */
        }
        const char *t = lang == LANG_ZH && note->zh ? note->zh : note->en ? note->en : note->zh;
        if (t) out[n++] = (LessonText){t, (int32_t)strlen(t), note->line, note->event};
    }
    return n;
}

int lesson_text_for_step(const Session *s, int micro, int lang, LessonText *out, int max) {
    if (s->cur <= 0 || s->cur >= s->steps.len) return 0;
    if (s->diverged_at && s->cur >= s->diverged_at) return 0;
    const StepRec *st = &s->steps.items[s->cur];
    return lesson_text_at(s->has_lesson ? &s->lesson : NULL, &s->info, st->line, &s->S->log, micro, lang, out, max);
}
