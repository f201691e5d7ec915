%% bif_errors: error/1,2,3, exit/1, throw/1 and erlang:raise/3 as seen by
%% try/catch and by catch (stack traces are not printed, except the one
%% given to raise/3), compared between erl and spore.
-module(bif_errors).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() of V -> {value, V} catch C:R -> {C, R} end.

c(F) ->
    case catch F() of
        {'EXIT', {Reason, Stack}} when is_list(Stack) -> {'EXIT', Reason, stack};
        Other -> Other
    end.

start() ->
    Fs = [fun() -> erlang:error(id(foo)) end,
          fun() -> erlang:error(id({my, reason}), id([1, 2])) end,
          fun() -> erlang:error(id(foo), id(none)) end,
          fun() -> erlang:error(id(foo), id(not_a_list)) end,
          fun() -> erlang:error(id(foo), id([a]), id([{error_info, #{}}])) end,
          fun() -> erlang:exit(id(bye)) end,
          fun() -> erlang:exit(id({shutdown, x})) end,
          fun() -> erlang:throw(id(ball)) end,
          fun() -> erlang:throw(id([])) end,
          fun() -> erlang:raise(id(foo), id(r), id([])) end,
          fun() -> erlang:raise(id(error), id(r), id(not_a_list)) end,
          fun() -> erlang:raise(id(error), id(r), id([foo])) end,
          fun() -> erlang:raise(id(error), id(r), id([{m, f, 1} | x])) end,
          fun() -> erlang:raise(id(error), id(r), id([{m, f}])) end,
          fun() -> erlang:raise(id(error), id(r), id([{m, f, 1, x}])) end,
          fun() -> erlang:raise(id(throw), id(r), id([{m, f, 1}])) end,
          fun() -> erlang:raise(id(exit), id(r), id([])) end],
    [{try_catch, [t(F) || F <- Fs]},
     {catch_value, [c(F) || F <- Fs]},
     {raise_trace, [raise_trace(T) || T <- [[], [{m, f, 1, []}],
                                           [{m, f, [a, b], [{file, "x.erl"}, {line, 3}]},
                                            {n, g, 0, []}]]]},
     {rethrow, rethrow()},
     {nested, nested()}].

raise_trace(T) ->
    try erlang:raise(id(error), id(boom), id(T))
    catch error:boom:St -> St
    end.

rethrow() ->
    try
        try erlang:throw(id(inner))
        catch throw:X:St -> erlang:raise(throw, {again, X}, St)
        end
    catch C:R -> {C, R}
    end.

nested() ->
    try
        try erlang:error(id(first))
        after put(bif_errors_after, ran)
        end
    catch error:E -> {E, erase(bif_errors_after)}
    end.
