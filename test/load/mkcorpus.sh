#!/bin/sh
# mkcorpus.sh: writes the corpus of broken .beam files in test/load, and its
# README, from a small module compiled with the installed erlc. Each file is
# broken in one way; test/unit/beamfile_test.c checks that the parser
# rejects every one of them with a message. Run it again after changing it:
#   sh test/load/mkcorpus.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/corpus.erl" <<'EOF'
-module(corpus).
-export([start/0, add/2, big/0]).
start() ->
    G = fun(Y) -> Y + length(atom_to_list(?MODULE)) end,
    {[N * 2 || N <- lists:seq(1, 5)], G, #{key => "value"}, <<"bin">>, 3.5}.
add(A, B) -> A + B.
big() -> 123456789012345678901234567890.
EOF
erlc +deterministic -o "$tmp" "$tmp/corpus.erl"

cat > "$tmp/mk.escript" <<'EOF'
%% The good file is split into chunks; each variant rebuilds it with one
%% thing wrong. Variants that need bad operands replace the code with a
%% small hand-encoded function ("mini"), which itself must load.
-mode(compile).

main([Good, Dir]) ->
    {ok, Bin} = file:read_file(Good),
    Cs = parse(Bin),
    Mini = mini(Cs, []),
    ok = must_load(build(Cs)),
    ok = must_load(build(Mini)),
    Vs = variants(Bin, Cs),
    [ok = file:delete(F) || F <- filelib:wildcard(filename:join(Dir, "*.beam"))],
    Lines = [begin
                 ok = file:write_file(filename:join(Dir, Name ++ ".beam"), Data),
                 io_lib:format("- `~s.beam`: ~s~n", [Name, Why])
             end || {Name, Why, Data} <- Vs],
    Readme = ["# test/load: broken .beam files\n\n",
              "Made by `mkcorpus.sh` from a small module compiled by the installed `erlc`.\n",
              "Each must be rejected with a message, never crash (test/unit/beamfile_test.c).\n\n",
              Lines],
    ok = file:write_file(filename:join(Dir, "README.md"), Readme),
    io:format("wrote ~p files~n", [length(Vs)]).

must_load(Bin) ->
    code:purge(corpus),
    code:delete(corpus),
    {module, corpus} = code:load_binary(corpus, "corpus.beam", Bin),
    code:purge(corpus),
    code:delete(corpus),
    ok.

%% ---- IFF ----
parse(<<"FOR1", _:32, "BEAM", R/binary>>) -> chunks(R).
chunks(<<>>) -> [];
chunks(<<Id:4/binary, Sz:32, R/binary>>) ->
    P = pad(Sz),
    <<D:Sz/binary, _:P/binary, R2/binary>> = R,
    [{Id, D} | chunks(R2)].
pad(N) -> (4 - N rem 4) rem 4.
build(Cs) ->
    Body = << <<Id/binary, (byte_size(D)):32, D/binary, 0:(8 * pad(byte_size(D)))>>
              || {Id, D} <- Cs >>,
    <<"FOR1", (byte_size(Body) + 4):32, "BEAM", Body/binary>>.
get(Cs, Id) -> proplists:get_value(Id, Cs).
set(Cs, Id, D) -> [case I of Id -> {I, D}; _ -> {I, X} end || {I, X} <- Cs].
del(Cs, Id) -> [C || {I, _} = C <- Cs, I =/= Id].

%% ---- the compact term encoding ----
-define(U, 0). -define(I, 1). -define(A, 2). -define(X, 3).
-define(Y, 4). -define(F, 5). -define(H, 6). -define(Z, 7).
enc(Tag, N) when N >= 0, N < 16 -> <<N:4, 0:1, Tag:3>>;
enc(Tag, N) when N >= 0, N < 2048 -> <<(N bsr 8):3, 0:1, 1:1, Tag:3, N:8>>;
enc(Tag, N) ->
    B = int_bytes(N),
    case byte_size(B) of
        L when L =< 8 -> <<(L - 2):3, 3:2, Tag:3, B/binary>>;
        L -> <<7:3, 3:2, Tag:3, (enc(?U, L - 9))/binary, B/binary>>
    end.
int_bytes(N) ->
    Bits = bit_len(N) + 1,
    Bytes = max(2, (Bits + 7) div 8),
    <<N:(Bytes * 8)/signed>>.
bit_len(N) when N < 0 -> bit_len(-N - 1);
bit_len(0) -> 0;
bit_len(N) -> 1 + bit_len(N bsr 1).
lit(I) -> [enc(?Z, 4), enc(?U, I)].
list(Es) -> [enc(?Z, 1), enc(?U, length(Es)) | Es].

%% label 1, func_info, label 2, Body, return, int_code_end: one function,
%% exported as atom 2 / 0 with entry label 2.
code(Body) -> code(Body, [19, 3]).
code(Body, Tail) ->
    Ops = [1, enc(?U, 1), 2, enc(?A, 1), enc(?A, 2), enc(?U, 0), 1, enc(?U, 2), Body, Tail],
    C = iolist_to_binary(Ops),
    <<16:32, 0:32, 180:32, 3:32, 1:32, C/binary>>.
mini(Cs, Body) ->
    C1 = del(del(Cs, <<"FunT">>), <<"LocT">>),
    C2 = set(C1, <<"ExpT">>, <<1:32, 2:32, 0:32, 2:32>>),
    set(C2, <<"Code">>, code(Body)).
op(Cs, Body) -> build(mini(Cs, Body)).

%% ---- the broken variants ----
variants(Bin, Cs) ->
    Sz = byte_size(Bin),
    Code = get(Cs, <<"Code">>),
    <<HS:32, Hdr:HS/binary, Instrs/binary>> = Code,
    CodeCut = fun(K) -> set(Cs, <<"Code">>, binary:part(Code, 0, byte_size(Code) - K)) end,
    Lit = get(Cs, <<"LitT">>),
    <<USize:32, Z/binary>> = Lit,
    LitTab = fun(T) -> <<(byte_size(T)):32, (zlib:compress(T))/binary>> end,
    <<NA:32, AtomRest/binary>> = get(Cs, <<"AtU8">>),
    ImpT = get(Cs, <<"ImpT">>),
    <<NI:32, _M:32, IRest/binary>> = ImpT,
    <<NE:32, EF:32, EA:32, _EL:32, ERest/binary>> = get(Cs, <<"ExpT">>),
    FunT = get(Cs, <<"FunT">>),
    <<NF:32, FF:32, FA:32, _FL:32, FRest/binary>> = FunT,
    <<_LV:32, LRest/binary>> = get(Cs, <<"Line">>),
    <<LF:32, LI:32, _LN:32, NNames:32, _/binary>> = LRest,
    Line = fun(Items) -> <<0:32, LF:32, LI:32, (length(Items)):32, NNames:32,
                           (iolist_to_binary(Items))/binary, "corpus.hrl">> end,
    [{"empty", "a zero-length file", <<>>},
     {"not_beam", "text, not a BEAM file", <<"this is not a BEAM file\n">>},
     {"form_type", "IFF form type is BEAX, not BEAM", binary:replace(Bin, <<"BEAM">>, <<"BEAX">>)},
     {"header_only", "only the first 6 bytes", binary:part(Bin, 0, 6)},
     {"form_size", "FOR1 size larger than the file", <<"FOR1", (Sz):32, (binary:part(Bin, 8, Sz - 8))/binary>>},
     {"trunc_25", "cut at 25% (FOR1 size unchanged)", binary:part(Bin, 0, Sz div 4)},
     {"trunc_50", "cut at 50% (FOR1 size unchanged)", binary:part(Bin, 0, Sz div 2)},
     {"trunc_last", "last byte missing", binary:part(Bin, 0, Sz - 1)},
     {"trunc_chunk", "cut at 60% with the FOR1 size fixed: a chunk overruns the form",
      fix_form(binary:part(Bin, 0, Sz * 3 div 5))},
     {"trunc_chunk_hdr", "cut 3 bytes into a chunk header, FOR1 size fixed",
      fix_form(binary:part(Bin, 0, 12 + 8 + byte_size(get(Cs, <<"AtU8">>)) + pad(byte_size(get(Cs, <<"AtU8">>))) + 3))},
     {"chunk_huge", "first chunk claims 0xFFFFFFF0 bytes", <<(binary:part(Bin, 0, 16))/binary, 16#FFFFFFF0:32, (binary:part(Bin, 20, Sz - 20))/binary>>},
     {"chunk_size_plus4", "AtU8 chunk size 4 too large: the next chunk header is misread",
      <<(binary:part(Bin, 0, 16))/binary, (byte_size(get(Cs, <<"AtU8">>)) + 4):32, (binary:part(Bin, 20, Sz - 20))/binary>>},
     {"no_padding", "a last chunk of odd size without its padding",
      fix_form(<<Bin/binary, "Junk", 3:32, "abc">>)},
     {"dup_code", "two Code chunks", build(Cs ++ [{<<"Code">>, Code}])},
     {"missing_code", "no Code chunk", build(del(Cs, <<"Code">>))},
     {"missing_atoms", "no AtU8 chunk", build(del(Cs, <<"AtU8">>))},
     {"missing_impt", "no ImpT chunk", build(del(Cs, <<"ImpT">>))},
     {"missing_expt", "no ExpT chunk", build(del(Cs, <<"ExpT">>))},
     {"atoms_zero", "AtU8 count 0", build(set(Cs, <<"AtU8">>, <<0:32, AtomRest/binary>>))},
     {"atoms_huge", "AtU8 count 0x7FFFFFF0", build(set(Cs, <<"AtU8">>, <<16#7FFFFFF0:32, AtomRest/binary>>))},
     {"atoms_count_plus1", "AtU8 count one more than the names present",
      build(set(Cs, <<"AtU8">>, <<(NA + 1):32, AtomRest/binary>>))},
     {"atom_bad_utf8", "atom 1 is not UTF-8",
      build(set(Cs, <<"AtU8">>, <<NA:32, (binary:first(AtomRest)), 16#FF, (binary:part(AtomRest, 2, byte_size(AtomRest) - 2))/binary>>))},
     {"latin1_atoms_huge", "old Atom chunk with count 0x01000000",
      build(del(Cs, <<"AtU8">>) ++ [{<<"Atom">>, <<16#01000000:32, AtomRest/binary>>}])},
     {"impt_atom", "import 0 names atom 99", build(set(Cs, <<"ImpT">>, <<NI:32, 99:32, IRest/binary>>))},
     {"impt_huge", "ImpT count 0x7FFFFFFF", build(set(Cs, <<"ImpT">>, <<16#7FFFFFFF:32, (binary:part(ImpT, 4, byte_size(ImpT) - 4))/binary>>))},
     {"impt_arity", "import 0 has arity 1000",
      build(set(Cs, <<"ImpT">>, <<NI:32, (binary:part(ImpT, 4, 8))/binary, 1000:32, (binary:part(ImpT, 16, byte_size(ImpT) - 16))/binary>>))},
     {"expt_label", "export 0 enters at label 9999", build(set(Cs, <<"ExpT">>, <<NE:32, EF:32, EA:32, 9999:32, ERest/binary>>))},
     {"expt_atom0", "export 0 names atom 0", build(set(Cs, <<"ExpT">>, <<NE:32, 0:32, EA:32, 2:32, ERest/binary>>))},
     {"funt_label", "fun 0 enters at label 0", build(set(Cs, <<"FunT">>, <<NF:32, FF:32, FA:32, 0:32, FRest/binary>>))},
     {"funt_size", "FunT 2 bytes longer than its count says", build(set(Cs, <<"FunT">>, <<FunT/binary, 0, 0>>))},
     {"code_instr_set", "Code instruction set 1", build(set(Cs, <<"Code">>, <<HS:32, 1:32, (binary:part(Hdr, 4, HS - 4))/binary, Instrs/binary>>))},
     {"code_hdr_small", "Code header size 4", build(set(Cs, <<"Code">>, <<4:32, Hdr/binary, Instrs/binary>>))},
     {"code_hdr_huge", "Code header size larger than the chunk", build(set(Cs, <<"Code">>, <<16#10000:32, Hdr/binary, Instrs/binary>>))},
     {"code_labels_huge", "Code label count 0xFFFFFFFF",
      build(set(Cs, <<"Code">>, <<HS:32, (binary:part(Hdr, 0, 8))/binary, 16#FFFFFFFF:32, (binary:part(Hdr, 12, HS - 12))/binary, Instrs/binary>>))},
     {"code_cut_1", "Code chunk without its last byte (int_code_end)", build(CodeCut(1))},
     {"code_cut_2", "Code chunk cut 2 bytes early: its last return and int_code_end", build(CodeCut(2))},
     {"code_cut_3", "Code chunk cut 3 bytes early: inside the last operand of gc_bif2", build(CodeCut(3))},
     {"code_cut_half", "Code chunk cut in half", build(CodeCut(byte_size(Instrs) div 2))},
     {"code_empty", "Code chunk with a header and no code", build(set(Cs, <<"Code">>, <<HS:32, Hdr/binary>>))},
     {"lit_zlib", "LitT compressed bytes corrupted",
      build(set(Cs, <<"LitT">>, <<USize:32, (binary:part(Z, 0, 2))/binary, (binary:copy(<<16#A5>>, byte_size(Z) - 2))/binary>>))},
     {"lit_usize", "LitT uncompressed size 1 too large", build(set(Cs, <<"LitT">>, <<(USize + 1):32, Z/binary>>))},
     {"lit_usize_huge", "LitT uncompressed size 0xFFFFFFFF", build(set(Cs, <<"LitT">>, <<16#FFFFFFFF:32, Z/binary>>))},
     {"lit_count_huge", "LitT (inflated) count 0x7FFFFFFF", build(set(Cs, <<"LitT">>, LitTab(<<16#7FFFFFFF:32, 5:32, 131, 97, 1, 0, 0>>)))},
     {"lit_bad_term", "LitT literal 0 is not an external term", build(set(Cs, <<"LitT">>, LitTab(<<1:32, 3:32, 131, 200, 1>>)))},
     {"lit_term_overrun", "LitT literal 0 claims more bytes than the table has", build(set(Cs, <<"LitT">>, LitTab(<<1:32, 100:32, 131, 97, 1>>)))},
     {"attr_bad_term", "Attr chunk is not an external term", build(set(Cs, <<"Attr">>, <<131, 108, 0, 0, 0, 9>>))},
     {"line_file", "Line item selects file 9 of 1", build(set(Cs, <<"Line">>, Line([enc(?A, 9), enc(?I, 1)])))},
     {"line_tag", "Line item with an x register tag", build(set(Cs, <<"Line">>, Line([enc(?X, 1)])))},
     {"line_items_huge", "Line item count 0x7FFFFFFF",
      build(set(Cs, <<"Line">>, <<0:32, LF:32, LI:32, 16#7FFFFFFF:32, NNames:32>>))},
     {"op_unknown", "unknown opcode 200 in the code", op(Cs, [200])},
     {"op_zero", "opcode 0 in the code", op(Cs, [0])},
     {"op_atom", "move of atom index 99 (of a few)", op(Cs, [64, enc(?A, 99), enc(?X, 0)])},
     {"op_literal", "move of literal 99", op(Cs, [64, lit(99), enc(?X, 0)])},
     {"op_label", "call to label 50 (of 3)", op(Cs, [4, enc(?U, 0), enc(?F, 50)])},
     {"op_import", "call_ext of import 99", op(Cs, [7, enc(?U, 0), enc(?U, 99)])},
     {"op_fun", "make_fun3 of fun 5 (there is no FunT)", op(Cs, [171, enc(?U, 5), enc(?X, 0), list([])])},
     {"op_xreg", "move to x register 5000", op(Cs, [64, enc(?I, 1), enc(?X, 5000)])},
     {"op_label_def", "label/1 defining label 7 (of 3)", op(Cs, [1, enc(?U, 7)])},
     {"op_list_long", "select_val with a list of 100000 elements",
      op(Cs, [59, enc(?X, 0), enc(?F, 1), enc(?Z, 1), enc(?U, 100000)])},
     {"op_list_first", "a list as the first operand of move", op(Cs, [64, list([]), enc(?X, 0)])},
     {"op_ext_tag", "extended tag 9", op(Cs, [64, <<9:4, 0:1, 7:3>>, enc(?X, 0)])},
     {"op_u_huge", "a 10-byte untagged operand", op(Cs, [12, <<7:3, 3:2, ?U:3>>, enc(?U, 1), <<1, 0:72>>, enc(?U, 1)])},
     {"op_alloc_kind", "allocation list with kind 7", op(Cs, [16, enc(?Z, 3), enc(?U, 1), enc(?U, 7), enc(?U, 1), enc(?U, 0)])},
     {"op_trunc", "code ends inside the operands of a move",
      build(set(mini(Cs, []), <<"Code">>, code([64, enc(?Z, 4)], [])))},
     {"op_no_end", "code ends after return, without int_code_end",
      build(set(mini(Cs, []), <<"Code">>, code([], [19])))}].

fix_form(<<"FOR1", _:32, R/binary>>) -> <<"FOR1", (byte_size(R)):32, R/binary>>.
EOF
escript "$tmp/mk.escript" "$tmp/corpus.beam" "$here"
