/*
** fuzz_beamfile.c: a libFuzzer target for the .beam parser. Each input is
** parsed with beamfile_read and, when accepted, every instruction is
** decoded with beamfile_next_op. A crash, hang, leak or sanitizer report
** is a bug in vm/beamfile.c. How to build and run it: README.md here.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vm/atom.h"
#include "../../vm/beamfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_message(const char *err, size_t cap) {
    size_t n = strnlen(err, cap);
    if (n == 0 || n == cap) {
        fprintf(stderr, "fuzz_beamfile: rejected without a terminated message\n");
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool booted;
    if (!booted) {
        atom_init();
        booted = true;
    }
    BeamFile bf;
    char err[256] = "";
    if (beamfile_read(&bf, "fuzz.beam", data, size, err, sizeof err) < 0) {
        check_message(err, sizeof err);
        return 0;
    }
    BeamCodeReader cr;
    BeamOp op;
    int rc;
    beamfile_code_begin(&cr, &bf);
    while ((rc = beamfile_next_op(&cr, &op, err, sizeof err)) == 1) {
        uint32_t arity;
        if (!beamfile_opname(op.opcode, &arity) || arity != op.arity || arity > BEAM_MAX_ARGS)
            abort();
        for (uint32_t i = 0; i < op.list_len; i++) (void)op.list[i].kind;
    }
    if (rc < 0) check_message(err, sizeof err);
    beamfile_code_end(&cr);
    beamfile_free(&bf);
    return 0;
}
