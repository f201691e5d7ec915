/*
** load_test.c: decoding at first call (vm/load.c). A module loaded as an
** image's is (load_module_kept) has no function decoded; decoding one
** points its export and its stub at its code and leaves its callees
** undecoded, with the call waiting on the callee's stub until that is
** decoded too; stack-trace lookups find lazily decoded functions and
** their lines, and an undecoded one at its stub; once every function is
** decoded the loader's tables go. A module loaded from a file
** (load_module) is decoded whole. Uses OTP's lists and proplists.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../bif/bif.h"
#include "../../vm/atom.h"
#include "../../vm/instrs.h"
#include "../../vm/interp.h"
#include "../../vm/load.h"
#include "check.h"

/* The .beam file of an OTP stdlib module, from the first folder of the
   path the VM loads OTP's modules from. */
static uint8_t *otp_beam(const char *mod, size_t *len)
{
    const char *path = SPORE_OTP_PATH;
    size_t dir = strcspn(path, ":");
    char file[4096];
    snprintf(file, sizeof file, "%.*s/%s.beam", (int)dir, path, mod);
    FILE *f = fopen(file, "rb");
    if (!f) {
        printf("load_test: cannot open %s\n", file);
        exit(1);
    }
    uint8_t *b = vm_alloc(1 << 20);
    *len = fread(b, 1, 1 << 20, f);
    fclose(f);
    return b;
}

static uint32_t func(const Module *m, const char *name, uint32_t arity)
{
    term_t a = atom_intern(name, strlen(name));
    for (uint32_t i = 0; i < m->num_funcs; i++)
        if (m->funcs[i].name == atom_index(a) && m->funcs[i].arity == arity)
            return i;
    printf("load_test: no %s/%u\n", name, arity);
    exit(1);
}

/* How many words of function 'f's code hold 'w'. */
static int holds(const Module *m, uint32_t f, Instr w)
{
    int n = 0;
    for (uint32_t i = 0; i < m->funcs[f].words; i++)
        n += m->funcs[f].start[i] == w;
    return n;
}

static void test_lazy(void)
{
    size_t len;
    uint8_t *bytes = otp_beam("lists", &len); /* stays: the module reads it */
    Module *m = load_module_kept("lists.beam", bytes, len, TERM_NONE, NULL);
    CHECK(m && m->lazy, "lists loads for decoding at first calls");
    if (!m || !m->lazy)
        return;
    CHECK(m->num_funcs > 100, "lists has %u functions", m->num_funcs);
    for (uint32_t f = 0; f < m->num_funcs; f++)
        CHECK(!load_decoded(m, f), "function %u decoded at load", f);

    uint32_t seq = func(m, "seq", 2), loop = func(m, "seq_loop", 3);
    Export *e = code_export_find(m->name, atom_intern("seq", 3), 2);
    CHECK(e && e->code == m->funcs[seq].stub, "lists:seq/2 enters at its stub");
    CHECK(m->funcs[seq].stub[0] == interp_handler(I_lazy), "the stub decodes");

    const Instr *entry = load_function(m, seq);
    CHECK(entry && load_decoded(m, seq), "seq/2 decodes");
    CHECK(e && e->code == entry, "the export enters seq/2's code");
    CHECK(m->funcs[seq].stub[0] == interp_handler(I_jump) &&
              m->funcs[seq].stub[1] == (Instr)entry,
          "the stub jumps to the code");
    CHECK(load_function(m, seq) == entry, "a second decoding returns the same entry");
    CHECK(!load_decoded(m, loop), "seq_loop/3 waits for its first call");
    int calls = holds(m, seq, (Instr)m->funcs[loop].stub);
    CHECK(calls > 0, "seq/2 calls seq_loop/3 through its stub");

    const Instr *loop_entry = load_function(m, loop);
    CHECK(loop_entry != NULL, "seq_loop/3 decodes");
    CHECK(holds(m, seq, (Instr)m->funcs[loop].stub) == 0 &&
              holds(m, seq, (Instr)loop_entry) == calls,
          "seq/2's calls now go straight to seq_loop/3's code");
    CHECK(holds(m, loop, (Instr)loop_entry) > 0, "seq_loop/3 calls itself directly");

    Module *where_mod = NULL;
    const struct FuncInfo *fi = NULL;
    LineRef line = {0, 0};
    CHECK(code_locate(entry + 1, &where_mod, &fi, &line) && where_mod == m &&
              fi == &m->funcs[seq] && line.line > 0,
          "code_locate finds seq/2 and a line in it");
    CHECK(code_locate(loop_entry, &where_mod, &fi, &line) && fi == &m->funcs[loop],
          "code_locate finds seq_loop/3");
    CHECK(code_locate(m->funcs[seq].stub, &where_mod, &fi, &line) && fi == &m->funcs[seq],
          "code_locate follows a decoded function's stub to its code");
    uint32_t all = func(m, "all", 2);
    CHECK(code_locate(m->funcs[all].stub, &where_mod, &fi, &line) && where_mod == m &&
              fi == &m->funcs[all] && line.line == 0,
          "code_locate finds an undecoded function at its stub");

    for (uint32_t f = 0; f < m->num_funcs; f++)
        CHECK(load_function(m, f) != NULL, "function %u decodes", f);
    CHECK(m->lazy == NULL, "the loader's tables go once all is decoded");
}

static void test_whole(void)
{
    size_t len;
    uint8_t *bytes = otp_beam("proplists", &len);
    Module *m = load_module("proplists.beam", bytes, len, TERM_NONE);
    CHECK(m && !m->lazy, "a module from a file decodes whole");
    if (!m)
        return;
    for (uint32_t f = 0; f < m->num_funcs; f++)
        CHECK(load_decoded(m, f), "function %u decoded", f);
    uint32_t get = func(m, "get_value", 2);
    CHECK(load_function(m, get) == m->funcs[get].start + 4,
          "the entry of a function decoded at load is past its func_info");
    Module *where_mod = NULL;
    const struct FuncInfo *fi = NULL;
    LineRef line = {0, 0};
    CHECK(code_locate(m->funcs[get].start + 4, &where_mod, &fi, &line) && where_mod == m &&
              fi == &m->funcs[get],
          "code_locate finds get_value/2");
}

int main(void)
{
    atom_init();
    bif_init();
    interp_init();
    test_lazy();
    test_whole();
    if (failures)
        printf("load_test: %d failures\n", failures);
    else
        printf("load_test: ok\n");
    return failures != 0;
}
