/*
** main.c: vm_main, the boot sequence of the VM, one step per line:
** vm_prepare, vm_boot, vm_run (a platform that restores a snapshot of the
** VM's memory, taken where init reached spore:warm_point/0 after
** vm_freeze, calls only vm_run). It opens
** the program image or module bundle the platform may hand it, puts the
** image's boot arguments and entry point into the erl-style command line,
** reads the code path from it, then starts init:boot/1 of stdlib/init.erl
** with every argument; init does the rest (-s, -run, -eval, -extra) in Erlang.
*/
#include <string.h>

#include "../bif/bif.h"
#include "../sched/sched.h"
#include "atom.h"
#include "bundle.h"
#include "heap.h"
#include "image.h"
#include "interp.h"
#include "load.h"
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

/* The program image or module bundle the platform booted with, if any:
   the code loader reads from it for as long as the VM runs. */
static Image image;
static Bundle bundle;
static bool have_image;

/* Opens the image or bundle in 'start' (told apart by the image's magic)
   for the code loader. False, after saying why on the console, when it is
   malformed. */
static bool open_image(const PlatStart *start) {
    if (!start->image) return true;
    char err[256];
    have_image = image_is(start->image, start->image_len);
    int rc = have_image ? image_open(&image, start->image, start->image_len, err, sizeof err)
                        : bundle_open(&bundle, start->image, start->image_len, err, sizeof err);
    if (rc < 0) {
        have_image = false;
        vm_say("spore: %s\n", err);
        return false;
    }
    if (have_image) code_use_image(&image);
    else code_use_bundle(&bundle);
    return true;
}

/* True when the command line runs something: -s, -run or -eval before any
   -extra (after which every argument is a plain one). */
static bool names_run(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-extra") == 0) break;
        if (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-run") == 0 ||
            strcmp(argv[i], "-eval") == 0)
            return true;
    }
    return false;
}

/* The VM's arguments: the program's name, the image's boot arguments, the
   command line's, and, when the command line runs nothing, the image's
   entry point as "-run Mod Fun Args..." (before any -extra). Without an
   image, the command line as it is. The array is vm_alloc'd (free it with
   vm_free); its strings are not copied. */
static char **boot_args(const PlatStart *start, int *argc) {
    int n = start->argc;
    char *const *in = start->argv;
    bool entry = have_image && image.entry_module && !names_run(n, start->argv);
    size_t max = (size_t)n + 1 + (have_image ? image.boot_argc : 0) +
                 (entry ? 3 + image.entry_argc : 0);
    char **out = vm_alloc((max + 1) * sizeof *out);
    int k = 0, i = 1;
    out[k++] = n > 0 ? in[0] : "spore";
    for (uint32_t j = 0; have_image && j < image.boot_argc; j++) out[k++] = image.boot_args[j];
    for (; i < n && strcmp(in[i], "-extra") != 0; i++) out[k++] = in[i];
    if (entry) {
        out[k++] = "-run";
        out[k++] = image.entry_module;
        out[k++] = image.entry_function;
        for (uint32_t j = 0; j < image.entry_argc; j++) out[k++] = image.entry_args[j];
    }
    for (; i < n; i++) out[k++] = in[i];
    out[k] = NULL;
    *argc = k;
    return out;
}

int vm_prepare(const PlatStart *start) {
    atom_init();
    bif_init();
    interp_init();
    sched_init();
    return open_image(start) ? 0 : 1;
}

/* A module's decoded functions, as vm_loaded writes them after its name:
   hex digit i for functions 4i..4i+3 (the lowest bit first), trailing
   zeros left out. */
static size_t decoded_hex(const Module *m, char *out, size_t len) {
    size_t n = 0, end = 0;
    for (uint32_t f = 0; f < m->num_funcs && n < len; f += 4) {
        unsigned d = 0;
        for (uint32_t b = 0; b < 4 && f + b < m->num_funcs; b++)
            if (load_decoded(m, f + b)) d |= 1u << b;
        out[n++] = "0123456789abcdef"[d];
        if (d) end = n;
    }
    return end;
}

static int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int preload(const char *list);

int vm_preload(const char *list) {
    char *file = NULL;
    if (!list) { /* the image's list: spore build wrote it after its trace run */
        const uint8_t *data;
        size_t len;
        uint8_t *owned;
        if (!code_path_read(VM_WARM_FILE, strlen(VM_WARM_FILE), &data, &len, &owned)) {
            vm_say("spore: cannot preload: the image has no %s\n", VM_WARM_FILE);
            return 1;
        }
        file = vm_alloc(len + 1);
        memcpy(file, data, len);
        file[len] = 0;
        vm_free(owned);
        list = file;
    }
    int rc = preload(list);
    vm_free(file);
    return rc;
}

static int preload(const char *list) {
    while (*list) {
        size_t n = strcspn(list, ",/");
        term_t why;
        Module *mod = NULL;
        if (n > 0 && (n > 255 || !(mod = code_ensure_loaded(atom_intern(list, n), &why)))) {
            vm_say("spore: cannot preload %.*s\n", (int)n, list);
            return 1;
        }
        list += n;
        if (*list == '/' && mod) { /* the functions to decode now */
            list++;
            for (uint32_t f = 0; hex_digit(*list) >= 0; f += 4, list++)
                for (uint32_t b = 0; b < 4; b++)
                    if ((hex_digit(*list) >> b & 1) && f + b < mod->num_funcs &&
                        !load_function(mod, f + b))
                        return 1;
        }
        /* the rest may never be decoded: its bytes are the image's */
        if (mod) load_release(mod);
        if (*list && *list != ',') {
            vm_say("spore: cannot preload %s: expected M1/HEX,M2/HEX,...\n", list);
            return 1;
        }
        list += *list == ',';
    }
    return 0;
}

size_t vm_loaded(char *buf, size_t len) {
    size_t count = 0, n = 0;
    for (Module *m = code_modules(); m; m = m->next) count++;
    Module **v = vm_alloc((count ? count : 1) * sizeof *v);
    size_t i = count;
    for (Module *m = code_modules(); m; m = m->next) v[--i] = m; /* oldest first */
    char hex[4096];
    for (i = 0; i < count; i++) {
        size_t an, hn = decoded_hex(v[i], hex, sizeof hex);
        const char *name = atom_name(v[i]->name, &an);
        if (n + an + hn + 3 > len) break;
        if (n) buf[n++] = ',';
        memcpy(buf + n, name, an);
        n += an;
        if (hn) {
            buf[n++] = '/';
            memcpy(buf + n, hex, hn);
            n += hn;
        }
    }
    vm_free(v);
    if (len) buf[n < len ? n : len - 1] = 0;
    return n;
}

int vm_boot(const PlatStart *start) {
    int argc;
    char **argv = boot_args(start, &argc);
    setup_path(argc, argv);
    plat_mark(PLAT_MARK_VM);

    /* init:boot(Args): Args as a list of strings, built on a scratch
       process heap and copied into init's heap by proc_spawn. */
    Proc scratch;
    memset(&scratch, 0, sizeof scratch);
    term_t args = TERM_NIL;
    for (int i = argc - 1; i >= 1; i--) /* argv[0] is the program */
        args = heap_cons(&scratch, heap_cstr(&scratch, argv[i]), args);
    vm_free(argv);
    term_t err;
    term_t argl = heap_cons(&scratch, args, TERM_NIL);
    Proc *init = proc_spawn(NULL, ATOM_init, atom_intern("boot", 4), argl, &err);
    heap_frag_free_chain(scratch.frags);
    if (!init) {
        const char *msg = "spore: cannot start init\n";
        plat_console_write(msg, strlen(msg));
        return 1;
    }
    return 0;
}

int vm_run(void) { return sched_run(); }

void vm_freeze(void) {
    sched_freeze();
    bif_freeze();
    vm_scrub();
}

int vm_main(const PlatStart *start) {
    int rc = vm_prepare(start);
    if (!rc) rc = vm_boot(start);
    return rc ? rc : vm_run();
}
