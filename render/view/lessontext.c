/* lessontext.c: the lesson's words for a step (see lessontext.h). */
#include "lessontext.h"

#include <string.h>

#include "lang.h"

static bool is_wakeup_kind(int k) {
    return k == EV_CHANSEND_WAKEUP || k == EV_CHANRECV_WAKEUP || k == EV_SELECT_WAKEUP || k == EV_SEMACQUIRE;
}

bool lesson_step_is_wakeup(const Session *s) {
    const Sim *S = s->S;
    for (int32_t i = 0; i < S->log.len; i++) {
        int k = S->log.items[i].kind;
        if (k == EV_SCHED_PICK || k == EV_TIMER_FIRE || k == EV_CLOCK_ADVANCE || k == EV_LOCK || k == EV_UNLOCK ||
            k == EV_DEQUEUE_SUDOG || k == EV_GOREADY)
            continue; /* the schedule, and select's re-locking before its wake-up */
        return is_wakeup_kind(k);
    }
    return false;
}

/* Index of the first event of kind k in the step's log, or -1. */
static int first_event(const Sim *S, int k) {
    for (int32_t i = 0; i < S->log.len; i++)
        if (S->log.items[i].kind == k) return i;
    return -1;
}

int lesson_text_for_step(const Session *s, int micro, int lang, LessonText *out, int max) {
    if (s->cur <= 0 || s->cur >= s->steps.len) return 0;
    if (s->diverged_at && s->cur >= s->diverged_at) return 0;
    const StepRec *st = &s->steps.items[s->cur];
    if (st->line <= 0) return 0;
    int n = 0;
    if (!s->has_lesson) {
        int32_t len = 0;
        const char *t = source_narration(&s->info, st->line, lang, &len);
        if (t && n < max) out[n++] = (LessonText){t, len, st->line, -1};
        return n;
    }
    int32_t nn = 0;
    const LessonNote *notes = lesson_notes_of(&s->lesson, st->line, &nn);
    bool wakeup = lesson_step_is_wakeup(s);
    for (int32_t i = 0; i < nn && n < max; i++) {
        const LessonNote *note = &notes[i];
        if (note->event < 0) {
            if (wakeup) continue;
        } else {
            int at = first_event(s->S, note->event);
            if (at < 0 || (micro != -1 && micro < at)) continue; /* not yet (or before the step) */
        }
        const char *t = lang == LANG_ZH && note->zh ? note->zh : note->en ? note->en : note->zh;
        if (t) out[n++] = (LessonText){t, (int32_t)strlen(t), note->line, note->event};
    }
    return n;
}
