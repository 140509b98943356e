/* outfile.c: complete-or-absent files (see outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool outfile_open(OutFile *o, const char *path, char *why, int cap) {
    memset(o, 0, sizeof *o);
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof o->path) {
        snprintf(why, (size_t)cap, "cannot write '%s': the path is empty or too long", path);
        return false;
    }
    memcpy(o->path, path, n + 1);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        snprintf(why, (size_t)cap, "cannot write %s: it exists and is not a regular file", path);
        return false;
    }
    /* ".NAME.tmp-XXXXXX" in the directory of path. */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    snprintf(o->tmp, sizeof o->tmp, "%.*s.%s.tmp-XXXXXX", dirlen, path, slash ? slash + 1 : path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(why, (size_t)cap, "cannot write %s: %s", path, strerror(errno));
        o->tmp[0] = '\0';
        return false;
    }
    /* mkstemp makes the file private (0600); an output file gets the usual 0666 less the umask. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        snprintf(why, (size_t)cap, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        o->tmp[0] = '\0';
        return false;
    }
    return true;
}

bool outfile_write(OutFile *o, const void *p, size_t n) {
    if (o->err || !o->f) return false;
    if (n && fwrite(p, 1, n, o->f) != n) {
        o->err = errno ? errno : EIO;
        return false;
    }
    o->bytes += n;
    return true;
}

void outfile_fail(OutFile *o, int e) {
    if (!o->err) o->err = e ? e : EIO;
}

bool outfile_commit(OutFile *o, char *why, int cap) {
    if (!o->f) {
        snprintf(why, (size_t)cap, "cannot write %s: the file was not open", o->path);
        return false;
    }
    if (!o->err && fflush(o->f) != 0) o->err = errno ? errno : EIO;
    if (!o->err && ferror(o->f)) o->err = EIO;
    if (!o->err && fsync(fileno(o->f)) != 0 && errno != EINVAL && errno != EROFS) o->err = errno;
    if (fclose(o->f) != 0 && !o->err) o->err = errno ? errno : EIO;
    o->f = NULL;
    if (!o->err && rename(o->tmp, o->path) != 0) o->err = errno;
    if (o->err) {
        unlink(o->tmp);
        o->tmp[0] = '\0';
        snprintf(why, (size_t)cap, "cannot write %s: %s", o->path, strerror(o->err));
        return false;
    }
    o->tmp[0] = '\0';
    return true;
}

void outfile_abort(OutFile *o) {
    if (o->f) fclose(o->f);
    o->f = NULL;
    if (o->tmp[0]) unlink(o->tmp);
    o->tmp[0] = '\0';
}
