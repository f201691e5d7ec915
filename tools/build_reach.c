/*
** build_reach.c: which modules a program can reach, so that the image
** holds those and no others.
**
** The unit of the image is the module, but the unit of reaching is the
** function. Following every import of a module would drag in the whole of
** OTP (io imports erl_scan, which imports erl_parse, and so on: 7 MB for
** hello world); following the calls of the functions that can actually run
** keeps what a program needs. So each module that is followed is read with
** the VM's .beam reader and cut into functions, each with what it refers
** to:
**  - the functions it calls: local calls, imports (call_ext, bif, gc_bif,
**    minus the BIFs the VM implements in C, which need no module), funs
**    (make_fun) and fun M:F/A literals;
**  - module names it holds next to a function name, which is how code names
**    a function to call later: apply(M, F, A), spawn(M, F, A), {M, F, A} in
**    a child spec, proc_lib:start_link(gen, init_it, ...), the
**    {io_lib, format} in io's requests. A pair counts when the two atoms
**    are adjacent elements of a tuple or list (a literal, or one built by
**    put_tuple2 or put_list) or sit in consecutive x registers at a call;
**    it reaches every exported function of that name, whatever its arity;
**  - module names alone: they reach nothing, but are reported as modules a
**    dynamic call might want (--include keeps them).
** Starting from the entry point and what the VM itself calls, a work list
** visits reached functions until nothing new is reached.
**
** Some modules are kept whole (every exported function counts as reached),
** because they are called back by name from elsewhere: the program's own
** modules, behaviours (modules that export
** behaviour_info/1, and any module named by a -behaviour attribute of a
** kept module), the callback modules of the applications the program
** uses, and --include.
**
** The analysis is conservative for code that names what it calls; a module
** chosen at run time from data (list_to_atom, a configuration) is out of
** its sight, which is what --include is for.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bif/bif.h"
#include "../vm/atom.h"
#include "../vm/beamfile.h"
#include "../vm/code.h"
#include "../vm/map.h"
#include "build.h"
#include "cli.h"

/* What the VM calls by itself, whatever the program: init:boot/1 at start
   (vm/main.c) and logger:log/3 to report a crashed process (vm/except.c). */
static const struct {
    const char *module, *function;
    uint32_t arity;
} vm_calls[] = {{"init", "boot", 1}, {"logger", "log", 3}};

/* Functions not followed: init:eval/1 serves -eval, which drags in the
   Erlang parser and evaluator; an image's entry point is -run's. */
static const struct {
    const char *module, *function;
    uint32_t arity;
} cuts[] = {{"init", "eval", 1}};

/* OTP modules that cannot run on spore, because they need a server or a
   driver that spore does not have: the code server and loader, the
   application controller, the file server and its drivers (there is no
   file system), the terminal's user and group servers, global's name
   server, kernel's supervisor. A call into them would fail at run time with
   or without them in the image, so they are not followed. spore does the
   work itself where it matters: code:ensure_loaded/1 in C; application,
   spore_io and init in stdlib/. */
static const char unsupported[] =
    "code code_server erl_prim_loader application_controller application_master "
    "application_starter file file_server file_io_server raw_file_io raw_file_io_list "
    "raw_file_io_compressed raw_file_io_delayed raw_file_io_inflate raw_file_io_deflate "
    "ram_file user user_drv user_sup group global global_group kernel kernel_config "
    "erl_boot_server";

enum { EDGE_LABEL, EDGE_MFA, EDGE_PAIR, EDGE_NAMED };

typedef struct Edge {
    uint8_t kind;
    uint32_t n; /* EDGE_LABEL: the label; EDGE_MFA: the arity */
    term_t m, f;
} Edge;

typedef struct Func {
    term_t name;
    uint32_t arity;
    size_t first, count; /* its edges */
    bool reached;
} Func;

typedef struct Export1 {
    term_t name;
    uint32_t arity, func;
} Export1;

struct ReachModule {
    Func *funcs;
    uint32_t nfuncs;
    Edge *edges;
    size_t nedges, capedges;
    uint32_t *label_func; /* label -> 1 + function index, or 0 */
    uint32_t nlabels;
    Export1 *exports;
    uint32_t nexports;
    term_t *behaviours;
    size_t nbehaviours;
    int64_t on_load; /* the function -on_load names, or -1 */
    bool behaviour;  /* exports behaviour_info/1 */
};

typedef struct Work {
    BuildModule *mod;
    uint32_t func;
} Work;

typedef struct Reach {
    BuildSet *s;
    Work *work;
    size_t nwork, capwork;
    char *err;
    size_t errlen;
    term_t by_module, by_function; /* the function being visited */
    uint32_t by_arity;
} Reach;

/* ---- instruction roles ---- */

enum {
    ROLE_OTHER,
    ROLE_LABEL,
    ROLE_FUNC_INFO,
    ROLE_ON_LOAD,
    ROLE_CALL,
    ROLE_EXT,
    ROLE_BIF,
    ROLE_FUN,
    ROLE_MOVE,
    ROLE_PUT_LIST,
    ROLE_PUT,
    ROLE_DYNAMIC
};

static uint8_t role[256];
static uint8_t import_arg[256]; /* which operand is the import, for ROLE_EXT/ROLE_BIF */

static void roles_init(void)
{
    static const struct {
        const char *name;
        uint8_t role, arg;
    } table[] = {{"label", ROLE_LABEL, 0},
                 {"func_info", ROLE_FUNC_INFO, 0},
                 {"on_load", ROLE_ON_LOAD, 0},
                 {"call", ROLE_CALL, 1},
                 {"call_last", ROLE_CALL, 1},
                 {"call_only", ROLE_CALL, 1},
                 {"call_ext", ROLE_EXT, 1},
                 {"call_ext_last", ROLE_EXT, 1},
                 {"call_ext_only", ROLE_EXT, 1},
                 {"bif0", ROLE_BIF, 0},
                 {"bif1", ROLE_BIF, 1},
                 {"bif2", ROLE_BIF, 1},
                 {"gc_bif1", ROLE_BIF, 2},
                 {"gc_bif2", ROLE_BIF, 2},
                 {"gc_bif3", ROLE_BIF, 2},
                 {"make_fun", ROLE_FUN, 0},
                 {"make_fun2", ROLE_FUN, 0},
                 {"make_fun3", ROLE_FUN, 0},
                 {"move", ROLE_MOVE, 0},
                 {"put_list", ROLE_PUT_LIST, 0},
                 {"put", ROLE_PUT, 0},
                 {"apply", ROLE_DYNAMIC, 0},
                 {"apply_last", ROLE_DYNAMIC, 0},
                 {"call_fun", ROLE_DYNAMIC, 0},
                 {"call_fun2", ROLE_DYNAMIC, 0},
                 {"send", ROLE_DYNAMIC, 0}};
    for (uint32_t op = 0; op < 256; op++) {
        uint32_t arity;
        const char *name = beamfile_opname(op, &arity);
        for (size_t i = 0; name && i < sizeof table / sizeof table[0]; i++)
            if (strcmp(name, table[i].name) == 0) {
                role[op] = table[i].role;
                import_arg[op] = table[i].arg;
            }
    }
}

/* ---- scanning a module ---- */

/* The scan of one module's code: edges go to the function being read. */
typedef struct Scan {
    BuildSet *s;
    struct ReachModule *rm;
    const BeamFile *bf;
    bool in_func;
    /* The atoms last moved into x registers, valid when their generation
       is 'gen'; 'head' is the atom at the head of a list built there. */
    term_t xr[VM_MAX_X], head[VM_MAX_X];
    uint32_t xgen[VM_MAX_X], gen;
    uint32_t hi;     /* 1 + the highest register set in this generation */
    term_t last_put; /* the atom of the previous 'put', or TERM_NIL */
} Scan;

static void add_edge(Scan *sc, uint8_t kind, term_t m, term_t f, uint32_t n)
{
    struct ReachModule *rm = sc->rm;
    if (!sc->in_func)
        return;
    if (rm->nedges == rm->capedges) {
        rm->capedges = rm->capedges ? 2 * rm->capedges : 64;
        rm->edges = build_grow(rm->edges, rm->capedges, sizeof *rm->edges);
    }
    rm->edges[rm->nedges++] = (Edge){kind, n, m, f};
    rm->funcs[rm->nfuncs - 1].count++;
}

/* Atoms worth an edge: names of modules or of the program's applications. */
static bool names_something(const BuildSet *s, term_t a)
{
    return term_is_atom(a) && (build_input_find(s, a) || build_input_app(s, a));
}

static void note_atom(Scan *sc, term_t a)
{
    if (names_something(sc->s, a))
        add_edge(sc, EDGE_NAMED, a, TERM_NIL, 0);
}

static void note_pair(Scan *sc, term_t m, term_t f)
{
    if (term_is_atom(m) && term_is_atom(f) && build_input_find(sc->s, m))
        add_edge(sc, EDGE_PAIR, m, f, 0);
}

/* Every atom, fun M:F/A and adjacent pair of atoms in the literal 't'. */
static void scan_literal(Scan *sc, term_t t)
{
    size_t n = 0, cap = 64;
    term_t *stack = build_grow(NULL, cap, sizeof *stack);
    stack[n++] = t;
    while (n > 0) {
        t = stack[--n];
        if (n + 4 >= cap)
            stack = build_grow(stack, cap *= 2, sizeof *stack);
        if (term_is_atom(t)) {
            note_atom(sc, t);
        } else if (term_is_list(t)) {
            term_t prev = TERM_NIL;
            for (; term_is_list(t); t = list_tail(t)) {
                term_t h = list_head(t);
                if (term_is_atom(h) && term_is_atom(prev))
                    note_pair(sc, prev, h);
                prev = h;
                if (n + 4 >= cap)
                    stack = build_grow(stack, cap *= 2, sizeof *stack);
                stack[n++] = h;
            }
            stack[n++] = t;
        } else if (term_is_tuple(t)) {
            size_t k = tuple_arity(t);
            const term_t *e = tuple_elems(t);
            for (size_t i = 0; i < k; i++) {
                if (i > 0 && term_is_atom(e[i - 1]) && term_is_atom(e[i]))
                    note_pair(sc, e[i - 1], e[i]);
                if (n + 4 >= cap)
                    stack = build_grow(stack, cap *= 2, sizeof *stack);
                stack[n++] = e[i];
            }
        } else if (term_is_map(t)) {
            MapIter it;
            term_t k, v;
            map_iter_init(&it, t);
            while (map_iter_next(&it, &k, &v)) {
                if (n + 4 >= cap)
                    stack = build_grow(stack, cap *= 2, sizeof *stack);
                stack[n++] = k;
                stack[n++] = v;
            }
        } else if (boxed_is(t, HDR_EXPORT)) {
            const Export *x = fun_export(t);
            add_edge(sc, EDGE_MFA, x->module, x->function, x->arity);
        }
    }
    free(stack);
}

static term_t reg_head(const Scan *sc, const BeamArg *a)
{
    return a->kind == BO_X && sc->xgen[a->val] == sc->gen ? sc->head[a->val] : TERM_NIL;
}

static void reg_set(Scan *sc, const BeamArg *a, term_t atom, term_t head)
{
    if (a->kind != BO_X)
        return;
    sc->xr[a->val] = atom;
    sc->head[a->val] = head;
    sc->xgen[a->val] = sc->gen;
    if (a->val >= sc->hi)
        sc->hi = (uint32_t)a->val + 1;
}

/* Forgets every register: after a call or at a label. */
static void reg_reset(Scan *sc)
{
    sc->gen++;
    sc->hi = 0;
}

/* At a call: module and function names in consecutive argument registers. */
static void call_pairs(Scan *sc)
{
    for (uint32_t i = 0; i + 1 < sc->hi; i++)
        if (sc->xgen[i] == sc->gen && sc->xgen[i + 1] == sc->gen)
            note_pair(sc, sc->xr[i], sc->xr[i + 1]);
    reg_reset(sc);
}

/* Atoms and literals in any operand, and adjacent atoms in a list operand
   (put_tuple2's elements). */
static void scan_operands(Scan *sc, const BeamOp *op)
{
    for (uint32_t i = 0; i < op->arity; i++) {
        if (op->args[i].kind == BO_ATOM)
            note_atom(sc, op->args[i].term);
        else if (op->args[i].kind == BO_LIT)
            scan_literal(sc, op->args[i].term);
    }
    for (uint32_t i = 0; i < op->list_len; i++) {
        const BeamArg *e = &op->list[i];
        if (e->kind == BO_ATOM)
            note_atom(sc, e->term);
        else if (e->kind == BO_LIT)
            scan_literal(sc, e->term);
        if (i > 0 && e->kind == BO_ATOM && op->list[i - 1].kind == BO_ATOM)
            note_pair(sc, op->list[i - 1].term, e->term);
    }
}

/* Which atoms the x registers hold after 'op', which is no call. */
static void track_registers(Scan *sc, const BeamOp *op, uint8_t r)
{
    const BeamArg *a = op->args;
    if (r == ROLE_MOVE) {
        if (a[0].kind == BO_ATOM)
            reg_set(sc, &a[1], a[0].term, TERM_NIL);
        else if (a[0].kind == BO_X && a[1].kind == BO_X && sc->xgen[a[0].val] == sc->gen)
            reg_set(sc, &a[1], sc->xr[a[0].val], sc->head[a[0].val]);
        else if (a[1].kind == BO_X)
            sc->xgen[a[1].val] = sc->gen - 1;
    } else if (r == ROLE_PUT_LIST) {
        /* put_list Head Tail Dst: [M, F | T] is built from its end. */
        if (a[0].kind == BO_ATOM && term_is_atom(reg_head(sc, &a[1])))
            note_pair(sc, a[0].term, reg_head(sc, &a[1]));
        reg_set(sc, &a[2], TERM_NIL, a[0].kind == BO_ATOM ? a[0].term : TERM_NIL);
    } else if (op->arity > 0 && a[op->arity - 1].kind == BO_X) {
        /* Any other instruction that writes an x register (its last
           operand, by BEAM's convention) leaves no atom there. */
        sc->xgen[a[op->arity - 1].val] = sc->gen - 1;
    }
}

/* One instruction: its operands, then what its role says. */
static void scan_op(Scan *sc, const BeamOp *op, uint32_t *pending_on_load)
{
    const BeamFile *bf = sc->bf;
    struct ReachModule *rm = sc->rm;
    uint8_t r = role[op->opcode];
    const BeamArg *a = op->args;
    if (r == ROLE_FUNC_INFO) { /* its atoms name the function itself */
        rm->funcs = build_grow(rm->funcs, rm->nfuncs + 1, sizeof *rm->funcs);
        rm->funcs[rm->nfuncs++] = (Func){a[1].term, (uint32_t)a[2].val, rm->nedges, 0, false};
        sc->in_func = true;
        if (*pending_on_load)
            rm->on_load = rm->nfuncs - 1;
        *pending_on_load = 0;
        reg_reset(sc);
        return;
    }
    scan_operands(sc, op);
    term_t put = TERM_NIL;
    if (r == ROLE_LABEL) {
        if (sc->in_func)
            rm->label_func[a[0].val] = rm->nfuncs;
        reg_reset(sc);
    } else if (r == ROLE_ON_LOAD) {
        *pending_on_load = 1;
    } else if (r == ROLE_CALL || r == ROLE_FUN) {
        /* a local call, or a fun: make_fun2/3 index FunT, make_fun has the label */
        uint64_t label = r == ROLE_CALL      ? a[1].val
                         : a[0].kind == BO_F ? a[0].val
                                             : bf->funs[a[0].val].label;
        add_edge(sc, EDGE_LABEL, TERM_NIL, TERM_NIL, (uint32_t)label);
        if (r == ROLE_CALL)
            call_pairs(sc);
    } else if (r == ROLE_EXT || r == ROLE_BIF) {
        const BeamImport *im = &bf->imports[a[import_arg[op->opcode]].val];
        add_edge(sc, EDGE_MFA, bf->atoms[im->module], bf->atoms[im->function], im->arity);
        if (r == ROLE_EXT)
            call_pairs(sc);
        else
            track_registers(sc, op, r);
    } else if (r == ROLE_PUT) {
        /* before put_tuple2: put_tuple, then one 'put' per element */
        if (a[0].kind == BO_ATOM && term_is_atom(sc->last_put))
            note_pair(sc, sc->last_put, a[0].term);
        put = a[0].kind == BO_ATOM ? a[0].term : TERM_NIL;
    } else if (r == ROLE_DYNAMIC) {
        call_pairs(sc);
    } else {
        track_registers(sc, op, r);
    }
    sc->last_put = put;
}

static int scan_code(BuildSet *s, struct ReachModule *rm, const BeamFile *bf, char *err,
                     size_t errlen)
{
    Scan *sc = build_grow(NULL, 1, sizeof *sc); /* the registers: too big for the stack */
    memset(sc, 0, sizeof *sc);
    sc->s = s;
    sc->rm = rm;
    sc->bf = bf;
    sc->gen = 1;
    sc->last_put = TERM_NIL;
    BeamCodeReader cr;
    BeamOp op;
    uint32_t pending_on_load = 0;
    int rc;
    beamfile_code_begin(&cr, bf);
    while ((rc = beamfile_next_op(&cr, &op, err, errlen)) == 1)
        scan_op(sc, &op, &pending_on_load);
    beamfile_code_end(&cr);
    free(sc);
    return rc;
}

/* The exported functions, and the modules named by -behaviour (or
   -behavior) attributes: [{behaviour, [X]}, ...]. */
static void read_exports(struct ReachModule *rm, const BeamFile *bf)
{
    for (uint32_t i = 0; i < bf->num_exports; i++) {
        const BeamExport *x = &bf->exports[i];
        uint32_t f = x->label < bf->num_labels ? rm->label_func[x->label] : 0;
        if (f == 0)
            continue;
        rm->exports = build_grow(rm->exports, rm->nexports + 1, sizeof *rm->exports);
        rm->exports[rm->nexports++] = (Export1){bf->atoms[x->function], x->arity, f - 1};
        size_t k;
        const char *name = atom_name(bf->atoms[x->function], &k);
        if (x->arity == 1 && k == 14 && memcmp(name, "behaviour_info", 14) == 0)
            rm->behaviour = true;
    }
    term_t behaviour = atom_intern("behaviour", 9), behavior = atom_intern("behavior", 8);
    for (term_t l = bf->attributes; term_is_list(l); l = list_tail(l)) {
        term_t kv = list_head(l);
        if (!term_is_tuple(kv) || tuple_arity(kv) != 2)
            continue;
        term_t key = tuple_elems(kv)[0];
        if (key != behaviour && key != behavior)
            continue;
        for (term_t v = tuple_elems(kv)[1]; term_is_list(v); v = list_tail(v))
            if (term_is_atom(list_head(v))) {
                rm->behaviours = build_grow(rm->behaviours, rm->nbehaviours + 1, sizeof(term_t));
                rm->behaviours[rm->nbehaviours++] = list_head(v);
            }
    }
}

/* Reads 'm' and cuts it into functions. */
static int scan_module(BuildSet *s, BuildModule *m, char *err, size_t errlen)
{
    if (m->reach)
        return 0;
    size_t len;
    uint8_t *bytes = cli_read_file(m->path, &len);
    if (!bytes) {
        snprintf(err, errlen, "%s: %s", m->path, strerror(errno));
        return -1;
    }
    BeamFile bf;
    if (beamfile_read(&bf, m->path, bytes, len, err, errlen) < 0) {
        free(bytes);
        return -1;
    }
    size_t nl, nm;
    const char *got = atom_name(bf.module, &nl), *want = atom_name(m->name, &nm);
    if (bf.module != m->name) {
        snprintf(err, errlen, "%s: holds module '%.*s', not '%.*s'", m->path, (int)nl, got, (int)nm,
                 want);
        beamfile_free(&bf);
        free(bytes);
        return -1;
    }
    struct ReachModule *rm = build_grow(NULL, 1, sizeof *rm);
    memset(rm, 0, sizeof *rm);
    rm->on_load = -1;
    rm->nlabels = bf.num_labels;
    rm->label_func = build_grow(NULL, bf.num_labels + 1, sizeof *rm->label_func);
    memset(rm->label_func, 0, (bf.num_labels + 1) * sizeof *rm->label_func);
    int rc = scan_code(s, rm, &bf, err, errlen);
    if (rc == 0)
        read_exports(rm, &bf);
    beamfile_free(&bf);
    free(bytes);
    m->reach = rm;
    return rc;
}

/* ---- the work list ---- */

static bool is_cut(term_t m, term_t f, uint32_t a)
{
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
        if (a == cuts[i].arity && m == atom_intern_static(cuts[i].module) &&
            f == atom_intern_static(cuts[i].function))
            return true;
    return false;
}

static void reach_func(Reach *r, BuildModule *m, uint32_t f)
{
    const Func *fn = &m->reach->funcs[f];
    if (fn->reached || is_cut(m->name, fn->name, fn->arity))
        return;
    m->reach->funcs[f].reached = true;
    if (r->nwork == r->capwork) {
        r->capwork = r->capwork ? 2 * r->capwork : 256;
        r->work = build_grow(r->work, r->capwork, sizeof *r->work);
    }
    r->work[r->nwork++] = (Work){m, f};
}

static int keep(Reach *r, BuildModule *m, BuildWhy why);

/* Every exported function of 'm' counts as reached. */
static void make_whole(Reach *r, BuildModule *m)
{
    if (m->whole)
        return;
    m->whole = true;
    for (uint32_t i = 0; i < m->reach->nexports; i++)
        reach_func(r, m, m->reach->exports[i].func);
}

/* The modules that 'm' names in -behaviour attributes: kept whole, since
   they call 'm' back by name. */
static int keep_behaviours(Reach *r, BuildModule *m)
{
    term_t bm = r->by_module, bf = r->by_function;
    uint32_t ba = r->by_arity;
    r->by_module = m->name;
    r->by_function = TERM_NIL;
    r->by_arity = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->reach->nbehaviours; i++) {
        BuildModule *b = build_input_find(r->s, m->reach->behaviours[i]);
        if (b)
            rc = keep(r, b, BUILD_WHY_BEHAVIOUR);
    }
    r->by_module = bm;
    r->by_function = bf;
    r->by_arity = ba;
    return rc;
}

/* Puts 'm' in the image (once), and what keeping it implies. */
static int keep(Reach *r, BuildModule *m, BuildWhy why)
{
    if (m->unsupported)
        return 0;
    if (scan_module(r->s, m, r->err, r->errlen) < 0)
        return -1;
    if (why != BUILD_WHY_CALL && why != BUILD_WHY_NAMED)
        make_whole(r, m);
    if (m->kept)
        return 0;
    m->kept = true;
    m->why = why;
    m->by_module = r->by_module;
    m->by_function = r->by_function;
    m->by_arity = r->by_arity;
    if (m->origin == BUILD_PROGRAM || m->reach->behaviour)
        make_whole(r, m);
    if (m->reach->on_load >= 0)
        reach_func(r, m, (uint32_t)m->reach->on_load);
    return keep_behaviours(r, m);
}

static int reach_mfa(Reach *r, term_t m, term_t f, uint32_t a, BuildWhy why)
{
    if (!term_is_atom(m) || bif_find(m, f, a))
        return 0;
    BuildModule *mod = build_input_find(r->s, m);
    if (!mod || mod->unsupported)
        return 0;
    if (keep(r, mod, why) < 0)
        return -1;
    for (uint32_t i = 0; i < mod->reach->nexports; i++)
        if (mod->reach->exports[i].name == f && mod->reach->exports[i].arity == a)
            reach_func(r, mod, mod->reach->exports[i].func);
    return 0;
}

/* A module name beside a function name: every exported arity. */
static int reach_pair(Reach *r, term_t m, term_t f)
{
    BuildModule *mod = build_input_find(r->s, m);
    if (!mod || mod->unsupported)
        return 0;
    if (scan_module(r->s, mod, r->err, r->errlen) < 0)
        return -1;
    for (uint32_t i = 0; i < mod->reach->nexports; i++)
        if (mod->reach->exports[i].name == f &&
            reach_mfa(r, m, f, mod->reach->exports[i].arity, BUILD_WHY_NAMED) < 0)
            return -1;
    return 0;
}

static int use_app(Reach *r, BuildApp *app)
{
    if (app->used)
        return 0;
    app->used = true;
    BuildModule *mod = app->mod != TERM_NIL ? build_input_find(r->s, app->mod) : NULL;
    if (mod && keep(r, mod, BUILD_WHY_APP) < 0)
        return -1;
    for (size_t i = 0; i < app->ndeps; i++) {
        BuildApp *dep = build_input_app(r->s, app->deps[i]);
        if (dep && use_app(r, dep) < 0)
            return -1;
    }
    return 0;
}

static int visit(Reach *r, BuildModule *m, uint32_t fi)
{
    const Func *f = &m->reach->funcs[fi];
    r->by_module = m->name;
    r->by_function = f->name;
    r->by_arity = f->arity;
    for (size_t i = f->first; i < f->first + f->count; i++) {
        const Edge *e = &m->reach->edges[i];
        int rc = 0;
        switch (e->kind) {
        case EDGE_LABEL:
            if (e->n < m->reach->nlabels && m->reach->label_func[e->n])
                reach_func(r, m, m->reach->label_func[e->n] - 1);
            break;
        case EDGE_MFA:
            rc = reach_mfa(r, e->m, e->f, e->n, BUILD_WHY_CALL);
            break;
        case EDGE_PAIR:
            rc = reach_pair(r, e->m, e->f);
            break;
        case EDGE_NAMED: {
            BuildModule *named = build_input_find(r->s, e->m);
            BuildApp *app = build_input_app(r->s, e->m);
            if (named)
                named->named = true;
            if (app)
                rc = use_app(r, app);
            break;
        }
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* The entry point, with a message that says what is wrong with it. */
static int reach_entry(Reach *r, const BuildRoots *roots)
{
    size_t nm, nf;
    const char *m = atom_name(roots->module, &nm), *f = atom_name(roots->function, &nf);
    BuildModule *mod = build_input_find(r->s, roots->module);
    if (!mod) {
        snprintf(r->err, r->errlen,
                 "unknown entry module '%.*s' (no %.*s.beam among the inputs, spore's stdlib "
                 "or OTP)",
                 (int)nm, m, (int)nm, m);
        return -1;
    }
    if (scan_module(r->s, mod, r->err, r->errlen) < 0)
        return -1;
    for (uint32_t i = 0; i < mod->reach->nexports; i++) {
        const Export1 *x = &mod->reach->exports[i];
        if (x->name == roots->function && x->arity == roots->arity) {
            if (keep(r, mod, BUILD_WHY_ENTRY) < 0)
                return -1;
            reach_func(r, mod, x->func);
            return 0;
        }
    }
    int n = snprintf(r->err, r->errlen, "%.*s:%.*s/%u is not exported (%s)", (int)nm, m, (int)nf, f,
                     roots->arity,
                     roots->arity == 0 ? "without --arg the entry is called as Mod:Fun()"
                                       : "with --arg the entry is called as Mod:Fun(Args)");
    for (uint32_t i = 0; n > 0 && (size_t)n < r->errlen && i < mod->reach->nexports; i++)
        if (mod->reach->exports[i].name == roots->function)
            n += snprintf(r->err + n, r->errlen - (size_t)n, "; %.*s exports %.*s/%u", (int)nm, m,
                          (int)nf, f, mod->reach->exports[i].arity);
    return -1;
}

int build_reach(BuildSet *s, const BuildRoots *roots, char *err, size_t errlen)
{
    Reach r = {.s = s, .err = err, .errlen = errlen};
    r.by_module = r.by_function = TERM_NIL;
    roles_init();
    for (const char *p = unsupported; *p;) {
        size_t n = strcspn(p, " ");
        BuildModule *m = build_input_find(s, atom_intern(p, n));
        if (m && m->origin == BUILD_OTP)
            m->unsupported = true;
        p += n + (p[n] == ' ');
    }
    int rc = reach_entry(&r, roots);
    for (size_t i = 0; rc == 0 && i < sizeof vm_calls / sizeof vm_calls[0]; i++)
        rc = reach_mfa(&r, atom_intern_static(vm_calls[i].module),
                       atom_intern_static(vm_calls[i].function), vm_calls[i].arity, BUILD_WHY_VM);
    for (size_t i = 0; rc == 0 && i < roots->ninclude; i++) {
        BuildModule *m = build_input_find(s, roots->include[i]);
        size_t n;
        const char *name = atom_name(roots->include[i], &n);
        if (!m || m->unsupported) {
            snprintf(err, errlen, "--include %.*s: %s", (int)n, name,
                     m ? "not a module spore can run" : "no such module");
            rc = -1;
        } else {
            rc = keep(&r, m, BUILD_WHY_INCLUDE);
        }
    }
    while (rc == 0 && r.nwork > 0) {
        Work w = r.work[--r.nwork];
        rc = visit(&r, w.mod, w.func);
    }
    free(r.work);
    return rc;
}
