/*
** cli_file.c: whole files in and out, for the subcommands of tools/.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

uint8_t *cli_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, k;
    uint8_t *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            uint8_t *more = realloc(buf, cap *= 2);
            if (!more)
                free(buf);
            buf = more;
        }
    }
    int failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        errno = buf ? EIO : ENOMEM;
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int cli_write_file(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(bytes, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok) {
        int e = errno ? errno : EIO;
        remove(path);
        errno = e;
        return -1;
    }
    return 0;
}
