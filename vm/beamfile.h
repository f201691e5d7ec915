/*
** beamfile.h: the parser of .beam files, the only code that reads their
** untrusted bytes. It checks every size and index and either fills a
** BeamFile or fails with a message naming the file, the chunk and the
** problem; it never crashes or loops on any input.
**
** It also decodes the Code chunk one generic instruction at a time
** (beamfile_next_op) into BeamOp, resolving the compact term encoding;
** load.c turns those into executable code.
*/
#ifndef SPORE_BEAMFILE_H
#define SPORE_BEAMFILE_H

#include "term.h"

typedef struct BeamImport { uint32_t module, function, arity; } BeamImport; /* atom indices */
typedef struct BeamExport { uint32_t function, arity, label; } BeamExport;
typedef struct BeamFun {
    uint32_t function, arity, label, index, num_free, old_uniq;
} BeamFun;

typedef struct BeamFile {
    const char *name;             /* for messages */
    term_t *atoms;                /* atoms[1..num_atoms]; atoms[0] is unused */
    uint32_t num_atoms;
    term_t module;                /* atoms[1] */

    const uint8_t *code;          /* the instructions of the Code chunk */
    size_t code_size;
    uint32_t instr_set, max_opcode, num_labels, num_functions;

    BeamImport *imports;  uint32_t num_imports;
    BeamExport *exports;  uint32_t num_exports;
    BeamExport *locals;   uint32_t num_locals;
    BeamFun *funs;        uint32_t num_funs;

    term_t *literals;             /* decoded into the literal area (lit.h) */
    uint32_t num_literals;

    const uint8_t *strings;       /* StrT */
    size_t strings_size;

    /* Line chunk: item i (1-based in the code's line/1 operands) is at
       file line_items[i].file (0-based into files), line line_items[i].line. */
    struct { uint32_t file, line; } *line_items;
    uint32_t num_line_items;
    term_t *files;                /* Erlang strings in the literal area */
    uint32_t num_files;

    term_t attributes;            /* Attr chunk, or [] */
    term_t compile_info;          /* CInf chunk, or [] */
    uint8_t md5[16];              /* of the chunks, as module_info(md5) */
} BeamFile;

/* Parses 'size' bytes at 'data'. The bytes must outlive the BeamFile (the
   code and strings point into them). Returns 0, or -1 with a message in
   'err' of the form "<file>: <chunk>: <problem>". */
int beamfile_read(BeamFile *bf, const char *name, const uint8_t *data, size_t size,
                  char *err, size_t errlen);
/* As beamfile_read; with BEAMFILE_NO_MD5, 'md5' is left zero (the loader
   computes it later, when asked, from bytes that stay). */
#define BEAMFILE_NO_MD5 1u
/* With BEAMFILE_NO_ATTRS, 'attributes' and 'compile_info' are TERM_NONE:
   beamfile_read_attributes decodes them later, when asked. */
#define BEAMFILE_NO_ATTRS 2u
int beamfile_read_flags(BeamFile *bf, const char *name, const uint8_t *data, size_t size,
                        unsigned flags, char *err, size_t errlen);
void beamfile_free(BeamFile *bf);
/* Decodes only the Attr and CInf chunks of a file beamfile_read accepted
   (as literals that live as long as the VM); 0, or -1. */
int beamfile_read_attributes(const uint8_t *data, size_t size, term_t *attributes,
                             term_t *compile_info);

/* Operand kinds after decoding. */
enum {
    BO_U,        /* an untagged integer ('val') */
    BO_I,        /* an integer literal: 'val' if it fits a small, else 'term' is a bignum */
    BO_ATOM,     /* 'term' is the atom, or [] for atom index 0 */
    BO_X, BO_Y,  /* register number in 'val' */
    BO_F,        /* a label number in 'val' (0: no label) */
    BO_H,        /* a character */
    BO_FR,       /* a float register */
    BO_LIST,     /* an extended list of 'val' operands: they follow in BeamOp.list */
    BO_ALLOC,    /* an allocation list: 'val' words in all (floats counted as 3 words) */
    BO_LIT       /* a literal: 'term' (typed registers of OTP 25 decode as BO_X/BO_Y) */
};

typedef struct BeamArg {
    uint32_t kind;
    uint64_t val;
    term_t term;
} BeamArg;

#define BEAM_MAX_ARGS 8
#define BEAM_MAX_LIST 65536

typedef struct BeamOp {
    uint32_t opcode, arity;
    BeamArg args[BEAM_MAX_ARGS];
    BeamArg *list;        /* the extended list, if an operand is BO_LIST */
    uint32_t list_len;
} BeamOp;

typedef struct BeamCodeReader {
    const BeamFile *bf;
    size_t pos;
    BeamArg *list_buf;    /* owned by the reader */
    uint32_t list_cap;
} BeamCodeReader;

void beamfile_code_begin(BeamCodeReader *r, const BeamFile *bf);
void beamfile_code_end(BeamCodeReader *r);
/* The next instruction. Returns 1 with 'op' filled, 0 at the end of the
   code, -1 with a message in 'err' on malformed code or an unknown opcode.
   'op->list' stays valid until the next call. Literal, atom and label
   indices are checked against the file's tables. */
int beamfile_next_op(BeamCodeReader *r, BeamOp *op, char *err, size_t errlen);

/* Name and arity of a generic opcode (opcodes.def), or NULL if unknown. */
const char *beamfile_opname(uint32_t opcode, uint32_t *arity);

#endif
