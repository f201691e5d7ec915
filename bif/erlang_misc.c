/*
** erlang_misc.c: the process dictionary (put/2, get/0,1, get_keys/0,1,
** erase/0,1), display/1, display_string/1, halt/0,1,2, system_info/1,
** statistics/1, garbage_collect/0,1,2, get_cookie/0, and the term hash of
** the general BIF files' tables.
**
** Representation of Proc.dict: [] when the dictionary is empty, otherwise
** a hash table on the process heap, the tuple {Count, B0, .., Bn-1} with n
** a power of two. Bucket Bi is a list of {Key, Value} tuples whose keys
** hash to i (erlang_term_hash). The table tuple and the bucket cons cells
** belong to the dictionary alone (no term handed to Erlang code points at
** them), so they are updated in place; a {Key, Value} tuple is never
** changed once made, so get/0 and erase/0 share them. Keys match with =:=.
** The table doubles when it holds two keys per bucket, so every operation
** is O(1) on average.
*/
#include "erlang.h"

#include "../sched/sched.h"
#include "../vm/gc.h"
#include "../vm/hash.h"
#include "../vm/interp.h"
#include "../vm/plat.h"
#include "../vm/print.h"

/* ---- the process dictionary ---- */

#define DICT_MIN_BUCKETS 8

uint32_t erlang_term_hash(term_t t)
{
    if (term_is_immed(t)) {
        uint64_t x = t * 0x9E3779B97F4A7C15u;
        return (uint32_t)(x >> 32) ^ (uint32_t)x;
    }
    return hash_phash2(t, 0);
}

static size_t dict_nbuckets(term_t d) { return tuple_arity(d) - 1; }
static term_t *dict_buckets(term_t d) { return tuple_elems(d) + 1; }
static size_t dict_count(term_t d) { return (size_t)small_val(tuple_elems(d)[0]); }
static void dict_set_count(term_t d, size_t n) { tuple_elems(d)[0] = make_small((sint_t)n); }

static term_t dict_new(Proc *p, size_t nb)
{
    term_t *hp = heap_alloc(p, nb + 2);
    hp[0] = MAKE_HDR(HDR_TUPLE, nb + 1);
    hp[1] = make_small(0);
    for (size_t i = 0; i < nb; i++) hp[2 + i] = TERM_NIL;
    return make_boxed(hp);
}

static term_t cell_key(term_t cell) { return tuple_elems(list_head(cell))[0]; }
static term_t cell_value(term_t cell) { return tuple_elems(list_head(cell))[1]; }

/* The word that links to the cons cell of key 'k' (a bucket slot or the
   tail of the cell before), or NULL if the key is absent. */
static term_t *dict_find(term_t d, term_t k, uint32_t h)
{
    term_t *link = &dict_buckets(d)[h & (dict_nbuckets(d) - 1)];
    while (term_is_list(*link)) {
        if (compare_exact(cell_key(*link), k)) return link;
        link = &term_ptr(*link)[1];
    }
    return NULL;
}

/* Moves every cell of 'd' into a table of twice as many buckets. */
static term_t dict_grow(Proc *p, term_t d)
{
    size_t nb = dict_nbuckets(d) * 2;
    term_t nd = dict_new(p, nb);
    term_t *to = dict_buckets(nd);
    term_t *from = dict_buckets(d);
    for (size_t i = 0; i < nb / 2; i++) {
        term_t cell = from[i];
        while (term_is_list(cell)) {
            term_t next = list_tail(cell);
            size_t j = erlang_term_hash(cell_key(cell)) & (nb - 1);
            term_ptr(cell)[1] = to[j];
            to[j] = cell;
            cell = next;
        }
    }
    dict_set_count(nd, dict_count(d));
    return nd;
}

BIF(bif_erlang_put_2)
{
    term_t k = args[0], v = args[1];
    if (term_is_nil(p->dict)) p->dict = dict_new(p, DICT_MIN_BUCKETS);
    term_t d = p->dict;
    uint32_t h = erlang_term_hash(k);
    term_t *link = dict_find(d, k, h);
    if (link) {
        term_t old = cell_value(*link);
        term_ptr(*link)[0] = heap_tuple2(p, k, v);
        return old;
    }
    term_t *b = &dict_buckets(d)[h & (dict_nbuckets(d) - 1)];
    *b = heap_cons(p, heap_tuple2(p, k, v), *b);
    dict_set_count(d, dict_count(d) + 1);
    if (dict_count(d) > 2 * dict_nbuckets(d)) p->dict = dict_grow(p, d);
    return ATOM_undefined;
}

BIF(bif_erlang_get_1)
{
    if (term_is_nil(p->dict)) return ATOM_undefined;
    term_t *link = dict_find(p->dict, args[0], erlang_term_hash(args[0]));
    return link ? cell_value(*link) : ATOM_undefined;
}

enum { PAIRS, KEYS };

/* A list of the pairs or keys of the dictionary of 'p', built on 'on';
   with 'val' not TERM_NONE, only of the keys whose value is =:= 'val'. */
static term_t dict_collect(Proc *p, Proc *on, int what, term_t val)
{
    term_t d = p->dict, out = TERM_NIL;
    if (term_is_nil(d)) return TERM_NIL;
    size_t nb = dict_nbuckets(d);
    for (size_t i = nb; i-- > 0;) {
        for (term_t c = dict_buckets(d)[i]; term_is_list(c); c = list_tail(c)) {
            if (!term_is_none(val) && !compare_exact(cell_value(c), val)) continue;
            out = heap_cons(on, what == PAIRS ? list_head(c) : cell_key(c), out);
        }
    }
    return out;
}

term_t erlang_dict_list(Proc *p, Proc *on) { return dict_collect(p, on, PAIRS, TERM_NONE); }

size_t erlang_dict_size(Proc *p)
{
    return term_is_nil(p->dict) ? 0 : dict_count(p->dict);
}

BIF(bif_erlang_get_0) { VM_UNUSED(args); return dict_collect(p, p, PAIRS, TERM_NONE); }
BIF(bif_erlang_get_keys_0) { VM_UNUSED(args); return dict_collect(p, p, KEYS, TERM_NONE); }
BIF(bif_erlang_get_keys_1) { return dict_collect(p, p, KEYS, args[0]); }

BIF(bif_erlang_erase_0)
{
    VM_UNUSED(args);
    term_t all = dict_collect(p, p, PAIRS, TERM_NONE);
    p->dict = TERM_NIL;
    return all;
}

BIF(bif_erlang_erase_1)
{
    term_t d = p->dict;
    if (term_is_nil(d)) return ATOM_undefined;
    term_t *link = dict_find(d, args[0], erlang_term_hash(args[0]));
    if (!link) return ATOM_undefined;
    term_t old = cell_value(*link);
    *link = list_tail(*link);
    dict_set_count(d, dict_count(d) - 1);
    if (dict_count(d) == 0) p->dict = TERM_NIL;
    return old;
}

/* ---- display and halt ---- */

static bool is_bool(term_t t) { return t == ATOM_true || t == ATOM_false; }

BIF(bif_erlang_display_1)
{
    VM_UNUSED(p);
    StrBuf b;
    strbuf_init(&b);
    print_term(&b, args[0]);
    strbuf_puts(&b, "\r\n");   /* as OTP 25 writes it, even to a file */
    plat_console_write(b.s, b.len);
    strbuf_free(&b);
    return ATOM_true;
}

/* OTP writes the string to standard error; the platform has one console. */
BIF(bif_erlang_display_string_1)
{
    StrBuf b;
    strbuf_init(&b);
    if (!erlang_string_utf8(args[0], &b, NULL)) {
        strbuf_free(&b);
        BIF_BADARG(p);
    }
    if (b.len) plat_console_write(b.s, b.len);
    strbuf_free(&b);
    return ATOM_true;
}

/* halt(Status) stops the VM at once (console output is already written):
   an integer (only its low 8 bits reach the exit status),
   the atom abort, or a string, which is printed on the console (OTP: on
   standard error, and as the slogan of a crash dump) before the VM exits
   with status 1. */
static term_t halt(Proc *p, term_t s)
{
    if (term_is_small(s)) {
        if (small_val(s) < 0) BIF_BADARG(p);
        plat_exit((int)(small_val(s) & 0xFF));
    }
    if (term_is_big(s)) {
        if (HDR_SUBTAG(boxed_hdr(s)) == HDR_NEG_BIG) BIF_BADARG(p);
        plat_exit((int)(term_ptr(s)[1] & 0xFF));
    }
    if (s == ATOM_abort) plat_abort("halt(abort)");
    StrBuf b;
    strbuf_init(&b);
    if (!erlang_string_utf8(s, &b, NULL)) {
        strbuf_free(&b);
        BIF_BADARG(p);
    }
    strbuf_putc(&b, '\n');
    plat_console_write(b.s, b.len);
    strbuf_free(&b);
    plat_exit(1);
}

BIF(bif_erlang_halt_0) { VM_UNUSED(args); return halt(p, make_small(0)); }
BIF(bif_erlang_halt_1) { return halt(p, args[0]); }

BIF(bif_erlang_halt_2)
{
    term_t l = args[1];
    for (; term_is_list(l); l = list_tail(l)) {
        term_t o = list_head(l);
        if (!term_is_tuple(o) || tuple_arity(o) != 2 || tuple_elems(o)[0] != ATOM_flush ||
            !is_bool(tuple_elems(o)[1]))
            BIF_BADARG(p);
    }
    if (!term_is_nil(l)) BIF_BADARG(p);
    return halt(p, args[0]);
}

/* ---- system_info, statistics, garbage_collect ---- */

#define SYSTEM_VERSION "Erlang/OTP 25 [erts-13.1.5] [spore] [64-bit] [smp:1:1] [ds:0:0:0]\n"

static uint64_t start_mono;   /* plat_clock_monotonic at the first question */

static uint64_t since_start_ms(void)
{
    uint64_t now = plat_clock_monotonic();
    if (start_mono == 0) start_mono = now;
    return (now - start_mono) / 1000000u;
}

static term_t tag2(Proc *p, term_t tag, term_t v) { return heap_tuple2(p, tag, v); }

BIF(bif_erlang_system_info_1)
{
    term_t k = args[0];
    if (term_is_tuple(k) && tuple_arity(k) == 2 && tuple_elems(k)[0] == ATOM_wordsize) {
        term_t w = tuple_elems(k)[1];
        if (w == ATOM_internal || w == ATOM_external) return make_small(8);
        BIF_BADARG(p);
    }
    if (!term_is_atom(k)) BIF_BADARG(p);
    if (k == ATOM_otp_release) return heap_cstr(p, "25");
    if (k == ATOM_version) return heap_cstr(p, "13.1.5");
    if (k == ATOM_system_version) return heap_cstr(p, SYSTEM_VERSION);
    if (k == ATOM_machine) return heap_cstr(p, "BEAM");
    if (k == ATOM_driver_version) return heap_cstr(p, "3.3");
    if (k == ATOM_nif_version) return heap_cstr(p, "2.16");
    if (k == ATOM_wordsize) return make_small(8);
    if (k == ATOM_os_type) return heap_tuple2(p, ATOM_unix, ATOM_linux);
    if (k == ATOM_schedulers || k == ATOM_schedulers_online || k == ATOM_logical_processors ||
        k == ATOM_logical_processors_online || k == ATOM_thread_pool_size)
        return make_small(1);
    if (k == ATOM_logical_processors_available) return ATOM_unknown;
    if (k == ATOM_dirty_cpu_schedulers || k == ATOM_dirty_cpu_schedulers_online ||
        k == ATOM_dirty_io_schedulers || k == ATOM_port_count || k == ATOM_creation)
        return make_small(0);
    if (k == ATOM_process_count) return make_small((sint_t)proc_count());
    if (k == ATOM_process_limit) return make_small(262144);
    if (k == ATOM_atom_count) return make_small((sint_t)atom_count());
    if (k == ATOM_atom_limit) return make_small(1048576);
    if (k == ATOM_port_limit) return make_small(65536);
    if (k == ATOM_ets_limit) return make_small(8192);
    if (k == ATOM_context_reductions) return make_small(INTERP_REDS);
    if (k == ATOM_compat_rel) return make_small(25);
    if (k == ATOM_smp_support || k == ATOM_threads) return ATOM_true;
    if (k == ATOM_debug_compiled || k == ATOM_kernel_poll) return ATOM_false;
    if (k == ATOM_endian) return ATOM_little;
    if (k == ATOM_build_type || k == ATOM_emu_type) return ATOM_opt;
    if (k == ATOM_emu_flavor) return ATOM_emu;
    if (k == ATOM_heap_type) return ATOM_private;
    if (k == ATOM_time_warp_mode) return ATOM_no_time_warp;
    if (k == ATOM_multi_scheduling) return ATOM_disabled;
    if (k == ATOM_hipe_architecture) return ATOM_undefined;
    if (k == ATOM_dist_ctrl) return TERM_NIL;
    if (k == ATOM_min_heap_size) return tag2(p, k, make_small(233));
    if (k == ATOM_min_bin_vheap_size) return tag2(p, k, make_small(46422));
    if (k == ATOM_fullsweep_after) return tag2(p, k, make_small(65535));
    if (k == ATOM_start_time) {
        since_start_ms();
        return heap_int(p, (sint_t)start_mono);
    }
    BIF_BADARG(p);
}

static uint64_t last_runtime_ms, last_wall_ms, last_reds;

BIF(bif_erlang_statistics_1)
{
    term_t k = args[0];
    if (k == ATOM_runtime || k == ATOM_wall_clock) {
        uint64_t now = since_start_ms();
        uint64_t *last = k == ATOM_runtime ? &last_runtime_ms : &last_wall_ms;
        uint64_t since = now - *last;
        *last = now;
        return heap_tuple2(p, heap_uint(p, now), heap_uint(p, since));
    }
    if (k == ATOM_reductions || k == ATOM_exact_reductions) {
        uint64_t total = p->total_reds;
        uint64_t since = total >= last_reds ? total - last_reds : total;
        last_reds = total;
        return heap_tuple2(p, heap_uint(p, total), heap_uint(p, since));
    }
    if (k == ATOM_run_queue || k == ATOM_total_run_queue_lengths ||
        k == ATOM_total_run_queue_lengths_all || k == ATOM_total_active_tasks ||
        k == ATOM_total_active_tasks_all)
        return make_small(0);
    if (k == ATOM_run_queue_lengths || k == ATOM_active_tasks)
        return heap_cons(p, make_small(0), TERM_NIL);
    if (k == ATOM_run_queue_lengths_all || k == ATOM_active_tasks_all) {
        term_t z = make_small(0);
        return heap_cons(p, z, heap_cons(p, z, TERM_NIL));
    }
    if (k == ATOM_context_switches) return heap_tuple2(p, make_small(0), make_small(0));
    if (k == ATOM_garbage_collection)
        return heap_tuple3(p, heap_uint(p, p->gc_count), make_small(0), make_small(0));
    if (k == ATOM_io) {
        term_t in = heap_tuple2(p, ATOM_input, make_small(0));
        term_t out = heap_tuple2(p, ATOM_output, make_small(0));
        return heap_tuple2(p, in, out);
    }
    BIF_BADARG(p);
}

/* garbage_collect: the running process is collected as soon as the BIF
   returns (the interpreter knows its live registers then); any other
   process is not running, so its saved registers are its roots now. */
static term_t collect(Proc *p, term_t pid)
{
    Proc *t = pid == p->pid ? p : proc_find(pid);
    if (!t)
        return ATOM_false;
    if (t == p)
        p->gc_asked = true;
    else
        gc_collect(t, 0, t->xsave, t->arity);
    return ATOM_true;
}

BIF(bif_erlang_garbage_collect_0) { return collect(p, p->pid); }

BIF(bif_erlang_garbage_collect_1)
{
    if (!term_is_pid(args[0])) BIF_BADARG(p);
    return collect(p, args[0]);
}

BIF(bif_erlang_garbage_collect_2)
{
    if (!term_is_pid(args[0]) || list_length(args[1]) < 0) BIF_BADARG(p);
    return collect(p, args[0]);
}

BIF(bif_erlang_get_cookie_0) { VM_UNUSED(p); VM_UNUSED(args); return ATOM_nocookie; }

#define E(name, arity, fn) {"erlang", name, arity, fn, 0}

const BifDef bif_erlang_misc_table[] = {
    E("put", 2, bif_erlang_put_2),
    E("get", 0, bif_erlang_get_0),
    E("get", 1, bif_erlang_get_1),
    E("get_keys", 0, bif_erlang_get_keys_0),
    E("get_keys", 1, bif_erlang_get_keys_1),
    E("erase", 0, bif_erlang_erase_0),
    E("erase", 1, bif_erlang_erase_1),
    E("display", 1, bif_erlang_display_1),
    E("display_string", 1, bif_erlang_display_string_1),
    E("halt", 0, bif_erlang_halt_0),
    E("halt", 1, bif_erlang_halt_1),
    E("halt", 2, bif_erlang_halt_2),
    E("system_info", 1, bif_erlang_system_info_1),
    E("statistics", 1, bif_erlang_statistics_1),
    E("garbage_collect", 0, bif_erlang_garbage_collect_0),
    E("garbage_collect", 1, bif_erlang_garbage_collect_1),
    E("garbage_collect", 2, bif_erlang_garbage_collect_2),
    E("get_cookie", 0, bif_erlang_get_cookie_0),
    {NULL, NULL, 0, NULL, 0},
};
