/*
** instrs.h: the internal instruction set shared by the loader and the
** interpreter (instrs.def), and the operand encodings.
**
** A source or destination operand is one word:
**   x(i): the address of x register i (the x registers are one global array)
**   y(i): (i + 1) << 3 | 1, so that y(i) is E[w >> 3]
**   a constant: the address of a word in the literal area that holds it
** so that reading any operand is one test and one load. Operands that are
** used as raw terms (select tables, is_tagged_tuple's atom) are the terms.
*/
#ifndef SPORE_INSTRS_H
#define SPORE_INSTRS_H

#include "code.h"

enum {
#define INSTR(name, words) I_##name,
#include "instrs.def"
#undef INSTR
    I__COUNT
};

extern term_t interp_xregs[];
static inline Instr instr_x(uint32_t i) { return (Instr)&interp_xregs[i]; }
static inline Instr instr_y(uint32_t i) { return ((Instr)(i + 1) << 3) | 1; }

/* The handler word of internal instruction 'op'. */
Instr interp_handler(unsigned op);
/* The internal instruction of a handler word (disassembly, checks). */
int interp_opcode(Instr handler);

extern const uint8_t instr_words[I__COUNT];
extern const char *const instr_names[I__COUNT];

#endif
