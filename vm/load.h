/*
** load.h: turns a parsed .beam file into executable code (instrs.def).
*/
#ifndef SPORE_LOAD_H
#define SPORE_LOAD_H

#include "code.h"

/* Loads the module in the 'len' bytes at 'data' (which it frees) read
   from 'path'; 'expect' is the module name the file must define, or
   TERM_NONE. On success the module is registered and its exports point at
   its code. On failure prints "<path>: <chunk>: <problem>" on the console
   and returns NULL. Never GCs. */
Module *load_module(const char *path, uint8_t *data, size_t len, term_t expect);
/* As load_module, for bytes that stay where they are for as long as the VM
   runs (a program image or bundle): they are neither copied nor freed, and
   the module's MD5 waits until something asks for it. Its functions are
   decoded at their first calls (load_function), reading 'data'; 'owned',
   if not NULL, is what to vm_free when that is done ('data' inflated from
   the image, say). */
Module *load_module_kept(const char *path, const uint8_t *data, size_t len, term_t expect,
                         uint8_t *owned);

/* Decodes function 'f' of 'mod' (its index in mod->funcs) if it is not
   yet, and returns its entry; NULL after printing why it cannot be. */
const Instr *load_function(Module *mod, uint32_t f);
/* Frees the inflated copy of the bytes of 'mod', a module kept deflated in
   the image, that decoding at first call reads: they are inflated again
   if another function is to be decoded. */
void load_release(Module *mod);
/* True if function 'f' of 'mod' is decoded. */
bool load_decoded(const Module *mod, uint32_t f);

#endif
