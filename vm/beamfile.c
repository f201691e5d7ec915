/*
** beamfile.c: reads the untrusted bytes of a .beam file into a BeamFile and
** decodes the compact term encoding of its Code chunk, one generic
** instruction at a time. Every byte goes through one bounds-checked Reader:
** no length, count or index is used before it is checked against what
** remains or against the table it names. Turning generic instructions into
** executable code is load.c's business, not this file's.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "atom.h"
#include "beamfile.h"
#include "md5.h"
#include "ext.h"
#include "lit.h"

/* ------------------------------------------------------------------ */
/* The reader: every read reports success or failure.                  */
/* ------------------------------------------------------------------ */

typedef struct Reader {
    const uint8_t *p, *end;
} Reader;

static const uint8_t no_bytes[1];

static void rd_init(Reader *r, const uint8_t *p, size_t n) {
    r->p = p ? p : no_bytes; /* never offset a null pointer */
    r->end = r->p + (p ? n : 0);
}

static size_t rd_left(const Reader *r) { return (size_t)(r->end - r->p); }

static bool rd_bytes(Reader *r, size_t n, const uint8_t **out) {
    if (n > rd_left(r)) return false;
    *out = r->p;
    r->p += n;
    return true;
}

static bool rd_u8(Reader *r, uint8_t *v) {
    if (r->p == r->end) return false;
    *v = *r->p++;
    return true;
}

static bool rd_u16(Reader *r, uint16_t *v) {
    const uint8_t *b;
    if (!rd_bytes(r, 2, &b)) return false;
    *v = (uint16_t)(b[0] << 8 | b[1]);
    return true;
}

static bool rd_u32(Reader *r, uint32_t *v) {
    const uint8_t *b;
    if (!rd_bytes(r, 4, &b)) return false;
    *v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    return true;
}

/* ------------------------------------------------------------------ */
/* Error messages: "<file>: <chunk>: <where><problem>".                */
/* ------------------------------------------------------------------ */

typedef struct Ctx {
    const char *file;
    char chunk[5];
    char where[64];
    const char *opname; /* in the Code chunk: the instruction being decoded */
    size_t oppos;
    char *err;
    size_t errlen;
} Ctx;

static void ctx_init(Ctx *c, const char *file, const char *chunk, char *err, size_t errlen) {
    c->file = file ? file : "?";
    c->where[0] = '\0';
    c->opname = NULL;
    c->oppos = 0;
    c->err = err;
    c->errlen = err ? errlen : 0;
    memcpy(c->chunk, chunk, 4);
    c->chunk[4] = '\0';
}

/* Names the chunk with the 4-byte id 'id', printable or not. */
static void ctx_chunk(Ctx *c, const uint8_t *id) {
    for (int i = 0; i < 4; i++) c->chunk[i] = (id[i] >= 0x20 && id[i] < 0x7F) ? (char)id[i] : '?';
}

__attribute__((format(printf, 2, 3))) static int fail(Ctx *c, const char *fmt, ...) {
    if (c->errlen == 0) return -1;
    if (c->opname) /* formatted only on failure: decoding stays cheap */
        snprintf(c->where, sizeof c->where, "%s at offset %zu: ", c->opname, c->oppos);
    int n = snprintf(c->err, c->errlen, "%s: %s: %s", c->file, c->chunk, c->where);
    if (n >= 0 && (size_t)n < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* The compact term encoding.                                          */
/* ------------------------------------------------------------------ */

enum { CT_U, CT_I, CT_A, CT_X, CT_Y, CT_F, CT_H, CT_Z };

typedef struct Tagged {
    unsigned tag;
    uint64_t val;       /* for CT_I: the two's complement of the int64 value */
    const uint8_t *big; /* CT_I only: the bytes, if the value needs more than 64 bits */
    size_t big_len;
} Tagged;

/* Reads one tagged number. Returns NULL, or what is wrong. The low three
   bits of the first byte are the tag; then bit 3 clear: the value is the
   high nibble; bit 3 set, bit 4 clear: three high bits and the next byte;
   both set: 2..8 bytes follow (bits 5-7 + 2), or, when bits 5-7 are all
   set, a nested 'u' value plus 9 gives the byte count. The bytes are big
   endian, two's complement for 'i'. */
static const char *rd_tagged(Reader *r, Tagged *t, bool nested) {
    uint8_t b, lo;
    const uint8_t *p;
    if (!rd_u8(r, &b)) return "truncated operand";
    t->tag = b & 7u;
    t->val = 0;
    t->big = NULL;
    t->big_len = 0;
    if (!(b & 0x08)) {
        t->val = b >> 4;
        return NULL;
    }
    if (!(b & 0x10)) {
        if (!rd_u8(r, &lo)) return "truncated operand";
        t->val = (uint64_t)(b >> 5) << 8 | lo;
        return NULL;
    }
    size_t n = (size_t)(b >> 5) + 2;
    if (n == 9) {
        Tagged len;
        if (nested) return "malformed operand length";
        const char *e = rd_tagged(r, &len, true);
        if (e) return e;
        if (len.tag != CT_U) return "malformed operand length";
        if (len.val > rd_left(r)) return "truncated operand";
        n = (size_t)len.val + 9;
    }
    if (!rd_bytes(r, n, &p)) return "truncated operand";
    if (t->tag == CT_I) {
        /* Drop bytes that only repeat the sign. */
        while (n > 1 && ((p[0] == 0x00 && !(p[1] & 0x80)) || (p[0] == 0xFF && (p[1] & 0x80)))) {
            p++;
            n--;
        }
        if (n > 8) {
            t->big = p;
            t->big_len = n;
            return NULL;
        }
        uint64_t v = (p[0] & 0x80) ? ~(uint64_t)0 : 0;
        for (size_t i = 0; i < n; i++) v = v << 8 | p[i];
        t->val = v;
        return NULL;
    }
    while (n > 8 && p[0] == 0) {
        p++;
        n--;
    }
    if (n > 8) return "operand too large";
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) v = v << 8 | p[i];
    t->val = v;
    return NULL;
}

/* A bignum in the literal area from 'n' big-endian two's complement bytes,
   whose value does not fit a small integer. */
static term_t big_from_bytes(const uint8_t *p, size_t n) {
    bool neg = (p[0] & 0x80) != 0;
    size_t nl = (n + 7) / 8;
    uint64_t *limb = vm_zalloc(nl * sizeof *limb);
    for (size_t i = 0; i < nl * 8; i++) {
        uint64_t byte = i < n ? p[n - 1 - i] : (neg ? 0xFF : 0);
        limb[i / 8] |= byte << (8 * (i % 8));
    }
    if (neg) { /* magnitude = two's complement negation */
        uint64_t carry = 1;
        for (size_t i = 0; i < nl; i++) {
            limb[i] = ~limb[i] + carry;
            carry = carry && limb[i] == 0;
        }
    }
    while (nl > 1 && limb[nl - 1] == 0) nl--;
    term_t *hp = lit_alloc(nl + 1);
    hp[0] = MAKE_HDR(neg ? HDR_NEG_BIG : HDR_POS_BIG, nl);
    memcpy(hp + 1, limb, nl * sizeof *limb);
    vm_free(limb);
    return make_boxed(hp);
}

/* ------------------------------------------------------------------ */
/* UTF-8 and strings.                                                  */
/* ------------------------------------------------------------------ */

/* The next code point of strict UTF-8 (no overlongs, no surrogates). */
static bool utf8_next(const uint8_t **s, const uint8_t *end, uint32_t *cp) {
    const uint8_t *p = *s;
    uint32_t c = *p++, min;
    int more;
    if (c < 0x80) {
        more = 0, min = 0;
    } else if ((c & 0xE0) == 0xC0) {
        more = 1, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        more = 2, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        more = 3, min = 0x10000, c &= 0x07;
    } else {
        return false;
    }
    if (end - p < more) return false;
    for (int i = 0; i < more; i++, p++) {
        if ((*p & 0xC0) != 0x80) return false;
        c = c << 6 | (*p & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    *s = p;
    *cp = c;
    return true;
}

/* Number of code points in 'n' bytes of UTF-8, or -1 if malformed. */
static sint_t utf8_count(const uint8_t *s, size_t n) {
    const uint8_t *end = s + n;
    sint_t k = 0;
    uint32_t cp;
    while (s < end) {
        if (*s < 0x80) { /* ASCII, nearly every atom: one byte, one point */
            s++;
            k++;
            continue;
        }
        if (!utf8_next(&s, end, &cp)) return -1;
        k++;
    }
    return k;
}

/* The Erlang string of 'a' followed by 'b' (both valid UTF-8), in the
   literal area. */
static term_t lit_string(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen) {
    sint_t n = utf8_count(a, alen) + utf8_count(b, blen);
    if (n <= 0) return TERM_NIL;
    term_t *hp = lit_alloc(2 * (size_t)n), *cell = hp;
    const uint8_t *parts[2][2] = {{a, a + alen}, {b, b + blen}};
    for (int k = 0; k < 2; k++) {
        const uint8_t *s = parts[k][0];
        uint32_t cp;
        while (s < parts[k][1] && utf8_next(&s, parts[k][1], &cp)) {
            cell[0] = make_small(cp);
            cell[1] = make_list(cell + 2);
            cell += 2;
        }
    }
    cell[-1] = TERM_NIL;
    return make_list(hp);
}

/* ------------------------------------------------------------------ */
/* Chunks.                                                             */
/* ------------------------------------------------------------------ */

enum {
    CH_ATU8, CH_ATOM, CH_CODE, CH_STRT, CH_IMPT, CH_EXPT, CH_LOCT,
    CH_FUNT, CH_LITT, CH_LINE, CH_ATTR, CH_CINF, CH_META, CH_COUNT
};
static const char chunk_ids[CH_COUNT][5] = {
    "AtU8", "Atom", "Code", "StrT", "ImpT", "ExpT", "LocT",
    "FunT", "LitT", "Line", "Attr", "CInf", "Meta",
};

typedef struct Chunk {
    const uint8_t *data;
    size_t size;
    bool present;
} Chunk;

/* Splits the IFF container into chunks; unknown chunks are skipped. */
static int read_form(Ctx *c, const uint8_t *data, size_t size, Chunk *ch) {
    Reader r;
    const uint8_t *id, *body;
    uint32_t form_size, csize;
    rd_init(&r, data, size);
    if (size == 0) return fail(c, "empty file");
    if (!rd_bytes(&r, 4, &id) || memcmp(id, "FOR1", 4) != 0)
        return fail(c, "not a BEAM file (no FOR1 header)");
    if (!rd_u32(&r, &form_size)) return fail(c, "truncated header");
    if (form_size > rd_left(&r))
        return fail(c, "form size %u exceeds the %zu bytes that follow", form_size, rd_left(&r));
    r.end = r.p + form_size;
    if (!rd_bytes(&r, 4, &id) || memcmp(id, "BEAM", 4) != 0)
        return fail(c, "not a BEAM file (form type is not BEAM)");
    while (rd_left(&r) > 0) {
        size_t off = (size_t)(r.p - data);
        if (!rd_bytes(&r, 4, &id) || !rd_u32(&r, &csize))
            return fail(c, "truncated chunk header at offset %zu", off);
        ctx_chunk(c, id);
        if (!rd_bytes(&r, csize, &body))
            return fail(c, "chunk size %u exceeds the %zu bytes left", csize, rd_left(&r));
        size_t pad = (4 - csize % 4) % 4;
        if (pad > rd_left(&r)) return fail(c, "chunk padding missing");
        r.p += pad;
        for (int k = 0; k < CH_COUNT; k++) {
            if (memcmp(id, chunk_ids[k], 4) != 0) continue;
            if (ch[k].present) return fail(c, "duplicate chunk");
            ch[k] = (Chunk){body, csize, true};
        }
    }
    return 0;
}

/* Latin-1 to UTF-8; 'out' has room for 2 * n bytes. */
static size_t latin1_to_utf8(const uint8_t *s, size_t n, uint8_t *out) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80) {
            out[k++] = s[i];
        } else {
            out[k++] = (uint8_t)(0xC0 | s[i] >> 6);
            out[k++] = (uint8_t)(0x80 | (s[i] & 0x3F));
        }
    }
    return k;
}

/* AtU8 (UTF-8) or Atom (Latin-1). A negative count (later releases) means
   the name lengths are compact 'u' values instead of single bytes. */
static int read_atoms(Ctx *c, BeamFile *bf, const Chunk *ch, bool latin1) {
    Reader r;
    uint32_t raw;
    uint8_t conv[2 * 255];
    rd_init(&r, ch->data, ch->size);
    if (!rd_u32(&r, &raw)) return fail(c, "truncated count");
    bool long_lens = (int32_t)raw < 0 && !latin1;
    uint32_t count = long_lens ? (uint32_t)-(int64_t)(int32_t)raw : raw;
    if (count == 0) return fail(c, "no atoms (atom 1 must name the module)");
    if (count > rd_left(&r)) return fail(c, "atom count %u exceeds the chunk", count);
    bf->atoms = vm_zalloc(((size_t)count + 1) * sizeof(term_t));
    for (uint32_t i = 1; i <= count; i++) {
        size_t len;
        const uint8_t *name;
        if (long_lens) {
            Tagged t;
            if (rd_tagged(&r, &t, false) || t.tag != CT_U) return fail(c, "atom %u: bad length", i);
            len = t.val > rd_left(&r) ? rd_left(&r) + 1 : (size_t)t.val;
        } else {
            uint8_t l8;
            if (!rd_u8(&r, &l8)) return fail(c, "atom %u: truncated", i);
            len = l8;
        }
        if (!rd_bytes(&r, len, &name)) return fail(c, "atom %u: truncated", i);
        if (latin1) {
            len = latin1_to_utf8(name, len, conv);
            name = conv;
        }
        sint_t chars = utf8_count(name, len);
        if (chars < 0) return fail(c, "atom %u: invalid UTF-8", i);
        if (chars > VM_MAX_ATOM_CHARS) return fail(c, "atom %u: name too long", i);
        term_t a = atom_intern((const char *)name, len);
        if (a == TERM_NONE) return fail(c, "atom %u: cannot be created", i);
        bf->atoms[i] = a;
        bf->num_atoms = i;
    }
    bf->module = bf->atoms[1];
    return 0;
}

static int read_code(Ctx *c, BeamFile *bf, const Chunk *ch) {
    Reader r;
    uint32_t hsize;
    rd_init(&r, ch->data, ch->size);
    if (!rd_u32(&r, &hsize)) return fail(c, "truncated header");
    if (hsize < 16 || hsize > rd_left(&r)) return fail(c, "bad header size %u", hsize);
    rd_u32(&r, &bf->instr_set);
    rd_u32(&r, &bf->max_opcode);
    rd_u32(&r, &bf->num_labels);
    rd_u32(&r, &bf->num_functions);
    bf->code = ch->data + 4 + hsize;
    bf->code_size = ch->size - 4 - hsize;
    if (bf->instr_set != 0) return fail(c, "unknown instruction set %u", bf->instr_set);
    /* Every label and function takes at least two bytes of code. */
    if (bf->num_labels > bf->code_size / 2 + 1)
        return fail(c, "label count %u too large for %zu bytes", bf->num_labels, bf->code_size);
    if (bf->num_functions > bf->code_size / 2)
        return fail(c, "function count %u too large", bf->num_functions);
    return 0;
}

/* A count of records of at least 'min' bytes each, checked against the
   bytes left. */
static int read_count(Ctx *c, Reader *r, size_t min, uint32_t *count) {
    if (!rd_u32(r, count)) return fail(c, "truncated count");
    if (*count > rd_left(r) / min) return fail(c, "count %u exceeds the chunk", *count);
    return 0;
}

static int check_atom(Ctx *c, const BeamFile *bf, uint32_t i) {
    return (i == 0 || i > bf->num_atoms) ? fail(c, "atom index %u out of range", i) : 0;
}

static int check_label(Ctx *c, const BeamFile *bf, uint32_t l) {
    return (l == 0 || l >= bf->num_labels) ? fail(c, "label %u out of range", l) : 0;
}

static int check_arity(Ctx *c, uint32_t a) {
    return a > VM_MAX_ARITY ? fail(c, "arity %u too large", a) : 0;
}

static int read_imports(Ctx *c, BeamFile *bf, const Chunk *ch) {
    Reader r;
    uint32_t n;
    rd_init(&r, ch->data, ch->size);
    if (read_count(c, &r, 12, &n) < 0) return -1;
    bf->imports = vm_zalloc(((size_t)n + 1) * sizeof *bf->imports);
    for (uint32_t i = 0; i < n; i++) {
        BeamImport *im = &bf->imports[i];
        rd_u32(&r, &im->module);
        rd_u32(&r, &im->function);
        rd_u32(&r, &im->arity);
        if (check_atom(c, bf, im->module) < 0 || check_atom(c, bf, im->function) < 0 ||
            check_arity(c, im->arity) < 0)
            return -1;
        bf->num_imports = i + 1;
    }
    return 0;
}

/* ExpT and LocT. */
static int read_exports(Ctx *c, BeamFile *bf, const Chunk *ch, BeamExport **out, uint32_t *num) {
    Reader r;
    uint32_t n;
    rd_init(&r, ch->data, ch->size);
    if (read_count(c, &r, 12, &n) < 0) return -1;
    *out = vm_zalloc(((size_t)n + 1) * sizeof **out);
    for (uint32_t i = 0; i < n; i++) {
        BeamExport *e = &(*out)[i];
        rd_u32(&r, &e->function);
        rd_u32(&r, &e->arity);
        rd_u32(&r, &e->label);
        if (check_atom(c, bf, e->function) < 0 || check_arity(c, e->arity) < 0 ||
            check_label(c, bf, e->label) < 0)
            return -1;
        *num = i + 1;
    }
    return 0;
}

static int read_funs(Ctx *c, BeamFile *bf, const Chunk *ch) {
    Reader r;
    uint32_t n;
    rd_init(&r, ch->data, ch->size);
    if (read_count(c, &r, 24, &n) < 0) return -1;
    if (rd_left(&r) != (size_t)n * 24) return fail(c, "size does not match the count %u", n);
    bf->funs = vm_zalloc(((size_t)n + 1) * sizeof *bf->funs);
    for (uint32_t i = 0; i < n; i++) {
        BeamFun *f = &bf->funs[i];
        rd_u32(&r, &f->function);
        rd_u32(&r, &f->arity);
        rd_u32(&r, &f->label);
        rd_u32(&r, &f->index);
        rd_u32(&r, &f->num_free);
        rd_u32(&r, &f->old_uniq);
        if (check_atom(c, bf, f->function) < 0 || check_arity(c, f->arity) < 0 ||
            check_label(c, bf, f->label) < 0)
            return -1;
        if (f->num_free > f->arity) return fail(c, "fun %u: more free variables than arity", i);
        bf->num_funs = i + 1;
    }
    return 0;
}

static term_t *lit_ext_alloc(void *ctx, size_t n) {
    VM_UNUSED(ctx);
    return lit_alloc(n);
}

static const ExtAlloc lit_ext = {lit_ext_alloc, NULL, NULL};

/* One external term filling exactly 'n' bytes, into the literal area. */
static term_t decode_term(const uint8_t *p, size_t n) {
    size_t used = 0;
    term_t t = ext_decode(p, n, &used, &lit_ext, false);
    return (t != TERM_NONE && used == n) ? t : TERM_NONE;
}

/* The literals, after the zlib-compressed table is inflated. */
static int read_literal_table(Ctx *c, BeamFile *bf, const uint8_t *data, size_t size) {
    Reader r;
    uint32_t n, len;
    const uint8_t *p;
    rd_init(&r, data, size);
    if (read_count(c, &r, 4, &n) < 0) return -1;
    bf->literals = vm_zalloc(((size_t)n + 1) * sizeof(term_t));
    for (uint32_t i = 0; i < n; i++) {
        if (!rd_u32(&r, &len) || !rd_bytes(&r, len, &p)) return fail(c, "literal %u: truncated", i);
        term_t t = decode_term(p, len);
        if (t == TERM_NONE) return fail(c, "literal %u: malformed external term", i);
        bf->literals[i] = t;
        bf->num_literals = i + 1;
    }
    return 0;
}

static int read_literals(Ctx *c, BeamFile *bf, const Chunk *ch) {
    Reader r;
    uint32_t usize;
    rd_init(&r, ch->data, ch->size);
    if (!rd_u32(&r, &usize)) return fail(c, "truncated header");
    size_t csize = rd_left(&r);
    /* zlib cannot expand by more than about 1032:1 */
    if ((uint64_t)usize > (uint64_t)csize * 1040 + 64)
        return fail(c, "uncompressed size %u impossible for %zu bytes", usize, csize);
    uint8_t *buf = vm_alloc(usize ? usize : 1);
    uLongf got = usize;
    int zr = uncompress(buf, &got, r.p, (uLong)csize);
    int rc;
    if (zr != Z_OK)
        rc = fail(c, "bad compressed data (zlib error %d)", zr);
    else if (got != usize)
        rc = fail(c, "inflated to %lu bytes, not %u", (unsigned long)got, usize);
    else
        rc = read_literal_table(c, bf, buf, usize);
    vm_free(buf);
    return rc;
}

/* Line: version, flags, instruction count, item count, name count; then
   the items ('a' selects the file, 'i' is a line of that file) and the
   file names (16-bit length, UTF-8). File 0 is the module's own
   "<module>.erl" and is not in the name list. */
static int read_lines(Ctx *c, BeamFile *bf, const Chunk *ch) {
    Reader r;
    uint32_t version, flags, ninstr, nitems, nnames, file = 0;
    rd_init(&r, ch->data, ch->size);
    if (!rd_u32(&r, &version)) return fail(c, "truncated header");
    if (version != 0) return 0; /* a format we do not know: no line information */
    if (!rd_u32(&r, &flags) || !rd_u32(&r, &ninstr) || !rd_u32(&r, &nitems) ||
        !rd_u32(&r, &nnames))
        return fail(c, "truncated header");
    if (nitems > rd_left(&r) || nnames > rd_left(&r) / 2)
        return fail(c, "counts exceed the chunk");
    bf->line_items = vm_zalloc(((size_t)nitems + 1) * sizeof *bf->line_items);
    for (uint32_t i = 1; i <= nitems;) {
        Tagged t;
        const char *e = rd_tagged(&r, &t, false);
        if (e) return fail(c, "item %u: %s", i, e);
        if (t.tag == CT_A) {
            if (t.val > nnames)
                return fail(c, "file index %llu out of range", (unsigned long long)t.val);
            file = (uint32_t)t.val;
        } else if (t.tag == CT_I && !t.big && t.val <= UINT32_MAX) {
            bf->line_items[i].file = file;
            bf->line_items[i].line = (uint32_t)t.val;
            bf->num_line_items = i++;
        } else {
            return fail(c, "item %u: bad line item", i);
        }
    }
    bf->files = vm_zalloc(((size_t)nnames + 1) * sizeof(term_t));
    size_t mlen;
    const char *mname = atom_name(bf->module, &mlen);
    bf->files[0] = lit_string((const uint8_t *)mname, mlen, (const uint8_t *)".erl", 4);
    bf->num_files = 1;
    for (uint32_t i = 1; i <= nnames; i++) {
        uint16_t len;
        const uint8_t *name;
        if (!rd_u16(&r, &len) || !rd_bytes(&r, len, &name)) return fail(c, "file %u: truncated", i);
        if (utf8_count(name, len) < 0) return fail(c, "file %u: invalid UTF-8", i);
        bf->files[i] = len ? lit_string(name, len, (const uint8_t *)"", 0) : bf->files[0];
        bf->num_files = i + 1;
    }
    return 0;
}

/* Attr and CInf: one external term each. */
static int read_term_chunk(Ctx *c, const Chunk *ch, term_t *out) {
    *out = TERM_NIL;
    if (!ch->present) return 0;
    term_t t = decode_term(ch->data ? ch->data : no_bytes, ch->size);
    if (t == TERM_NONE) return fail(c, "malformed external term");
    *out = t;
    return 0;
}

/* As OTP: the atom, code, string, import and export chunks, the fun table
   with each OldUniq zeroed, then the literal and meta chunks. */
static void compute_md5(BeamFile *bf, const Chunk *ch) {
    static const uint8_t zero[4];
    static const int order[] = {-1, CH_CODE, CH_STRT, CH_IMPT, CH_EXPT};
    Md5 m;
    md5_init(&m);
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        const Chunk *x = &ch[order[k] < 0 ? (ch[CH_ATU8].present ? CH_ATU8 : CH_ATOM) : order[k]];
        if (x->present) md5_update(&m, x->data, x->size);
    }
    if (ch[CH_FUNT].present) { /* size checked by read_funs */
        const uint8_t *p = ch[CH_FUNT].data;
        md5_update(&m, p, 4);
        for (size_t off = 4; off + 24 <= ch[CH_FUNT].size; off += 24) {
            md5_update(&m, p + off, 20);
            md5_update(&m, zero, 4);
        }
    }
    if (ch[CH_LITT].present) md5_update(&m, ch[CH_LITT].data, ch[CH_LITT].size);
    if (ch[CH_META].present) md5_update(&m, ch[CH_META].data, ch[CH_META].size);
    md5_final(&m, bf->md5);
}

static int need(Ctx *c, const Chunk *ch, int k) {
    ctx_chunk(c, (const uint8_t *)chunk_ids[k]);
    return ch[k].present ? 0 : fail(c, "missing chunk");
}

static int parse_chunks(Ctx *c, BeamFile *bf, const Chunk *ch, unsigned flags) {
    int atoms = ch[CH_ATOM].present && !ch[CH_ATU8].present ? CH_ATOM : CH_ATU8;
    if (need(c, ch, atoms) < 0 || read_atoms(c, bf, &ch[atoms], atoms == CH_ATOM) < 0) return -1;
    if (need(c, ch, CH_CODE) < 0 || read_code(c, bf, &ch[CH_CODE]) < 0) return -1;
    if (need(c, ch, CH_IMPT) < 0 || read_imports(c, bf, &ch[CH_IMPT]) < 0) return -1;
    if (need(c, ch, CH_EXPT) < 0 ||
        read_exports(c, bf, &ch[CH_EXPT], &bf->exports, &bf->num_exports) < 0)
        return -1;
    ctx_chunk(c, (const uint8_t *)"LocT");
    if (ch[CH_LOCT].present &&
        read_exports(c, bf, &ch[CH_LOCT], &bf->locals, &bf->num_locals) < 0)
        return -1;
    ctx_chunk(c, (const uint8_t *)"FunT");
    if (ch[CH_FUNT].present && read_funs(c, bf, &ch[CH_FUNT]) < 0) return -1;
    ctx_chunk(c, (const uint8_t *)"LitT");
    if (ch[CH_LITT].present && read_literals(c, bf, &ch[CH_LITT]) < 0) return -1;
    ctx_chunk(c, (const uint8_t *)"Line");
    if (ch[CH_LINE].present && read_lines(c, bf, &ch[CH_LINE]) < 0) return -1;
    ctx_chunk(c, (const uint8_t *)"Attr");
    if (flags & BEAMFILE_NO_ATTRS) bf->attributes = bf->compile_info = TERM_NONE;
    else if (read_term_chunk(c, &ch[CH_ATTR], &bf->attributes) < 0) return -1;
    ctx_chunk(c, (const uint8_t *)"CInf");
    if (!(flags & BEAMFILE_NO_ATTRS) && read_term_chunk(c, &ch[CH_CINF], &bf->compile_info) < 0)
        return -1;
    if (ch[CH_STRT].present) {
        bf->strings = ch[CH_STRT].data;
        bf->strings_size = ch[CH_STRT].size;
    }
    if (!(flags & BEAMFILE_NO_MD5)) compute_md5(bf, ch);
    return 0;
}

int beamfile_read(BeamFile *bf, const char *name, const uint8_t *data, size_t size,
                  char *err, size_t errlen) {
    return beamfile_read_flags(bf, name, data, size, 0, err, errlen);
}

int beamfile_read_flags(BeamFile *bf, const char *name, const uint8_t *data, size_t size,
                        unsigned flags, char *err, size_t errlen) {
    Ctx c;
    Chunk ch[CH_COUNT];
    memset(bf, 0, sizeof *bf);
    memset(ch, 0, sizeof ch);
    bf->name = name;
    bf->module = bf->attributes = bf->compile_info = TERM_NIL;
    ctx_init(&c, name, "FOR1", err, errlen);
    if (read_form(&c, data, size, ch) < 0 || parse_chunks(&c, bf, ch, flags) < 0) {
        beamfile_free(bf);
        bf->name = name;
        return -1;
    }
    return 0;
}

int beamfile_read_attributes(const uint8_t *data, size_t size, term_t *attributes,
                             term_t *compile_info) {
    Ctx c;
    Chunk ch[CH_COUNT];
    memset(ch, 0, sizeof ch);
    ctx_init(&c, "?", "FOR1", NULL, 0);
    *attributes = *compile_info = TERM_NIL;
    if (read_form(&c, data, size, ch) < 0) return -1;
    if (read_term_chunk(&c, &ch[CH_ATTR], attributes) < 0) return -1;
    return read_term_chunk(&c, &ch[CH_CINF], compile_info);
}

void beamfile_free(BeamFile *bf) {
    void *owned[] = {bf->atoms, bf->imports, bf->exports, bf->locals, bf->funs,
                     bf->literals, bf->line_items, bf->files};
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        if (owned[i]) vm_free(owned[i]);
    memset(bf, 0, sizeof *bf);
    bf->module = bf->attributes = bf->compile_info = TERM_NIL;
}

/* ------------------------------------------------------------------ */
/* Generic instructions.                                               */
/* ------------------------------------------------------------------ */

typedef struct OpInfo {
    const char *name;
    uint8_t arity;
} OpInfo;

static const OpInfo op_table[] = {
#define OPCODE(num, name, arity) [num] = {#name, arity},
#include "opcodes.def"
#undef OPCODE
};

enum {
#define OPCODE(num, name, arity) GOP_##name = num,
#include "opcodes.def"
#undef OPCODE
};

#define OPCODE(num, name, arity) \
    _Static_assert((arity) <= BEAM_MAX_ARGS, "too many operands: " #name);
#include "opcodes.def"
#undef OPCODE

const char *beamfile_opname(uint32_t opcode, uint32_t *arity) {
    if (opcode >= sizeof op_table / sizeof op_table[0] || !op_table[opcode].name) return NULL;
    if (arity) *arity = op_table[opcode].arity;
    return op_table[opcode].name;
}

void beamfile_code_begin(BeamCodeReader *r, const BeamFile *bf) {
    r->bf = bf;
    r->pos = 0;
    r->list_buf = NULL;
    r->list_cap = 0;
}

void beamfile_code_end(BeamCodeReader *r) {
    if (r->list_buf) vm_free(r->list_buf);
    r->list_buf = NULL;
    r->list_cap = 0;
}

/* A plain 'u' value (inside an extended operand). */
static int read_u(Ctx *c, Reader *r, uint64_t *v) {
    Tagged t;
    const char *e = rd_tagged(r, &t, false);
    if (e) return fail(c, "%s", e);
    if (t.tag != CT_U) return fail(c, "expected an untagged value, found tag %u", t.tag);
    *v = t.val;
    return 0;
}

/* Allocation list: count, then (kind, number) pairs: words, floats (3 words
   each) and funs (2 words each: header and FunEntry; free variables are
   counted as words by the compiler). */
static int decode_alloc(Ctx *c, Reader *r, BeamArg *a) {
    static const uint64_t words_per[3] = {1, 3, 2};
    uint64_t n, kind, num, sum = 0;
    if (read_u(c, r, &n) < 0) return -1;
    if (n > 3) return fail(c, "allocation list of %llu entries", (unsigned long long)n);
    for (uint64_t i = 0; i < n; i++) {
        if (read_u(c, r, &kind) < 0 || read_u(c, r, &num) < 0) return -1;
        if (kind > 2) return fail(c, "unknown allocation kind %llu", (unsigned long long)kind);
        if (num > UINT32_MAX) return fail(c, "allocation too large");
        sum += num * words_per[kind];
    }
    if (sum > UINT32_MAX) return fail(c, "allocation too large");
    a->kind = BO_ALLOC;
    a->val = sum;
    return 0;
}

static int decode_reg(Ctx *c, const Tagged *t, BeamArg *a) {
    if (t->val >= VM_MAX_X)
        return fail(c, "register %c%llu out of range", t->tag == CT_X ? 'x' : 'y',
                    (unsigned long long)t->val);
    a->kind = t->tag == CT_X ? BO_X : BO_Y;
    a->val = t->val;
    return 0;
}

/* The extended tags (z): old float, list, float register, allocation list,
   literal, typed register. */
static int decode_ext(Ctx *c, const BeamFile *bf, Reader *r, uint64_t ext, BeamArg *a,
                      bool allow_list) {
    uint64_t v;
    Tagged t;
    const uint8_t *p;
    switch (ext) {
    case 0: { /* a float, before literals existed: 8 bytes, big endian */
        if (!rd_bytes(r, 8, &p)) return fail(c, "truncated float");
        uint64_t bits = 0;
        for (int i = 0; i < 8; i++) bits = bits << 8 | p[i];
        double d;
        memcpy(&d, &bits, sizeof d);
        a->kind = BO_LIT;
        a->term = make_float_at(lit_alloc(FLOAT_WORDS), d);
        return 0;
    }
    case 1:
        if (!allow_list) return fail(c, "a list may only be the last operand");
        if (read_u(c, r, &v) < 0) return -1;
        if (v > BEAM_MAX_LIST || v > rd_left(r))
            return fail(c, "list of %llu elements too long", (unsigned long long)v);
        a->kind = BO_LIST;
        a->val = v;
        return 0;
    case 2:
        if (read_u(c, r, &v) < 0) return -1;
        if (v >= VM_MAX_F)
            return fail(c, "float register %llu out of range", (unsigned long long)v);
        a->kind = BO_FR;
        a->val = v;
        return 0;
    case 3:
        return decode_alloc(c, r, a);
    case 4:
        if (read_u(c, r, &v) < 0) return -1;
        if (v >= bf->num_literals)
            return fail(c, "literal index %llu out of range", (unsigned long long)v);
        a->kind = BO_LIT;
        a->term = bf->literals[v];
        return 0;
    case 5: { /* a register with a type index (the Type chunk, which we ignore) */
        const char *e = rd_tagged(r, &t, false);
        if (e) return fail(c, "%s", e);
        if (t.tag != CT_X && t.tag != CT_Y) return fail(c, "typed operand is not a register");
        if (read_u(c, r, &v) < 0) return -1;
        return decode_reg(c, &t, a);
    }
    default:
        return fail(c, "unknown extended tag %llu", (unsigned long long)ext);
    }
}

static int decode_arg(Ctx *c, const BeamFile *bf, Reader *r, BeamArg *a, bool allow_list) {
    Tagged t;
    const char *e = rd_tagged(r, &t, false);
    if (e) return fail(c, "%s", e);
    a->val = t.val;
    a->term = TERM_NIL;
    switch (t.tag) {
    case CT_U: a->kind = BO_U; return 0;
    case CT_I:
        a->kind = BO_I;
        if (t.big) {
            a->term = big_from_bytes(t.big, t.big_len);
        } else if (small_fits((sint_t)t.val)) {
            a->term = make_small((sint_t)t.val);
        } else {
            uint8_t b[8];
            for (int i = 0; i < 8; i++) b[i] = (uint8_t)(t.val >> (56 - 8 * i));
            a->term = big_from_bytes(b, 8);
        }
        return 0;
    case CT_A:
        a->kind = BO_ATOM;
        if (t.val > bf->num_atoms)
            return fail(c, "atom index %llu out of range", (unsigned long long)t.val);
        a->term = t.val ? bf->atoms[t.val] : TERM_NIL;
        return 0;
    case CT_X:
    case CT_Y: return decode_reg(c, &t, a);
    case CT_F:
        if (t.val != 0 && t.val >= bf->num_labels)
            return fail(c, "label %llu out of range", (unsigned long long)t.val);
        a->kind = BO_F;
        return 0;
    case CT_H: a->kind = BO_H; return 0;
    default: return decode_ext(c, bf, r, t.val, a, allow_list);
    }
}

/* Most operands are a literal, register, atom or label whose value fits
   the one- or two-byte forms: decoded here, inline, with the same checks as
   decode_arg. Anything else (or anything wrong) is left to decode_arg:
   false, with the reader untouched. */
static inline bool fast_arg(const BeamFile *bf, Reader *r, BeamArg *a) {
    if (r->p == r->end) return false;
    uint8_t b = r->p[0];
    uint64_t v;
    size_t len;
    if (!(b & 0x08)) {
        v = b >> 4;
        len = 1;
    } else if (!(b & 0x10) && r->end - r->p >= 2) {
        v = (uint64_t)(b >> 5) << 8 | r->p[1];
        len = 2;
    } else {
        return false;
    }
    switch (b & 7u) {
    case CT_U: a->kind = BO_U; a->term = TERM_NIL; break;
    case CT_I: a->kind = BO_I; a->term = make_small((sint_t)v); break;
    case CT_A:
        if (v > bf->num_atoms) return false;
        a->kind = BO_ATOM;
        a->term = v ? bf->atoms[v] : TERM_NIL;
        break;
    case CT_X:
    case CT_Y:
        if (v >= VM_MAX_X) return false;
        a->kind = (b & 7u) == CT_X ? BO_X : BO_Y;
        a->term = TERM_NIL;
        break;
    case CT_F:
        if (v != 0 && v >= bf->num_labels) return false;
        a->kind = BO_F;
        a->term = TERM_NIL;
        break;
    default: return false; /* characters and the extended tags */
    }
    a->val = v;
    r->p += len;
    return true;
}

/* The operand that must be an import (or FunT) index, or -1. */
static int index_operand(uint32_t op, bool *is_fun) {
    *is_fun = false;
    switch (op) {
    case GOP_bif0: return 0;
    case GOP_call_ext: case GOP_call_ext_last: case GOP_call_ext_only:
    case GOP_bif1: case GOP_bif2: return 1;
    case GOP_gc_bif1: case GOP_gc_bif2: case GOP_gc_bif3: return 2;
    case GOP_make_fun2: case GOP_make_fun3: *is_fun = true; return 0;
    default: return -1;
    }
}

/* Checks the untagged operands that index a table. */
static int check_indices(Ctx *c, const BeamFile *bf, const BeamOp *op) {
    bool is_fun;
    int k = index_operand(op->opcode, &is_fun);
    if (k >= 0) {
        const BeamArg *a = &op->args[k];
        uint32_t n = is_fun ? bf->num_funs : bf->num_imports;
        if (a->kind != BO_U) return fail(c, "operand %d is not an index", k + 1);
        if (a->val >= n)
            return fail(c, "%s index %llu out of range", is_fun ? "fun" : "import",
                        (unsigned long long)a->val);
    }
    if (op->opcode == GOP_label) {
        const BeamArg *a = &op->args[0];
        if (a->kind != BO_U || a->val == 0 || a->val >= bf->num_labels)
            return fail(c, "label %llu out of range", (unsigned long long)a->val);
    }
    if (op->opcode == GOP_line && bf->line_items) {
        const BeamArg *a = &op->args[0];
        if (a->kind != BO_U || a->val > bf->num_line_items)
            return fail(c, "line item %llu out of range", (unsigned long long)a->val);
    }
    return 0;
}

static int decode_list(Ctx *c, BeamCodeReader *cr, Reader *r, BeamOp *op, uint32_t n) {
    if (n > cr->list_cap) {
        uint32_t cap = cr->list_cap < 16 ? 16 : cr->list_cap;
        while (cap < n) cap *= 2;
        size_t bytes = (size_t)cap * sizeof *cr->list_buf;
        cr->list_buf = cr->list_buf ? vm_realloc(cr->list_buf, bytes) : vm_alloc(bytes);
        cr->list_cap = cap;
    }
    for (uint32_t i = 0; i < n; i++)
        if (decode_arg(c, cr->bf, r, &cr->list_buf[i], false) < 0) return -1;
    op->list = cr->list_buf;
    op->list_len = n;
    return 0;
}

/* After int_code_end, 'pos' is set past the end of the code. */
int beamfile_next_op(BeamCodeReader *cr, BeamOp *op, char *err, size_t errlen) {
    const BeamFile *bf = cr->bf;
    Ctx c;
    Reader r;
    uint8_t opc = 0;
    uint32_t arity;
    ctx_init(&c, bf->name, "Code", err, errlen);
    if (cr->pos > bf->code_size) return 0;
    if (cr->pos == bf->code_size) return fail(&c, "code ends without int_code_end");
    rd_init(&r, bf->code + cr->pos, bf->code_size - cr->pos);
    rd_u8(&r, &opc);
    const char *name = beamfile_opname(opc, &arity);
    if (!name) return fail(&c, "unknown opcode %u at offset %zu", opc, cr->pos);
    c.opname = name;
    c.oppos = cr->pos;
    op->opcode = opc;
    op->arity = arity;
    op->list = NULL;
    op->list_len = 0;
    for (uint32_t i = 0; i < arity; i++) {
        BeamArg *a = &op->args[i];
        if (fast_arg(bf, &r, a)) continue;
        if (decode_arg(&c, bf, &r, a, i + 1 == arity) < 0) return -1;
        if (a->kind == BO_LIST && decode_list(&c, cr, &r, op, (uint32_t)a->val) < 0) return -1;
    }
    if (check_indices(&c, bf, op) < 0) return -1;
    cr->pos = opc == GOP_int_code_end ? bf->code_size + 1 : (size_t)(r.p - bf->code);
    return 1;
}
