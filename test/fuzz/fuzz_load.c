/*
** fuzz_load.c: a libFuzzer target for the whole loader (vm/load.c's
** load_module): each input is parsed, translated to internal code and, when
** accepted, registered as a module; then loaded again as an image's module
** is (load_module_kept), its functions decoded one by one. A crash, a
** sanitizer report, a leak or a rejection whose console message does not
** name the file is a bug.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../bif/bif.h"
#include "../../vm/atom.h"
#include "../../vm/interp.h"
#include "../../vm/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz.beam"

static FILE *console;   /* stdout, redirected to a scratch file */

/* Points stdout (where plat_console_write writes) at a scratch file, so
   that the loader's messages can be read back and checked. */
static void fuzz_boot(void) {
    atom_init();
    bif_init();
    interp_init();
    console = tmpfile();
    if (!console || dup2(fileno(console), STDOUT_FILENO) < 0) {
        perror("fuzz_load: tmpfile");
        abort();
    }
}

/* The console text written since the last call, NUL-terminated in 'buf'. */
static size_t console_take(char *buf, size_t cap) {
    off_t end = lseek(STDOUT_FILENO, 0, SEEK_CUR);
    size_t n = 0;
    if (end > 0) {
        ssize_t k = pread(STDOUT_FILENO, buf, cap - 1, 0);
        n = k > 0 ? (size_t)k : 0;
    }
    buf[n] = 0;
    if (ftruncate(STDOUT_FILENO, 0) != 0 || lseek(STDOUT_FILENO, 0, SEEK_SET) != 0) abort();
    return n;
}

/* A rejection prints "spore: cannot load <file>: <chunk>: <problem>\n". */
static void check_message(const char *msg, size_t n) {
    static const char head[] = "spore: cannot load " FUZZ_NAME ": ";
    const char *chunk = msg + sizeof head - 1;
    const char *colon = NULL;
    bool ok = n > sizeof head && strncmp(msg, head, sizeof head - 1) == 0 &&
              msg[n - 1] == '\n' && (colon = strstr(chunk, ": ")) != NULL && colon > chunk &&
              colon[2] != '\n';
    if (!ok) {
        fprintf(stderr, "fuzz_load: bad rejection message: '%s'\n", msg);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool booted;
    if (!booted) {
        fuzz_boot();
        booted = true;
    }
    /* load_module takes the bytes over and frees them */
    uint8_t *copy = vm_alloc(size ? size : 1);
    memcpy(copy, data, size);
    Module *mod = load_module(FUZZ_NAME, copy, size, TERM_NONE);
    char msg[512];
    size_t n = console_take(msg, sizeof msg);
    if (!mod) {
        check_message(msg, n);
    } else if (n != 0) {
        fprintf(stderr, "fuzz_load: a module loaded with a message: '%s'\n", msg);
        abort();
    }
    /* The same bytes as an image's (they stay, the module's to keep):
       functions decoded one by one, as their first calls would. */
    copy = vm_alloc(size ? size : 1);
    memcpy(copy, data, size);
    mod = load_module_kept(FUZZ_NAME, copy, size, TERM_NONE, NULL);
    n = console_take(msg, sizeof msg);
    if (!mod) {
        check_message(msg, n);
        vm_free(copy);
        return 0;
    }
    for (uint32_t f = 0; f < mod->num_funcs; f++) {
        if (!load_function(mod, f)) {
            n = console_take(msg, sizeof msg);
            check_message(msg, n);
        }
    }
    return 0;
}
