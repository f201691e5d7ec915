%% otp_array: OTP's array module: fixed and growing arrays, defaults,
%% sparse operations, folds and resizing.
-module(otp_array).
-export([start/0]).

start() ->
    A = array:from_list(lists:seq(1, 100)),
    B = array:new([{size, 10}, {default, z}, fixed]),
    C = array:set(5000, x, array:new()),
    O = array:from_orddict([{1, a}, {5, b}, {30, c}]),
    [array:size(A), array:get(0, A), array:get(99, A), array:to_list(B), array:is_fix(B),
     c(fun() -> array:set(10, q, B) end), array:size(C), array:get(4999, C), array:sparse_size(C),
     array:to_orddict(O), array:sparse_to_orddict(O), array:sparse_to_list(O), array:default(B),
     array:foldl(fun(I, V, Acc) -> I + V + Acc end, 0, A),
     array:foldr(fun(_, V, Acc) -> [V | Acc] end, [], B),
     array:sparse_foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], C),
     array:sparse_foldr(fun(I, V, Acc) -> [{I, V} | Acc] end, [], O),
     array:to_list(array:map(fun(I, V) -> I * V end, array:from_list([1, 2, 3]))),
     array:sparse_to_list(array:sparse_map(fun(_, V) -> {V} end, O)),
     array:size(array:resize(20, A)), array:to_list(array:resize(3, A)), array:size(array:relax(B)),
     array:is_array(A), array:is_array([]),
     array:to_list(array:reset(2, array:from_list([1, 2, 3]))),
     array:get(7, array:fix(array:new(10))), array:size(array:set(200, y, A)),
     array:to_list(array:from_list([a, b], def)), c(fun() -> array:get(-1, A) end),
     array:size(array:new(0)), array:to_list(array:fix(array:from_list([1]))),
     lists:sum(array:to_list(lists:foldl(fun(I, Ar) -> array:set(I, I, Ar) end, array:new(),
                                         lists:seq(0, 2000))))].

c(F) ->
    try F() catch C:R -> {C, R} end.
