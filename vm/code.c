/*
** code.c: the export table, the table of loaded modules, the code path and
** the lookup from a code address to its function and source line (for
** stack traces), and where module files come from: the program image or
** the module bundle first, then the code path (not for a sealed image).
** Loading itself is load.c.
*/
#include <stddef.h>
#include <string.h>

#include "atom.h"
#include "beamfile.h"
#include "bundle.h"
#include "code.h"
#include "image.h"
#include "instrs.h"
#include "load.h"
#include "plat.h"
#include "strbuf.h"

/* ---- exports: a chained hash on {M, F, A} ---- */

static Export **ebuckets;
static size_t nebuckets, nexports;

static size_t ehash(term_t m, term_t f, uint32_t a) {
    uint64_t h = (m >> 6) * 0x9E3779B97F4A7C15ull ^ (f >> 6) * 0xC2B2AE3D27D4EB4Full ^ a;
    return (size_t)(h ^ (h >> 29));
}

static void egrow(void) {
    size_t n = nebuckets ? nebuckets * 2 : 1024; /* a boot of hello has about 650 */
    Export **b = vm_zalloc(n * sizeof *b);
    for (size_t i = 0; i < nebuckets; i++) {
        Export *e = ebuckets[i];
        while (e) {
            Export *next = e->next;
            size_t j = ehash(e->module, e->function, e->arity) & (n - 1);
            e->next = b[j];
            b[j] = e;
            e = next;
        }
    }
    vm_free(ebuckets);
    ebuckets = b;
    nebuckets = n;
}

Export *code_export_find(term_t m, term_t f, uint32_t arity) {
    if (!nebuckets) return NULL;
    for (Export *e = ebuckets[ehash(m, f, arity) & (nebuckets - 1)]; e; e = e->next)
        if (e->module == m && e->function == f && e->arity == arity) return e;
    return NULL;
}

Export *code_export(term_t m, term_t f, uint32_t arity) {
    Export *e = code_export_find(m, f, arity);
    if (e) return e;
    if (nexports >= nebuckets) egrow();
    e = vm_perm_alloc(sizeof *e);
    *e = (Export){.module = m, .function = f, .arity = arity};
    size_t j = ehash(m, f, arity) & (nebuckets - 1);
    e->next = ebuckets[j];
    ebuckets[j] = e;
    nexports++;
    return e;
}

/* ---- modules ---- */

static Module *modules;

Module *code_module(term_t m) {
    for (Module *mod = modules; mod; mod = mod->next)
        if (mod->name == m) return mod;
    return NULL;
}

void code_register(Module *mod) {
    mod->next = modules;
    modules = mod;
}

/* The code's ranges, by address: a module's code decoded at load is one,
   each function decoded later is one. They mostly come in rising order
   (the heap grows up), so adding one is mostly an append. */
typedef struct Range { const Instr *lo, *hi; Module *mod; uint32_t fn; } Range;
static Range *ranges;
static size_t nranges, ranges_cap;

void code_add_range(const Instr *start, size_t words, Module *mod, uint32_t fn) {
    if (nranges == ranges_cap) {
        ranges_cap = ranges_cap ? 2 * ranges_cap : 64;
        ranges = vm_realloc(ranges, ranges_cap * sizeof *ranges);
    }
    size_t i = nranges++;
    while (i > 0 && ranges[i - 1].lo > start) i--;
    memmove(ranges + i + 1, ranges + i, (nranges - 1 - i) * sizeof *ranges);
    ranges[i] = (Range){start, start + words, mod, fn};
}

Module *code_modules(void) { return modules; }

/* ---- the code path ---- */

static char **paths;
static size_t npaths;

void code_path_add(const char *dir, bool front) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    char *d = vm_alloc(n + 1);
    memcpy(d, dir, n);
    d[n] = 0;
    paths = vm_realloc(paths, (npaths + 1) * sizeof *paths);
    if (front) {
        memmove(paths + 1, paths, npaths * sizeof *paths);
        paths[0] = d;
    } else {
        paths[npaths] = d;
    }
    npaths++;
}

void code_path_reverse_front(size_t n) {
    for (size_t i = 0; i < n / 2; i++) {
        char *t = paths[i];
        paths[i] = paths[n - 1 - i];
        paths[n - 1 - i] = t;
    }
}

/* ---- the image or the bundle: looked in before the code path ---- */

static const Bundle *bundle;
static const Image *image;

void code_use_bundle(const Bundle *b) { bundle = b; }
void code_use_image(const Image *im) { image = im; }

/* Nothing is loaded from outside a sealed image. */
static bool sealed(void) { return image && image->sealed; }

/* Looks up the file 'name' ('n' bytes) followed by 'ext' in the image or
   the bundle. A deflated file of the image comes inflated, in '*owned'
   (vm_free it); a corrupt one is not found. */
static bool boot_find(const char *name, size_t n, const char *ext, const uint8_t **data,
                      size_t *len, uint8_t **owned, const ImageFile **fp) {
    *owned = NULL;
    size_t e = strlen(ext);
    char file[IMAGE_MAX_NAME + 1];
    /* Both look names up as C strings: a name with a NUL in it (an atom may
       have one) would otherwise match the name cut at the NUL. */
    if ((!image && !bundle) || n + e > IMAGE_MAX_NAME || memchr(name, 0, n)) return false;
    memcpy(file, name, n);
    memcpy(file + n, ext, e + 1);
    if (!image) return bundle_find(bundle, file, data, len);
    const ImageFile *f = image_find(image, file);
    if (!f) return false;
    if (fp) *fp = f;
    if (!(*data = image_read(f, owned))) {
        vm_say("spore: cannot read image:%s: its deflated bytes are corrupt\n", file);
        return false;
    }
    *len = f->len;
    return true;
}

bool code_path_read(const char *name, size_t n, const uint8_t **data, size_t *len,
                    uint8_t **owned) {
    if (boot_find(name, n, "", data, len, owned, NULL)) return true;
    if (sealed()) return false;
    for (size_t i = 0; i < npaths; i++) {
        StrBuf b;
        strbuf_init(&b);
        strbuf_printf(&b, "%s/%.*s", paths[i], (int)n, name);
        bool ok = plat_file_read(b.s, owned, len) == PLAT_OK;
        strbuf_free(&b);
        if (ok) {
            *data = *owned;
            return true;
        }
    }
    return false;
}

/* The module's .beam bytes, inflated into '*owned' when they are kept
   deflated; NULL if they do not inflate. */
const uint8_t *code_module_src(const Module *mod, uint8_t **owned) {
    ImageFile f = {.data = mod->src, .len = mod->src_len, .stored = mod->src_stored};
    return image_read(&f, owned);
}

const uint8_t *code_module_md5(Module *mod) {
    if (mod->md5_pending) {
        BeamFile bf;
        char err[64];
        uint8_t *owned;
        const uint8_t *src = code_module_src(mod, &owned);
        if (src && beamfile_read(&bf, "md5", src, mod->src_len, err, sizeof err) == 0)
            memcpy(mod->md5, bf.md5, sizeof mod->md5);
        if (src) beamfile_free(&bf);
        vm_free(owned);
        mod->md5_pending = false;
    }
    return mod->md5;
}

static void attributes_now(Module *mod) {
    if (mod->attributes != TERM_NONE) return;
    uint8_t *owned;
    const uint8_t *src = code_module_src(mod, &owned);
    if (!src ||
        beamfile_read_attributes(src, mod->src_len, &mod->attributes, &mod->compile_info) < 0) {
        mod->attributes = mod->compile_info = TERM_NIL;
    }
    vm_free(owned);
}

term_t code_module_attributes(Module *mod) {
    attributes_now(mod);
    return mod->attributes;
}

term_t code_module_compile_info(Module *mod) {
    attributes_now(mod);
    return mod->compile_info;
}

Module *code_ensure_loaded(term_t m, term_t *why) {
    Module *mod = code_module(m);
    if (mod) return mod;
    size_t n;
    const char *name = atom_name(m, &n);
    *why = ATOM_nofile;
    const uint8_t *in;
    size_t len;
    uint8_t *inflated;
    const ImageFile *f = NULL;
    if (boot_find(name, n, ".beam", &in, &len, &inflated, &f)) {
        /* the image's bytes stay: loaded in place, MD5 and attributes when
           asked (a deflated file is loaded from a copy inflated until its
           functions are all decoded, and inflated again if they are asked) */
        StrBuf b; /* "image:Mod.beam", without printf's code on the boot path */
        strbuf_init(&b);
        strbuf_puts(&b, image ? "image:" : "bundle:");
        strbuf_add(&b, name, n);
        strbuf_puts(&b, ".beam");
        mod = load_module_kept(b.s, in, len, m, inflated);
        strbuf_free(&b);
        if (mod && inflated) {
            mod->src = f->data;
            mod->src_stored = f->stored;
        }
        if (!mod) *why = ATOM_badfile;
        return mod;
    }
    if (sealed()) return NULL;
    for (size_t i = 0; i < npaths; i++) {
        StrBuf b;
        strbuf_init(&b);
        strbuf_printf(&b, "%s/%.*s.beam", paths[i], (int)n, name);
        uint8_t *data;
        if (plat_file_read(b.s, &data, &len) == PLAT_OK) {
            mod = load_module(b.s, data, len, m);
            strbuf_free(&b);
            if (!mod) *why = ATOM_badfile;
            return mod;
        }
        strbuf_free(&b);
    }
    return NULL;
}

/* ---- stack-trace support ---- */

bool code_locate(const Instr *ip, Module **modp, const struct FuncInfo **fip, LineRef *where) {
    size_t lo = 0, hi = nranges;
    while (lo < hi) {   /* the last range that starts at or before ip */
        size_t mid = (lo + hi) / 2;
        if (ranges[mid].lo <= ip) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0 || ip >= ranges[lo - 1].hi) {
        /* a function's stub, where a call to it waits until it is decoded
           (a process that gave way at that call): that function, no line;
           once it is decoded, the stub is a jump to its entry */
        if (ip[0] == interp_handler(I_jump))
            return code_locate((const Instr *)ip[1], modp, fip, where);
        if (ip[0] != interp_handler(I_lazy)) return false;
        *modp = (Module *)ip[1];
        *fip = (const struct FuncInfo *)((const char *)ip - offsetof(struct FuncInfo, stub));
        where->file = where->line = 0;
        return true;
    }
    const Range *r = &ranges[lo - 1];
    Module *mod = r->mod;
    const struct FuncInfo *fi;
    const struct LineAt *lines; /* the function's own line table, or its module's */
    size_t n;
    if (r->fn != UINT32_MAX) {
        fi = &mod->funcs[r->fn];
        lines = (const struct LineAt *)(fi->start + fi->words);
        n = fi->num_lines;
    } else { /* decoded at load: all of them, in the order of their addresses */
        lo = 0, hi = mod->num_funcs;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (mod->funcs[mid].start <= ip) lo = mid + 1;
            else hi = mid;
        }
        if (lo == 0) return false;
        fi = &mod->funcs[lo - 1];
        lines = mod->lines;
        n = mod->num_lines;
    }
    where->file = 0;
    where->line = 0;
    lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (lines[mid].at <= ip) lo = mid + 1;
        else hi = mid;
    }
    if (lo > 0 && lines[lo - 1].at >= fi->start) *where = lines[lo - 1].ref;
    *modp = mod;
    *fip = fi;
    return true;
}
