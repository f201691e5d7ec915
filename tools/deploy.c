/*
** deploy.c: `spore deploy up|down|status|check FILE`: one domain per
** service of a deployment file (deploy_file.c). On a Xen host each service
** is a domain made with xl (deploy_xen.c); with --local, or on a machine
** with no Xen, a QEMU microVM or a hosted process under a monitor that can
** restart it (deploy_local.c). Owns the command line, the state folder and
** its per-service state files, and the status lines.
*/
#define _GNU_SOURCE /* getline */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot.h"
#include "cli.h"
#include "deploy.h"

static void usage(FILE *to)
{
    fputs("usage: spore deploy up|down|status|check [options] FILE\n"
          "\n"
          "One domain per service of the deployment FILE ([service NAME] sections,\n"
          "docs/usage.md). On a Xen host each service becomes a domain (xl create);\n"
          "elsewhere, or with --local, a QEMU microVM in the background, watched by a\n"
          "monitor that restarts it after a crash when the service says restart = yes.\n"
          "\n"
          "  up       start every service\n"
          "  down     stop them (SIGTERM, then SIGKILL; xl destroy on Xen)\n"
          "  status   one line per service: state, pid or domid, uptime, log;\n"
          "           status 0 when every service runs, 1 otherwise\n"
          "  check    read FILE and print each service's kernel command line\n"
          "\n"
          "options:\n"
          "  --local        QEMU microVMs even on a Xen host\n"
          "  --hosted       with up: hosted `spore run PROGRAM` processes instead of\n"
          "                 microVMs, for services that give program = FILE.spore\n"
          "  --state DIR    logs, pids and state (default: .spore-deploy beside FILE)\n",
          to);
}

/* ---- the state files ---- */

int deploy_state_read(const char *state_dir, const char *name, DeployState *st)
{
    char path[PATH_MAX], *line = NULL;
    size_t cap = 0;
    memset(st, 0, sizeof *st);
    deploy_path(path, sizeof path, state_dir, name, "state");
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = 0;
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = 0;
        const char *k = line, *v = eq + 1;
        if (strcmp(k, "mode") == 0)
            snprintf(st->mode, sizeof st->mode, "%s", v);
        else if (strcmp(k, "monitor") == 0)
            st->monitor = atol(v);
        else if (strcmp(k, "monitor_start") == 0)
            st->monitor_start = strtoull(v, NULL, 10);
        else if (strcmp(k, "pid") == 0)
            st->pid = atol(v);
        else if (strcmp(k, "pid_start") == 0)
            st->pid_start = strtoull(v, NULL, 10);
        else if (strcmp(k, "domid") == 0)
            st->domid = atol(v);
        else if (strcmp(k, "started") == 0)
            st->started = atof(v);
        else if (strcmp(k, "restarts") == 0)
            st->restarts = (unsigned)atol(v);
        else if (strcmp(k, "state") == 0)
            snprintf(st->state, sizeof st->state, "%s", v);
        else if (strcmp(k, "log") == 0)
            snprintf(st->log, sizeof st->log, "%s", v);
    }
    free(line);
    fclose(f);
    return 0;
}

int deploy_state_write(const char *state_dir, const char *name, const DeployState *st)
{
    char path[PATH_MAX], tmp[PATH_MAX + 16];
    deploy_path(path, sizeof path, state_dir, name, "state");
    snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    fprintf(f,
            "mode=%s\nmonitor=%ld\nmonitor_start=%llu\npid=%ld\npid_start=%llu\ndomid=%ld\n"
            "started=%.3f\nrestarts=%u\nstate=%s\nlog=%s\n",
            st->mode, st->monitor, st->monitor_start, st->pid, st->pid_start, st->domid,
            st->started, st->restarts, st->state, st->log);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

unsigned long long deploy_proc_start(long pid)
{
    char path[64], buf[1024];
    if (pid <= 0)
        return 0;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    /* "pid (comm) S ppid ...": the name may hold spaces; fields follow
       the last ')'. The state is field 3, the start time field 22. */
    char *p = strrchr(buf, ')');
    if (!p || p[1] != ' ' || p[2] == 'Z' || p[2] == 'X')
        return 0;
    p += 2;
    for (int field = 3; field < 22 && p; field++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    return p ? strtoull(p, NULL, 10) : 0;
}

const char *deploy_uptime(double s, char *buf, size_t size)
{
    long t = (long)s;
    if (s < 60)
        snprintf(buf, size, "%.1fs", s);
    else if (t < 3600)
        snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
    else if (t < 86400)
        snprintf(buf, size, "%ldh%02ldm", t / 3600, t % 3600 / 60);
    else
        snprintf(buf, size, "%ldd%02ldh", t / 86400, t % 86400 / 3600);
    return buf;
}

void deploy_status_line(FILE *out, const char *name, const char *state, const char *id,
                        const char *uptime, const char *log)
{
    fprintf(out, "%-16s %-30s %-12s %-9s %s\n", name, state, id, uptime, log);
}

/* ---- the command ---- */

/* STATE, made absolute (the monitors live on after this process) and
   created. */
static int state_dir(const char *given, const char *file, char *out, size_t size)
{
    char want[PATH_MAX];
    if (given) {
        snprintf(want, sizeof want, "%s", given);
    } else {
        const char *slash = strrchr(file, '/');
        snprintf(want, sizeof want, "%.*s.spore-deploy", slash ? (int)(slash - file + 1) : 0, file);
    }
    if (mkdir(want, 0755) < 0 && errno != EEXIST) {
        fprintf(stderr, "spore deploy: cannot make %s: %s\n", want, strerror(errno));
        return -1;
    }
    char real[PATH_MAX];
    if (!realpath(want, real)) {
        fprintf(stderr, "spore deploy: %s: %s\n", want, strerror(errno));
        return -1;
    }
    snprintf(out, size, "%s", real);
    return 0;
}

static int check(const Deployment *d)
{
    char line[BOOT_CMDLINE_MAX];
    for (size_t i = 0; i < d->n; i++) {
        const DeployService *s = &d->services[i];
        if (deploy_file_cmdline(s, line, sizeof line) < 0) {
            fprintf(stderr, "%s:%d: service %s: the command line is over %d bytes\n", d->path,
                    s->line, s->name, BOOT_CMDLINE_MAX - 1);
            return 1;
        }
        printf("%s: %s, %u MiB%s, command line \"%s\"\n", s->name, s->image ? s->image : s->program,
               s->memory_mb, s->restart ? ", restart" : "", line);
    }
    return 0;
}

static int status(const Deployment *d, const char *state)
{
    int all = 1;
    deploy_status_line(stdout, "SERVICE", "STATE", "PID/DOMID", "UPTIME", "LOG");
    for (size_t i = 0; i < d->n; i++) {
        const DeployService *s = &d->services[i];
        DeployState st;
        if (deploy_state_read(state, s->name, &st) < 0) {
            deploy_status_line(stdout, s->name, "not started", "-", "-", "-");
            all = 0;
        } else if (strcmp(st.mode, "xen") == 0) {
            all &= deploy_xen_status(s, state, &st, stdout);
        } else {
            all &= deploy_local_status(s, state, &st, stdout);
        }
    }
    return all ? 0 : 1;
}

int cmd_deploy(int argc, char **argv)
{
    const char *verb = NULL, *file = NULL, *given_state = NULL;
    bool local = false, hosted = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--local") == 0) {
            local = true;
        } else if (strcmp(a, "--hosted") == 0) {
            hosted = local = true;
        } else if (strcmp(a, "--state") == 0 && i + 1 < argc) {
            given_state = argv[++i];
        } else if (a[0] == '-' || (verb && file)) {
            fprintf(stderr, "spore deploy: unexpected '%s' (spore deploy --help)\n", a);
            return 2;
        } else if (!verb) {
            verb = a;
        } else {
            file = a;
        }
    }
    if (!verb || !file ||
        (strcmp(verb, "up") != 0 && strcmp(verb, "down") != 0 && strcmp(verb, "status") != 0 &&
         strcmp(verb, "check") != 0)) {
        usage(stderr);
        return 2;
    }
    static Deployment d;
    if (deploy_file_read(file, &d) < 0)
        return 2;
    int rc;
    char state[PATH_MAX];
    if (strcmp(verb, "check") == 0)
        rc = check(&d);
    else if (state_dir(given_state, file, state, sizeof state) < 0)
        rc = 1;
    else if (strcmp(verb, "status") == 0)
        rc = status(&d, state);
    else if (strcmp(verb, "down") == 0)
        rc = deploy_xen_down(&d, state) | deploy_local_down(&d, state);
    else if (!local && boot_xen_host())
        rc = deploy_xen_up(&d, state);
    else
        rc = deploy_local_up(&d, state, hosted);
    deploy_file_free(&d);
    return rc;
}
