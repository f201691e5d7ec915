/*
** deploy_local.c: services as QEMU microVMs (or hosted `spore run`
** processes) on this machine. Each service gets a monitor: a process of
** its own, detached from the terminal, that starts the service with its
** console appended to STATE/NAME.log, waits for it, writes STATE/NAME.state
** and STATE/NAME.pid as things change, and, for restart = yes, starts it
** again after a crash or a nonzero halt (at most RESTART_MAX times in
** RESTART_WINDOW seconds). SIGTERM to the monitor stops the service.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot.h"
#include "deploy.h"

#define RESTART_MAX 5
#define RESTART_WINDOW 60.0
/* How long a service and its monitor get to end after SIGTERM. */
#define STOP_GRACE 5.0

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static bool monitor_alive(const DeployState *st)
{
    return st->monitor_start && deploy_proc_start(st->monitor) == st->monitor_start;
}

static bool service_alive(const DeployState *st)
{
    return st->pid_start && deploy_proc_start(st->pid) == st->pid_start;
}

/* What a monitor runs: the command and where its files go. */
typedef struct Monitor {
    const DeployService *s;
    const char *state;
    bool hosted;
    char *argv[96];
    char store[BOOT_CMDLINE_MAX + PATH_MAX];
    char image[PATH_MAX];
    char cmdline[BOOT_CMDLINE_MAX];
    char self[PATH_MAX];
    BootQemu qemu;
    char log[PATH_MAX], pidfile[PATH_MAX];
} Monitor;

/* ---- the monitor process ---- */

/* A line in the service's log, between its console lines. */
static void note(const Monitor *m, const char *fmt, ...)
{
    char when[32];
    time_t t = time(NULL);
    strftime(when, sizeof when, "%H:%M:%S", localtime(&t));
    printf("spore deploy: %s %s: ", when, m->s->name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

/* After a stop is asked: SIGKILL once STOP_GRACE seconds have passed. */
static void escalate(pid_t pid, double *deadline)
{
    if (!boot_signal)
        return;
    if (*deadline == 0)
        *deadline = boot_now() + STOP_GRACE;
    else if (boot_now() > *deadline)
        kill(pid, SIGKILL);
}

/* Copies the service's console into the log (our stdout) until it ends,
   with the serial line's "\r\n" made "\n" so that the log is plain text.
   True when the guest said it crashed (the kernel's status after a crash
   is that of halt(1)). */
static bool copy_console(int fd, pid_t pid)
{
    static const char crash[] = "spore: crash: ";
    char buf[4096], out[4096 + 1];
    bool cr = false, crashed = false;
    size_t col = 0; /* bytes of the line so far that match 'crash' */
    double deadline = 0;
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = poll(&p, 1, 100);
        escalate(pid, &deadline);
        if (ready <= 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return crashed;
        size_t k = 0;
        for (ssize_t i = 0; i < n; i++) {
            if (cr && buf[i] != '\n')
                out[k++] = '\r';
            cr = buf[i] == '\r';
            if (!cr)
                out[k++] = buf[i];
            if (buf[i] == '\n' || buf[i] == '\r')
                col = 0;
            else if (col < sizeof crash - 1)
                col = buf[i] == crash[col] ? col + 1 : sizeof crash;
            crashed |= col == sizeof crash - 1;
        }
        if (k > 0 && write(1, out, k) < 0)
            continue; /* the log is gone: the service runs on */
    }
}

/* Waits for the service to end. */
static int wait_service(pid_t pid)
{
    double deadline = 0;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, boot_signal ? WNOHANG : 0);
        if (r == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (r < 0 && errno != EINTR)
            return -1;
        escalate(pid, &deadline);
        if (boot_signal)
            pause_ms(20);
    }
}

/* How the service ended, in the words of the status; false when it ended
   well (halt 0). QEMU's status is (S << 1) | 1 for the guest's S; a crash
   is known by its console line, and QEMU ending any other way (a triple
   fault resets the machine, which -no-reboot makes an exit 0) is one too. */
static bool failed(const Monitor *m, int rc, bool crashed, char *what, size_t size)
{
    if (crashed) {
        snprintf(what, size, "crashed");
        return true;
    }
    if (m->hosted) {
        if (rc >= 128)
            snprintf(what, size, "crashed (signal %d)", rc - 128);
        else
            snprintf(what, size, "exited %d", rc);
        return rc != 0;
    }
    if (rc == 255)
        snprintf(what, size, "crashed");
    else if (rc > 0 && rc < 255 && (rc & 1))
        snprintf(what, size, "exited %d", rc >> 1);
    else
        snprintf(what, size, "crashed (QEMU status %d)", rc);
    return rc != 1;
}

static void set_state(const Monitor *m, DeployState *st, const char *state)
{
    snprintf(st->state, sizeof st->state, "%s", state);
    deploy_state_write(m->state, m->s->name, st);
}

/* The restart intensity: false when RESTART_MAX restarts already happened
   in the last RESTART_WINDOW seconds. */
static bool may_restart(double *recent, int *n)
{
    double now = boot_now();
    int k = 0;
    for (int i = 0; i < *n; i++)
        if (now - recent[i] < RESTART_WINDOW)
            recent[k++] = recent[i];
    *n = k;
    if (k >= RESTART_MAX)
        return false;
    recent[(*n)++] = now;
    return true;
}

static void write_pidfile(const Monitor *m, long pid)
{
    FILE *f = fopen(m->pidfile, "w");
    if (f) {
        fprintf(f, "%ld\n", pid);
        fclose(f);
    }
}

/* The monitor's stdio: nothing in, the log out; no descriptor of the
   command that started it (a pipe of a caller would wait for us). */
static void detach(const Monitor *m)
{
    int null = open("/dev/null", O_RDWR);
    int log = open(m->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (null < 0 || log < 0)
        _exit(1);
    dup2(null, 0);
    dup2(log, 1);
    dup2(log, 2);
    for (int fd = 3; fd < 1024; fd++)
        close(fd);
    if (chdir("/") != 0)
        _exit(1);
    boot_forward_signals();
    signal(SIGPIPE, SIG_IGN);
}

static _Noreturn void monitor(Monitor *m)
{
    detach(m);
    DeployState st = {.monitor = getpid(), .monitor_start = deploy_proc_start(getpid())};
    snprintf(st.mode, sizeof st.mode, "%s", m->hosted ? "hosted" : "qemu");
    snprintf(st.log, sizeof st.log, "%s", m->log);
    double recent[RESTART_MAX];
    int nrecent = 0;
    char what[36], state[48];
    for (;;) {
        st.started = wall_now();
        int pipefd[2] = {-1, -1};
        pid_t pid = pipe(pipefd) < 0 ? -1 : boot_spawn(m->argv, 0, pipefd[1], pipefd[1]);
        close(pipefd[1]);
        if (pid < 0) {
            note(m, "cannot start: %s", strerror(errno));
            set_state(m, &st, "crashed (cannot start)");
            _exit(1);
        }
        boot_child = pid;
        if (boot_signal)
            kill(pid, SIGTERM);
        st.pid = pid;
        st.pid_start = deploy_proc_start(pid);
        write_pidfile(m, pid);
        note(m, "started, pid %ld%s", (long)pid, st.restarts ? " (a restart)" : "");
        set_state(m, &st, "running");

        bool crashed = copy_console(pipefd[0], pid);
        close(pipefd[0]);
        int rc = wait_service(pid);
        boot_child = 0;
        st.pid = 0;
        st.pid_start = 0;
        unlink(m->pidfile);
        if (boot_signal) {
            note(m, "stopped (signal %d)", (int)boot_signal);
            set_state(m, &st, "stopped");
            _exit(0);
        }
        bool bad = failed(m, rc, crashed, what, sizeof what);
        if (!bad || !m->s->restart) {
            note(m, "%s", what);
            set_state(m, &st, what);
            _exit(0);
        }
        if (!may_restart(recent, &nrecent)) {
            note(m, "%s; %d restarts in %.0f s: giving up", what, RESTART_MAX, RESTART_WINDOW);
            snprintf(state, sizeof state, "gave up: %s", what);
            set_state(m, &st, state);
            _exit(0);
        }
        st.restarts++;
        note(m, "%s: restarting it (restart %u)", what, st.restarts);
        set_state(m, &st, "restarting");
    }
}

/* Starts the monitor of one service, detached (it outlives us and is not
   our child: a double fork). */
static int start_monitor(Monitor *m)
{
    DeployState st = {.restarts = 0};
    snprintf(st.mode, sizeof st.mode, "%s", m->hosted ? "hosted" : "qemu");
    snprintf(st.state, sizeof st.state, "starting");
    snprintf(st.log, sizeof st.log, "%s", m->log);
    if (deploy_state_write(m->state, m->s->name, &st) < 0)
        return -1;
    fflush(NULL);
    pid_t p = fork();
    if (p < 0)
        return -1;
    if (p == 0) {
        setsid();
        pid_t q = fork();
        if (q != 0)
            _exit(q < 0);
        monitor(m);
    }
    int status;
    while (waitpid(p, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- up, down, status ---- */

/* Fills 'm' for service 's'; -1 after saying why it cannot run. */
static int prepare(Monitor *m, const Deployment *d, const DeployService *s, const char *state,
                   bool hosted)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    m->state = state;
    m->hosted = hosted;
    deploy_path(m->log, sizeof m->log, state, s->name, "log");
    deploy_path(m->pidfile, sizeof m->pidfile, state, s->name, "pid");
    const char *file = hosted ? s->program : s->image;
    int line = hosted ? s->program_line : s->image_line;
    if (!file) {
        fprintf(stderr, "%s:%d: service %s: %s\n", d->path, s->line, s->name,
                hosted ? "--hosted needs program = FILE.spore" : "no image = FILE.xen");
        return -1;
    }
    if (!realpath(file, m->image)) {
        fprintf(stderr, "%s:%d: service %s: %s: %s\n", d->path, line, s->name, file,
                strerror(errno));
        return -1;
    }
    BootImage im;
    char err[512];
    if (!hosted && boot_check_image(m->image, &im, err, sizeof err) < 0) {
        fprintf(stderr, "%s:%d: service %s: %s\n", d->path, line, s->name, err);
        return -1;
    }
    if (deploy_file_cmdline(s, m->cmdline, sizeof m->cmdline) < 0) {
        fprintf(stderr, "%s:%d: service %s: the command line is over %d bytes\n", d->path, s->line,
                s->name, BOOT_CMDLINE_MAX - 1);
        return -1;
    }
    if (!hosted) {
        boot_qemu_argv(&m->qemu, m->image, s->memory_mb, m->cmdline);
        memcpy(m->argv, m->qemu.argv, sizeof m->qemu.argv);
        return 0;
    }
    /* hosted: spore run PROGRAM ARGS, the peers in SPORE_PEERS */
    ssize_t n = readlink("/proc/self/exe", m->self, sizeof m->self - 1);
    if (n <= 0)
        return -1;
    m->self[n] = 0;
    m->argv[0] = m->self;
    m->argv[1] = "run";
    m->argv[2] = m->image;
    if (boot_cmdline_split(s->args ? s->args : "", m->argv + 3, 90, m->store, sizeof m->store) <
        0) {
        fprintf(stderr, "%s:%d: service %s: too many args\n", d->path, s->line, s->name);
        return -1;
    }
    return 0;
}

static void set_peers(const DeployService *s)
{
    char peers[DEPLOY_MAX_PEERS * (DEPLOY_NAME_MAX + 1) + 1] = "";
    for (size_t i = 0; i < s->npeers; i++) {
        if (i)
            strcat(peers, ",");
        strcat(peers, s->talks_to[i]);
    }
    if (s->npeers)
        setenv("SPORE_PEERS", peers, 1);
    else
        unsetenv("SPORE_PEERS");
}

int deploy_local_up(const Deployment *d, const char *state, bool hosted)
{
    static Monitor mons[DEPLOY_MAX_SERVICES];
    int bad = 0;
    if (!hosted && !boot_have(BOOT_QEMU)) {
        fprintf(stderr, "spore deploy: %s is not installed (Debian: qemu-system-x86)\n", BOOT_QEMU);
        return 2;
    }
    /* everything is checked before anything starts */
    for (size_t i = 0; i < d->n; i++) {
        const DeployService *s = &d->services[i];
        DeployState st;
        if (deploy_state_read(state, s->name, &st) == 0 && strcmp(st.mode, "xen") != 0 &&
            monitor_alive(&st)) {
            fprintf(stderr,
                    "spore deploy: %s runs already (monitor pid %ld): spore deploy "
                    "down first\n",
                    s->name, st.monitor);
            bad = 1;
        } else if (prepare(&mons[i], d, s, state, hosted) < 0) {
            bad = 1;
        }
    }
    if (bad)
        return 1;
    for (size_t i = 0; i < d->n; i++) {
        set_peers(&d->services[i]);
        if (start_monitor(&mons[i]) < 0) {
            fprintf(stderr, "spore deploy: %s: cannot start its monitor: %s\n", d->services[i].name,
                    strerror(errno));
            bad = 1;
        }
    }
    /* the monitors write "running" once the service's process exists */
    double deadline = boot_now() + 5;
    for (size_t i = 0; i < d->n; i++) {
        const DeployService *s = &d->services[i];
        DeployState st;
        while (deploy_state_read(state, s->name, &st) == 0 && strcmp(st.state, "starting") == 0 &&
               boot_now() < deadline)
            pause_ms(10);
        printf("%s: %s", s->name, st.state);
        if (st.pid)
            printf(", pid %ld", st.pid);
        printf(", log %s\n", st.log);
    }
    return bad;
}

int deploy_local_down(const Deployment *d, const char *state)
{
    DeployState st[DEPLOY_MAX_SERVICES];
    /* whom SIGTERM went to: 0 nobody, 1 the monitor, 2 the service itself
       (its monitor was killed) */
    int asked[DEPLOY_MAX_SERVICES] = {0};
    for (size_t i = 0; i < d->n; i++) {
        if (deploy_state_read(state, d->services[i].name, &st[i]) < 0 ||
            strcmp(st[i].mode, "xen") == 0) {
            st[i].mode[0] = 0;
            continue;
        }
        if (monitor_alive(&st[i]))
            asked[i] = kill((pid_t)st[i].monitor, SIGTERM) == 0;
        else if (service_alive(&st[i]))
            asked[i] = kill((pid_t)st[i].pid, SIGTERM) == 0 ? 2 : 0;
    }
    /* the monitors give their service STOP_GRACE seconds, then SIGKILL */
    double deadline = boot_now() + STOP_GRACE + 2;
    for (size_t i = 0; i < d->n; i++) {
        if (!st[i].mode[0])
            continue;
        while (asked[i] && (monitor_alive(&st[i]) || service_alive(&st[i])) &&
               boot_now() < deadline)
            pause_ms(20);
        bool forced = false;
        if (monitor_alive(&st[i]))
            forced = kill((pid_t)st[i].monitor, SIGKILL) == 0;
        if (service_alive(&st[i]))
            forced |= kill((pid_t)st[i].pid, SIGKILL) == 0;
        const char *name = d->services[i].name;
        if (forced || asked[i] == 2) { /* no monitor is left to write the state */
            DeployState now = st[i];
            now.pid = 0;
            now.pid_start = 0;
            snprintf(now.state, sizeof now.state, "stopped");
            deploy_state_write(state, name, &now);
        }
        printf("%s: %s\n", name, asked[i] ? (forced ? "killed" : "stopped") : "was not running");
    }
    return 0;
}

bool deploy_local_status(const DeployService *s, const char *state, const DeployState *st,
                         FILE *out)
{
    (void)state;
    char what[96], id[24] = "-", up[24] = "-";
    bool alive = monitor_alive(st);
    bool running = alive && strcmp(st->state, "running") == 0;
    if (!alive && (strcmp(st->state, "running") == 0 || strcmp(st->state, "restarting") == 0 ||
                   strcmp(st->state, "starting") == 0))
        snprintf(what, sizeof what, "unknown (its monitor is gone)");
    else
        snprintf(what, sizeof what, "%s", st->state);
    if (st->restarts)
        snprintf(what + strlen(what), sizeof what - strlen(what), ", restarted %u time%s",
                 st->restarts, st->restarts == 1 ? "" : "s");
    if (running || service_alive(st)) {
        snprintf(id, sizeof id, "%ld", st->pid);
        deploy_uptime(wall_now() - st->started, up, sizeof up);
    }
    deploy_status_line(out, s->name, what, id, up, st->log);
    return running;
}
