/* outfile.h: writing a file so that it is either complete or absent.
 *
 * The bytes go to a temporary file beside the final one (same directory,
 * so the rename cannot cross file systems); outfile_commit flushes it to
 * disk and renames it over the final name.  Any failure along the way (a
 * full disk, a removed directory) is remembered, and commit then removes the
 * temporary file and reports the first error: a reader never finds a
 * half-written file under the final name. */
#ifndef HCHANVIZ_SDL_OUTFILE_H
#define HCHANVIZ_SDL_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct OutFile {
    FILE *f;               /* the temporary file; NULL once committed or aborted */
    char path[1024];       /* the final name */
    char tmp[1100];        /* the temporary name, in the same directory */
    int err;               /* the first errno of a failed write; 0 while all is well */
    size_t bytes;          /* bytes written so far */
} OutFile;

/* Creates the temporary file for path.  Refuses a path that exists and is
 * not a regular file (a device, a directory).  On failure returns false
 * with the reason in why. */
bool outfile_open(OutFile *o, const char *path, char *why, int cap);
/* Appends n bytes; false (and the error remembered) if the write failed. */
bool outfile_write(OutFile *o, const void *p, size_t n);
/* Marks the file failed with errno value e (when a writer using o->f saw it). */
void outfile_fail(OutFile *o, int e);
/* Flushes, syncs and closes the temporary file and renames it to the final
 * name.  On any failure (now or in an earlier write) removes the temporary
 * file and returns false with "cannot write PATH: reason" in why. */
bool outfile_commit(OutFile *o, char *why, int cap);
/* Gives up: closes and removes the temporary file (safe to call twice). */
void outfile_abort(OutFile *o);

#endif
