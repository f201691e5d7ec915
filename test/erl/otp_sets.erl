%% otp_sets: OTP's sets (v1 hash-based and v2 map-based) and ordsets.
-module(otp_sets).
-export([start/0]).

start() ->
    [run([]), run([{version, 2}]), ord()].

run(Opts) ->
    S = sets:from_list(lists:seq(1, 100), Opts),
    E = sets:new(Opts),
    S1 = sets:add_element(a, sets:add_element(b, E)),
    Odd = sets:filter(fun(X) -> X rem 2 == 1 end, S),
    [sets:size(S), sets:is_element(50, S), sets:is_element(500, S), sets:is_set(S), sets:is_set(x),
     lists:sort(sets:to_list(S1)), sets:size(sets:del_element(1, S)), sets:size(Odd),
     sets:is_empty(E), sets:is_empty(S), sets:fold(fun(X, A) -> X + A end, 0, S),
     lists:sort(sets:to_list(sets:union(S1, sets:from_list([b, c], Opts)))),
     lists:sort(sets:to_list(sets:union([S1, sets:from_list([z], Opts), E]))),
     sets:size(sets:intersection(S, sets:from_list(lists:seq(90, 200), Opts))),
     sets:size(sets:intersection([S, Odd, sets:from_list([1, 2, 3], Opts)])),
     lists:sort(sets:to_list(sets:subtract(sets:from_list([1, 2, 3, 4], Opts), Odd))),
     sets:is_subset(Odd, S), sets:is_subset(S, Odd), sets:is_disjoint(S1, S),
     lists:sort(sets:to_list(S))
         =:= lists:sort(sets:to_list(sets:from_list(lists:seq(100, 1, -1), Opts))),
     sets:is_subset(sets:from_list([a, b], Opts), S1), sets:is_disjoint(S1, E),
     sets:size(lists:foldl(fun sets:del_element/2, S, lists:seq(1, 95))),
     sets:size(sets:from_list(lists:seq(1, 5000), Opts))].

ord() ->
    A = ordsets:from_list([c, a, b, a]),
    B = ordsets:from_list([b, d]),
    [A, ordsets:new(), ordsets:is_set(A), ordsets:is_set([b, a]), ordsets:size(A),
     ordsets:is_element(b, A), ordsets:add_element(aa, A), ordsets:del_element(b, A),
     ordsets:union(A, B), ordsets:union([A, B, [z]]), ordsets:intersection(A, B),
     ordsets:intersection([A, B, [b]]), ordsets:subtract(A, B), ordsets:is_disjoint(A, [x]),
     ordsets:is_subset([a], A), ordsets:fold(fun(X, Acc) -> [X | Acc] end, [], A),
     ordsets:filter(fun(X) -> X > a end, A), ordsets:to_list(A), ordsets:is_empty([])].
