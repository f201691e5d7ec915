/*
** deploy.h: what the files of `spore deploy` share: the deployment file
** (deploy_file.c), its services as QEMU microVMs or hosted processes under
** a monitor each (deploy_local.c), as Xen domains (deploy_xen.c), and the
** state folder where they leave their logs, pids and state.
**
** A deployment file (docs/usage.md, "Deploying services"):
**
**     # shop.deploy
**     [service calc]
**     image = calc.xen
**     memory = 64
**     args = -run calc start
**     talks_to = ring, db
**     restart = yes
*/
#ifndef SPORE_TOOLS_DEPLOY_H
#define SPORE_TOOLS_DEPLOY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DEPLOY_NAME_MAX 32
#define DEPLOY_MAX_SERVICES 64
#define DEPLOY_MAX_PEERS 16

typedef struct DeployService {
    char name[DEPLOY_NAME_MAX + 1];
    int line;      /* of its [service NAME] */
    char *image;   /* kernel image, resolved against the file's folder; or NULL */
    char *program; /* program image for --hosted (.spore, .bundle); or NULL */
    int image_line, program_line, talks_line;
    unsigned memory_mb; /* default BOOT_DEFAULT_MEM */
    char *args;         /* the VM's arguments, as the kernel's command line takes them */
    char *talks_to[DEPLOY_MAX_PEERS];
    size_t npeers;
    bool restart; /* restart after a crash or a nonzero halt */
    bool pv;      /* on Xen: a PV domain rather than PVH */
} DeployService;

typedef struct Deployment {
    const char *path; /* the file, as given */
    DeployService services[DEPLOY_MAX_SERVICES];
    size_t n;
} Deployment;

/* Reads and checks the deployment file at 'path'. Every mistake is printed
   to stderr as "PATH:LINE: what" (up to 20); returns 0, or -1 when there
   was any. deploy_file_free releases the strings. */
int deploy_file_read(const char *path, Deployment *d);
void deploy_file_free(Deployment *d);

/* The kernel command line of 's': "peers=a,b" when it talks to others,
   then its args (after "--" when they do not start with '-' or '+').
   -1 when it does not fit in 'size'. */
int deploy_file_cmdline(const DeployService *s, char *buf, size_t size);

/* Where a service keeps its files: STATE/NAME.EXT ("log", "pid", "state",
   "cfg"). */
void deploy_path(char *buf, size_t size, const char *state, const char *name, const char *ext);

/* One service's state file, STATE/NAME.state: "key=value" lines. */
typedef struct DeployState {
    char mode[8];                     /* "qemu", "hosted", "xen"; "" when there is no file */
    long monitor;                     /* pid of the service's monitor (qemu, hosted) */
    unsigned long long monitor_start; /* its start time, against pid reuse */
    long pid;                         /* the service's process; 0 when none runs */
    unsigned long long pid_start;
    long domid;     /* xen: the domain's id when it was created */
    double started; /* wall clock of the current run's start */
    unsigned restarts;
    char state[48]; /* "starting", "running", "exited N", "crashed", "stopped", "gave up" */
    char log[1024];
} DeployState;

int deploy_state_read(const char *state_dir, const char *name, DeployState *st);
/* Writes it whole (a new file renamed over the old one). */
int deploy_state_write(const char *state_dir, const char *name, const DeployState *st);
/* The start time of process 'pid' (/proc/PID/stat), 0 when it is gone or
   a zombie. */
unsigned long long deploy_proc_start(long pid);
/* "4.2s", "3m05s", "2h03m", "1d04h" */
const char *deploy_uptime(double seconds, char *buf, size_t size);
/* The status line of one service: name, state, pid or domid, uptime, log. */
void deploy_status_line(FILE *out, const char *name, const char *state, const char *id,
                        const char *uptime, const char *log);

/* deploy_local.c: each service a QEMU microVM (or, with 'hosted', a
   `spore run PROGRAM ARGS` process) with its own monitor process. They
   return the command's exit status. */
int deploy_local_up(const Deployment *d, const char *state, bool hosted);
int deploy_local_down(const Deployment *d, const char *state);
/* Prints the service's status line; true when it runs. */
bool deploy_local_status(const DeployService *s, const char *state, const DeployState *st,
                         FILE *out);

/* deploy_xen.c: each service a domain of this Xen host. */
int deploy_xen_up(const Deployment *d, const char *state);
int deploy_xen_down(const Deployment *d, const char *state);
bool deploy_xen_status(const DeployService *s, const char *state, const DeployState *st, FILE *out);

#endif
