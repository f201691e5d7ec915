/*
** build_snap.c: the warm start of a built kernel (xen/snap.c). Boots the
** sealed kernel under QEMU microvm twice, counting instructions
** (-icount), so that both runs, and the snapshot, are the same on every
** build:
**   1. build_trace, "snapshot=trace": the program runs to its first idle
**      moment, its end or spore:ready/0; the kernel prints "spore: loaded
**      M1/HEX,M2/HEX,...": the modules loaded by then and the functions
**      each decoded (build.c then seals the image again with that list);
**   2. build_snapshot, "snapshot=take": the kernel prepares the VM, loads
**      the modules and decodes the functions the image's spore.warm names
**      (build.c writes the trace's list there), spawns init and names the
**      snapshot's three ranges of memory on the console; QEMU's monitor
**      saves them (pmemsave).
** The caller seals the result after the image (image_seal_kernel).
*/
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../vm/strbuf.h"
#include "boot.h"
#include "build.h"
#include "cli.h"

/* Seconds of the trace run (the program may run for ever without waiting:
   the image then starts cold) and of the snapshot run. */
#define TRACE_TIMEOUT "10"
#define TAKE_TIMEOUT "30"

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* QEMU's argv for 'xen' with 'cmdline' under timeout(1), counting
   instructions: the console into the file 'console' and, with 'monitor',
   QEMU's monitor on its stdin in place of -nographic's. */
static void qemu_argv(char **argv, BootQemu *q, char *serial, size_t size, const char *xen,
                      unsigned mem, const char *cmdline, const char *console, bool monitor)
{
    boot_qemu_argv(q, xen, mem, cmdline);
    int n = 0;
    argv[n++] = "timeout";
    argv[n++] = monitor ? TAKE_TIMEOUT : TRACE_TIMEOUT;
    for (int i = 0; q->argv[i]; i++) {
        if (monitor && strcmp(q->argv[i], "-nographic") == 0) {
            snprintf(serial, size, "file:%s", console);
            argv[n++] = "-display";
            argv[n++] = "none";
            argv[n++] = "-serial";
            argv[n++] = serial;
            argv[n++] = "-monitor";
            argv[n++] = "stdio";
        } else {
            argv[n++] = q->argv[i];
        }
    }
    argv[n++] = "-icount";
    argv[n++] = "shift=0,sleep=off";
    argv[n++] = "-nic";
    argv[n++] = "none";
    argv[n] = NULL;
}

/* Runs QEMU on 'xen' with 'cmdline', its console into 'console'. Returns
   QEMU's exit status (124: timed out), or -1. */
static int run(const char *xen, unsigned mem, const char *cmdline, const char *console)
{
    BootQemu q;
    char *argv[48], serial[PATH_MAX + 8];
    qemu_argv(argv, &q, serial, sizeof serial, xen, mem, cmdline, console, false);
    int fd = open(console, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    pid_t pid = boot_spawn(argv, devnull, fd, fd);
    close(fd);
    if (devnull >= 0)
        close(devnull);
    return pid < 0 ? -1 : boot_wait(pid);
}

/* The last whole line (ended by a line end: QEMU may be writing the rest)
   of the console at 'path' that starts with 'prefix', after it, without its
   line end (malloc'd), or NULL. */
static char *console_line(const char *path, const char *prefix)
{
    size_t len;
    uint8_t *text = cli_read_file(path, &len);
    if (!text)
        return NULL;
    text[len] = 0;
    char *found = NULL;
    size_t pn = strlen(prefix);
    for (char *line = (char *)text; line && *line;) {
        char *end = strchr(line, '\n');
        if (end && strncmp(line, prefix, pn) == 0) {
            size_t n = (size_t)(end - line) - pn;
            while (n > 0 && (line[pn + n - 1] == '\r' || line[pn + n - 1] == ' '))
                n--;
            free(found);
            found = strndup(line + pn, n);
        }
        line = end ? end + 1 : NULL;
    }
    free(text);
    return found;
}

/* The console's last lines, for a message. */
static void console_tail(const char *path, char *out, size_t size)
{
    size_t len;
    uint8_t *text = cli_read_file(path, &len);
    out[0] = 0;
    if (!text)
        return;
    size_t from = len > 300 ? len - 300 : 0;
    size_t k = 0;
    for (size_t i = from; i < len && k + 1 < size; i++)
        out[k++] = text[i] == '\n' || text[i] == '\r' ? ' ' : (char)text[i];
    out[k] = 0;
    free(text);
}

/* The take run: QEMU with its monitor on a pipe. When the console names
   the snapshot's three ranges ("spore: snapshot A1 L1 A2 L2 A3 L3", hex),
   the monitor saves each into a file (pmemsave) and quits. Returns the
   snapshot (malloc'd, the three concatenated) or NULL with 'err' set. */
static uint8_t *take(const char *xen, unsigned mem, const char *cmdline, const char *dir,
                     const char *console, size_t *len, char *err, size_t errlen)
{
    BootQemu q;
    char *argv[48], serial[PATH_MAX + 8];
    qemu_argv(argv, &q, serial, sizeof serial, xen, mem, cmdline, console, true);
    int fd = open(console, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int in[2];
    if (fd < 0 || devnull < 0 || pipe2(in, O_CLOEXEC) < 0) {
        fail(err, errlen, "cannot start %s: %s", BOOT_QEMU, strerror(errno));
        return NULL;
    }
    close(fd);
    pid_t pid = boot_spawn(argv, in[0], devnull, devnull);
    close(in[0]);
    close(devnull);
    if (pid < 0) {
        close(in[1]);
        fail(err, errlen, "cannot start %s: %s", BOOT_QEMU, strerror(errno));
        return NULL;
    }
    unsigned long r[6];
    char *line = NULL;
    int status = -1;
    for (;;) { /* until the line comes or QEMU ends (timeout(1) ends it) */
        line = console_line(console, "spore: snapshot ");
        if (line || waitpid(pid, &status, WNOHANG) != 0)
            break;
        usleep(2000);
    }
    bool named = line && sscanf(line, "%lx %lx %lx %lx %lx %lx", &r[0], &r[1], &r[2], &r[3],
                                &r[4], &r[5]) == 6;
    free(line);
    char files[3][PATH_MAX + 16];
    if (named) {
        FILE *mon = fdopen(in[1], "w");
        for (int i = 0; i < 3; i++) {
            snprintf(files[i], sizeof files[i], "%s/part%d", dir, i);
            if (mon)
                fprintf(mon, "pmemsave 0x%lx 0x%lx \"%s\"\n", r[2 * i], r[2 * i + 1], files[i]);
        }
        if (mon) {
            fputs("quit\n", mon);
            fclose(mon);
        } else {
            close(in[1]);
        }
        status = boot_wait(pid);
    } else {
        close(in[1]);
        if (status == -1)
            status = boot_wait(pid);
    }
    if (!named) {
        char tail[320];
        console_tail(console, tail, sizeof tail);
        fail(err, errlen, "its snapshot run named no snapshot (console: %s)", tail);
        return NULL;
    }
    /* the three parts, one after the other */
    uint8_t *snap = NULL;
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        size_t k;
        uint8_t *part = cli_read_file(files[i], &k);
        unlink(files[i]);
        uint8_t *more = part && k == r[2 * i + 1] ? realloc(snap, n + k + 1) : NULL;
        if (!more) {
            free(part);
            free(snap);
            snap = NULL;
            fail(err, errlen, "QEMU's monitor did not save the snapshot (part %d)", i + 1);
            for (int j = i + 1; j < 3; j++)
                unlink(files[j]);
            return NULL;
        }
        snap = more;
        memcpy(snap + n, part, k);
        n += k;
        free(part);
    }
    *len = n;
    return snap;
}

/* A folder of its own for a run's console and QEMU's saved parts; NULL
   after a message. */
static char *run_dir(char *dir, size_t size, char *err, size_t errlen)
{
    if (!boot_have(BOOT_QEMU) || !boot_have("timeout")) {
        fail(err, errlen, "%s not found", BOOT_QEMU);
        return NULL;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/spore-snap-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fail(err, errlen, "cannot make a folder in %s: %s", tmp && *tmp ? tmp : "/tmp",
             strerror(errno));
        return NULL;
    }
    return dir;
}

char *build_trace(const char *xen, unsigned mem_mb, char *err, size_t errlen)
{
    char dir[PATH_MAX], console[PATH_MAX + 16], tail[320];
    if (!run_dir(dir, sizeof dir, err, errlen))
        return NULL;
    snprintf(console, sizeof console, "%s/console", dir);
    int rc = run(xen, mem_mb < 16 ? 16 : mem_mb, "quiet snapshot=trace", console);
    char *loaded = console_line(console, "spore: loaded ");
    if (rc == 124) {
        fail(err, errlen, "the program neither waited nor stopped in %s s of its trace run",
             TRACE_TIMEOUT);
    } else if (!loaded || !*loaded) {
        console_tail(console, tail, sizeof tail);
        fail(err, errlen, "its trace run named no modules (QEMU status %d; console: %s)", rc, tail);
    }
    if (rc == 124 || (loaded && !*loaded)) {
        free(loaded);
        loaded = NULL;
    }
    unlink(console);
    rmdir(dir);
    return loaded;
}

uint8_t *build_snapshot(const char *xen, unsigned mem_mb, const char *loaded, size_t *len,
                        size_t *npreload, char *err, size_t errlen)
{
    char dir[PATH_MAX], console[PATH_MAX + 16];
    if (!run_dir(dir, sizeof dir, err, errlen))
        return NULL;
    snprintf(console, sizeof console, "%s/console", dir);
    /* the modules and functions to load: the image's spore.warm */
    *npreload = 0;
    for (const char *m = loaded; *m; m += *m == ',') {
        (*npreload)++;
        m += strcspn(m, ",");
    }
    uint8_t *snap = take(xen, mem_mb < 16 ? 16 : mem_mb, "quiet snapshot=take", dir, console, len,
                         err, errlen);
    unlink(console);
    rmdir(dir);
    return snap;
}
