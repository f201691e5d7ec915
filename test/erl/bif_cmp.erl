%% bif_cmp: the comparison and boolean operators called as functions
%% (erlang:'=='/2 ...), min/max, and the type-test BIFs, compared between
%% erl and spore.
-module(bif_cmp).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

start() ->
    Pairs = [{1, 1}, {1, 1.0}, {1.0, 1}, {1, 2}, {a, b}, {b, a}, {a, 1}, {[], {}},
             {{1, a}, {1.0, a}}, {"abc", "abd"}, {<<1>>, <<1, 0>>}, {[a], [a | b]},
             {#{a => 1}, #{a => 1.0}}, {1 bsl 70, 1.0e21}, {-0.0, 0.0}],
    Ops = ['==', '/=', '=:=', '=/=', '<', '>', '=<', '>='],
    [{ops, [[erlang:Op(id(A), id(B)) || Op <- Ops] || {A, B} <- Pairs]},
     {minmax, [{min(id(A), id(B)), max(id(A), id(B))} || {A, B} <- Pairs]},
     {minmax_first, [min(id(1), id(1.0)), min(id(1.0), id(1)),
                     max(id(1), id(1.0)), max(id(1.0), id(1))]},
     {bool, [[t(fun() -> erlang:Op(id(A), id(B)) end) || Op <- ['and', 'or', 'xor']]
             || {A, B} <- [{true, true}, {true, false}, {false, true}, {false, false},
                           {true, 1}, {x, false}]]},
     {'not', [t(fun() -> erlang:'not'(id(X)) end) || X <- [true, false, 1, []]]},
     {types, [types(id(X)) || X <- [a, 1, 1.5, 1 bsl 80, [], [a], {}, {r, 1},
                                    <<>>, self(), make_ref(), fun id/1,
                                    fun erlang:abs/1, fun(A, B) -> {A, B} end,
                                    true, #{}]]},
     {is_function2, [t(fun() -> erlang:is_function(id(F), id(N)) end)
                     || F <- [fun id/1, fun erlang:abs/1, fun() -> ok end, x],
                        N <- [0, 1, -1, 1 bsl 64, a]]},
     {is_record, [t(fun() -> erlang:is_record(id(X), id(R)) end)
                  || X <- [{r}, {r, 1}, {s, 1}, {}, r], R <- [r, 1]]},
     {is_record3, [t(fun() -> erlang:is_record(id(X), id(r), id(N)) end)
                   || X <- [{r}, {r, 1}, x], N <- [1, 2, 0, -1, a, 1 bsl 64]]},
     {guard, [guard(id(X)) || X <- [{r, 1}, {r, 1, 2}, true, fun id/1, 3]]}].

types(X) ->
    [is_atom(X), is_integer(X), is_float(X), is_number(X), is_list(X), is_tuple(X),
     is_binary(X), is_pid(X), is_port(X), is_reference(X), is_function(X),
     is_function(X, 1), is_boolean(X), is_map(X),
     erlang:is_atom(X), erlang:is_boolean(X), erlang:is_function(X)].

guard(X) when is_record(X, r, 2) -> r2;
guard(X) when is_boolean(X) -> bool;
guard(X) when is_function(X, 1) -> fun1;
guard(_) -> other.
