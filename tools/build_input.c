/*
** build_input.c: the modules `spore build` may put in an image, and where
** each comes from: the program's (its .erl files, compiled here with erlc,
** its .beam files, ebin directories, rebar3 builds), spore's own stdlib and
** OTP's stdlib, kernel and compiler. It reads the program's .app files for
** their names, callback modules and dependencies. Which modules are kept
** is build_reach.c's business, and the .beam files are parsed only there.
*/
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../vm/atom.h"
#include "build.h"
#include "cli.h"

extern char **environ;

/* The ebin folders of OTP the hosted VM was configured with, when the build
   passes them down (CMakeLists.txt's SPORE_OTP_PATH); else found from erlc. */
#ifndef SPORE_OTP_PATH
#define SPORE_OTP_PATH ""
#endif

/* The OTP applications whose modules a program may use, as in the VM's
   own code path. */
static const char *const otp_apps[] = {"stdlib", "kernel", "compiler"};

static int failf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static char *dup_str(const char *s)
{
    char *d = strdup(s);
    if (!d) {
        fputs("spore build: out of memory\n", stderr);
        exit(1);
    }
    return d;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) {
        fputs("spore build: out of memory\n", stderr);
        exit(1);
    }
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

void *build_grow(void *p, size_t n, size_t size)
{
    void *q = realloc(p, n * size);
    if (!q) {
        fputs("spore build: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The names in 'dir' that end with 'suffix', sorted (so that what a build
   picks never depends on the order of the file system). */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, suffix))
            continue;
        names = build_grow(names, *n + 1, sizeof *names);
        names[(*n)++] = dup_str(e->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < *n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    return names;
}

static void free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

BuildModule *build_input_find(const BuildSet *s, term_t name)
{
    if (!term_is_atom(name) || atom_index(name) >= s->index_len)
        return NULL;
    uint32_t at = s->index[atom_index(name)];
    return at ? &s->mods[at - 1] : NULL;
}

BuildApp *build_input_app(const BuildSet *s, term_t name)
{
    for (size_t i = 0; i < s->napps; i++)
        if (s->apps[i].name == name)
            return &s->apps[i];
    return NULL;
}

/* Adds the module in 'path' (named by its file name) unless a module of the
   same name with precedence is there already; two of the program's own with
   one name are an error. */
static int add_module(BuildSet *s, const char *path, BuildOrigin origin, char *err, size_t errlen)
{
    const char *base = base_name(path);
    size_t len = strlen(base) - strlen(".beam");
    term_t name = atom_intern(base, len);
    if (name == TERM_NONE)
        return origin == BUILD_PROGRAM ? failf(err, errlen, "%s: module name too long", path) : 0;
    BuildModule *old = build_input_find(s, name);
    if (old) {
        if (origin == BUILD_PROGRAM && old->origin == BUILD_PROGRAM && strcmp(old->path, path) != 0)
            return failf(err, errlen, "two modules named %.*s: %s and %s", (int)len, base,
                         old->path, path);
        return 0;
    }
    if (s->nmods == s->capmods) {
        s->capmods = s->capmods ? 2 * s->capmods : 256;
        s->mods = build_grow(s->mods, s->capmods, sizeof *s->mods);
    }
    uint32_t ai = atom_index(name);
    if (ai >= s->index_len) {
        size_t n = s->index_len ? s->index_len : 1024;
        while (n <= ai)
            n *= 2;
        s->index = build_grow(s->index, n, sizeof *s->index);
        memset(s->index + s->index_len, 0, (n - s->index_len) * sizeof *s->index);
        s->index_len = n;
    }
    BuildModule *m = &s->mods[s->nmods++];
    memset(m, 0, sizeof *m);
    m->name = name;
    m->path = dup_str(path);
    m->origin = origin;
    m->by_module = m->by_function = TERM_NIL;
    s->index[ai] = (uint32_t)s->nmods;
    return 0;
}

/* ---- .app files: {application, Name, [{Key, Value}...]}. ---- */

typedef struct Tok {
    char kind; /* '{' '}' '[' ']' ',' 'a' (atom), 'x' (anything else) */
    char text[256];
} Tok;

/* Splits Erlang term text into the tokens the .app reader needs. */
static size_t tokenize(const char *p, Tok **out)
{
    size_t n = 0, cap = 64;
    Tok *t = malloc(cap * sizeof *t);
    while (t && *p) {
        if (n == cap)
            t = build_grow(t, cap *= 2, sizeof *t);
        Tok *k = &t[n];
        k->text[0] = 0;
        unsigned char c = (unsigned char)*p;
        if (c == '%') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (c <= ' ') {
            p++;
            continue;
        }
        if (strchr("{}[],", c)) {
            k->kind = (char)c;
            p++;
        } else if ((c >= 'a' && c <= 'z') || c == '\'') {
            size_t i = 0;
            char quote = c == '\'' ? *p++ : 0;
            while (*p && (quote ? *p != quote
                                : (strchr("_@", *p) || (*p >= 'a' && *p <= 'z') ||
                                   (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))) {
                if (quote && *p == '\\' && p[1])
                    p++;
                if (i < sizeof k->text - 1)
                    k->text[i++] = *p;
                p++;
            }
            if (quote && *p)
                p++;
            k->text[i] = 0;
            k->kind = 'a';
        } else if (c == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (*p)
                p++;
            k->kind = 'x';
        } else {
            k->kind = 'x';
            p++;
        }
        n++;
    }
    *out = t;
    return t ? n : 0;
}

static bool tok_is(const Tok *t, size_t n, size_t i, char kind, const char *text)
{
    return i < n && t[i].kind == kind && (!text || strcmp(t[i].text, text) == 0);
}

/* Reads the .app file at 'path' into a new entry of s->apps. */
static int read_app(BuildSet *s, const char *path, char *err, size_t errlen)
{
    size_t len;
    uint8_t *bytes = cli_read_file(path, &len);
    char *text = bytes ? build_grow(bytes, len + 1, 1) : NULL;
    if (!text)
        return failf(err, errlen, "%s: %s", path, strerror(errno));
    text[len] = 0;
    Tok *t;
    size_t n = tokenize(text, &t);
    free(text);
    if (!tok_is(t, n, 0, '{', NULL) || !tok_is(t, n, 1, 'a', "application") ||
        !tok_is(t, n, 2, ',', NULL) || !tok_is(t, n, 3, 'a', NULL) || !tok_is(t, n, 4, ',', NULL) ||
        !tok_is(t, n, 5, '[', NULL)) {
        free(t);
        return failf(err, errlen,
                     "%s: not an application resource file "
                     "({application, Name, [...]}.)",
                     path);
    }
    term_t name = atom_intern(t[3].text, strlen(t[3].text));
    BuildApp *old = build_input_app(s, name);
    if (old) {
        int rc = strcmp(old->path, path) == 0
                     ? 0
                     : failf(err, errlen, "two applications named %s: %s and %s", t[3].text,
                             old->path, path);
        free(t);
        return rc;
    }
    s->apps = build_grow(s->apps, s->napps + 1, sizeof *s->apps);
    BuildApp *a = &s->apps[s->napps++];
    memset(a, 0, sizeof *a);
    a->name = name;
    a->path = dup_str(path);
    a->mod = TERM_NIL;
    /* The properties are the tuples one level inside the list. */
    int depth = 0;
    for (size_t i = 5; i < n; i++) {
        char k = t[i].kind;
        if (k == '{' || k == '[') {
            depth++;
            if (depth == 2 && k == '{' && tok_is(t, n, i + 1, 'a', "mod") &&
                tok_is(t, n, i + 3, '{', NULL) && tok_is(t, n, i + 4, 'a', NULL))
                a->mod = atom_intern(t[i + 4].text, strlen(t[i + 4].text));
            if (depth == 2 && k == '{' &&
                (tok_is(t, n, i + 1, 'a', "applications") ||
                 tok_is(t, n, i + 1, 'a', "included_applications")) &&
                tok_is(t, n, i + 3, '[', NULL))
                for (size_t j = i + 4; j < n && t[j].kind != ']'; j++)
                    if (t[j].kind == 'a') {
                        a->deps = build_grow(a->deps, a->ndeps + 1, sizeof *a->deps);
                        a->deps[a->ndeps++] = atom_intern(t[j].text, strlen(t[j].text));
                    }
        } else if (k == '}' || k == ']') {
            depth--;
        }
    }
    free(t);
    return 0;
}

/* ---- inputs ---- */

static void note_first(BuildSet *s, const char *module, const char *app)
{
    if (s->first_module || s->first_app)
        return;
    if (module)
        s->first_module = dup_str(module);
    else if (app)
        s->first_app = dup_str(app);
}

static char *stem_of(const char *path, const char *suffix)
{
    const char *b = base_name(path);
    char *stem = dup_str(b);
    stem[strlen(b) - strlen(suffix)] = 0;
    return stem;
}

/* An ebin directory: its modules and .app files. */
static int add_ebin(BuildSet *s, const char *dir, char *err, size_t errlen)
{
    size_t nb, na;
    char **beams = list_dir(dir, ".beam", &nb);
    char **apps = list_dir(dir, ".app", &na);
    int rc = 0;
    for (size_t i = 0; i < nb && rc == 0; i++) {
        char *p = join(dir, beams[i]);
        rc = add_module(s, p, BUILD_PROGRAM, err, errlen);
        free(p);
    }
    for (size_t i = 0; i < na && rc == 0; i++) {
        char *p = join(dir, apps[i]);
        rc = read_app(s, p, err, errlen);
        if (rc == 0 && i == 0) {
            size_t k;
            const char *app = atom_name(s->apps[s->napps - 1].name, &k);
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)k, app);
            note_first(s, NULL, name);
        }
        free(p);
    }
    free_list(beams, nb);
    free_list(apps, na);
    return rc;
}

/* A rebar3 build: every lib/APP/ebin of the 'default' profile, by name.
   The default entry is the project's own application, the one with
   src/APP.app.src under 'root', else the first by name. */
static int add_rebar(BuildSet *s, const char *root, const char *lib, char *err, size_t errlen)
{
    char *src = join(root, "src");
    size_t n;
    char **srcs = list_dir(src, ".app.src", &n);
    if (n > 0) {
        char *stem = stem_of(srcs[0], ".app.src");
        note_first(s, NULL, stem);
        free(stem);
    }
    free_list(srcs, n);
    free(src);
    if (!is_dir(lib))
        return failf(err, errlen, "%s: not a directory", lib);
    char **names = list_dir(lib, "", &n);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *app = join(lib, names[i]);
        char *ebin = join(app, "ebin");
        if (is_dir(ebin))
            rc = add_ebin(s, ebin, err, errlen);
        free(ebin);
        free(app);
    }
    free_list(names, n);
    return rc;
}

/* A directory: a rebar3 project or its _build, an ebin directory, or an
   OTP application with an ebin directory. */
static int add_dir(BuildSet *s, const char *path, char *err, size_t errlen)
{
    char *build = join(path, "_build/default/lib"), *lib = join(path, "default/lib");
    char *ebin = join(path, "ebin"), *rebar = join(path, "rebar.config");
    size_t nb, na;
    char **beams = list_dir(path, ".beam", &nb), **apps = list_dir(path, ".app", &na);
    free_list(beams, nb);
    free_list(apps, na);
    int rc;
    if (is_dir(build)) {
        rc = add_rebar(s, path, build, err, errlen);
    } else if (is_dir(lib) && strcmp(base_name(path), "_build") == 0) {
        char *root = join(path, "..");
        rc = add_rebar(s, root, lib, err, errlen);
        free(root);
    } else if (nb > 0 || na > 0) {
        rc = add_ebin(s, path, err, errlen);
    } else if (is_dir(ebin)) {
        rc = add_ebin(s, ebin, err, errlen);
    } else if (is_file(rebar)) {
        rc = failf(err, errlen, "%s: a rebar3 project with no _build (run rebar3 compile)", path);
    } else {
        rc = failf(err, errlen,
                   "%s: no .beam files here (not an ebin directory, an OTP "
                   "application or a rebar3 project)",
                   path);
    }
    free(build);
    free(lib);
    free(ebin);
    free(rebar);
    return rc;
}

int build_input_add(BuildSet *s, const char *given, BuildErl *erl, char *err, size_t errlen)
{
    /* "proj/" and "proj" name one folder; the rules below look at its name. */
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", given);
    for (size_t k = strlen(path); k > 1 && path[k - 1] == '/'; k--)
        path[k - 1] = 0;
    struct stat st;
    if (stat(path, &st) != 0)
        return failf(err, errlen, "%s: %s", path, strerror(errno));
    if (S_ISREG(st.st_mode) && ends_with(path, ".erl")) {
        char *stem = stem_of(path, ".erl");
        for (size_t i = 0; i < erl->nfiles; i++)
            if (strcmp(base_name(erl->files[i]), base_name(path)) == 0) {
                free(stem);
                return failf(err, errlen, "two modules named %s: %s and %s", base_name(path),
                             erl->files[i], path);
            }
        note_first(s, stem, NULL);
        free(stem);
        erl->files = build_grow(erl->files, erl->nfiles + 1, sizeof *erl->files);
        erl->files[erl->nfiles++] = dup_str(path);
        return 0;
    }
    if (S_ISREG(st.st_mode) && ends_with(path, ".beam")) {
        char *stem = stem_of(path, ".beam");
        note_first(s, stem, NULL);
        free(stem);
        return add_module(s, path, BUILD_PROGRAM, err, errlen);
    }
    if (S_ISREG(st.st_mode) && ends_with(path, ".app"))
        return read_app(s, path, err, errlen);
    if (!S_ISDIR(st.st_mode))
        return failf(err, errlen, "%s: not a .erl, .beam or .app file, nor a directory", path);
    return add_dir(s, path, err, errlen);
}

/* Runs 'argv' and waits: the exit status, or -1 with errno set. */
static int run_wait(char **argv)
{
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

int build_input_compile(BuildSet *s, const BuildErl *erl, char *err, size_t errlen)
{
    if (erl->nfiles == 0)
        return 0;
    const char *tmp = getenv("TMPDIR");
    char *tmpl = join(tmp && *tmp ? tmp : "/tmp", "spore-build-XXXXXX");
    if (!mkdtemp(tmpl)) {
        int e = errno;
        free(tmpl);
        return failf(err, errlen, "cannot make a temporary folder: %s", strerror(e));
    }
    s->tmpdir = tmpl;
    size_t n = 0;
    char **argv = build_grow(NULL, 4 + 2 * erl->nincs + erl->nfiles, sizeof *argv);
    argv[n++] = "erlc";
    argv[n++] = "-o";
    argv[n++] = tmpl;
    for (size_t i = 0; i < erl->nincs; i++) {
        argv[n++] = "-I";
        argv[n++] = (char *)erl->incs[i];
    }
    for (size_t i = 0; i < erl->nfiles; i++)
        argv[n++] = erl->files[i];
    argv[n] = NULL;
    int st = run_wait(argv);
    free(argv);
    if (st < 0)
        return failf(err, errlen, "cannot run erlc: %s (is Erlang/OTP installed?)",
                     strerror(errno));
    if (st != 0)
        return failf(err, errlen, "%s", "");
    for (size_t i = 0; i < erl->nfiles; i++) {
        char *stem = stem_of(erl->files[i], ".erl");
        char name[PATH_MAX];
        snprintf(name, sizeof name, "%s/%s.beam", tmpl, stem);
        free(stem);
        if (!is_file(name))
            return failf(err, errlen, "erlc wrote no %s (does %s name another module?)",
                         base_name(name), erl->files[i]);
        if (add_module(s, name, BUILD_PROGRAM, err, errlen) < 0)
            return -1;
    }
    return 0;
}

/* ---- spore's and OTP's modules ---- */

static int add_library_dir(BuildSet *s, const char *dir, BuildOrigin origin)
{
    size_t n;
    char **beams = list_dir(dir, ".beam", &n);
    char err[16];
    for (size_t i = 0; i < n; i++) {
        char *p = join(dir, beams[i]);
        add_module(s, p, origin, err, sizeof err);
        free(p);
    }
    free_list(beams, n);
    return (int)n;
}

/* -1, 0 or 1 as the dotted version 'a' is below, equal to or above 'b'. */
static int version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        unsigned long x = strtoul(a, (char **)&a, 10), y = strtoul(b, (char **)&b, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (*a != *b)
            return *a < *b ? -1 : 1;
        if (*a)
            a++, b++;
    }
    return 0;
}

/* ROOT/lib/APP-VSN/ebin of the highest VSN, or NULL. */
static char *otp_ebin(const char *root, const char *app)
{
    char *lib = join(root, "lib");
    DIR *d = opendir(lib);
    char *best = NULL;
    size_t alen = strlen(app);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, app, alen) != 0 || e->d_name[alen] != '-')
            continue;
        if (!best || version_cmp(e->d_name + alen + 1, best + alen + 1) > 0) {
            free(best);
            best = dup_str(e->d_name);
        }
    }
    if (d)
        closedir(d);
    char *ebin = NULL;
    if (best) {
        char *dir = join(lib, best);
        ebin = join(dir, "ebin");
        free(dir);
        free(best);
    }
    free(lib);
    return ebin;
}

/* OTP's root folder, from the erlc found on the PATH with its links
   followed: ROOT/bin/erlc, or ROOT/erts-VSN/bin/erlc. NULL when none. */
static char *otp_root(void)
{
    const char *path = getenv("PATH");
    char real[PATH_MAX];
    bool found = false;
    while (path && *path && !found) {
        const char *end = strchr(path, ':');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        char exe[PATH_MAX];
        snprintf(exe, sizeof exe, "%.*s/erlc", (int)n, path);
        found = n > 0 && access(exe, X_OK) == 0 && realpath(exe, real);
        path += n + (end ? 1 : 0);
    }
    /* Up from erlc: its bin folder, then the root, or erts-VSN then the root. */
    for (int up = 0; found && up < 3; up++) {
        char *slash = strrchr(real, '/');
        if (!slash || slash == real)
            return NULL;
        *slash = 0;
        if (up == 0)
            continue;
        char *lib = join(real, "lib");
        bool ok = is_dir(lib);
        free(lib);
        if (ok)
            return dup_str(real);
    }
    return NULL;
}

static int add_path_list(BuildSet *s, const char *list)
{
    int n = 0;
    while (*list) {
        const char *end = strchr(list, ':');
        size_t k = end ? (size_t)(end - list) : strlen(list);
        if (k > 0) {
            char *dir = strndup(list, k);
            if (!dir)
                return n;
            n += add_library_dir(s, dir, BUILD_OTP);
            free(dir);
        }
        list += k + (end ? 1 : 0);
    }
    return n;
}

int build_input_libraries(BuildSet *s, char *err, size_t errlen)
{
    const char *std = getenv("SPORE_STDLIB");
    char *tried[2] = {join(cli_self_dir(), "stdlib"), join(cli_self_dir(), "../lib/spore/stdlib")};
    const char *dir = NULL;
    if (std && *std) {
        dir = std;
    } else {
        for (int i = 0; i < 2 && !dir; i++) {
            char *init = join(tried[i], "init.beam");
            if (is_file(init))
                dir = tried[i];
            free(init);
        }
    }
    int rc = 0;
    if (!dir) {
        rc = failf(err, errlen, "spore's own modules are not in %s nor %s (set SPORE_STDLIB)",
                   tried[0], tried[1]);
    } else {
        add_library_dir(s, dir, BUILD_SPORE);
        if (!build_input_find(s, atom_intern("init", 4)))
            rc = failf(err, errlen, "%s has no init.beam (SPORE_STDLIB)", dir);
    }
    free(tried[0]);
    free(tried[1]);
    if (rc < 0)
        return rc;
    const char *otp = getenv("SPORE_OTP_PATH");
    if (otp && *otp)
        return add_path_list(s, otp) > 0 ? 0
                                         : failf(err, errlen, "SPORE_OTP_PATH has no .beam files");
    if (SPORE_OTP_PATH[0] && add_path_list(s, SPORE_OTP_PATH) > 0)
        return 0;
    char *root = otp_root();
    if (!root)
        return failf(err, errlen,
                     "cannot find OTP's modules: no erlc on the PATH "
                     "(or set SPORE_OTP_PATH)");
    int found = 0;
    for (size_t i = 0; i < sizeof otp_apps / sizeof otp_apps[0]; i++) {
        char *ebin = otp_ebin(root, otp_apps[i]);
        if (ebin)
            found += add_library_dir(s, ebin, BUILD_OTP);
        if (s->verbose && ebin)
            printf("OTP: %s\n", ebin);
        free(ebin);
    }
    if (found == 0)
        rc = failf(err, errlen, "no OTP modules under %s/lib (set SPORE_OTP_PATH)", root);
    free(root);
    return rc;
}

void build_input_free(BuildSet *s)
{
    if (s->tmpdir) {
        size_t n;
        char **names = list_dir(s->tmpdir, "", &n);
        for (size_t i = 0; i < n; i++) {
            char *p = join(s->tmpdir, names[i]);
            unlink(p);
            free(p);
        }
        free_list(names, n);
        rmdir(s->tmpdir);
        free(s->tmpdir);
    }
    for (size_t i = 0; i < s->nmods; i++)
        free(s->mods[i].path);
    for (size_t i = 0; i < s->napps; i++) {
        free(s->apps[i].path);
        free(s->apps[i].deps);
    }
    free(s->mods);
    free(s->index);
    free(s->apps);
    free(s->first_module);
    free(s->first_app);
    memset(s, 0, sizeof *s);
}
