/*
** deploy_file.c: reads a deployment file. The format is small enough to
** need no parser library: "[service NAME]" sections of "key = value"
** lines, whole-line comments ('#' or ';'), blank lines. Reading is strict:
** an unknown section or key, a key given twice, a bad value, a name that
** talks_to does not define are all errors, each with its line number.
*/
#define _GNU_SOURCE /* getline */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "deploy.h"

#define MAX_ERRORS 20

/* The reading of one file. */
typedef struct Reader {
    Deployment *d;
    const char *dir; /* the file's folder, with a trailing '/', or "" */
    int line;
    int errors;
    DeployService *cur; /* the section being read; NULL before the first */
    int seen[8];        /* the line of each key in 'cur', 0: not yet */
    bool bad_section;   /* the last section header was refused */
} Reader;

static void error_at(Reader *r, int line, const char *fmt, ...)
{
    va_list ap;
    if (++r->errors > MAX_ERRORS)
        return;
    fprintf(stderr, "%s:%d: ", r->d->path, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = 0;
    return s;
}

/* A service name: a letter, then letters, digits, '_' or '-'; it names
   files and Xen domains. */
static bool good_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > DEPLOY_NAME_MAX || !isalpha((unsigned char)s[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
            return false;
    return true;
}

static DeployService *find(Deployment *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->services[i].name, name) == 0)
            return &d->services[i];
    return NULL;
}

static void section(Reader *r, char *text)
{
    size_t n = strlen(text);
    char *inner = text + 1;
    r->cur = NULL;
    r->bad_section = true;
    if (n < 2 || text[n - 1] != ']') {
        error_at(r, r->line, "a section header must end with ']'");
        return;
    }
    text[n - 1] = 0;
    inner = trim(inner);
    if (strncmp(inner, "service", 7) != 0 || (inner[7] != ' ' && inner[7] != '\t')) {
        error_at(r, r->line, "unknown section [%s]: sections are [service NAME]", inner);
        return;
    }
    char *name = trim(inner + 7);
    DeployService *old = find(r->d, name);
    if (!good_name(name)) {
        error_at(r, r->line,
                 "bad service name '%s': a letter, then letters, digits, '_' or "
                 "'-', at most %d",
                 name, DEPLOY_NAME_MAX);
    } else if (old) {
        error_at(r, r->line, "service %s is defined twice (first on line %d)", name, old->line);
    } else if (r->d->n == DEPLOY_MAX_SERVICES) {
        error_at(r, r->line, "more than %d services", DEPLOY_MAX_SERVICES);
    } else {
        r->bad_section = false;
        r->cur = &r->d->services[r->d->n++];
        memset(r->cur, 0, sizeof *r->cur);
        snprintf(r->cur->name, sizeof r->cur->name, "%s", name);
        r->cur->line = r->line;
        r->cur->memory_mb = BOOT_DEFAULT_MEM;
        memset(r->seen, 0, sizeof r->seen);
    }
}

/* A path relative to the file's folder, unless absolute. */
static char *resolve(Reader *r, const char *value)
{
    size_t n = strlen(r->dir) + strlen(value) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", value[0] == '/' ? "" : r->dir, value);
    return p;
}

static void talks_to(Reader *r, DeployService *s, char *value)
{
    s->talks_line = r->line;
    for (char *tok = strtok(value, ","); tok; tok = strtok(NULL, ",")) {
        char *name = trim(tok);
        if (!good_name(name)) {
            error_at(r, r->line, "talks_to: bad service name '%s'", name);
            continue;
        }
        bool dup = false;
        for (size_t i = 0; i < s->npeers; i++)
            dup |= strcmp(s->talks_to[i], name) == 0;
        if (dup) {
            error_at(r, r->line, "talks_to: %s is named twice", name);
        } else if (s->npeers == DEPLOY_MAX_PEERS) {
            error_at(r, r->line, "talks_to: more than %d services", DEPLOY_MAX_PEERS);
        } else {
            s->talks_to[s->npeers++] = strdup(name);
        }
    }
}

static const char *const keys[] = {"image",    "program", "memory", "args",
                                   "talks_to", "restart", "type"};

static void setting(Reader *r, char *text)
{
    char *eq = strchr(text, '=');
    if (!eq) {
        error_at(r, r->line, "expected 'key = value' or '[service NAME]'");
        return;
    }
    *eq = 0;
    char *key = trim(text), *value = trim(eq + 1);
    int k = 0, nkeys = (int)(sizeof keys / sizeof keys[0]);
    while (k < nkeys && strcmp(key, keys[k]) != 0)
        k++;
    if (k == nkeys) {
        error_at(r, r->line,
                 "unknown key '%s' (keys: image, program, memory, args, talks_to, "
                 "restart, type)",
                 key);
        return;
    }
    if (!r->cur) {
        if (!r->bad_section) /* a bad header was reported; its keys are not */
            error_at(r, r->line, "'%s' outside any [service NAME] section", key);
        return;
    }
    if (r->seen[k]) {
        error_at(r, r->line, "%s is given twice in service %s (first on line %d)", key,
                 r->cur->name, r->seen[k]);
        return;
    }
    r->seen[k] = r->line;
    DeployService *s = r->cur;
    char *end;
    unsigned long v;
    if (k != 3 && k != 4 && !*value) {
        error_at(r, r->line, "%s needs a value", key);
    } else if (k == 0) {
        s->image = resolve(r, value);
        s->image_line = r->line;
    } else if (k == 1) {
        s->program = resolve(r, value);
        s->program_line = r->line;
    } else if (k == 2) {
        errno = 0;
        v = strtoul(value, &end, 10);
        if (!isdigit((unsigned char)value[0]) || *end || errno || v < 2 || v > (1ul << 20))
            error_at(r, r->line, "memory is in MiB, 2 to 1048576, not '%s'", value);
        else
            s->memory_mb = (unsigned)v;
    } else if (k == 3) {
        s->args = strdup(value);
    } else if (k == 4) {
        talks_to(r, s, value);
    } else if (k == 5) {
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            error_at(r, r->line, "restart is yes or no, not '%s'", value);
        s->restart = strcmp(value, "yes") == 0;
    } else {
        if (strcmp(value, "pvh") != 0 && strcmp(value, "pv") != 0)
            error_at(r, r->line, "type is pvh or pv, not '%s'", value);
        s->pv = strcmp(value, "pv") == 0;
    }
}

/* What can only be checked once the whole file is read. */
static void check_all(Reader *r)
{
    Deployment *d = r->d;
    if (d->n == 0 && r->errors == 0) {
        fprintf(stderr, "%s: no services: add a [service NAME] section\n", d->path);
        r->errors++;
    }
    for (size_t i = 0; i < d->n; i++) {
        DeployService *s = &d->services[i];
        if (!s->image && !s->program)
            error_at(r, s->line,
                     "service %s has no image = FILE.xen (nor program = "
                     "FILE.spore)",
                     s->name);
        for (size_t j = 0; j < s->npeers; j++) {
            if (strcmp(s->talks_to[j], s->name) == 0)
                error_at(r, s->talks_line, "talks_to: service %s names itself", s->name);
            else if (!find(d, s->talks_to[j]))
                error_at(r, s->talks_line, "talks_to: %s is no service of this file",
                         s->talks_to[j]);
        }
    }
}

static void read_lines(Reader *r, FILE *f)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&buf, &cap, f)) >= 0) {
        r->line++;
        if (memchr(buf, 0, (size_t)n)) {
            error_at(r, r->line, "a NUL byte: not a text file");
            break;
        }
        buf[strcspn(buf, "\r\n")] = 0;
        char *text = trim(buf);
        if (!*text || *text == '#' || *text == ';')
            continue;
        if (*text == '[')
            section(r, text);
        else
            setting(r, text);
    }
    free(buf);
}

int deploy_file_read(const char *path, Deployment *d)
{
    memset(d, 0, sizeof *d);
    d->path = path;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "spore deploy: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path + 1) : 0, path);
    Reader r = {.d = d, .dir = dir};
    read_lines(&r, f);
    fclose(f);
    check_all(&r);
    if (r.errors > MAX_ERRORS)
        fprintf(stderr, "%s: %d more errors\n", path, r.errors - MAX_ERRORS);
    return r.errors ? -1 : 0;
}

void deploy_file_free(Deployment *d)
{
    for (size_t i = 0; i < d->n; i++) {
        DeployService *s = &d->services[i];
        free(s->image);
        free(s->program);
        free(s->args);
        for (size_t j = 0; j < s->npeers; j++)
            free(s->talks_to[j]);
    }
    d->n = 0;
}

int deploy_file_cmdline(const DeployService *s, char *buf, size_t size)
{
    char peers[DEPLOY_MAX_PEERS * (DEPLOY_NAME_MAX + 1) + 8] = "";
    buf[0] = 0;
    if (s->npeers > 0) {
        strcpy(peers, "peers=");
        for (size_t i = 0; i < s->npeers; i++) {
            strcat(peers, s->talks_to[i]);
            if (i + 1 < s->npeers)
                strcat(peers, ",");
        }
        if (boot_cmdline_add(buf, size, peers) < 0)
            return -1;
    }
    const char *args = s->args ? s->args : "";
    while (*args == ' ' || *args == '\t')
        args++;
    if (!*args)
        return 0;
    if (*args != '-' && *args != '+' && boot_cmdline_add(buf, size, "--") < 0)
        return -1;
    size_t have = strlen(buf);
    if (have + 1 + strlen(args) + 1 > size)
        return -1;
    snprintf(buf + have, size - have, "%s%s", have ? " " : "", args);
    return 0;
}

void deploy_path(char *buf, size_t size, const char *state, const char *name, const char *ext)
{
    snprintf(buf, size, "%s/%s.%s", state, name, ext);
}
