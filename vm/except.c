/*
** except.c: stack traces, catch lookup and crash reports.
**
** A frame on the stack is [cp, y0 .. yn-1]; the cp word is a code address
** (primary tag 00), every other word a term, so the stack can be walked
** word by word: tag-00 words are return addresses, catch immediates mark
** active catch/try blocks.
*/
#include <string.h>

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
        catches_cap = catches_cap ? catches_cap * 2 : 64;
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
    return heap_tuple4(p, mod->name, make_atom(fi->name), a, location(p, mod, where));
}

/* [{error_info, #{module => M}}] for a BIF of module 'bif_mod', with M the
   module OTP names to explain its errors. */
static term_t error_info(Proc *p, term_t bif_mod) {
    size_t n;
    const char *m = atom_name(bif_mod, &n);
    const char *explainer = "erl_stdlib_errors";
    if ((n == 6 && memcmp(m, "erlang", 6) == 0) || (n == 7 && memcmp(m, "atomics", 7) == 0) ||
        (n == 8 && memcmp(m, "counters", 8) == 0) ||
        (n == 13 && memcmp(m, "erts_internal", 13) == 0) ||
        (n == 15 && memcmp(m, "persistent_term", 15) == 0))
        explainer = "erl_erts_errors";
    else if ((n == 4 && memcmp(m, "code", 4) == 0) || (n == 2 && memcmp(m, "os", 2) == 0))
        explainer = "erl_kernel_errors";
    term_t *w = heap_alloc(p, 2 + 3);
    w[0] = MAKE_HDR(HDR_TUPLE, 1);
    w[1] = ATOM_module;
    w[2] = MAKE_HDR(HDR_MAP, 2);
    w[3] = make_boxed(w);
    w[4] = atom_intern(explainer, strlen(explainer));
    term_t info = heap_tuple2(p, ATOM_error_info, make_boxed(w + 2));
    return heap_cons(p, info, TERM_NIL);
}

term_t except_trace_error(Proc *p, const Instr *ip, const Instr *cp, const term_t *E,
                          term_t fargs, term_t opts) {
    term_t t = except_trace(p, ip, cp, E, NULL, NULL, 0);
    if (!term_is_list(t)) return t;
    term_t top = list_head(t);
    if (!term_is_tuple(top) || tuple_arity(top) != 4) return t;
    const term_t *e = tuple_elems(top);
    term_t loc = e[3];
    for (term_t o = opts; term_is_list(o); o = list_tail(o)) {
        term_t x = list_head(o);
        if (term_is_tuple(x) && tuple_arity(x) == 2 && tuple_elems(x)[0] == ATOM_error_info) {
            /* appended after file and line */
            term_t items[8];
            size_t n = 0;
            for (term_t l = loc; term_is_list(l) && n < 7; l = list_tail(l)) items[n++] = list_head(l);
            items[n++] = x;
            loc = heap_list(p, items, n);
        }
    }
    top = heap_tuple4(p, e[0], e[1], fargs, loc);
    return heap_cons(p, top, list_tail(t));
}

term_t except_trace(Proc *p, const Instr *ip, const Instr *cp, const term_t *E,
                    const Export *mfa, const term_t *args, unsigned flags) {
    term_t frames[EXCEPT_TRACE_DEPTH];
    int n = 0;
    if (mfa) {
        term_t loc = flags & TRACE_BIF ? error_info(p, mfa->module) : TERM_NIL;
        frames[n++] = heap_tuple4(p, mfa->module, mfa->function, heap_list(p, args, mfa->arity), loc);
    }
    term_t f = TERM_NONE;
    if (!(flags & TRACE_TAIL)) {
        f = frame_at(p, ip, flags & TRACE_FC ? args : NULL);
        if (f != TERM_NONE) frames[n++] = f;
    }
    const Instr *last = NULL;
    if (cp && n < EXCEPT_TRACE_DEPTH) {
        f = frame_at(p, cp - 1, NULL);
        if (f != TERM_NONE) frames[n++] = f;
        last = cp;
    }
    for (const term_t *s = E; s && s < p->stack_hi && n < EXCEPT_TRACE_DEPTH; s++) {
        if ((*s & TAG_MASK) != TAG_HEADER || *s == 0) continue;
        const Instr *ret = (const Instr *)(uintptr_t)*s;
        if (ret == last) continue;
        last = ret;
        f = frame_at(p, ret - 1, NULL);
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

/* Logs an error through stdlib's logger, in a process of its own (the
   reporting process may be ending): logger:log(error, Format, Args). The
   logger prints it the way OTP's default handler does, and honours the
   primary level. Falls back to the console when no process can start. */
static void log_error(Proc *p, const char *format, term_t args) {
    term_t fmt = heap_cstr(p, format);
    term_t argv[3] = {ATOM_error, fmt, args};
    term_t err;
    term_t logger = atom_intern("logger", 6), log = atom_intern("log", 3);
    if (proc_spawn(p, logger, log, heap_list(p, argv, 3), &err)) return;
    StrBuf b;
    strbuf_init(&b);
    print_term(&b, args);
    strbuf_putc(&b, '\n');
    plat_console_write(b.s, b.len);
    strbuf_free(&b);
}

void except_report(Proc *p, uint32_t cls, term_t reason, term_t trace) {
    if (cls == EXC_EXIT) return;
    term_t args[2] = {p->pid, except_exit_reason(p, cls, reason, trace)};
    log_error(p, "Error in process ~p with exit value:~n~p~n", heap_list(p, args, 2));
}

void except_report_max_heap(Proc *p, size_t words) {
    if (!p->max_report) return;
    term_t args[5] = {p->pid, heap_uint(p, p->max_heap), heap_uint(p, words),
                      p->max_kill ? ATOM_true : ATOM_false, make_small(p->mq_len)};
    log_error(p,
              "     Process:            ~p \n"
              "     Context:            maximum heap size reached\n"
              "     Max Heap Size:      ~p\n"
              "     Total Heap Size:    ~p\n"
              "     Kill:               ~p\n"
              "     Error Logger:       true\n"
              "     Message Queue Len:  ~p\n",
              heap_list(p, args, 5));
}
