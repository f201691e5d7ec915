/*
** boot.c: `spore boot APP.xen`: boots a kernel image under QEMU microvm
** with its console on the terminal, then sums up the guest's boot markers
** and the host's side of the timing. Also owns what boot_xen.c and the
** deploy files share (boot.h): the image check, the kernel command line,
** QEMU's command line, the markers, child processes. The Xen paths
** (--xen) are in boot_xen.c.
*/
#define _GNU_SOURCE /* pipe2 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../image/seal.h"
#include "../image/snapshot.h"
#include "boot.h"
#include "cli.h"

static void usage(FILE *to)
{
    fputs("usage: spore boot APP.xen [options] [-- VMARGS...]\n"
          "\n"
          "Boots a kernel image (build-xen/spore.elf with a program sealed in) under\n"
          "QEMU microvm, with the guest's console on the terminal. At the end it prints\n"
          "the guest's boot markers and how long QEMU took to the guest's first line.\n"
          "The exit status is the program's halt status; 1 when the guest crashed.\n"
          "\n"
          "options:\n"
          "  --mem MB          memory of the guest in MiB (default 64)\n"
          "  --cmdline \"...\"   the kernel command line: platform options (quiet...),\n"
          "                    then the VM's arguments (-run Mod Fun...)\n"
          "  -- VMARGS...      more VM arguments, after --cmdline's\n"
          "  --timeout S       stop the guest after S seconds (status 124)\n"
          "  --xen             boot under Xen instead, as a PVH domU: with xl on a Xen\n"
          "                    host, or else Xen and a Linux dom0 under QEMU (the test\n"
          "                    rig, test/xen beside the build folder; 10 to 30 s)\n"
          "  --pv              with --xen: a PV domU rather than PVH\n"
          "  --name NAME       with --xen: the domain's name (default: the file's)\n",
          to);
}

/* ---- the image ---- */

static uint64_t get_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static int read_at(int fd, void *buf, size_t len, uint64_t off)
{
    return pread(fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -1;
}

/* Adds to 'sum' the 'len' bytes at address 'va' as the loaders lay them
   out: what the load segments' files hold there, zeros elsewhere (the
   runs of zero pages the sealer left out of the file). */
static int sum_span(int fd, uint64_t size, uint64_t phoff, uint64_t phentsize, uint64_t phnum,
                    uint64_t va, uint64_t len, SnapSum *sum)
{
    uint8_t *b = len <= (1ull << 32) ? calloc(1, len ? (size_t)len : 1) : NULL;
    int rc = b ? 0 : -1;
    for (uint64_t i = 0; rc == 0 && i < phnum; i++) {
        uint8_t ph[56];
        if (read_at(fd, ph, sizeof ph, phoff + i * phentsize) < 0) {
            rc = -1;
            break;
        }
        uint64_t o = get_le(ph + 8, 8), v = get_le(ph + 16, 8), n = get_le(ph + 32, 8);
        if (get_le(ph, 4) != 1 || o > size || n > size - o)
            continue;
        uint64_t lo = v > va ? v : va, hi = v + n < va + len ? v + n : va + len;
        if (lo < hi)
            rc = read_at(fd, b + (lo - va), (size_t)(hi - lo), o + (lo - v));
    }
    if (rc == 0)
        snap_sum_add(sum, b, (size_t)len);
    free(b);
    return rc;
}

/* The snapshot after the image of the sealed segment (at 'off', 'filesz'
   bytes, address 'vaddr'): its header (image/snapshot.h), and the sum of
   the state segment and the heap it names against the one the kernel
   wrote when it took it. 0, or -1 with a message. */
static int check_snapshot(int fd, uint64_t size, uint64_t off, uint64_t filesz, uint64_t vaddr,
                          uint64_t sealed_len, uint64_t phoff, uint64_t phentsize, uint64_t phnum,
                          char *err, size_t errlen)
{
    SnapHeader h;
    uint64_t at = seal_snap_offset(sealed_len);
    if (at + sizeof h > filesz || read_at(fd, &h, sizeof h, off + at) < 0 ||
        !snap_header_ok(&h) || h.heap_lo < vaddr || h.heap_lo - vaddr < at ||
        h.heap_len > size || h.layout[4] < h.layout[2] || h.layout[4] - h.layout[2] > size) {
        snprintf(err, errlen, "not a whole spore kernel (its snapshot's header is damaged: "
                              "build it again)");
        return -1;
    }
    SnapSum sum = {{0, 0, 0, 0}};
    int rc = sum_span(fd, size, phoff, phentsize, phnum, h.layout[2], h.layout[4] - h.layout[2],
                      &sum);
    if (rc == 0)
        rc = sum_span(fd, size, phoff, phentsize, phnum, h.heap_lo, h.heap_len, &sum);
    if (rc < 0 || snap_sum_end(&sum) != h.data_sum) {
        snprintf(err, errlen, "not a whole spore kernel (its snapshot is damaged: its sum "
                              "differs; build it again)");
        return -1;
    }
    return 0;
}

/* Finds the "SPORESEG" load segment among the program headers of 'fd'. */
static int find_seal(int fd, uint64_t size, BootImage *im, char *err, size_t errlen)
{
    uint8_t eh[64];
    if (size < sizeof eh || read_at(fd, eh, sizeof eh, 0) < 0 || memcmp(eh, "\177ELF", 4) != 0) {
        snprintf(err, errlen, "not a spore kernel (not an ELF file)");
        return -1;
    }
    if (eh[4] != 2 || eh[5] != 1 || get_le(eh + 18, 2) != 62) {
        snprintf(err, errlen, "not a spore kernel (not a 64-bit x86 ELF file)");
        return -1;
    }
    uint64_t phoff = get_le(eh + 32, 8), phentsize = get_le(eh + 54, 2), phnum = get_le(eh + 56, 2);
    if (phentsize < 56 || phnum > 64 || phoff > size || phnum * phentsize > size - phoff) {
        snprintf(err, errlen, "not a spore kernel (bad program headers)");
        return -1;
    }
    for (uint64_t i = 0; i < phnum; i++) {
        uint8_t ph[56];
        SealedImage head;
        if (read_at(fd, ph, sizeof ph, phoff + i * phentsize) < 0)
            break;
        uint64_t off = get_le(ph + 8, 8), filesz = get_le(ph + 32, 8);
        if (get_le(ph, 4) != 1)
            continue;
        if (off > size || filesz > size - off) {
            snprintf(err, errlen, "not a whole ELF file (a segment goes past its end)");
            return -1;
        }
        if (filesz < sizeof head || read_at(fd, &head, sizeof head, off) < 0 ||
            memcmp(head.magic, SEAL_MAGIC, 8) != 0)
            continue;
        im->sealed_len = head.len;
        if (im->sealed_len > filesz - sizeof head) {
            snprintf(err, errlen, "not a whole spore kernel (its sealed segment is cut short)");
            return -1;
        }
        im->snapshot = head.snap_len != 0;
        uint64_t vaddr = get_le(ph + 16, 8);
        return im->snapshot ? check_snapshot(fd, size, off, filesz, vaddr, im->sealed_len, phoff,
                                             phentsize, phnum, err, errlen)
                            : 0;
    }
    snprintf(err, errlen, "not a spore kernel (no SPORESEG segment: not build-xen/spore.elf)");
    return -1;
}

int boot_check_image(const char *path, BootImage *im, char *err, size_t errlen)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int rc = -1;
    if (!S_ISREG(st.st_mode))
        snprintf(err, errlen, "%s is not a file", path);
    else
        rc = find_seal(fd, (uint64_t)st.st_size, im, err, errlen);
    close(fd);
    if (rc < 0 && strncmp(err, "not a", 5) == 0) {
        char why[200];
        snprintf(why, sizeof why, "%s", err);
        snprintf(err, errlen, "%s is %s", path, why);
    }
    return rc;
}

/* ---- the kernel command line ---- */

int boot_cmdline_add(char *buf, size_t size, const char *word)
{
    size_t have = strlen(buf), n = strlen(word);
    char quote = 0;
    if (n == 0 || strpbrk(word, " \t\"'"))
        quote = strchr(word, '"') ? '\'' : '"';
    if (quote && strchr(word, quote))
        return -1;
    size_t need = have + (have > 0) + n + (quote ? 2 : 0) + 1;
    if (need > size)
        return -1;
    char *p = buf + have;
    if (have > 0)
        *p++ = ' ';
    if (quote)
        *p++ = quote;
    memcpy(p, word, n);
    p += n;
    if (quote)
        *p++ = quote;
    *p = 0;
    return 0;
}

int boot_cmdline_split(const char *s, char **argv, int max, char *store, size_t size)
{
    int argc = 0;
    size_t used = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        if (argc + 1 >= max)
            return -1;
        argv[argc++] = store + used;
        char quote = 0;
        for (; *s && (quote || (*s != ' ' && *s != '\t')); s++) {
            if (quote && *s == quote)
                quote = 0;
            else if (!quote && (*s == '"' || *s == '\''))
                quote = *s;
            else if (used + 1 < size)
                store[used++] = *s;
            else
                return -1;
        }
        if (used + 1 > size)
            return -1;
        store[used++] = 0;
    }
    argv[argc] = NULL;
    return argc;
}

void boot_qemu_argv(BootQemu *q, const char *image, unsigned mem_mb, const char *cmdline)
{
    snprintf(q->machine_mem, sizeof q->machine_mem, "memory-backend-memfd,id=mem,size=%uM", mem_mb);
    snprintf(q->mem, sizeof q->mem, "%u", mem_mb);
    /* memfd memory: QEMU asks for no transparent huge pages on it, whose
       first touch can stall the guest for milliseconds (docs/platforms.md) */
    char *args[] = {BOOT_QEMU,
                    "-M",
                    "microvm,memory-backend=mem",
                    "-object",
                    q->machine_mem,
                    "-m",
                    q->mem,
                    "-nographic",
                    "-no-reboot",
                    "-device",
                    "isa-debug-exit,iobase=0xf4,iosize=0x04",
                    "-kernel",
                    (char *)image,
                    "-append",
                    (char *)cmdline,
                    NULL};
    memcpy(q->argv, args, sizeof args);
}

/* ---- the boot markers ---- */

static const char *const phase_names[BOOT_NPHASES] = {"entry", "memory", "vm",
                                                      "first", "ready",  "exit"};

void boot_marks_init(BootMarks *m)
{
    for (int i = 0; i < BOOT_NPHASES; i++)
        m->ns[i] = -1;
    m->halt = -1;
    m->crashed = false;
    m->crash[0] = 0;
}

void boot_marks_line(BootMarks *m, const char *line)
{
    char name[16];
    long long ns;
    int halt;
    if (sscanf(line, "spore: mark %15[a-z] %lld", name, &ns) == 2) {
        for (int i = 0; i < BOOT_NPHASES; i++)
            if (strcmp(name, phase_names[i]) == 0)
                m->ns[i] = ns;
    } else if (sscanf(line, "spore: halt %d", &halt) == 1) {
        m->halt = halt;
    } else if (strncmp(line, "spore: crash: ", 14) == 0 && !m->crashed) {
        m->crashed = true;
        snprintf(m->crash, sizeof m->crash, "%s", line + 14);
    }
}

const char *boot_ms(double ms, char *buf, size_t size)
{
    if (ms >= 1000)
        snprintf(buf, size, ms < 10000 ? "%.2f s" : "%.1f s", ms / 1000);
    else
        snprintf(buf, size, ms < 1 ? "%.2f ms" : ms < 10 ? "%.1f ms" : "%.0f ms", ms);
    return buf;
}

void boot_marks_print(const BootMarks *m, const char *host, FILE *to)
{
    static const char *const shown[BOOT_NPHASES] = {"entry", "memory", "vm", "first instruction",
                                                    "ready", "exit"};
    char ms[32];
    int n = 0;
    fputs("boot: ", to);
    for (int i = BOOT_MEMORY; i < BOOT_NPHASES; i++) {
        if (m->ns[i] < 0)
            continue;
        fprintf(to, "%s%s→%s %s", n ? ", " : "", n ? "" : "entry", shown[i],
                boot_ms((double)m->ns[i] / 1e6, ms, sizeof ms));
        n++;
    }
    if (n == 0)
        fputs("no boot markers from the guest", to);
    if (host)
        fprintf(to, "; %s", host);
    fputc('\n', to);
    fflush(to);
}

/* ---- child processes ---- */

pid_t boot_spawn(char *const argv[], int in, int out, int err)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    /* the child: its stdio, nothing else of ours, default signals */
    int fds[3] = {in, out, err};
    for (int i = 0; i < 3; i++)
        if (fds[i] >= 0 && fds[i] != i)
            dup2(fds[i], i);
    for (int fd = 3; fd < 1024; fd++)
        close(fd);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    execvp(argv[0], argv);
    _exit(127);
}

int boot_wait(pid_t pid)
{
    int st;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

int boot_run(char *const argv[], int out)
{
    pid_t pid = boot_spawn(argv, -1, out, out);
    return pid < 0 ? -1 : boot_wait(pid);
}

bool boot_have(const char *prog)
{
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    char full[PATH_MAX];
    for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
        size_t n = strcspn(p, ":");
        if (n > 0 && snprintf(full, sizeof full, "%.*s/%s", (int)n, p, prog) < (int)sizeof full &&
            access(full, X_OK) == 0)
            return true;
        p += n + (p[n] == ':');
    }
    return false;
}

double boot_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool boot_xen_host(void)
{
    char caps[256] = "";
    FILE *f = fopen("/proc/xen/capabilities", "r");
    if (f) {
        size_t n = fread(caps, 1, sizeof caps - 1, f);
        caps[n] = 0;
        fclose(f);
        if (strstr(caps, "control_d"))
            return true;
    }
    if (!boot_have("xl"))
        return false;
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    char *argv[] = {"xl", "info", NULL};
    int st = boot_run(argv, null);
    if (null >= 0)
        close(null);
    return st == 0;
}

/* ---- a guest's console ---- */

volatile sig_atomic_t boot_signal;
volatile pid_t boot_child;

static void on_signal(int sig)
{
    boot_signal = sig;
    if (boot_child > 0)
        kill(boot_child, SIGTERM);
}

void boot_forward_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll and waitpid see EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* The console as it comes: copied to stdout with "\r\n" made "\n", and cut
   into lines for the markers. */
static void relay(BootConsole *c, const char *buf, size_t n)
{
    char out[8192 + 2];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = buf[i];
        if (c->cr && ch != '\n')
            out[k++] = '\r';
        c->cr = ch == '\r';
        if (!c->cr)
            out[k++] = ch;
        if (ch == '\n') {
            c->line[c->len] = 0;
            boot_marks_line(&c->marks, c->line);
            c->len = 0;
        } else if (ch != '\r' && c->len + 1 < sizeof c->line) {
            c->line[c->len++] = ch;
        }
    }
    fwrite(out, 1, k, stdout);
    fflush(stdout);
}

/* Copies the console until it ends or 'timeout' seconds (0: none) pass. */
static void pump(int fd, BootConsole *c, double t0, int timeout)
{
    char buf[8192];
    for (;;) {
        int wait_ms = -1;
        if (timeout > 0) {
            double left = t0 + timeout - boot_now();
            if (left <= 0) {
                c->timed_out = true;
                kill(boot_child, SIGTERM);
                return;
            }
            wait_ms = (int)(left * 1000) + 1;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = poll(&p, 1, wait_ms);
        if (ready <= 0)
            continue; /* a signal: the child is told, its output goes on to EOF */
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        if (c->first < 0)
            c->first = boot_now() - t0;
        relay(c, buf, (size_t)n);
    }
}

int boot_console(char *const argv[], int in, int err, int timeout, BootConsole *c)
{
    memset(c, 0, sizeof *c);
    boot_marks_init(&c->marks);
    c->status = -1;
    c->first = -1;
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) < 0)
        return -1;
    boot_forward_signals();
    double t0 = boot_now();
    boot_child = boot_spawn(argv, in, pipefd[1], err);
    close(pipefd[1]);
    if (boot_child < 0) {
        close(pipefd[0]);
        return -1;
    }
    pump(pipefd[0], c, t0, timeout);
    close(pipefd[0]);
    c->status = boot_wait(boot_child);
    c->exit = boot_now() - t0;
    boot_child = 0;
    if (c->len > 0) /* a last line with no line end */
        relay(c, "\n", 1);
    c->signal = boot_signal;
    return 0;
}

/* ---- spore boot under QEMU microvm ---- */

static int boot_qemu(const char *image, unsigned mem, const char *cmdline, int timeout)
{
    BootQemu q;
    BootConsole c;
    boot_qemu_argv(&q, image, mem, cmdline);
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0 || boot_console(q.argv, null, -1, timeout, &c) < 0) {
        fprintf(stderr, "spore boot: cannot start %s: %s\n", BOOT_QEMU, strerror(errno));
        return 2;
    }
    close(null);
    char host[160], a[32], b[32];
    if (c.first >= 0)
        snprintf(host, sizeof host, "QEMU launch to first line %s, to exit %s",
                 boot_ms(c.first * 1e3, a, sizeof a), boot_ms(c.exit * 1e3, b, sizeof b));
    else
        snprintf(host, sizeof host, "QEMU printed nothing, exit after %s",
                 boot_ms(c.exit * 1e3, b, sizeof b));
    boot_marks_print(&c.marks, host, stderr);

    /* QEMU's status is (S << 1) | 1 for the guest's status S (isa-debug-exit) */
    int st = c.status;
    if (c.timed_out) {
        fprintf(stderr, "spore boot: stopped after %d s (--timeout)\n", timeout);
        return 124;
    }
    if (c.signal) {
        fprintf(stderr, "spore boot: interrupted\n");
        return 128 + c.signal;
    }
    if (st == 127 && c.first < 0) {
        fprintf(stderr, "spore boot: %s did not start\n", BOOT_QEMU);
        return 2;
    }
    if (c.marks.crashed)
        return 1;
    if (st > 0 && st < 256 && (st & 1))
        return st >> 1;
    fprintf(stderr, "spore boot: the guest stopped without halting (QEMU status %d)\n", st);
    return 1;
}

/* ---- the command ---- */

static bool good_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
            return false;
    return true;
}

/* The domain name for --xen: the file's base name up to its first '.',
   with what a name may not hold made '-'. */
static void name_of(const char *path, char *name, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strcspn(base, ".");
    snprintf(name, size, "%.*s", (int)(n ? n : strlen(base)), base);
    for (char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("_-", *p))
            *p = '-';
    if (!name[0])
        snprintf(name, size, "spore");
}

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi || *s == '-' || *s == '+')
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int bad_usage(const char *why, const char *what)
{
    fprintf(stderr, "spore boot: %s%s (spore boot --help)\n", why, what ? what : "");
    return 2;
}

/* What the command line asked for. */
typedef struct Options {
    const char *image, *cmd, *name;
    unsigned mem, timeout;
    bool xen, pv;
    int vmargs; /* argv index of the first word after "--" */
} Options;

/* 0, or the exit status when there is nothing more to do (help, misuse). */
static int parse_options(int argc, char **argv, Options *o)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return -1;
        } else if (strcmp(a, "--xen") == 0) {
            o->xen = true;
        } else if (strcmp(a, "--pv") == 0) {
            o->pv = true;
        } else if (strcmp(a, "--mem") == 0 && has_value) {
            if (parse_uint(argv[++i], 2, 1u << 20, &o->mem) < 0)
                return bad_usage("--mem takes a size in MiB, 2 to 1048576: ", argv[i]);
        } else if (strcmp(a, "--timeout") == 0 && has_value) {
            if (parse_uint(argv[++i], 1, 1u << 30, &o->timeout) < 0)
                return bad_usage("--timeout takes seconds: ", argv[i]);
        } else if (strcmp(a, "--cmdline") == 0 && has_value) {
            o->cmd = argv[++i];
        } else if (strcmp(a, "--name") == 0 && has_value) {
            o->name = argv[++i];
            if (!good_name(o->name))
                return bad_usage("--name takes letters, digits, '.', '_' and '-': ", o->name);
        } else if (a[0] == '-') {
            return bad_usage("unknown option or missing value: ", a);
        } else if (o->image) {
            return bad_usage("one image at a time: ", a);
        } else {
            o->image = a;
        }
    }
    o->vmargs = i;
    if (!o->image)
        return bad_usage("which image? spore boot APP.xen", NULL);
    if (o->pv && !o->xen)
        return bad_usage("--pv goes with --xen", NULL);
    return 0;
}

/* The kernel command line: --cmdline, then the VM arguments after --; a
   lone -- tells the kernel where they start when the first does not begin
   with '-' or '+'. */
static int make_cmdline(const Options *o, int argc, char **argv, char *line, size_t size)
{
    static const char *const too_long = "the command line is too long (the kernel takes 1023 "
                                        "bytes)";
    int i = o->vmargs;
    if (o->cmd && strlen(o->cmd) >= size)
        return bad_usage(too_long, NULL);
    snprintf(line, size, "%s", o->cmd ? o->cmd : "");
    if (i < argc && argv[i][0] != '-' && argv[i][0] != '+' &&
        boot_cmdline_add(line, size, "--") < 0)
        return bad_usage(too_long, NULL);
    for (; i < argc; i++)
        if (boot_cmdline_add(line, size, argv[i]) < 0)
            return bad_usage("this argument cannot be passed (too long, or both quotes): ",
                             argv[i]);
    return 0;
}

int cmd_boot(int argc, char **argv)
{
    Options o = {.mem = BOOT_DEFAULT_MEM};
    char line[BOOT_CMDLINE_MAX], err[512];
    int rc = parse_options(argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (make_cmdline(&o, argc, argv, line, sizeof line) != 0)
        return 2;
    BootImage im;
    if (boot_check_image(o.image, &im, err, sizeof err) < 0) {
        fprintf(stderr, "spore boot: %s\n", err);
        return 2;
    }
    if (im.sealed_len == 0)
        fprintf(stderr, "spore boot: note: %s carries no program (nothing is sealed in)\n",
                o.image);
    if (o.xen) {
        char dom[64];
        name_of(o.image, dom, sizeof dom);
        BootXen x = {.image = o.image,
                     .name = o.name ? o.name : dom,
                     .mem_mb = o.mem,
                     .pv = o.pv,
                     .cmdline = line,
                     .timeout = (int)o.timeout};
        return boot_xen(&x);
    }
    if (!boot_have(BOOT_QEMU)) {
        fprintf(stderr,
                "spore boot: %s is not installed (Debian: apt-get install "
                "qemu-system-x86)\n",
                BOOT_QEMU);
        return 2;
    }
    return boot_qemu(o.image, o.mem, line, (int)o.timeout);
}
