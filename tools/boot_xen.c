/*
** boot_xen.c: `spore boot --xen`: the image as a Xen domU. On a Xen host,
** `xl create -F -c` of a generated configuration, its console copied as it
** comes. Elsewhere, through the test rig of test/xen (found beside the
** executable: cli_self_dir()/../test/xen): Xen 4.17 and a Linux dom0 boot
** under QEMU, and the dom0 creates the domain with xl and streams its
** console log back over the serial line. Also writes xl configurations for
** spore deploy (boot_xen_config).
*/
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot.h"
#include "cli.h"

/* An xl configuration string: quotes and backslashes escaped. */
static void xl_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void boot_xen_config(FILE *f, const char *name, bool pv, const char *kernel, unsigned mem_mb,
                     const char *cmdline, const char *on_crash)
{
    fputs("name = ", f);
    xl_string(f, name);
    fprintf(f, "\ntype = \"%s\"\nkernel = ", pv ? "pv" : "pvh");
    xl_string(f, kernel);
    fputs("\ncmdline = ", f);
    xl_string(f, cmdline);
    fprintf(f,
            "\nmemory = %u\nvcpus = 1\non_poweroff = \"destroy\"\non_reboot = \"destroy\"\n"
            "on_crash = \"%s\"\n",
            mem_mb, on_crash);
}

/* Writes the configuration of 'x' to 'path' with 'kernel' as its kernel. */
static int write_config(const char *path, const BootXen *x, const char *kernel)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    boot_xen_config(f, x->name, x->pv, kernel, x->mem_mb, x->cmdline, "destroy");
    return fclose(f);
}

/* The status the domain's end gives: its halt status, or 1 after a crash. */
static int domain_status(const BootMarks *m, const char *shutdown)
{
    if (m->halt >= 0 && !m->crashed)
        return m->halt;
    if (!m->crashed)
        fprintf(stderr, "spore boot: the domain ended without halting (%s)\n",
                shutdown[0] ? shutdown : "no shutdown reason");
    return 1;
}

/* "reason code N" in the log of `xl create -F`, as a word. */
static const char *shutdown_reason(const char *log)
{
    static char why[16];
    char line[512];
    int code = -1;
    FILE *f = fopen(log, "r");
    while (f && fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "has shut down, reason code ");
        if (p && code < 0)
            code = atoi(p + 27);
    }
    if (f)
        fclose(f);
    static const char *const names[] = {"poweroff", "reboot", "suspend", "crash", "watchdog"};
    snprintf(why, sizeof why, "%s", code >= 0 && code < 5 ? names[code] : "");
    return why;
}

/* ---- on a Xen host ---- */

static void xl_destroy(const char *name)
{
    char *argv[] = {"xl", "destroy", (char *)name, NULL};
    boot_run(argv, -1);
}

static int host_boot(const BootXen *x)
{
    char dir[] = "/tmp/spore-boot.XXXXXX", cfg[64], log[64], kernel[PATH_MAX];
    /* xl console locks the console there; without it `xl create -c` leaves
       the domain paused, waiting for a console that never comes */
    if (access("/var/lock", W_OK) != 0) {
        fprintf(stderr, "spore boot: xl console needs a writable /var/lock\n");
        return 2;
    }
    if (!realpath(x->image, kernel) || !mkdtemp(dir)) {
        fprintf(stderr, "spore boot: %s\n", strerror(errno));
        return 2;
    }
    snprintf(cfg, sizeof cfg, "%s/domu.cfg", dir);
    snprintf(log, sizeof log, "%s/xl.log", dir);
    int logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int in[2];
    if (write_config(cfg, x, kernel) < 0 || logfd < 0 || pipe(in) < 0) {
        fprintf(stderr, "spore boot: cannot write in %s: %s\n", dir, strerror(errno));
        return 2;
    }
    fprintf(stderr, "spore boot: Xen host: xl create %s (%s domU %s)\n", cfg, x->pv ? "PV" : "PVH",
            x->name);
    /* -F: xl stays until the domain is gone and logs why it ended; -c: the
       console on xl's stdout. xl console ends at EOF on its stdin, so it
       gets a pipe that stays open. */
    char *argv[] = {"xl", "create", "-F", "-c", cfg, NULL};
    BootConsole c;
    fcntl(in[1], F_SETFD, FD_CLOEXEC);
    int rc = boot_console(argv, in[0], logfd, x->timeout, &c);
    close(in[0]);
    close(in[1]);
    close(logfd);
    if (rc < 0) {
        fprintf(stderr, "spore boot: cannot run xl: %s\n", strerror(errno));
        return 2;
    }
    if (c.timed_out || c.signal)
        xl_destroy(x->name);
    const char *why = shutdown_reason(log);
    char host[96], a[32];
    snprintf(host, sizeof host, "xl create to the console's first line %s",
             c.first >= 0 ? boot_ms(c.first * 1e3, a, sizeof a) : "(none)");
    boot_marks_print(&c.marks, host, stderr);
    if (c.timed_out || c.signal) {
        fprintf(stderr, "spore boot: %s; domain %s destroyed\n",
                c.signal ? "interrupted" : "stopped after --timeout", x->name);
        return c.signal ? 128 + c.signal : 124;
    }
    if (!why[0] && c.first < 0) {
        fprintf(stderr, "spore boot: xl create failed (%s):\n", log);
        char *cat[] = {"cat", log, NULL};
        boot_run(cat, 2);
        return 2;
    }
    unlink(cfg);
    unlink(log);
    rmdir(dir);
    return domain_status(&c.marks, why);
}

/* ---- through the test rig ---- */

/* The dom0's part (dom0-init runs /guests/run.sh): create the domain,
   stream its console log as it grows ("spore-domu| " lines), say how it
   ended, then the whole log once more ("spore-all| " lines) for what the
   stream missed, busybox's tail -f reading once a second. */
static const char run_sh[] =
    "LOG=/var/log/xen/console/guest-$NAME.log\n"
    "say() { echo \"spore-boot: $*\"; }\n"
    "up() { cut -d' ' -f1 /proc/uptime; }\n"
    "alive() { [ -r /proc/$1/status ] && ! grep -q '^State:[[:space:]]*Z' /proc/$1/status; }\n"
    "lines() { while IFS= read -r l || [ -n \"$l\" ]; do printf '%s| %s\\n' \"$1\" \"$l\"; done; "
    "}\n"
    "deadline=$(($(date +%s) + LIMIT))\n"
    "t0=$(up)\n"
    "xl create -F /guests/domu.cfg < /dev/null > /tmp/xl.log 2>&1 &\n"
    "xl=$!\n"
    "id=\"\"\n"
    "while [ -z \"$id\" ]; do\n"
    "    id=$(sed -n 's/^Waiting for domain .* (domid \\([0-9]*\\)) to die.*/\\1/p' /tmp/xl.log)\n"
    "    [ -n \"$id\" ] && break\n"
    "    if ! alive $xl; then say 'xl create failed'; sed 's/^/spore-boot: xl: /' /tmp/xl.log; "
    "exit 1; fi\n"
    "    sleep 0.05\n"
    "done\n"
    "say \"created domid=$id in $(awk \"BEGIN { printf \\\"%.2f\\\", $(up) - $t0 }\") s\"\n"
    "while [ ! -e $LOG ] && alive $xl; do sleep 0.05; done\n"
    "mkfifo /tmp/console\n"
    "tail -n +1 -f $LOG > /tmp/console 2> /dev/null &\n"
    "tailpid=$!\n"
    "lines spore-domu < /tmp/console &\n"
    "reader=$!\n"
    "while alive $xl; do\n"
    "    if [ \"$(date +%s)\" -ge $deadline ]; then say timeout; xl destroy $NAME; late=1; break; "
    "fi\n"
    "    sleep 0.1\n"
    "done\n"
    "wait $xl\n"
    "kill $tailpid\n"
    "wait $reader\n"
    "code=$(sed -n 's/.*has shut down, reason code \\([0-9]*\\).*/\\1/p' /tmp/xl.log | head -n 1)\n"
    "case $code in 0) why=poweroff ;; 1) why=reboot ;; 3) why=crash ;; *) why=unknown ;; esac\n"
    "[ -z \"${late:-}\" ] || why=timeout\n"
    "say \"end shutdown=$why\"\n"
    "[ ! -f $LOG ] || lines spore-all < $LOG\n"
    "say 'log end'\n"
    "sed 's/^/spore-boot: xl: /' /tmp/xl.log\n";

static int write_run_sh(const char *path, const BootXen *x, int limit)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f,
            "#!/bin/sh\n# run.sh: made by spore boot --xen for one boot of the test dom0\n"
            "NAME='%s'\nLIMIT=%d\n",
            x->name, limit);
    fputs(run_sh, f);
    if (fclose(f) != 0)
        return -1;
    return chmod(path, 0755);
}

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC), rc = -1;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    char buf[65536];
    ssize_t n;
    if (in >= 0 && out >= 0) {
        while ((n = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                break;
        rc = n == 0 ? 0 : -1;
    }
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        rc = -1;
    return rc;
}

/* What the serial line of the rig's boot told so far. */
typedef struct Rig {
    BootMarks marks;
    const char *name;
    FILE *serial;      /* every line, stamped */
    double t0;         /* QEMU's launch */
    double first;      /* the domU's first line, seconds since t0; -1: none */
    int streamed, all; /* "spore-domu| " and "spore-all| " lines seen */
    char shutdown[16];
    char failure[160];
    bool ended; /* Xen's last words came: stop QEMU */
    pid_t qemu;
} Rig;

/* One line of the domU's console, shown once. */
static void domu_line(Rig *r, const char *text)
{
    char line[1024];
    snprintf(line, sizeof line, "%s", text);
    line[strcspn(line, "\r")] = 0;
    if (r->first < 0)
        r->first = boot_now() - r->t0;
    printf("%s\n", line);
    fflush(stdout);
    boot_marks_line(&r->marks, line);
}

/* A line as a terminal shows it: escape sequences dropped, and only what
   follows the last carriage return or terminal reset (the firmware resets
   the terminal on the line where Xen starts: test/xen/README.md, pitfall
   12). */
static void clean(char *s)
{
    size_t k = 0, n = strlen(s);
    while (n > 0 && s[n - 1] == '\r')
        s[--n] = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\033') {
            s[k++] = s[i];
        } else if (i + 1 < n && s[i + 1] == '[') {
            for (i += 2; i < n && !(s[i] >= 0x40 && s[i] <= 0x7e);)
                i++;
        } else if (i + 1 < n) {
            if (s[++i] == 'c')
                s[k++] = '\r';
        }
    }
    s[k] = 0;
    char *cr = strrchr(s, '\r');
    if (cr)
        memmove(s, cr + 1, strlen(cr + 1) + 1);
}

static void progress(const Rig *r, const char *what)
{
    fprintf(stderr, "spore boot: [%.1f s] %s\n", boot_now() - r->t0, what);
}

static void rig_line(Rig *r, char *raw)
{
    char *p, note[160];
    fprintf(r->serial, "[%8.3f] %s\n", boot_now() - r->t0, raw);
    clean(raw);
    if ((p = strstr(raw, "spore-domu| ")) != NULL) {
        r->streamed++;
        domu_line(r, p + 12);
    } else if ((p = strstr(raw, "spore-all| ")) != NULL) {
        if (++r->all > r->streamed)
            domu_line(r, p + 11);
    } else if ((p = strstr(raw, "spore-boot: created domid=")) != NULL) {
        snprintf(note, sizeof note, "domain %s created (domid %s)", r->name, p + 26);
        progress(r, note);
    } else if ((p = strstr(raw, "spore-boot: end shutdown=")) != NULL) {
        snprintf(r->shutdown, sizeof r->shutdown, "%s", p + 25);
    } else if ((p = strstr(raw, "spore-boot: xl")) != NULL) {
        if (!r->shutdown[0]) /* xl's complaints when the domain did not start */
            fprintf(stderr, "%s\n", p);
    } else if (strstr(raw, "dom0-init: toolstack up")) {
        progress(r, "the dom0 is up: creating the domain");
    } else if (strstr(raw, "(XEN) Panic on CPU")) {
        snprintf(r->failure, sizeof r->failure, "Xen panicked");
    } else if (strstr(raw, "Hardware Dom0 crashed")) {
        snprintf(r->failure, sizeof r->failure, "the dom0 crashed");
    }
    /* Xen's last words: then it only waits (5 s before a reset) */
    if (strstr(raw, "Reboot in five seconds") || strstr(raw, "Hardware Dom0 crashed") ||
        strstr(raw, "Hardware Dom0 halted"))
        r->ended = true;
}

/* Reads QEMU's serial line until QEMU ends, Xen has said its last words, a
   signal comes, or 'limit' seconds pass. */
static void rig_pump(Rig *r, int fd, int limit)
{
    char buf[4096], line[4096];
    size_t len = 0;
    while (!r->ended && !boot_signal) {
        double left = r->t0 + limit - boot_now();
        if (left <= 0) {
            snprintf(r->failure, sizeof r->failure, "no end after %d s", limit);
            return;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, (int)(left * 1000) + 1) <= 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                if (len + 1 < sizeof line)
                    line[len++] = buf[i];
                continue;
            }
            line[len] = 0;
            len = 0;
            rig_line(r, line);
        }
    }
}

/* The rig's folder: cli_self_dir()/../test/xen with its scripts; -1 when
   the executable is not in a build folder of a source tree. */
static int find_rig(char *out, size_t size)
{
    char p[PATH_MAX + 32], real[PATH_MAX];
    snprintf(out, size, "%s/../test/xen", cli_self_dir());
    if (!realpath(out, real))
        return -1;
    snprintf(out, size, "%s", real);
    static const char *const need[] = {"get-xen.sh", "mkdom0.sh", "dom0-pack.sh", "dom0-init"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", real, need[i]);
        if (access(p, R_OK) != 0)
            return -1;
    }
    return 0;
}

/* Runs one of the rig's scripts with 'a' and 'b' as its arguments, its
   output on our stderr; 0 when it succeeded. */
static int rig_script(const char *rig, const char *script, const char *a, const char *b,
                      const char *c)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", rig, script);
    char *argv[] = {"bash", path, (char *)a, (char *)b, (char *)c, NULL};
    int st = boot_run(argv, 2);
    if (st != 0)
        fprintf(stderr, "spore boot: %s failed (status %d)\n", path, st);
    return st == 0 ? 0 : -1;
}

/* WORK/guests (the image, its configuration, run.sh) packed with the
   dom0 into WORK/initrd.cpio.gz. */
static int rig_pack(const BootXen *x, const char *rig, const char *cache, const char *work,
                    int limit)
{
    char guests[PATH_MAX + 16], cfg[PATH_MAX + 32], kernel[PATH_MAX + 32], run[PATH_MAX + 32],
        initrd[PATH_MAX + 32];
    /* QEMU's -initrd takes "file args,file args" */
    if (strpbrk(work, " ,") || strpbrk(cache, " ,")) {
        fprintf(stderr, "spore boot: %s and %s must hold no space nor comma\n", cache, work);
        return -1;
    }
    snprintf(guests, sizeof guests, "%s/guests", work);
    snprintf(cfg, sizeof cfg, "%s/domu.cfg", guests);
    snprintf(kernel, sizeof kernel, "%s/kernel.xen", guests);
    snprintf(run, sizeof run, "%s/run.sh", guests);
    snprintf(initrd, sizeof initrd, "%s/initrd.cpio.gz", work);
    if (mkdir(guests, 0755) < 0 || copy_file(x->image, kernel) < 0 ||
        write_config(cfg, x, "/guests/kernel.xen") < 0 || write_run_sh(run, x, limit) < 0) {
        fprintf(stderr, "spore boot: cannot write in %s: %s\n", guests, strerror(errno));
        return -1;
    }
    return rig_script(rig, "dom0-pack.sh", cache, initrd, guests);
}

/* The cache (downloads and the dom0, made once) and a new work folder with
   everything the dom0 boots. */
static int rig_prepare(const BootXen *x, const char *rig, char *cache, char *work, int limit)
{
    const char *env = getenv("SPORE_XEN_CACHE");
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/../../.cache/xen", rig);
    char *mk[] = {"mkdir", "-p", env ? (char *)env : path, NULL};
    if (boot_run(mk, 2) != 0 || !realpath(env ? env : path, cache))
        return -1;
    snprintf(path, sizeof path, "%s/dom0/base.cpio.gz", cache);
    if (access(path, R_OK) != 0)
        fprintf(stderr,
                "spore boot: first use: downloading Xen and a Linux dom0 from Debian "
                "(about 80 MB) into %s\n",
                cache);
    if (rig_script(rig, "get-xen.sh", cache, NULL, NULL) < 0 ||
        rig_script(rig, "mkdom0.sh", cache, NULL, NULL) < 0)
        return -1;
    const char *tmp = getenv("TMPDIR");
    snprintf(work, PATH_MAX, "%s/spore-boot-xen.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(work)) {
        fprintf(stderr, "spore boot: %s: %s\n", work, strerror(errno));
        return -1;
    }
    if (rig_pack(x, rig, cache, work, limit) == 0)
        return 0;
    char *rm[] = {"rm", "-rf", work, NULL};
    boot_run(rm, -1);
    return -1;
}

/* The whole boot: Xen, with the Linux dom0 as its first module and the
   guests' archive as the dom0's initramfs (test/xen/README.md: the CPU
   flags, the plain vmlinux). */
static pid_t rig_launch(const char *cache, const char *work, unsigned mem, int out)
{
    char xen[PATH_MAX + 32], mods[2 * PATH_MAX + 96], qmem[16];
    snprintf(xen, sizeof xen, "%s/xen-4.17-amd64", cache);
    snprintf(mods, sizeof mods,
             "%s/dom0/vmlinux console=hvc0 earlyprintk=xen quiet,%s/initrd.cpio.gz", cache, work);
    snprintf(qmem, sizeof qmem, "%u", 512 + 4 * mem < 1024 ? 1024 : 512 + 4 * mem);
    char *argv[] = {BOOT_QEMU,
                    "-nographic",
                    "-no-reboot",
                    "-nic",
                    "none",
                    "-M",
                    "pc",
                    "-cpu",
                    "qemu64,+svm,+npt,+rdrand",
                    "-m",
                    qmem,
                    "-kernel",
                    xen,
                    "-initrd",
                    mods,
                    "-append",
                    "console=com1 loglvl=all guest_loglvl=all dom0_mem=384M,max:384M",
                    NULL};
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    pid_t pid = boot_spawn(argv, null, out, out);
    if (null >= 0)
        close(null);
    return pid;
}

static int rig_finish(const Rig *r, const char *work, int limit)
{
    char host[160], a[32];
    snprintf(host, sizeof host, "Xen and dom0 under QEMU: launch to the domain's first line %s",
             r->first >= 0 ? boot_ms(r->first * 1e3, a, sizeof a) : "(none)");
    boot_marks_print(&r->marks, host, stderr);
    int status;
    bool keep = true; /* the work folder, when something went wrong */
    if (boot_signal) {
        fprintf(stderr, "spore boot: interrupted\n");
        status = 128 + boot_signal;
    } else if (r->failure[0] || !r->shutdown[0]) {
        fprintf(stderr, "spore boot: %s\n",
                r->failure[0] ? r->failure : "the dom0 did not run the domain to its end");
        status = r->first >= 0 ? 1 : 2;
    } else if (strcmp(r->shutdown, "timeout") == 0) {
        fprintf(stderr, "spore boot: stopped after %d s (--timeout); domain destroyed\n", limit);
        status = 124;
        keep = false;
    } else {
        status = domain_status(&r->marks, r->shutdown);
        keep = r->marks.crashed || r->marks.halt < 0;
    }
    if (keep) {
        fprintf(stderr, "spore boot: the serial console is in %s/serial.log\n", work);
    } else {
        char *rm[] = {"rm", "-rf", (char *)work, NULL};
        boot_run(rm, -1);
    }
    return status;
}

static int rig_boot(const BootXen *x)
{
    char rig[PATH_MAX], cache[PATH_MAX], work[PATH_MAX], path[PATH_MAX + 32];
    if (find_rig(rig, sizeof rig) < 0) {
        fprintf(stderr,
                "spore boot: --xen: this is no Xen host (no /proc/xen, xl info fails), "
                "and there is no test rig at %s (test/xen of spore's source tree)\n",
                rig);
        return 2;
    }
    if (!boot_have(BOOT_QEMU)) {
        fprintf(stderr, "spore boot: --xen with no Xen host needs %s (Debian: qemu-system-x86)\n",
                BOOT_QEMU);
        return 2;
    }
    int limit = x->timeout > 0 ? x->timeout : 300;
    if (rig_prepare(x, rig, cache, work, limit) < 0)
        return 2;
    fprintf(stderr,
            "spore boot: no Xen host here: Xen 4.17 and a Linux dom0 boot under QEMU, "
            "then xl creates %s as a %s domU (10 to 30 s under emulation)\n",
            x->name, x->pv ? "PV" : "PVH");
    snprintf(path, sizeof path, "%s/serial.log", work);
    int pipefd[2];
    Rig r = {.name = x->name, .first = -1, .serial = fopen(path, "w")};
    if (!r.serial || pipe2(pipefd, O_CLOEXEC) < 0) {
        fprintf(stderr, "spore boot: %s: %s\n", path, strerror(errno));
        return 2;
    }
    boot_marks_init(&r.marks);
    boot_forward_signals();
    r.t0 = boot_now();
    boot_child = rig_launch(cache, work, x->mem_mb, pipefd[1]);
    close(pipefd[1]);
    if (boot_child < 0) {
        fprintf(stderr, "spore boot: cannot start %s: %s\n", BOOT_QEMU, strerror(errno));
        return 2;
    }
    /* the dom0 takes 5 to 15 s to boot, more on a busy machine */
    rig_pump(&r, pipefd[0], limit + 120);
    kill(boot_child, SIGTERM);
    boot_wait(boot_child);
    boot_child = 0;
    close(pipefd[0]);
    fclose(r.serial);
    return rig_finish(&r, work, limit);
}

int boot_xen(const BootXen *x)
{
    return boot_xen_host() ? host_boot(x) : rig_boot(x);
}
