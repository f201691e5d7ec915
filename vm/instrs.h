/*
** instrs.h: the internal instruction set shared by the loader and the
** interpreter (instrs.def), and the operand encodings.
**
** Register operands are words with primary tag 00 (which no term has):
**   x(i): i << 3        y(i): (i + 1) << 3 | 4  (so that y(i) is E[w >> 3])
** A source operand is either a register or the term itself.
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

static inline Instr instr_x(uint32_t i) { return (Instr)i << 3; }
static inline Instr instr_y(uint32_t i) { return ((Instr)(i + 1) << 3) | 4; }

/* The handler word of internal instruction 'op'. */
Instr interp_handler(unsigned op);
/* The internal instruction of a handler word (disassembly, checks). */
int interp_opcode(Instr handler);

extern const uint8_t instr_words[I__COUNT];
extern const char *const instr_names[I__COUNT];

#endif
