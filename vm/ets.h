/*
** ets.h: ETS tables: their registry (by reference number and by name),
** their storage, and their fate when the owner exits. The BIFs that check
** arguments and access rights are bif/ets.c; match specifications are
** matchspec.c.
**
** Every stored object is a deep copy in a C block of its own (EtsObj), so
** no stored term points into a process heap; refc binaries in it are
** counted. A lookup copies objects back onto the caller's heap.
**
** set, bag and duplicate_bag are hash tables: the buckets are indexed by
** the high bits of a 32-bit key hash and each chain is kept sorted by
** (hash, key in compare_terms_exact order), so the table order is the
** order of (hash, key) whatever the bucket count, and "the object after
** key K" is defined even when K is absent. The objects of one key are
** adjacent, in insertion order. ordered_set is a skip list ordered by
** compare_terms (keys equal by ==), with back links for reverse walks.
*/
#ifndef SPORE_ETS_H
#define SPORE_ETS_H

#include "../sched/proc.h"

enum { ETS_SET, ETS_ORDERED_SET, ETS_BAG, ETS_DUPLICATE_BAG };
enum { ETS_PUBLIC, ETS_PROTECTED, ETS_PRIVATE };

typedef struct EtsObj {
    struct EtsObj *next;      /* hash chain */
    struct EtsSkip *node;     /* ordered_set: its skip-list node */
    term_t *offheap;          /* refc binaries of the copy */
    uint32_t hash;            /* hash tables: the key's hash */
    size_t words;             /* words in 'mem' */
    term_t term;              /* the stored tuple */
    term_t mem[];
} EtsObj;

typedef struct EtsTable {
    uint64_t id;              /* the reference number of the table id */
    term_t name;              /* an atom */
    term_t owner;             /* a pid */
    term_t heir;              /* a pid, or ATOM_none */
    EtsObj *heir_data;        /* the heir's data (a copy), or NULL */
    uint8_t type, access;
    bool named, read_conc, decent, compressed;
    term_t write_conc;        /* true, false or auto */
    uint32_t keypos;          /* 1-based */
    size_t count;             /* objects */
    size_t words;             /* words of the stored copies */
    uint32_t fixed;           /* safe_fixtable count */
    /* hash tables */
    EtsObj **buckets;
    uint32_t bits;            /* 2^bits buckets */
    /* ordered_set */
    struct EtsSkip *head, *tail;
    uint32_t levels;
    uint64_t rng;
    /* registry */
    struct EtsTable *id_next, *name_next, *all_next, *all_prev;
} EtsTable;

/* ---- objects ---- */

/* A copy of 't' in a block of its own. Allocates C memory only. */
EtsObj *ets_obj_new(term_t t);
void ets_obj_free(EtsObj *o);

/* The key of a tuple stored in (or checked for) 't'. */
static inline term_t ets_key(const EtsTable *t, term_t tuple)
{
    return tuple_elems(tuple)[t->keypos - 1];
}

/* ---- the registry ---- */

/* A new empty table, registered. 'named' tables are also found by
   'name'; returns NULL if one of that name exists. Its reference comes
   from a numbering of its own (ETS_REF_FLAG set), so that a reference
   that never named a table is told apart. */
EtsTable *ets_table_new(term_t name, bool named, uint32_t type, uint32_t keypos, term_t owner);
#define ETS_REF_FLAG ((uint64_t)1 << 62)
static inline bool ets_is_table_ref(term_t ref) { return (ref_number(ref) & ETS_REF_FLAG) != 0; }


/* Unregisters 't' and frees it and everything in it. */
void ets_table_free(EtsTable *t);
/* The table a tid names (a reference, or the name of a named table), or
   NULL. */
EtsTable *ets_table_find(term_t tid);
/* Gives 't' the name 'name'. False (nothing changed) if 't' is named and
   another named table has that name. */
bool ets_table_rename(EtsTable *t, term_t name);
/* The reference that identifies 't'; its tid (the name for a named
   table, else the reference). Allocate on p's heap. */
term_t ets_ref(Proc *p, const EtsTable *t);
term_t ets_tid(Proc *p, const EtsTable *t);
/* The first registered table; then follow 'all_next'. */
EtsTable *ets_tables(void);

/* 'p' is exiting: each table it owns passes to its heir (an
   {'ETS-TRANSFER', Tab, Pid, Data} message) if the heir lives, else is
   freed; the heir stays the heir. Allocates on p's heap (the message
   before it is copied). */
void ets_owner_exit(Proc *p, term_t reason);

/* ---- storage ---- */

/* The first object of key 'key', or NULL. For bags, the others follow
   through ets_same_next. Never allocates. */
EtsObj *ets_lookup(EtsTable *t, term_t key);
EtsObj *ets_same_next(const EtsTable *t, const EtsObj *o);

/* Stores a copy of 'tuple' (of arity >= keypos) as its type says: set
   and ordered_set replace an object of equal key in place; bag ignores an
   object equal (=:=) to one stored; duplicate_bag appends. The hash
   tables may grow. */
void ets_insert(EtsTable *t, term_t tuple);
/* Replaces the stored object 'o' by 'n', which has the same key. */
void ets_replace(EtsTable *t, EtsObj *o, EtsObj *n);
/* Removes the objects of key 'key'; returns how many. */
size_t ets_delete_key(EtsTable *t, term_t key);
/* Removes the objects =:= 'tuple'. */
void ets_delete_object(EtsTable *t, term_t tuple);
/* Removes and frees the stored object 'o'. */
void ets_unlink(EtsTable *t, EtsObj *o);
/* Removes every object. */
void ets_clear(EtsTable *t);

/* ---- walks, in table order ---- */

EtsObj *ets_first(const EtsTable *t);
EtsObj *ets_last(const EtsTable *t);
EtsObj *ets_next(const EtsTable *t, const EtsObj *o);
EtsObj *ets_prev(const EtsTable *t, const EtsObj *o);
/* The first object whose key comes after 'key' (which need not be
   stored), or NULL; ets_before: the last one before it. For hash tables
   ets_before is not provided (NULL). */
EtsObj *ets_after(const EtsTable *t, term_t key);
EtsObj *ets_before(const EtsTable *t, term_t key);
/* ets:slot/2: the number of slots (buckets, or objects of an
   ordered_set); the first object of slot 'i' < ets_slots(t), or NULL, with
   '*n' objects in the slot (they follow through ets_next). */
size_t ets_slots(const EtsTable *t);
EtsObj *ets_slot(const EtsTable *t, size_t i, size_t *n);

#endif
