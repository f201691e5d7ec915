/*
** beamfile_test.c: the .beam parser against real and broken files. Every
** .beam of the installed OTP's stdlib, kernel and compiler must parse and
** decode instruction by instruction; every file in the broken corpus must
** be rejected with a message. Usage: beamfile_test [OTP_ROOT [LOAD_DIR]].
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vm/atom.h"
#include "../../vm/beamfile.h"
#include "check.h"

static uint8_t *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, k;
    uint8_t *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *size = n;
    return buf;
}

/* Parses and walks one file. Returns 0 if both succeed, else -1 with the
   message in 'err'. Counts what it saw in the out parameters. */
static int parse_and_walk(const char *name, const uint8_t *data, size_t size, char *err,
                          size_t errlen, uint32_t *labels, uint32_t *funcs, BeamFile *out) {
    BeamFile bf;
    BeamCodeReader cr;
    BeamOp op;
    int rc;
    *labels = *funcs = 0;
    if (beamfile_read(&bf, name, data, size, err, errlen) < 0) return -1;
    beamfile_code_begin(&cr, &bf);
    uint32_t last = 0;
    while ((rc = beamfile_next_op(&cr, &op, err, errlen)) == 1) {
        uint32_t arity;
        if (!beamfile_opname(op.opcode, &arity) || arity != op.arity) {
            snprintf(err, errlen, "%s: bad opcode or arity", name);
            rc = -1;
            break;
        }
        if (op.opcode == 1) (*labels)++;
        if (op.opcode == 2) (*funcs)++;
        last = op.opcode;
    }
    beamfile_code_end(&cr);
    if (rc == 0 && last != 3) {
        snprintf(err, errlen, "%s: last instruction is not int_code_end", name);
        rc = -1;
    }
    if (out && rc == 0)
        *out = bf;
    else
        beamfile_free(&bf);
    return rc < 0 ? -1 : 0;
}

static int ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Every .beam in 'dir' must parse; returns the number of files. */
static int check_good_dir(const char *dir) {
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d) return 0;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".beam")) continue;
        char path[4096], err[512];
        size_t size;
        uint32_t labels, funcs;
        BeamFile bf;
        int k = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        uint8_t *data = (k > 0 && (size_t)k < sizeof path) ? read_file(path, &size) : NULL;
        CHECK(data != NULL, "cannot read %s", path);
        if (!data) continue;
        n++;
        if (parse_and_walk(e->d_name, data, size, err, sizeof err, &labels, &funcs, &bf) < 0) {
            CHECK(0, "%s", err);
        } else {
            size_t len;
            const char *mod = atom_name(bf.module, &len);
            CHECK(len + 5 == strlen(e->d_name) && memcmp(mod, e->d_name, len) == 0,
                  "%s: module name %.*s", e->d_name, (int)len, mod);
            CHECK(labels + 1 == bf.num_labels, "%s: %u labels, header says %u", e->d_name,
                  labels, bf.num_labels);
            CHECK(funcs == bf.num_functions, "%s: %u functions, header says %u", e->d_name,
                  funcs, bf.num_functions);
            beamfile_free(&bf);
        }
        free(data);
    }
    closedir(d);
    return n;
}

/* The ebin directories of 'app' under 'root'/lib (any version). */
static int check_app(const char *root, const char *app) {
    char lib[4096];
    snprintf(lib, sizeof lib, "%s/lib", root);
    DIR *d = opendir(lib);
    struct dirent *e;
    int n = 0;
    size_t alen = strlen(app);
    if (!d) return 0;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, app, alen) != 0 || e->d_name[alen] != '-') continue;
        char ebin[4096];
        int k = snprintf(ebin, sizeof ebin, "%s/%s/ebin", lib, e->d_name);
        if (k > 0 && (size_t)k < sizeof ebin) n += check_good_dir(ebin);
    }
    closedir(d);
    return n;
}

/* Every .beam in 'dir' must be rejected, by beamfile_read or by the
   instruction walk, with a message that names the file. */
static int check_bad_dir(const char *dir) {
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d) return 0;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".beam")) continue;
        char path[4096], err[512] = "";
        size_t size;
        uint32_t labels, funcs;
        int k = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        uint8_t *data = (k > 0 && (size_t)k < sizeof path) ? read_file(path, &size) : NULL;
        CHECK(data != NULL, "cannot read %s", path);
        if (!data) continue;
        n++;
        int rc = parse_and_walk(e->d_name, data, size, err, sizeof err, &labels, &funcs, NULL);
        CHECK(rc < 0, "%s was accepted", e->d_name);
        CHECK(rc == 0 || strncmp(err, e->d_name, strlen(e->d_name)) == 0,
              "%s: message does not name the file: %s", e->d_name, err);
        if (rc < 0) printf("  rejected: %s\n", err);
        free(data);
    }
    closedir(d);
    return n;
}

/* Small hand-made inputs. */
static void check_edges(void) {
    BeamFile bf;
    char err[256];
    CHECK(beamfile_read(&bf, "null.beam", NULL, 0, err, sizeof err) < 0, "empty input accepted");
    CHECK(strcmp(err, "null.beam: FOR1: empty file") == 0, "message: %s", err);
    static const uint8_t junk[] = "FOR1\0\0\0\4BEAM";
    CHECK(beamfile_read(&bf, "nochunks.beam", junk, 12, err, sizeof err) < 0, "no chunks");
    CHECK(strstr(err, "missing chunk") != NULL, "message: %s", err);
    CHECK(beamfile_read(&bf, "tiny.beam", junk, 12, err, 8) < 0, "short error buffer");
    CHECK(strlen(err) == 7, "message not truncated: %s", err);
    uint32_t arity = 99;
    CHECK(beamfile_opname(0, &arity) == NULL && beamfile_opname(181, NULL) == NULL, "opname");
    CHECK(strcmp(beamfile_opname(64, &arity), "move") == 0 && arity == 2, "opname move");
    CHECK(strcmp(beamfile_opname(180, &arity), "badrecord") == 0 && arity == 1, "opname 180");
}

int main(int argc, char **argv) {
    const char *root = argc > 1 ? argv[1] : "/usr/lib/erlang";
    const char *load = argc > 2 ? argv[2] : "test/load";
    atom_init();
    check_edges();
    static const char *const apps[] = {"stdlib", "kernel", "compiler"};
    for (int i = 0; i < 3; i++) {
        int n = check_app(root, apps[i]);
        printf("%s: %d modules\n", apps[i], n);
        CHECK(n > 0, "no .beam files found for %s under %s", apps[i], root);
    }
    int bad = check_bad_dir(load);
    printf("%s: %d broken files\n", load, bad);
    CHECK(bad > 0, "no broken files found in %s", load);
    if (failures) printf("beamfile_test: %d failures\n", failures);
    else printf("beamfile_test: ok\n");
    return failures != 0;
}
