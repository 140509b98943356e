/* source.h: what the view knows about a program's text: its lines, the
 * lesson narration attached to them, and the names of local variables.
 *
 * Narration is written in the lesson as comments: `//> text` (English) and
 * `//>zh 文本` (Chinese).  A narration comment after code on a line belongs
 * to that line; one on a line of its own belongs to the next line that has
 * code; several for one line are joined.  source_scan finds them with a
 * small scanner of its own (strings, runes and block comments skipped), so
 * it works on any text.  A lesson's narration comes from sim/lesson.c
 * instead (source_set_narration), which knows the whole lesson format. */
#ifndef HCHANVIZ_SOURCE_H
#define HCHANVIZ_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

#include "sim.h"

typedef struct SrcLine {
    int32_t off, len;    /* bytes of the line, no newline */
    bool narration;      /* the line holds only a narration comment */
    bool directive;      /* the line is a //hchanviz: directive */
    int32_t code_len;    /* bytes before a trailing narration comment (blanks trimmed); 0 for narration lines */
} SrcLine;

/* Does the source panel hide line (1-based) unless asked to show everything?
 * Narration and directives answer the lesson's question: no spoilers. */
static inline bool source_line_hidden(const SrcLine *l) { return l->narration || l->directive; }

typedef struct Narration {
    int32_t line;        /* the line it belongs to (1-based) */
    int32_t lang;        /* Lang */
    int32_t off, len;    /* text in SourceInfo.chars */
} Narration;

typedef struct SourceInfo {
    VEC(SrcLine) lines;  /* lines.items[i] is line i + 1 */
    VEC(Narration) narr; /* by line, in order */
    VEC(char) chars;
} SourceInfo;

/* Largest source file hchanviz reads (bytes); docs/go-subset.md lists it. */
#define SOURCE_MAX_BYTES (1u << 20)

/* Reads a whole program file into a NUL-terminated malloc'd buffer (*len
 * bytes before the NUL).  On failure prints why to err (if not NULL) --
 * for a file over SOURCE_MAX_BYTES as "FILE:1:1: source file too large" --
 * and returns NULL. */
char *source_read_file(const char *path, size_t *len, FILE *err);

/* Takes a lesson's narration (its parser knows the whole format, such as
 * `code //> text //>zh 文本` on one line) instead of the scanner's. */
struct Lesson;
void source_use_lesson(SourceInfo *si, const struct Lesson *L);

/* Splits src into lines and collects its narration. */
void source_scan(SourceInfo *si, const char *src, size_t len);
/* Replaces the narration with line's English and Chinese texts (either may
 * be NULL), for each of n lines. */
void source_set_narration(SourceInfo *si, const int32_t *lines, const char *const *en, const char *const *zh, int32_t n);
void source_free(SourceInfo *si);
/* The narration of line in lang (falling back to English), or NULL. */
const char *source_narration(const SourceInfo *si, int32_t line, int lang, int32_t *len);
/* The first line of a lesson's leading comment (its title), into out. */
void source_title(const char *src, size_t len, char *out, size_t cap);

#endif
