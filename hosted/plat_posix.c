/*
** plat_posix.c: vm/plat.h for the hosted platform, a Linux process. The
** console is standard output, clocks are clock_gettime, the scheduler's
** blocking point is an absolute sleep on the monotonic clock, randomness is
** getrandom(2) and files are the host's file system. Two environment
** variables help tests: SPORE_MARKS prints the boot markers, SPORE_LOADED
** lists the files read. No Erlang here.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../vm/plat.h"

/* The VM's allocator (vm/vm.h), which owns the buffers plat_file_read hands
   out. Declared here so that the platform sees no header of the VM but
   plat.h. */
void *vm_alloc(size_t n);
void *vm_realloc(void *p, size_t n);
void vm_free(void *p);

#define NS_PER_S 1000000000ull

/* Writes all of 'n' bytes to 'fd', waiting while it is non-blocking and
   full. Gives up silently when the descriptor is gone (EPIPE, EBADF...). */
static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w > 0) {
            s += w;
            n -= (size_t)w;
        } else if (w < 0 && errno == EINTR) {
            continue;
        } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pfd = {.fd = fd, .events = POLLOUT};
            (void)poll(&pfd, 1, -1);
        } else {
            return;
        }
    }
}

void plat_console_write(const char *s, size_t n)
{
    write_all(STDOUT_FILENO, s, n);
}

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0)
        plat_abort("clock_gettime failed");
    return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

uint64_t plat_clock_monotonic(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

uint64_t plat_clock_wall(void)
{
    return clock_ns(CLOCK_REALTIME);
}

/* Sleeps until the monotonic clock reaches 'deadline'. There are no
   external events on this platform yet, so without a deadline the process
   sleeps until a signal arrives (as erl does when every process waits). */
void plat_yield(uint64_t deadline)
{
    if (deadline == UINT64_MAX) {
        (void)ppoll(NULL, 0, NULL, NULL);
        return;
    }
    struct timespec ts = {
        .tv_sec = (time_t)(deadline / NS_PER_S),
        .tv_nsec = (long)(deadline % NS_PER_S),
    };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

void plat_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t r = getrandom(p, n, 0);
        if (r > 0) {
            p += r;
            n -= (size_t)r;
        } else if (r < 0 && errno != EINTR) {
            plat_abort("getrandom failed");
        }
    }
}

/* With SPORE_LOADED naming a file, appends 'path' to it on a line of its
   own (made absolute, so that the list can be used from anywhere): a test
   harness learns which files a program needs, to pack them into a bundle.
   One write per line, so that a line is never split. Best effort. */
static void note_loaded(const char *path)
{
    const char *list = getenv("SPORE_LOADED");
    if (!list || !*list)
        return;
    char cwd[4096] = "";
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        return;
    size_t nc = strlen(cwd), np = strlen(path);
    char *line = malloc(nc + np + 2);
    if (!line)
        return;
    size_t n = 0;
    if (nc) {
        memcpy(line, cwd, nc);
        n = nc;
        if (cwd[nc - 1] != '/')
            line[n++] = '/';
    }
    memcpy(line + n, path, np);
    n += np;
    line[n++] = '\n';
    int fd = open(list, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        write_all(fd, line, n);
        close(fd);
    }
    free(line);
}

plat_result_t plat_file_read(const char *path, uint8_t **data, size_t *len)
{
    int fd;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return (errno == ENOENT || errno == ENOTDIR || errno == EACCES) ? PLAT_EINVAL
                                                                         : PLAT_EUNSPEC;
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        close(fd);
        return PLAT_EINVAL;
    }
    /* st_size is a hint (files under /proc report 0): read to end of file. */
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, used = 0;
    uint8_t *buf = vm_alloc(cap);
    for (;;) {
        if (used == cap) {
            cap *= 2;
            buf = vm_realloc(buf, cap);
        }
        ssize_t r = read(fd, buf + used, cap - used);
        if (r > 0) {
            used += (size_t)r;
        } else if (r == 0) {
            break;
        } else if (errno != EINTR) {
            vm_free(buf);
            close(fd);
            return PLAT_EUNSPEC;
        }
    }
    close(fd);
    *data = buf;
    *len = used;
    note_loaded(path);
    return PLAT_OK;
}

/* The boot markers' origin: taken by a constructor, before main() runs.
   It leaves out exec and dynamic linking; /proc/self/stat's start time
   would include them, but it counts in clock ticks (10 ms), too coarse for
   a boot that takes a few milliseconds. */
static uint64_t process_start;

__attribute__((constructor)) static void note_process_start(void)
{
    process_start = plat_clock_monotonic();
}

/* A process never takes a snapshot of itself (xen/snap.c does). */
bool plat_warm_point(void) { return false; }

/* With SPORE_MARKS set, each marker prints
   "spore: mark <vm|first|ready> <ns since process start>" on stderr. */
void plat_mark(PlatMark m)
{
    static const char *const names[] = {"vm", "first", "ready"};
    if (!getenv("SPORE_MARKS"))
        return;
    uint64_t ns = plat_clock_monotonic() - process_start;
    const char *name = (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "?";
    char line[64];
    int n = snprintf(line, sizeof line, "spore: mark %s %llu\n", name, (unsigned long long)ns);
    if (n > 0)
        write_all(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

_Noreturn void plat_exit(int status)
{
    fflush(NULL);
    exit(status);
}

_Noreturn void plat_abort(const char *why)
{
    static const char prefix[] = "spore: abort: ";
    fflush(NULL);
    write_all(STDERR_FILENO, prefix, sizeof prefix - 1);
    write_all(STDERR_FILENO, why, strlen(why));
    write_all(STDERR_FILENO, "\n", 1);
    abort();
}
