/*
** os.c: the environment and process BIFs of the os module: getenv/0,1,2,
** putenv/2, unsetenv/1, getpid/0. The platform has no environment, so
** the VM keeps its own table, empty at boot; names and values are stored
** as UTF-8 and handed back as lists of code points. (os:timestamp/0 and
** os:system_time/0,1 are in erlang_time.c.)
*/
#include "erlang.h"

#include "../vm/plat.h"

typedef struct EnvVar {
    char *name, *value;     /* NUL-terminated UTF-8 */
    size_t name_len, value_len;
} EnvVar;

static EnvVar *vars;
static size_t nvars, cap;

/* Appends the UTF-8 of 's', a possibly deep list of code points (OTP
   takes chardata without binaries here), to 'b'. False if it is not one
   or holds a NUL. */
static bool env_chars(term_t s, StrBuf *b)
{
    size_t depth = 0, room = 16;
    term_t *stack = vm_alloc(room * sizeof *stack);
    bool ok = true;
    for (;;) {
        if (term_is_nil(s)) {
            if (depth == 0) break;
            s = stack[--depth];
            continue;
        }
        if (!term_is_list(s)) {
            ok = false;
            break;
        }
        term_t c = list_head(s);
        s = list_tail(s);
        if (term_is_list(c) || term_is_nil(c)) {
            if (depth == room) {
                room *= 2;
                stack = vm_realloc(stack, room * sizeof *stack);
            }
            stack[depth++] = s;
            s = c;
            continue;
        }
        if (c == make_small(0) || !erlang_char_utf8(c, b)) {
            ok = false;
            break;
        }
    }
    vm_free(stack);
    return ok;
}

/* A variable name: chardata without '=' or NUL. The name is left in 'b'. */
static bool env_name(term_t s, StrBuf *b)
{
    strbuf_init(b);
    if (!env_chars(s, b) || (b->len && memchr(b->s, '=', b->len))) {
        strbuf_free(b);
        return false;
    }
    return true;
}

static EnvVar *env_find(const StrBuf *name)
{
    for (size_t i = 0; i < nvars; i++)
        if (vars[i].name_len == name->len && memcmp(vars[i].name, name->s ? name->s : "",
                                                    name->len) == 0)
            return &vars[i];
    return NULL;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *d = vm_alloc(n + 1);
    if (n) memcpy(d, s, n);
    d[n] = 0;
    return d;
}

BIF(bif_os_getenv_1)
{
    StrBuf name;
    if (!env_name(args[0], &name)) BIF_BADARG(p);
    EnvVar *v = env_find(&name);
    strbuf_free(&name);
    return v ? erlang_utf8_list(p, v->value, v->value_len) : ATOM_false;
}

BIF(bif_os_getenv_2)
{
    term_t v = bif_os_getenv_1(p, args);
    return v == ATOM_false ? args[1] : v;
}

BIF(bif_os_getenv_0)
{
    VM_UNUSED(args);
    term_t out = TERM_NIL;
    StrBuf b;
    strbuf_init(&b);
    for (size_t i = nvars; i-- > 0;) {
        b.len = 0;
        strbuf_add(&b, vars[i].name, vars[i].name_len);
        strbuf_putc(&b, '=');
        strbuf_add(&b, vars[i].value, vars[i].value_len);
        out = heap_cons(p, erlang_utf8_list(p, b.s, b.len), out);
    }
    strbuf_free(&b);
    return out;
}

BIF(bif_os_putenv_2)
{
    StrBuf name, value;
    if (!env_name(args[0], &name)) BIF_BADARG(p);
    strbuf_init(&value);
    if (!env_chars(args[1], &value)) {
        strbuf_free(&name);
        strbuf_free(&value);
        BIF_BADARG(p);
    }
    EnvVar *v = env_find(&name);
    if (!v) {
        if (nvars == cap) {
            cap = cap ? cap * 2 : 16;
            vars = vm_realloc(vars, cap * sizeof *vars);
        }
        v = &vars[nvars++];
        v->name = dup_bytes(name.s, name.len);
        v->name_len = name.len;
    } else {
        vm_free(v->value);
    }
    v->value = dup_bytes(value.s, value.len);
    v->value_len = value.len;
    strbuf_free(&name);
    strbuf_free(&value);
    return ATOM_true;
}

BIF(bif_os_unsetenv_1)
{
    StrBuf name;
    if (!env_name(args[0], &name)) BIF_BADARG(p);
    EnvVar *v = env_find(&name);
    strbuf_free(&name);
    if (v) {
        vm_free(v->name);
        vm_free(v->value);
        *v = vars[--nvars];   /* order is not kept; getenv/0 has none to keep */
    }
    return ATOM_true;
}

/* The VM is the only program of a guest, so it has no OS process id of
   its own; a number drawn once at random stands in for one (code uses it
   to make unique file names). */
BIF(bif_os_getpid_0)
{
    VM_UNUSED(args);
    static unsigned pid;
    if (pid == 0) {
        uint32_t r;
        plat_random(&r, sizeof r);
        pid = 1000 + r % 4000000;
    }
    char s[16];
    size_t n = 0;
    for (unsigned v = pid; v; v /= 10) s[n++] = (char)('0' + v % 10);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
    return heap_str(p, s, n);
}

#define O(name, arity, fn) {"os", name, arity, fn, 0}

const BifDef bif_os_table[] = {
    O("getenv", 0, bif_os_getenv_0),
    O("getenv", 1, bif_os_getenv_1),
    O("getenv", 2, bif_os_getenv_2),
    O("putenv", 2, bif_os_putenv_2),
    O("unsetenv", 1, bif_os_unsetenv_1),
    O("getpid", 0, bif_os_getpid_0),
    {NULL, NULL, 0, NULL, 0},
};
