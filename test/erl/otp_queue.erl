%% otp_queue: OTP's queue module, original, extended and Okasaki APIs.
-module(otp_queue).
-export([start/0]).

start() ->
    Q0 = queue:new(),
    Q1 = lists:foldl(fun queue:in/2, Q0, lists:seq(1, 10)),
    Q2 = queue:in_r(0, Q1),
    {{value, H}, Q3} = queue:out(Q2),
    {{value, T}, Q4} = queue:out_r(Q3),
    Big = queue:from_list(lists:seq(1, 1000)),
    [queue:to_list(Q1), queue:len(Q2), H, T, queue:to_list(Q4), queue:is_empty(Q0),
     queue:is_queue(Q1), queue:is_queue(x), queue:out(Q0), queue:member(5, Q1),
     queue:to_list(queue:reverse(Q1)), queue:to_list(queue:join(Q1, queue:from_list([a, b]))),
     [queue:to_list(X) || X <- tuple_to_list(queue:split(4, Q1))],
     queue:to_list(queue:filter(fun(X) -> X rem 2 == 0 end, Q1)),
     queue:to_list(queue:filter(fun(X) -> [X, X] end, Q1)),
     queue:to_list(queue:filtermap(fun(X) when X > 5 -> {true, -X}; (_) -> false end, Q1)),
     queue:fold(fun(X, A) -> X + A end, 0, Q1), queue:any(fun(X) -> X > 9 end, Q1),
     queue:all(fun(X) -> X > 0 end, Q1), queue:to_list(queue:delete(5, Q1)),
     queue:to_list(queue:delete_r(5, queue:in(5, Q1))),
     queue:to_list(queue:delete_with(fun(X) -> X > 3 end, Q1)),
     queue:get(Q1), queue:get_r(Q1), queue:peek(Q1), queue:peek_r(Q1), queue:peek(Q0),
     queue:to_list(queue:drop(Q1)), queue:to_list(queue:drop_r(Q1)),
     queue:head(Q1), queue:tail(Q1) =:= queue:drop(Q1), queue:last(Q1), queue:daeh(Q1),
     queue:to_list(queue:cons(x, Q1)), queue:to_list(queue:snoc(Q1, y)),
     queue:to_list(queue:init(Q1)),
     queue:to_list(queue:liat(Q1)), queue:len(Big), queue:to_list(queue:lait(Q1)),
     c(fun() -> queue:get(Q0) end), c(fun() -> queue:head(Q0) end), c(fun() -> queue:drop(Q0) end),
     drain(Big, 0), queue:len(queue:filter(fun(X) -> X > 500 end, Big))].

drain(Q, Acc) ->
    case queue:out(Q) of
        {empty, _} -> Acc;
        {{value, V}, Q2} -> drain(Q2, Acc + V)
    end.

c(F) ->
    try F() catch C:R -> {C, R} end.
