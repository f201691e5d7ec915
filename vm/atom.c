/*
** atom.c: the atom table: an array of names indexed by atom number, and an
** open-addressing hash from name to number. Atoms are never freed. The
** atoms of atoms.def take the first indices, in the order listed there.
*/
#include <stdbool.h>
#include <string.h>

#include "atom.h"

typedef struct AtomName {
    uint32_t len;
    const char *s;
} AtomName;

static AtomName *names;
static size_t count, cap;
static uint32_t *slots;   /* index + 1, or 0 for empty */
static size_t nslots;     /* a power of two */

#define ATOM_MAX 1048576u /* OTP's default atom limit */

static uint32_t hash_name(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static void rehash(size_t n) {
    vm_free(slots);
    nslots = n;
    slots = vm_zalloc(nslots * sizeof *slots);
    for (size_t i = 0; i < count; i++) {
        size_t j = hash_name(names[i].s, names[i].len) & (nslots - 1);
        while (slots[j]) j = (j + 1) & (nslots - 1);
        slots[j] = (uint32_t)i + 1;
    }
}

static size_t find_slot(const char *s, size_t n) {
    size_t j = hash_name(s, n) & (nslots - 1);
    for (;;) {
        uint32_t k = slots[j];
        if (!k) return j;
        AtomName *a = &names[k - 1];
        if (a->len == n && memcmp(a->s, s, n) == 0) return j;
        j = (j + 1) & (nslots - 1);
    }
}

/* Counts UTF-8 characters; the limit is on characters, not bytes. */
static size_t utf8_chars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((uint8_t)s[i] & 0xC0) != 0x80) c++;
    return c;
}

/* Interns 's'; a name that lives as long as the VM ('is_static': the
   built-in atoms and BIF names) is not copied. */
static term_t intern(const char *s, size_t len, bool is_static) {
    /* no more characters than bytes: only long names need counting */
    if (len > VM_MAX_ATOM_CHARS && utf8_chars(s, len) > VM_MAX_ATOM_CHARS) return TERM_NONE;
    if (!slots) rehash(4096);
    size_t j = find_slot(s, len);
    if (slots[j]) return make_atom(slots[j] - 1);
    if (count >= ATOM_MAX) return TERM_NONE;
    if (count == cap) {
        cap = cap ? cap + cap / 2 : 1024;
        names = vm_realloc(names, cap * sizeof *names);
    }
    if (is_static) {
        names[count].s = s;
    } else {
        char *copy = vm_perm_alloc(len + 1);
        memcpy(copy, s, len);
        copy[len] = 0;
        names[count].s = copy;
    }
    names[count].len = (uint32_t)len;
    slots[j] = (uint32_t)count + 1;
    count++;
    if (count * 2 > nslots) rehash(nslots * 2);
    return make_atom((uint32_t)count - 1);
}

term_t atom_intern(const char *s, size_t len) { return intern(s, len, false); }

term_t atom_intern_static(const char *s) { return intern(s, strlen(s), true); }

term_t atom_lookup(const char *s, size_t len) {
    if (!slots) return TERM_NONE;
    size_t j = find_slot(s, len);
    return slots[j] ? make_atom(slots[j] - 1) : TERM_NONE;
}

const char *atom_name(term_t a, size_t *len) {
    uint32_t i = atom_index(a);
    VM_ASSERT(i < count);
    *len = names[i].len;
    return names[i].s;
}

size_t atom_count(void) { return count; }

void atom_init(void) {
    static const char *const builtin[] = {
#define ATOM(name) #name,
#define ATOM2(cname, str) str,
#include "atoms.def"
#undef ATOM
#undef ATOM2
    };
    if (count) return;
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
        term_t a = atom_intern_static(builtin[i]);
        if (atom_index(a) != i) vm_panic("atoms.def: duplicate atom '%s'", builtin[i]);
    }
}
