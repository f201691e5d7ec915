%% otp_erl_eval: OTP's evaluator on funs, list and binary comprehensions,
%% binaries, maps, records-free pattern matching, try/catch, receive with
%% after 0, local/non-local function handlers and bindings.
-module(otp_erl_eval).
-export([start/0]).

start() ->
    self() ! {msg, 1},
    self() ! other,
    Plain = [ev(S) || S <- exprs()],
    Mailbox = ev_with_mailbox(),
    Waiting = waiting(),
    Plain ++ [bindings(), handlers(), Mailbox, Waiting].

ev(S) ->
    try
        {ok, T, _} = erl_scan:string(S),
        {ok, E} = erl_parse:parse_exprs(T),
        {value, V, _} = erl_eval:exprs(E, erl_eval:new_bindings()),
        strip(V)
    catch C:R -> {C, strip(R)}
    end.

%% Funs made by erl_eval are printed differently per run: show them as 'fun'.
strip(F) when is_function(F) -> 'fun';
strip(T) when is_tuple(T) -> list_to_tuple(strip(tuple_to_list(T)));
strip([H | T]) -> [strip(H) | strip(T)];
strip(M) when is_map(M) -> maps:from_list(strip(maps:to_list(M)));
strip(X) -> X.

exprs() ->
    ["1 + 2 * 3 - 4 div 3 rem 2.", "X = 5, Y = X * X, {X, Y}.", "[H | T] = [1, 2, 3], {H, T}.",
     "F = fun(X) -> X * 2 end, F(21).",
     "F = fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end, F(20).",
     "lists:map(fun(X) -> X + 1 end, [1, 2, 3]).", "G = fun lists:reverse/1, G([1, 2]).",
     "Add = fun(A) -> fun(B) -> A + B end end, (Add(1))(2).",
     "[X * Y || X <- [1, 2, 3], Y <- [10, 20], X =/= 2].",
     "[X || {X, a} <- [{1, a}, {2, b}, {3, a}]].",
     "<< <<(B + 1)>> || <<B>> <= <<1, 2, 3>> >>.", "[B || <<B:4>> <= <<16#AB, 16#CD>>].",
     "<< <<X:16>> || X <- [1, 2] >>.",
     "B = <<1, 2, 3, 4>>, <<A:16, Rest/binary>> = B, {A, Rest}.",
     "<<F:32/float>> = <<1.5:32/float>>, F.", "<<\"abc\", 0:3, 7:5>>.",
     "S = <<\"é\"/utf8>>, <<C/utf8>> = S, C.", "byte_size(<<1:100>>).",
     "M = #{a => 1, b => 2}, M#{a := 10, c => 3}.", "#{a := V} = #{a => x, b => y}, V.",
     "M = #{}, maps:size(M#{k => v}).", "#{{1, 2} => [3], <<\"k\">> => 4.0}.",
     "try throw(oops) catch throw:R -> {caught, R} end.",
     "try error(bad) catch error:R:S -> {R, is_list(S)} end.",
     "try exit(x) catch exit:R -> R after put(after_ran, yes) end, get(after_ran).",
     "try 1 of 1 -> one; _ -> other catch _:_ -> c end.",
     "try 1 + a catch error:badarith -> badarith end.",
     "case catch 1 / 0 of {'EXIT', {R, _}} -> R end.", "catch throw(t).",
     "receive {msg, N} -> {got, N} after 0 -> timeout end.",
     "receive nothing_like_this -> x after 0 -> timeout end.",
     "receive X when is_atom(X) -> {atom, X} after 0 -> none end.",
     "case {1, 2} of {A, A} -> same; {A, B} when A < B -> less; _ -> other end.",
     "if 1 > 2 -> a; true -> b end.", "A = 1, A = 2.", "undefined_fn().", "X + 1.",
     "begin a, b, c end.", "true andalso false orelse true.", "not (1 < 2) xor true.",
     "{1, 2} =:= {1, 2.0}.", "[1, 2] ++ [3] -- [1].",
     "- (- 5), + 3, bnot 5 band 3 bor 8 bxor 1 bsl 2 bsr 1.",
     "element(2, {a, b, c}).", "atom_to_list(hello) ++ integer_to_list(42).",
     "erlang:setelement(1, {a}, b).", "apply(lists, seq, [1, 4]).", "length([1, 2, 3]).",
     "self() =:= self().", "fun() -> ok end().", "(fun(X, Y) -> X - Y end)(10, 3).",
     "L = [{b, 2}, {a, 1}], lists:keysort(1, L).", "\"abc\" ++ [$d].", "$a + 0.",
     "maybe {ok, X} ?= {ok, 1}, X end.", "1 = 2.", "case 1 of 2 -> x end.", "f(1).",
     "math:sqrt(16.0) + 2.5e1.", "16#FF + 2#1010 + $a.",
     "[X || X <- lists:seq(1, 10), X rem 3 =:= 0].",
     "{a, [b, {c, \"d\"}], #{e => <<\"f\">>}}."].

bindings() ->
    B0 = erl_eval:new_bindings(),
    B1 = erl_eval:add_binding('X', 10, B0),
    B2 = erl_eval:add_binding('Y', 20, B1),
    {ok, T, _} = erl_scan:string("Z = X + Y, W = Z * 2."),
    {ok, E} = erl_parse:parse_exprs(T),
    {value, V, B3} = erl_eval:exprs(E, B2),
    {ok, [Ex], _} = {ok, E2, x} = {ok, element(2, erl_parse:parse_exprs(element(2,
    erl_scan:string("X * 3.")))), x},
    _ = E2,
    {value, V2, _} = erl_eval:expr(Ex, B3),
    {V, V2, lists:sort(erl_eval:bindings(B3)), erl_eval:binding('Z', B3), erl_eval:binding('Q', B3),
     lists:sort(erl_eval:bindings(erl_eval:del_binding('X', B3)))}.

handlers() ->
    Local = {value, fun(double, [X]) -> X * 2; (Name, Args) -> {local, Name, Args} end},
    NonLocal = {value, fun({lists, reverse}, [L]) -> {intercepted, L};
                          ({M, F}, Args) -> apply(M, F, Args)
                       end},
    {ok, T, _} = erl_scan:string("{double(21), lists:reverse([1, 2]), other(x), erlang:abs(-3)}."),
    {ok, E} = erl_parse:parse_exprs(T),
    {value, V, _} = erl_eval:exprs(E, [], Local, NonLocal),
    V.

ev_with_mailbox() ->
    self() ! a, self() ! b, self() ! {c, 3},
    R1 = ev("receive {c, N} -> N after 0 -> none end."),
    R2 = ev("receive b -> got_b after 0 -> none end."),
    R3 = ev("receive Any -> Any after 0 -> none end."),
    R4 = ev("receive Any -> Any after 0 -> none end."),
    R5 = ev("receive Any -> Any after 10 -> timeout end."),
    {R1, R2, R3, R4, R5}.

%% Receives that wait: messages that do not match arrive while erl_eval
%% waits, and must stay queued in their order.
waiting() ->
    Self = self(),
    Send = fun(Msgs) ->
                   spawn(fun() ->
                                 [begin timer:sleep(5), Self ! M end || M <- Msgs],
                                 Self ! done
                         end)
           end,
    self() ! early,
    Send([noise1, noise2, {go, 7}, late]),
    R1 = ev("receive {go, X} -> X after 5000 -> timeout end."),
    sync(),
    Q1 = drain([]),
    Send([a, b]),
    R2 = ev("receive never -> x after 30 -> timeout end."),
    sync(),
    Q2 = drain([]),
    Send([x1, {y, 2}]),
    R3 = ev("receive {y, V} -> V end."),
    sync(),
    Q3 = drain([]),
    R4 = ev("receive x -> 1 after foo -> 2 end."),
    R5 = ev("receive x -> 1 after -1 -> 2 end."),
    self() ! m1, self() ! m2,
    R6 = ev("receive m2 -> two end."),
    Q6 = drain([]),
    {R1, Q1, R2, Q2, R3, Q3, R4, R5, R6, Q6}.

sync() ->
    receive done -> ok end.

drain(Acc) ->
    receive M -> drain([M | Acc]) after 0 -> lists:reverse(Acc) end.
