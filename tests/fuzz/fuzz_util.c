/* fuzz_util.c: temporary files for the harnesses (fuzz_util.h). */
#define _DEFAULT_SOURCE /* mkstemps */
#include "fuzz_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fuzz_temp_write(const uint8_t *data, size_t size, const char *suffix, char *path, size_t cap) {
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    int n = snprintf(path, cap, "%s/hchanviz-fuzz-XXXXXX%s", dir, suffix);
    if (n < 0 || (size_t)n >= cap) abort();
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0) {
        perror("fuzz: mkstemps");
        abort();
    }
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            perror("fuzz: write");
            abort();
        }
        done += (size_t)w;
    }
    if (close(fd) != 0) abort();
}

void fuzz_temp_sibling(const char *path, const char *suffix, char *out, size_t cap) {
    int n = snprintf(out, cap, "%s%s", path, suffix);
    if (n < 0 || (size_t)n >= cap) abort();
}
