/*
** boot.h: what `spore boot` (boot.c, boot_xen.c) shares with `spore deploy`
** (deploy*.c): checking a kernel image, the kernel command line, the QEMU
** microvm command line, the guest's boot markers, starting and waiting for
** child processes, and telling whether this machine is a Xen host.
** Nothing here knows the VM; the kernel's side is docs/platforms.md.
*/
#ifndef SPORE_TOOLS_BOOT_H
#define SPORE_TOOLS_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* The kernel takes at most this many bytes of command line, NUL included
   (Xen's MAX_GUEST_CMDLINE). */
#define BOOT_CMDLINE_MAX 1024
/* Memory of a guest when nothing says otherwise, in MiB. */
#define BOOT_DEFAULT_MEM 64
#define BOOT_QEMU "qemu-system-x86_64"

/* What boot_check_image found in a kernel image. */
typedef struct BootImage {
    uint64_t sealed_len; /* bytes sealed into the kernel; 0: none */
    bool snapshot;       /* it holds a snapshot of the VM (checked whole) */
} BootImage;

/* 0 when 'path' is a spore kernel (a 64-bit x86 ELF with xen/seal.c's
   "SPORESEG" load segment) whose snapshot, if it has one, is whole (its
   sums, image/snapshot.h), filling 'im'; -1 with a one-line reason in
   'err' ("cannot read ...", "not a spore kernel ...", "... is not a whole
   spore kernel ..."). Reads the file only. */
int boot_check_image(const char *path, BootImage *im, char *err, size_t errlen);

/* Appends 'word' to the kernel command line 'buf' (NUL-terminated, 'size'
   bytes), after a space unless 'buf' is empty, in quotes when it holds a
   space or a quote (xen/cmdline.c's rules: "..." or '...', no escapes).
   -1 when the word cannot be quoted (it holds both quotes) or does not
   fit; 'buf' is then unchanged. */
int boot_cmdline_add(char *buf, size_t size, const char *word);

/* Splits a command line into words by the same rules, into 'argv' (at most
   'max' - 1 words, NULL-terminated); the words are copied into 'store'.
   Returns the number of words, or -1 when they do not fit. */
int boot_cmdline_split(const char *line, char **argv, int max, char *store, size_t size);

/* The argv of QEMU microvm booting 'image' with 'mem_mb' MiB and the kernel
   command line 'cmdline' (docs/platforms.md): memfd memory, no reboot,
   isa-debug-exit, console on stdio. The strings point into 'q' and the
   arguments. */
typedef struct BootQemu {
    char *argv[24];
    char machine_mem[80], mem[16];
} BootQemu;
void boot_qemu_argv(BootQemu *q, const char *image, unsigned mem_mb, const char *cmdline);

/* The guest's own account of its boot (docs/platforms.md): the markers
   "spore: mark PHASE NS", "spore: halt N", "spore: crash: ...". */
enum { BOOT_ENTRY, BOOT_MEMORY, BOOT_VM, BOOT_FIRST, BOOT_READY, BOOT_EXIT, BOOT_NPHASES };
typedef struct BootMarks {
    int64_t ns[BOOT_NPHASES]; /* nanoseconds since the kernel's entry; -1: not seen */
    int halt;                 /* the status of 'spore: halt'; -1: none */
    bool crashed;
    char crash[200]; /* what followed 'spore: crash: ' */
} BootMarks;

void boot_marks_init(BootMarks *m);
/* Takes one console line (no line end) into 'm'. */
void boot_marks_line(BootMarks *m, const char *line);
/* Prints "boot: entry→memory 0.31 ms, →vm 1.2 ms, ...; HOST" and a newline
   to 'to'; 'host' (the host's side of the timing) may be NULL. */
void boot_marks_print(const BootMarks *m, const char *host, FILE *to);
/* "42 ms", "1.2 ms", "0.31 ms": milliseconds with two significant digits
   or more, into 'buf'. */
const char *boot_ms(double ms, char *buf, size_t size);

/* A guest's console, followed from the process that prints it. */
typedef struct BootConsole {
    BootMarks marks;
    int status;   /* the process's, as boot_wait returns it */
    double first; /* seconds from launch to its first output; -1: none */
    double exit;  /* seconds from launch to its end */
    bool timed_out;
    int signal; /* SIGINT, SIGTERM or SIGHUP that stopped us, or 0 */
    char line[1024];
    size_t len;
    bool cr;
} BootConsole;

/* Runs 'argv' with 'in' as its stdin and 'err' as its stderr (-1: ours),
   copying its stdout to ours as it comes ("\r\n" made "\n") and reading
   the markers from it. After 'timeout' seconds (0: never) it is sent
   SIGTERM; SIGINT, SIGTERM or SIGHUP sent to us are passed on as SIGTERM.
   Returns 0 once it has ended (see 'c'), -1 with errno when it could not
   start. */
int boot_console(char *const argv[], int in, int err, int timeout, BootConsole *c);

/* SIGINT, SIGTERM and SIGHUP while a child runs: boot_forward_signals
   installs handlers (no SA_RESTART: poll and waitpid see EINTR) that keep
   the signal in boot_signal and send SIGTERM to boot_child, when set. */
extern volatile sig_atomic_t boot_signal;
extern volatile pid_t boot_child;
void boot_forward_signals(void);

/* Starts 'argv' (looked up on PATH) with the given descriptors as its
   stdin, stdout, stderr (-1: inherit); other descriptors are not passed.
   Returns the pid, or -1 with errno when it could not start (the child's
   exec failure is reported as exit status 127 by boot_wait). */
pid_t boot_spawn(char *const argv[], int in, int out, int err);
/* Waits for 'pid' (through signals): its exit status, 128 + N when
   signal N ended it, -1 on error. */
int boot_wait(pid_t pid);
/* Runs 'argv' to its end with stdout and stderr going to 'out' (-1: ours);
   returns boot_wait's status, or -1 when it could not start. */
int boot_run(char *const argv[], int out);
/* True when 'prog' is an executable file on PATH. */
bool boot_have(const char *prog);
/* Seconds on the monotonic clock. */
double boot_now(void);

/* True on a Xen host: /proc/xen/capabilities names a control domain, or
   `xl info` succeeds. */
bool boot_xen_host(void);

/* What `spore boot --xen` boots (boot_xen.c). */
typedef struct BootXen {
    const char *image; /* the kernel image */
    const char *name;  /* the domain's name */
    unsigned mem_mb;
    bool pv;             /* PV rather than PVH */
    const char *cmdline; /* without exit=... */
    int timeout;         /* seconds; 0: none (a Xen host) or the default */
} BootXen;

/* Boots 'x' as a domU of this Xen host (xl create, xl console), or, on a
   machine with no Xen, of Xen and a Linux dom0 under QEMU (test/xen/).
   Prints the domU's console on stdout, progress and the markers on
   stderr; returns the halt status, 1 after a crash, 2 when it could not
   boot at all. */
int boot_xen(const BootXen *x);

/* Writes an xl domain configuration to 'f': 'name', PVH (or PV), 'kernel',
   'mem_mb' MiB, one vcpu, 'cmdline' (escaped as xl strings need), poweroff
   and reboot destroying the domain, 'on_crash' ("destroy", "restart"). */
void boot_xen_config(FILE *f, const char *name, bool pv, const char *kernel, unsigned mem_mb,
                     const char *cmdline, const char *on_crash);

#endif
