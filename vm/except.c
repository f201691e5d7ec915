/*
** except.c: stack traces, catch lookup and crash reports.
**
** A frame on the stack is [cp, y0 .. yn-1]; the cp word is a code address
** (primary tag 00), every other word a term, so the stack can be walked
** word by word: tag-00 words are return addresses, catch immediates mark
** active catch/try blocks.
*/
#include "except.h"

#include "atom.h"
#include "heap.h"
#include "plat.h"
#include "print.h"
#include "strbuf.h"

static const Instr **catches;
static uint32_t ncatches, catches_cap;

uint32_t except_catch_register(const Instr *handler) {
    if (ncatches == catches_cap) {
        catches_cap = catches_cap ? catches_cap * 2 : 1024;
        catches = vm_realloc(catches, catches_cap * sizeof *catches);
    }
    catches[ncatches] = handler;
    return ncatches++;
}

term_t except_class_atom(uint32_t cls) {
    return cls == EXC_EXIT ? ATOM_exit : cls == EXC_THROW ? ATOM_throw : ATOM_error;
}

uint32_t except_class_of(term_t a) {
    if (a == ATOM_error) return EXC_ERROR;
    if (a == ATOM_exit) return EXC_EXIT;
    if (a == ATOM_throw) return EXC_THROW;
    return 0;
}

static term_t location(Proc *p, const Module *mod, LineRef where) {
    if (where.line == 0) return TERM_NIL;
    term_t file;
    if (where.file < mod->num_files) {
        file = mod->files[where.file];
    } else {
        size_t n;
        const char *s = atom_name(mod->name, &n);
        StrBuf b;
        strbuf_init(&b);
        strbuf_add(&b, s, n);
        strbuf_puts(&b, ".erl");
        file = heap_str(p, b.s, b.len);
        strbuf_free(&b);
    }
    term_t l = heap_cons(p, heap_tuple2(p, ATOM_line, make_small(where.line)), TERM_NIL);
    return heap_cons(p, heap_tuple2(p, ATOM_file, file), l);
}

/* The frame of the function containing 'ip' ('args': its arguments, or NULL
   for the arity); TERM_NONE if 'ip' is in no module. */
static term_t frame_at(Proc *p, const Instr *ip, const term_t *args) {
    Module *mod;
    const struct FuncInfo *fi;
    LineRef where;
    if (!code_locate(ip, &mod, &fi, &where)) return TERM_NONE;
    term_t a = args ? heap_list(p, args, fi->arity) : make_small(fi->arity);
    return heap_tuple4(p, mod->name, fi->name, a, location(p, mod, where));
}

term_t except_trace(Proc *p, const Instr *ip, const Instr *cp, const term_t *E,
                    const Export *mfa, const term_t *args, bool fc) {
    term_t frames[EXCEPT_TRACE_DEPTH];
    int n = 0;
    if (mfa)
        frames[n++] = heap_tuple4(p, mfa->module, mfa->function, heap_list(p, args, mfa->arity),
                                  TERM_NIL);
    term_t f = frame_at(p, ip, fc ? args : NULL);
    if (f != TERM_NONE) frames[n++] = f;
    if (cp && n < EXCEPT_TRACE_DEPTH) {
        f = frame_at(p, cp - 1, NULL);
        if (f != TERM_NONE) frames[n++] = f;
    }
    for (const term_t *s = E; s && s < p->stack_hi && n < EXCEPT_TRACE_DEPTH; s++) {
        if ((*s & TAG_MASK) != TAG_HEADER || *s == 0) continue;
        f = frame_at(p, (const Instr *)(uintptr_t)*s - 1, NULL);
        if (f != TERM_NONE) frames[n++] = f;
    }
    return heap_list(p, frames, (size_t)n);
}

term_t *except_find_catch(Proc *p, term_t *E, const Instr **handler) {
    for (term_t *s = E; s < p->stack_hi; s++) {
        if (!term_is_catch(*s)) continue;
        term_t *frame = s;
        while (frame > E && (*frame & TAG_MASK) != TAG_HEADER) frame--;
        *handler = catches[catch_index(*s)];
        return frame;
    }
    return NULL;
}

term_t except_catch_value(Proc *p, term_t cls, term_t reason, term_t trace) {
    if (cls == ATOM_throw) return reason;
    if (cls == ATOM_exit) return heap_tuple2(p, ATOM_EXIT, reason);
    return heap_tuple2(p, ATOM_EXIT, heap_tuple2(p, reason, trace));
}

term_t except_exit_reason(Proc *p, uint32_t cls, term_t reason, term_t trace) {
    if (cls == EXC_EXIT) return reason;
    if (cls == EXC_THROW) reason = heap_tuple2(p, ATOM_nocatch, reason);
    return heap_tuple2(p, reason, trace);
}

void except_report(Proc *p, uint32_t cls, term_t reason, term_t trace) {
    if (cls == EXC_EXIT) return;
    StrBuf b;
    strbuf_init(&b);
    strbuf_puts(&b, "=ERROR REPORT==== ===\nError in process ");
    print_term(&b, p->pid);
    strbuf_puts(&b, " with exit value:\n");
    print_term(&b, except_exit_reason(p, cls, reason, trace));
    strbuf_puts(&b, "\n\n");
    plat_console_write(b.s, b.len);
    strbuf_free(&b);
}
