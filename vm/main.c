/*
** main.c: vm_main, the boot sequence of the VM, one step per line. It reads
** the erl-style command line for the code path, opens the module bundle
** the platform may hand it, then starts init:boot/1 of stdlib/init.erl with
** every argument; init does the rest (-s, -run, -eval, -extra) in Erlang.
*/
#include <string.h>

#include "../bif/bif.h"
#include "../sched/sched.h"
#include "atom.h"
#include "bundle.h"
#include "heap.h"
#include "interp.h"
#include "plat.h"
#include "strbuf.h"

#ifndef SPORE_STDLIB_DIR
#define SPORE_STDLIB_DIR "stdlib"
#endif
#ifndef SPORE_OTP_PATH
#define SPORE_OTP_PATH ""
#endif

/* Adds every directory of the ':'-separated 'list' to the end of the path. */
static void add_path_list(const char *list) {
    while (*list) {
        const char *end = strchr(list, ':');
        size_t n = end ? (size_t)(end - list) : strlen(list);
        if (n) {
            char *d = vm_alloc(n + 1);
            memcpy(d, list, n);
            d[n] = 0;
            code_path_add(d, false);
            vm_free(d);
        }
        list += n + (end ? 1 : 0);
    }
}

static bool is_flag(const char *s) { return s[0] == '-' || s[0] == '+'; }

/* Reads -pa/-pz (and the internal -spore_path/-spore_otp) from the
   command line. -pa directories go first, in the order given. */
static void setup_path(int argc, char **argv) {
    const char *stdlib_dir = SPORE_STDLIB_DIR, *otp = SPORE_OTP_PATH;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-extra") == 0) break;
        if (strcmp(argv[i], "-spore_path") == 0 && i + 1 < argc) stdlib_dir = argv[++i];
        else if (strcmp(argv[i], "-spore_otp") == 0 && i + 1 < argc) otp = argv[++i];
    }
    code_path_add(stdlib_dir, false);
    add_path_list(otp);
    int front = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-extra") == 0) break;
        bool pa = strcmp(argv[i], "-pa") == 0, pz = strcmp(argv[i], "-pz") == 0;
        if (!pa && !pz) continue;
        while (i + 1 < argc && !is_flag(argv[i + 1])) {
            i++;
            if (pz) {
                code_path_add(argv[i], false);
            } else {
                /* insert after the -pa directories already added */
                code_path_add(argv[i], true);
                front++;
            }
        }
    }
    if (front > 1) code_path_reverse_front((size_t)front);
}

/* The module bundle the platform booted with, if any: the code loader
   reads from it for as long as the VM runs. */
static Bundle image;

/* Opens the bundle in 'start' for the code loader. False, after saying why
   on the console, when it is malformed. */
static bool open_image(const PlatStart *start) {
    if (!start->image) return true;
    char err[256];
    if (bundle_open(&image, start->image, start->image_len, err, sizeof err) < 0) {
        StrBuf b;
        strbuf_init(&b);
        strbuf_printf(&b, "spore: %s\n", err);
        plat_console_write(b.s, b.len);
        strbuf_free(&b);
        return false;
    }
    code_use_bundle(&image);
    return true;
}

int vm_main(const PlatStart *start) {
    atom_init();
    bif_init();
    interp_init();
    sched_init();
    if (!open_image(start)) return 1;
    setup_path(start->argc, start->argv);
    plat_mark(PLAT_MARK_VM);

    /* init:boot(Args): Args as a list of strings, built on a scratch
       process heap and copied into init's heap by proc_spawn. */
    Proc scratch;
    memset(&scratch, 0, sizeof scratch);
    term_t args = TERM_NIL;
    for (int i = start->argc - 1; i >= 1; i--) /* argv[0] is the program */
        args = heap_cons(&scratch, heap_cstr(&scratch, start->argv[i]), args);
    term_t err;
    term_t argl = heap_cons(&scratch, args, TERM_NIL);
    Proc *init = proc_spawn(NULL, ATOM_init, atom_intern("boot", 4), argl, &err);
    heap_frag_free_chain(scratch.frags);
    if (!init) {
        const char *msg = "spore: cannot start init\n";
        plat_console_write(msg, strlen(msg));
        return 1;
    }
    return sched_run();
}
