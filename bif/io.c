/*
** io.c: the BIFs of the io module: printable_range/0, the range of
** characters that ~p and io_lib print as strings (latin1, as erl's default
** +pc latin1).
*/
#include "bif.h"

BIF(bif_io_printable_range_0) { return ATOM_latin1; }

const BifDef bif_io_table[] = {
    {"io", "printable_range", 0, bif_io_printable_range_0, 0},
    {NULL, NULL, 0, NULL, 0},
};
