/*
** matchspec.c: compiling and running match specifications (matchspec.h).
** The specification is interpreted from its own terms: compiling checks
** it and lists the variables each head binds; running matches a head
** (exactly, as a pattern does), evaluates the guards and the body. Guard
** functions are the erlang BIFs of the same name, called directly. Atoms
** are classified once ('_', '$_', '$$', '$N', a guard function, or plain)
** and the class is cached by atom index.
*/
#include "../bif/bif.h"
#include "atom.h"
#include "compare.h"
#include "map.h"
#include "matchspec.h"

/* ---- atom classes ---- */

enum { K_UNKNOWN = 0, K_PLAIN, K_ANY, K_OBJ, K_ALL };
#define K_FUN 0x20000000   /* | the index of the first ms_funs entry of the name */
#define K_VAR 0x40000000   /* | the variable number */
#define VAR_MAX 999999999

enum { F_BIF, F_AND, F_OR, F_ANDALSO, F_ORELSE };

typedef struct MsFun {
    const char *name;
    int arity;                /* -1: one argument or more */
    int kind;
} MsFun;

/* Entries of one name are adjacent. */
static const MsFun ms_funs[] = {
    {"is_atom", 1, F_BIF}, {"is_float", 1, F_BIF}, {"is_integer", 1, F_BIF},
    {"is_list", 1, F_BIF}, {"is_number", 1, F_BIF}, {"is_pid", 1, F_BIF},
    {"is_port", 1, F_BIF}, {"is_reference", 1, F_BIF}, {"is_tuple", 1, F_BIF},
    {"is_map", 1, F_BIF}, {"is_binary", 1, F_BIF}, {"is_function", 1, F_BIF},
    {"is_record", 3, F_BIF}, {"is_map_key", 2, F_BIF},
    {"abs", 1, F_BIF}, {"element", 2, F_BIF}, {"hd", 1, F_BIF}, {"tl", 1, F_BIF},
    {"length", 1, F_BIF}, {"map_get", 2, F_BIF}, {"map_size", 1, F_BIF},
    {"node", 0, F_BIF}, {"node", 1, F_BIF}, {"round", 1, F_BIF}, {"trunc", 1, F_BIF},
    {"size", 1, F_BIF}, {"bit_size", 1, F_BIF}, {"byte_size", 1, F_BIF},
    {"binary_part", 2, F_BIF}, {"binary_part", 3, F_BIF}, {"float", 1, F_BIF},
    {"self", 0, F_BIF},
    {"+", 1, F_BIF}, {"+", 2, F_BIF}, {"-", 1, F_BIF}, {"-", 2, F_BIF},
    {"*", 2, F_BIF}, {"/", 2, F_BIF}, {"div", 2, F_BIF}, {"rem", 2, F_BIF},
    {"band", 2, F_BIF}, {"bor", 2, F_BIF}, {"bxor", 2, F_BIF}, {"bnot", 1, F_BIF},
    {"bsl", 2, F_BIF}, {"bsr", 2, F_BIF},
    {">", 2, F_BIF}, {">=", 2, F_BIF}, {"<", 2, F_BIF}, {"=<", 2, F_BIF},
    {"=:=", 2, F_BIF}, {"==", 2, F_BIF}, {"=/=", 2, F_BIF}, {"/=", 2, F_BIF},
    {"xor", 2, F_BIF}, {"not", 1, F_BIF},
    {"and", -1, F_AND}, {"or", -1, F_OR}, {"andalso", -1, F_ANDALSO}, {"orelse", -1, F_ORELSE},
};
#define NFUNS (sizeof ms_funs / sizeof ms_funs[0])

static BifFn ms_bifs[NFUNS];
static bool ms_ready;
static int32_t *kinds;
static size_t nkinds;

static void ms_init(void)
{
    for (size_t i = 0; i < NFUNS; i++) {
        if (ms_funs[i].kind != F_BIF) continue;
        term_t f = atom_intern(ms_funs[i].name, strlen(ms_funs[i].name));
        ms_bifs[i] = bif_find(ATOM_erlang, f, (uint32_t)ms_funs[i].arity);
    }
    ms_ready = true;
}

static int32_t classify_name(const char *s, size_t n)
{
    if (n == 1 && s[0] == '_') return K_ANY;
    if (n == 2 && s[0] == '$' && s[1] == '_') return K_OBJ;
    if (n == 2 && s[0] == '$' && s[1] == '$') return K_ALL;
    if (n >= 2 && n <= 10 && s[0] == '$' && (s[1] != '0' || n == 2)) {
        int32_t v = 0;
        size_t i = 1;
        while (i < n && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
        if (i == n && v <= VAR_MAX) return K_VAR | v;
    }
    for (size_t i = 0; i < NFUNS; i++)
        if (strlen(ms_funs[i].name) == n && memcmp(ms_funs[i].name, s, n) == 0)
            return K_FUN | (int32_t)i;
    return K_PLAIN;
}

static int32_t classify(term_t a)
{
    size_t i = atom_index(a);
    if (i >= nkinds) {
        size_t n = atom_count() + 256;
        if (n <= i) n = i + 256;
        kinds = vm_realloc(kinds, n * sizeof *kinds);
        memset(kinds + nkinds, 0, (n - nkinds) * sizeof *kinds);
        nkinds = n;
    }
    if (kinds[i] == K_UNKNOWN) {
        size_t len;
        const char *s = atom_name(a, &len);
        kinds[i] = classify_name(s, len);
    }
    return kinds[i];
}

/* ---- the compiled form ---- */

typedef struct MsClause {
    term_t head, guards, body;
    uint32_t nvars;
    int32_t *vars;            /* the variable numbers the head binds, sorted */
} MsClause;

struct MatchSpec {
    term_t spec;
    uint32_t n, maxvars;
    term_t *vals;             /* bindings while running, by position in 'vars' */
    MsClause cl[];
};

typedef struct VarSet {
    int32_t *v;
    uint32_t n, cap;
} VarSet;

static void varset_add(VarSet *s, int32_t v)
{
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->v[mid] == v) return;
        if (s->v[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = vm_realloc(s->v, s->cap * sizeof *s->v);
    }
    memmove(s->v + lo + 1, s->v + lo, (s->n - lo) * sizeof *s->v);
    s->v[lo] = v;
    s->n++;
}

/* The position of variable 'v' in 'c', or -1. */
static int var_slot(const MsClause *c, int32_t v)
{
    uint32_t lo = 0, hi = c->nvars;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (c->vars[mid] == v) return (int)mid;
        if (c->vars[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

/* Adds the variables of the head term 't' to 's'; false if a map key in
   it is a variable or '_'. */
static bool head_vars(term_t t, VarSet *s)
{
    for (;;) {
        if (term_is_atom(t)) {
            int32_t k = classify(t);
            if (k & K_VAR) varset_add(s, k & ~K_VAR);
            return true;
        }
        if (term_is_list(t)) {
            if (!head_vars(list_head(t), s)) return false;
            t = list_tail(t);
            continue;
        }
        if (term_is_tuple(t)) {
            size_t n = tuple_arity(t);
            for (size_t i = 0; i < n; i++)
                if (!head_vars(tuple_elems(t)[i], s)) return false;
            return true;
        }
        if (term_is_map(t)) {
            MapIter it;
            term_t k, v;
            map_iter_init(&it, t);
            while (map_iter_next(&it, &k, &v)) {
                if (term_is_atom(k) && (classify(k) == K_ANY || (classify(k) & K_VAR)))
                    return false;
                if (!head_vars(v, s)) return false;
            }
        }
        return true;
    }
}

/* Whether some entry named as ms_funs[first] takes 'arity' arguments. */
static int fun_with_arity(int first, size_t arity)
{
    const char *name = ms_funs[first].name;
    for (size_t i = (size_t)first; i < NFUNS && strcmp(ms_funs[i].name, name) == 0; i++) {
        if (ms_funs[i].arity == -1 && arity >= 1) return (int)i;
        if (ms_funs[i].arity == (int)arity && (ms_funs[i].kind != F_BIF || ms_bifs[i]))
            return (int)i;
    }
    return -1;
}

static bool check_expr(const MsClause *c, term_t e)
{
    for (;;) {
        if (term_is_atom(e)) {
            int32_t k = classify(e);
            return !(k & K_VAR) || var_slot(c, k & ~K_VAR) >= 0;
        }
        if (term_is_list(e)) {
            if (!check_expr(c, list_head(e))) return false;
            e = list_tail(e);
            continue;
        }
        if (term_is_tuple(e)) {
            size_t n = tuple_arity(e);
            if (n == 0) return false;
            term_t f = tuple_elems(e)[0];
            if (n == 1 && term_is_tuple(f)) {
                for (size_t i = 0; i < tuple_arity(f); i++)
                    if (!check_expr(c, tuple_elems(f)[i])) return false;
                return true;
            }
            if (f == ATOM_const) return n == 2;
            if (!term_is_atom(f)) return false;
            int32_t k = classify(f);
            if (!(k & K_FUN) || fun_with_arity(k & ~K_FUN, n - 1) < 0) return false;
            for (size_t i = 1; i < n; i++)
                if (!check_expr(c, tuple_elems(e)[i])) return false;
            return true;
        }
        if (term_is_map(e)) {
            MapIter it;
            term_t k, v;
            map_iter_init(&it, e);
            while (map_iter_next(&it, &k, &v))
                if (!check_expr(c, k) || !check_expr(c, v)) return false;
        }
        return true;
    }
}

static bool check_list(const MsClause *c, term_t l, bool nonempty)
{
    if (list_length(l) < (nonempty ? 1 : 0)) return false;
    for (; term_is_list(l); l = list_tail(l))
        if (!check_expr(c, list_head(l))) return false;
    return true;
}

MatchSpec *ms_compile(term_t spec)
{
    if (!ms_ready) ms_init();
    sint_t n = list_length(spec);
    if (n < 0) return NULL;
    MatchSpec *ms = vm_zalloc(sizeof(MatchSpec) + (size_t)n * sizeof(MsClause));
    ms->spec = spec;
    ms->n = (uint32_t)n;
    uint32_t i = 0;
    for (term_t l = spec; term_is_list(l); l = list_tail(l), i++) {
        term_t c = list_head(l);
        if (!term_is_tuple(c) || tuple_arity(c) != 3) goto bad;
        MsClause *cl = &ms->cl[i];
        cl->head = tuple_elems(c)[0];
        cl->guards = tuple_elems(c)[1];
        cl->body = tuple_elems(c)[2];
        VarSet s = {NULL, 0, 0};
        bool head_ok = head_vars(cl->head, &s);
        cl->vars = s.v;
        cl->nvars = s.n;
        if (s.n > ms->maxvars) ms->maxvars = s.n;
        if (!head_ok || !check_list(cl, cl->guards, false) || !check_list(cl, cl->body, true))
            goto bad;
    }
    ms->vals = vm_alloc((ms->maxvars + 1) * sizeof(term_t));
    return ms;
bad:
    ms_free(ms);
    return NULL;
}

void ms_free(MatchSpec *ms)
{
    if (!ms) return;
    for (uint32_t i = 0; i < ms->n; i++) vm_free(ms->cl[i].vars);
    vm_free(ms->vals);
    vm_free(ms);
}

term_t ms_term(const MatchSpec *ms) { return ms->spec; }

/* ---- running ---- */

typedef struct MsRun {
    Proc *p;
    const MsClause *c;
    term_t *vals;
    term_t obj;
    bool body;                /* evaluating the body: a failed call is 'EXIT' */
} MsRun;

static bool match(MsRun *r, term_t pat, term_t val)
{
    for (;;) {
        if (term_is_atom(pat)) {
            int32_t k = classify(pat);
            if (k == K_ANY) return true;
            if (!(k & K_VAR)) return pat == val;
            int s = var_slot(r->c, k & ~K_VAR);
            if (r->vals[s] == TERM_NONE) {
                r->vals[s] = val;
                return true;
            }
            return compare_exact(r->vals[s], val);
        }
        if (term_is_immed(pat)) return pat == val;
        if (term_is_list(pat)) {
            if (!term_is_list(val) || !match(r, list_head(pat), list_head(val))) return false;
            pat = list_tail(pat);
            val = list_tail(val);
            continue;
        }
        if (term_is_tuple(pat)) {
            size_t n = tuple_arity(pat);
            if (!term_is_tuple(val) || tuple_arity(val) != n) return false;
            for (size_t i = 0; i < n; i++)
                if (!match(r, tuple_elems(pat)[i], tuple_elems(val)[i])) return false;
            return true;
        }
        if (term_is_map(pat)) {
            if (!term_is_map(val)) return false;
            MapIter it;
            term_t k, v;
            map_iter_init(&it, pat);
            while (map_iter_next(&it, &k, &v)) {
                term_t got = map_get(val, k);
                if (got == TERM_NONE || !match(r, v, got)) return false;
            }
            return true;
        }
        return compare_exact(pat, val);
    }
}

static term_t eval(MsRun *r, term_t e);

static term_t call_fun(MsRun *r, term_t e)
{
    size_t n = tuple_arity(e) - 1;
    const term_t *a = tuple_elems(e) + 1;
    int i = fun_with_arity(classify(tuple_elems(e)[0]) & ~K_FUN, n);
    switch (ms_funs[i].kind) {
    case F_BIF: {
        term_t args[3];
        for (size_t j = 0; j < n; j++)
            if ((args[j] = eval(r, a[j])) == TERM_NONE) return TERM_NONE;
        return ms_bifs[i](r->p, args);
    }
    case F_AND: case F_OR: {
        bool all = true, any = false;
        for (size_t j = 0; j < n; j++) {
            term_t v = eval(r, a[j]);
            if (v != ATOM_true && v != ATOM_false) return TERM_NONE;
            all = all && v == ATOM_true;
            any = any || v == ATOM_true;
        }
        return (ms_funs[i].kind == F_AND ? all : any) ? ATOM_true : ATOM_false;
    }
    default: {
        term_t stop = ms_funs[i].kind == F_ANDALSO ? ATOM_false : ATOM_true;
        term_t go = stop == ATOM_true ? ATOM_false : ATOM_true;
        for (size_t j = 0; j < n; j++) {
            term_t v = eval(r, a[j]);
            if (j + 1 == n || v == stop || v == TERM_NONE) return v;
            if (v != go) return TERM_NONE;
        }
        return TERM_NONE;
    }
    }
}

/* A guard function call. In a guard a failure fails the guard; in a body
   the call's value is 'EXIT' and evaluation goes on, as in OTP. */
static term_t call(MsRun *r, term_t e)
{
    term_t v = call_fun(r, e);
    return v == TERM_NONE && r->body ? ATOM_EXIT : v;
}

static term_t eval_map(MsRun *r, term_t e)
{
    size_t n = map_size(e);
    term_t *kv = vm_alloc((2 * n + 1) * sizeof(term_t));
    MapIter it;
    term_t k, v, out = TERM_NONE;
    size_t i = 0;
    map_iter_init(&it, e);
    while (map_iter_next(&it, &k, &v)) {
        if ((kv[i++] = eval(r, k)) == TERM_NONE || (kv[i++] = eval(r, v)) == TERM_NONE)
            goto done;
    }
    out = map_from_pairs(r->p, kv, n);
done:
    vm_free(kv);
    return out;
}

static term_t eval(MsRun *r, term_t e)
{
    if (term_is_atom(e)) {
        int32_t k = classify(e);
        if (k & K_VAR) return r->vals[var_slot(r->c, k & ~K_VAR)];
        if (k == K_OBJ) return r->obj;
        if (k == K_ALL) return heap_list(r->p, r->vals, r->c->nvars);
        return e;
    }
    if (term_is_list(e)) {
        term_t out, *tail = &out;
        for (; term_is_list(e); e = list_tail(e)) {
            term_t *cell = heap_alloc(r->p, 2);
            if ((cell[0] = eval(r, list_head(e))) == TERM_NONE) return TERM_NONE;
            cell[1] = TERM_NIL;
            *tail = make_list(cell);
            tail = &cell[1];
        }
        if ((*tail = eval(r, e)) == TERM_NONE) return TERM_NONE;
        return out;
    }
    if (term_is_tuple(e)) {
        term_t f = tuple_elems(e)[0];
        if (tuple_arity(e) == 1 && term_is_tuple(f)) {
            size_t n = tuple_arity(f);
            term_t *hp = heap_alloc(r->p, 1 + n);
            hp[0] = MAKE_HDR(HDR_TUPLE, n);
            for (size_t i = 0; i < n; i++)
                if ((hp[1 + i] = eval(r, tuple_elems(f)[i])) == TERM_NONE) return TERM_NONE;
            return make_boxed(hp);
        }
        if (f == ATOM_const) return tuple_elems(e)[1];
        return call(r, e);
    }
    if (term_is_map(e)) return eval_map(r, e);
    return e;
}

/* The clause's value (that of its last body expression), or TERM_NONE
   when it does not apply. */
static term_t run_clause(MsRun *r)
{
    for (uint32_t i = 0; i < r->c->nvars; i++) r->vals[i] = TERM_NONE;
    if (!match(r, r->c->head, r->obj)) return TERM_NONE;
    r->body = false;
    for (term_t g = r->c->guards; term_is_list(g); g = list_tail(g))
        if (eval(r, list_head(g)) != ATOM_true) return TERM_NONE;
    r->body = true;
    term_t v = TERM_NONE;
    for (term_t b = r->c->body; term_is_list(b); b = list_tail(b)) v = eval(r, list_head(b));
    return v;
}

term_t ms_run(Proc *p, MatchSpec *ms, term_t obj)
{
    uint32_t fclass = p->fclass;
    term_t freason = p->freason;
    MsRun r = {p, NULL, ms->vals, obj, false};
    term_t out = TERM_NONE;
    for (uint32_t i = 0; i < ms->n && out == TERM_NONE; i++) {
        r.c = &ms->cl[i];
        out = run_clause(&r);
    }
    p->fclass = fclass;
    p->freason = freason;
    return out;
}

static bool ground(term_t t)
{
    for (;;) {
        if (term_is_atom(t)) {
            int32_t k = classify(t);
            return k != K_ANY && !(k & K_VAR);
        }
        if (term_is_list(t)) {
            if (!ground(list_head(t))) return false;
            t = list_tail(t);
            continue;
        }
        if (term_is_tuple(t)) {
            for (size_t i = 0; i < tuple_arity(t); i++)
                if (!ground(tuple_elems(t)[i])) return false;
            return true;
        }
        if (term_is_map(t)) {
            MapIter it;
            term_t k, v;
            map_iter_init(&it, t);
            while (map_iter_next(&it, &k, &v))
                if (!ground(v)) return false;
        }
        return true;
    }
}

/* Whether the body term 'b' always builds what the head term 'a' matched
   (OTP's test for select_replace, kept as conservative as OTP's). */
static bool same_as_head(term_t a, term_t b, bool konst)
{
    for (;;) {
        if (term_is_list(b)) {
            if (!term_is_list(a) || !same_as_head(list_head(a), list_head(b), konst)) return false;
            a = list_tail(a);
            b = list_tail(b);
            continue;
        }
        if (term_is_tuple(b)) {
            if (!konst) {
                term_t *e = tuple_elems(b);
                if (tuple_arity(b) == 2 && e[0] == ATOM_const) return same_as_head(a, e[1], true);
                if (tuple_arity(b) != 1 || !term_is_tuple(e[0])) return false;
                b = e[0];
            }
            if (!term_is_tuple(a) || tuple_arity(a) != tuple_arity(b)) return false;
            for (size_t i = 0; i < tuple_arity(b); i++)
                if (!same_as_head(tuple_elems(a)[i], tuple_elems(b)[i], konst)) return false;
            return true;
        }
        if (term_is_map(b)) return false;
        if (term_is_atom(b)) {
            int32_t k = classify(b);
            return a == b && k != K_ANY && k != K_OBJ && k != K_ALL && !(konst && (k & K_VAR));
        }
        return compare_exact(a, b);
    }
}

bool ms_keeps_key(const MatchSpec *ms, uint32_t keypos)
{
    for (uint32_t i = 0; i < ms->n; i++) {
        const MsClause *c = &ms->cl[i];
        if (list_length(c->body) != 1) return false;
        term_t b = list_head(c->body);
        if (b == ATOM_dollar_underscore) continue;
        if (!term_is_tuple(c->head) || tuple_arity(c->head) < keypos || !term_is_tuple(b))
            return false;
        term_t hk = tuple_elems(c->head)[keypos - 1], sub;
        bool konst = tuple_arity(b) == 2 && tuple_elems(b)[0] == ATOM_const;
        if (konst || tuple_arity(b) == 1) sub = tuple_elems(b)[konst ? 1 : 0];
        else return false;
        if (!term_is_tuple(sub) || tuple_arity(sub) < keypos) return false;
        term_t bk = tuple_elems(sub)[keypos - 1];
        if (same_as_head(hk, bk, konst)) continue;
        if (konst || !term_is_tuple(bk) || tuple_arity(bk) != 3) return false;
        term_t *e = tuple_elems(bk);
        if (e[0] != ATOM_element || e[1] != make_small((sint_t)keypos) ||
            e[2] != ATOM_dollar_underscore)
            return false;
    }
    return true;
}

term_t ms_bound_key(const MatchSpec *ms, uint32_t keypos)
{
    if (ms->n != 1) return TERM_NONE;
    term_t h = ms->cl[0].head;
    if (!term_is_tuple(h) || tuple_arity(h) < keypos) return TERM_NONE;
    term_t k = tuple_elems(h)[keypos - 1];
    return ground(k) ? k : TERM_NONE;
}
