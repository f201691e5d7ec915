/*
** string.c: the BIFs of the string module: list_to_integer/1 and
** list_to_float/1, which read the longest number at the front of a list of
** characters and return {Number, Rest}, or {error, no_integer | no_float}
** ({error, not_a_list} when the argument is not a list). Rest is the tail
** of the list after the number, whatever it is (it may be improper).
*/
#include "../vm/arith.h"
#include "../vm/fmt_float.h"
#include "../vm/strbuf.h"
#include "bif.h"

/* The character at the head of list 'l', or -1 when 'l' is not a cons
   whose head is a character in 0..127. */
static int head_char(term_t l)
{
    if (!term_is_list(l))
        return -1;
    term_t h = list_head(l);
    if (!term_is_small(h) || small_val(h) < 0 || small_val(h) > 127)
        return -1;
    return (int)small_val(h);
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* Appends the run of digits at the front of '*l' to 'b', advancing '*l';
   returns how many there were. */
static size_t take_digits(term_t *l, StrBuf *b)
{
    size_t n = 0;
    int c;
    while (is_digit(c = head_char(*l))) {
        strbuf_putc(b, (char)c);
        *l = list_tail(*l);
        n++;
    }
    return n;
}

/* An optional sign at the front of '*l', appended to 'b'. */
static void take_sign(term_t *l, StrBuf *b)
{
    int c = head_char(*l);
    if (c == '+' || c == '-') {
        strbuf_putc(b, (char)c);
        *l = list_tail(*l);
    }
}

static term_t error_tuple(Proc *p, term_t why) { return heap_tuple2(p, ATOM_error, why); }

BIF(bif_string_list_to_integer_1)
{
    term_t l = args[0];
    if (!term_is_list(l) && !term_is_nil(l))
        return error_tuple(p, ATOM_not_a_list);
    StrBuf b;
    strbuf_init(&b);
    take_sign(&l, &b);
    term_t r = TERM_NONE;
    if (take_digits(&l, &b) > 0)
        r = arith_parse_int(p, b.s, b.len, 10);
    strbuf_free(&b);
    if (r == TERM_NONE)
        return error_tuple(p, ATOM_no_integer);
    return heap_tuple2(p, r, l);
}

BIF(bif_string_list_to_float_1)
{
    term_t l = args[0];
    if (!term_is_list(l) && !term_is_nil(l))
        return error_tuple(p, ATOM_not_a_list);
    StrBuf b;
    strbuf_init(&b);
    take_sign(&l, &b);
    bool ok = take_digits(&l, &b) > 0;
    int c = head_char(l);
    ok = ok && (c == '.' || c == ',');
    if (ok) {
        strbuf_putc(&b, (char)c);
        l = list_tail(l);
        ok = take_digits(&l, &b) > 0;
    }
    if (ok && ((c = head_char(l)) == 'e' || c == 'E')) {
        /* an exponent only counts when digits follow */
        term_t e = list_tail(l);
        size_t mark = b.len;
        strbuf_putc(&b, (char)c);
        take_sign(&e, &b);
        if (take_digits(&e, &b) > 0)
            l = e;
        else
            b.len = mark;
    }
    double d = 0;
    ok = ok && fmt_float_parse(b.s, b.len, &d);
    strbuf_free(&b);
    if (!ok)
        return error_tuple(p, ATOM_no_float);
    return heap_tuple2(p, arith_make_float(p, d), l);
}

const BifDef bif_string_table[] = {
    {"string", "list_to_integer", 1, bif_string_list_to_integer_1, 0},
    {"string", "list_to_float", 1, bif_string_list_to_float_1, 0},
    {NULL, NULL, 0, NULL, 0},
};
