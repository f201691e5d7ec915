%% otp_dict: OTP's dict and orddict modules.
-module(otp_dict).
-export([start/0]).

start() ->
    D = dict:from_list([{I, I * 2} || I <- lists:seq(1, 100)]),
    D1 = dict:store(a, 1, dict:new()),
    D2 = dict:append(l, x, dict:append(l, w, D1)),
    O = orddict:from_list([{c, 3}, {a, 1}, {b, 2}, {a, 0}]),
    [dict:size(D), dict:fetch(50, D), dict:find(7, D), dict:find(a, D), dict:is_key(100, D),
     c(fun() -> dict:fetch(nope, D) end), lists:sort(dict:to_list(D2)), dict:fetch(l, D2),
     lists:sort(dict:fetch_keys(dict:filter(fun(K, _) -> K rem 10 == 0 end, D))),
     dict:fold(fun(K, V, A) -> K + V + A end, 0, D), dict:size(dict:erase(5, D)),
     dict:fetch(3, dict:update(3, fun(V) -> V * 100 end, D)),
     dict:fetch(z, dict:update(z, fun(V) -> V end, 9, D)),
     dict:fetch(3, dict:update_counter(3, 5, D)), dict:fetch(q, dict:update_counter(q, 5, D)),
     dict:fetch(3, dict:map(fun(K, V) -> K + V end, D)),
     lists:sort(dict:to_list(dict:merge(fun(_, A, B) -> A + B end, D1,
                                        dict:from_list([{a, 10}, {b, 2}])))),
     dict:is_empty(dict:new()), dict:size(dict:append_list(k, [1, 2], D)),
     dict:take(a, D1), dict:take(zz, D1), lists:sort(dict:to_list(dict:erase(a, D1))),
     dict:fetch(99, lists:foldl(fun(I, A) -> dict:erase(I, A) end, D, lists:seq(1, 98))),
     O, orddict:store(d, 4, O), orddict:fetch(b, O), orddict:find(z, O), orddict:erase(a, O),
     orddict:append(e, 1, O), orddict:append_list(e, [1, 2], O),
     orddict:update(a, fun(V) -> V - 1 end, O),
     orddict:update(z, fun(V) -> V end, 0, O), orddict:update_counter(c, 1, O),
     orddict:fold(fun(K, V, A) -> [{V, K} | A] end, [], O), orddict:map(fun(_, V) -> V * V end, O),
     orddict:filter(fun(_, V) -> V > 1 end, O),
     orddict:merge(fun(_, A, B) -> A * B end, O, [{b, 5}, {d, 6}]),
     orddict:fetch_keys(O), orddict:is_key(c, O), orddict:size(O), orddict:to_list(O),
     orddict:take(b, O), orddict:is_empty([]), c(fun() -> orddict:fetch(zz, O) end)].

c(F) ->
    try F() catch C:R -> {C, R} end.
