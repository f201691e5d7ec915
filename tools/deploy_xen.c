/*
** deploy_xen.c: services as domains of this Xen host. `up` writes one xl
** configuration per service into the state folder (talks_to as a comment,
** and as peers= on the kernel command line) and runs `xl create`; Xen
** restarts a crashed domain itself when the service says restart = yes
** (on_crash = "restart"). `down` is `xl destroy`; `status` asks `xl domid`.
** The console log is xenconsoled's, where the host keeps one.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "boot.h"
#include "deploy.h"

#define CONSOLE_LOGS "/var/log/xen/console"

/* Runs 'argv', its stdout into 'buf', its stderr to 'err' (-1: ours);
   its status. */
static int capture(char *const argv[], int err, char *buf, size_t size)
{
    int fd[2];
    buf[0] = 0;
    if (pipe(fd) < 0)
        return -1;
    pid_t pid = boot_spawn(argv, -1, fd[1], err);
    close(fd[1]);
    size_t n = 0;
    ssize_t k;
    while (pid > 0 && (k = read(fd[0], buf + n, size - 1 - n)) > 0)
        n += (size_t)k;
    buf[n] = 0;
    close(fd[0]);
    return pid < 0 ? -1 : boot_wait(pid);
}

/* The domain's id, or -1 when no domain has that name. */
static long domid(const char *name)
{
    char out[64];
    char *argv[] = {"xl", "domid", (char *)name, NULL};
    /* xl domid complains on stderr about a name it does not know */
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int st = capture(argv, null, out, sizeof out);
    if (null >= 0)
        close(null);
    return st == 0 ? atol(out) : -1;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void console_log(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/guest-%s.log", CONSOLE_LOGS, name);
    if (access(buf, R_OK) != 0)
        snprintf(buf, size, "(xl console %s)", name);
}

/* Writes STATE/NAME.cfg for service 's'; -1 after saying why not. */
static int write_config(const Deployment *d, const DeployService *s, const char *state, char *cfg,
                        size_t size)
{
    char kernel[PATH_MAX], line[BOOT_CMDLINE_MAX], err[512] = "";
    BootImage im;
    if (!s->image) {
        fprintf(stderr, "%s:%d: service %s: no image = FILE.xen\n", d->path, s->line, s->name);
        return -1;
    }
    if (!realpath(s->image, kernel))
        snprintf(err, sizeof err, "%s: %s", s->image, strerror(errno));
    if (!err[0] && boot_check_image(kernel, &im, err, sizeof err) == 0)
        err[0] = 0;
    if (err[0]) {
        fprintf(stderr, "%s:%d: service %s: %s\n", d->path, s->image_line, s->name, err);
        return -1;
    }
    if (deploy_file_cmdline(s, line, sizeof line) < 0) {
        fprintf(stderr, "%s:%d: service %s: the command line is over %d bytes\n", d->path, s->line,
                s->name, BOOT_CMDLINE_MAX - 1);
        return -1;
    }
    deploy_path(cfg, size, state, s->name, "cfg");
    FILE *f = fopen(cfg, "w");
    if (!f) {
        fprintf(stderr, "spore deploy: cannot write %s: %s\n", cfg, strerror(errno));
        return -1;
    }
    fprintf(f, "# %s: service %s of %s, made by spore deploy\n# talks_to:", cfg, s->name, d->path);
    for (size_t i = 0; i < s->npeers; i++)
        fprintf(f, "%s %s", i ? "," : "", s->talks_to[i]);
    fputs(s->npeers ? "\n" : " (none)\n", f);
    boot_xen_config(f, s->name, s->pv, kernel, s->memory_mb, line,
                    s->restart ? "restart" : "destroy");
    return fclose(f) == 0 ? 0 : -1;
}

int deploy_xen_up(const Deployment *d, const char *state)
{
    char cfgs[DEPLOY_MAX_SERVICES][PATH_MAX];
    int bad = 0;
    for (size_t i = 0; i < d->n; i++) {
        const DeployService *s = &d->services[i];
        long id = domid(s->name);
        if (id >= 0) {
            fprintf(stderr,
                    "spore deploy: a domain named %s runs already (domid %ld): spore "
                    "deploy down first\n",
                    s->name, id);
            bad = 1;
        } else if (write_config(d, s, state, cfgs[i], sizeof cfgs[i]) < 0) {
            bad = 1;
        }
    }
    if (bad)
        return 1;
    for (size_t i = 0; i < d->n; i++) {
        const DeployService *s = &d->services[i];
        char *argv[] = {"xl", "create", cfgs[i], NULL};
        DeployState st = {.started = wall_now()};
        snprintf(st.mode, sizeof st.mode, "xen");
        if (boot_run(argv, 2) != 0 || (st.domid = domid(s->name)) < 0) {
            fprintf(stderr, "spore deploy: %s: xl create %s failed\n", s->name, cfgs[i]);
            bad = 1;
            continue;
        }
        console_log(s->name, st.log, sizeof st.log);
        snprintf(st.state, sizeof st.state, "running");
        deploy_state_write(state, s->name, &st);
        printf("%s: running, domid %ld, config %s\n", s->name, st.domid, cfgs[i]);
    }
    return bad;
}

int deploy_xen_down(const Deployment *d, const char *state)
{
    for (size_t i = 0; i < d->n; i++) {
        const DeployService *s = &d->services[i];
        DeployState st;
        if (deploy_state_read(state, s->name, &st) < 0 || strcmp(st.mode, "xen") != 0)
            continue;
        bool there = domid(s->name) >= 0;
        char *argv[] = {"xl", "destroy", (char *)s->name, NULL};
        if (there && boot_run(argv, 2) != 0) {
            fprintf(stderr, "spore deploy: %s: xl destroy failed\n", s->name);
            continue;
        }
        snprintf(st.state, sizeof st.state, "stopped");
        deploy_state_write(state, s->name, &st);
        printf("%s: %s\n", s->name, there ? "destroyed" : "was not running");
    }
    return 0;
}

bool deploy_xen_status(const DeployService *s, const char *state, const DeployState *st, FILE *out)
{
    (void)state;
    long id = domid(s->name);
    char what[64], idbuf[32] = "-", up[24] = "-";
    if (id < 0) {
        snprintf(what, sizeof what, "%s",
                 strcmp(st->state, "running") == 0 ? "gone (no such domain)" : st->state);
    } else if (id != st->domid) {
        /* Xen made a new domain after a crash (on_crash = "restart") */
        snprintf(what, sizeof what, "running, restarted (domid was %ld)", st->domid);
        snprintf(idbuf, sizeof idbuf, "domid %ld", id);
    } else {
        snprintf(what, sizeof what, "running");
        snprintf(idbuf, sizeof idbuf, "domid %ld", id);
        deploy_uptime(wall_now() - st->started, up, sizeof up);
    }
    deploy_status_line(out, s->name, what, idbuf, up, st->log);
    return id >= 0;
}
