%% otp_erl_parse: OTP's parser on forms and expressions of every kind,
%% abstract term conversion, errors, and erl_pp round trips.
-module(otp_erl_parse).
-export([start/0]).

start() ->
    Forms = ["-module(m).", "-export([f/1, g/0]).", "-record(r, {a = 1 :: integer(), b}).",
             "-type t() :: {ok, [atom()]} | error.", "-spec f(integer()) -> t().",
             "f(X) when X > 0, is_integer(X); X =:= -1 -> "
             "case X of 1 -> {ok, [a]}; _ -> error end.",
             "g() -> try h() of V -> V catch throw:T:S -> {T, S} after ok end.",
             "h() -> receive {a, M} -> M; _ -> x after 100 -> timeout end.",
             "i(#r{a = A} = R) -> R#r{b = A}, R#r.a, #r.b.",
             "j() -> [X || X <- [1, 2], X > 1] ++ << <<B>> || <<B>> <= <<1, 2>> >>, "
             "#{a => 1}#{a := 2}.",
             "k() -> fun(X) -> X end, fun k/0, fun m:k/0, fun F(0) -> 0; F(N) -> F(N - 1) end.",
             "l() -> begin 1, 2 end, if true -> ok end, catch x, "
             "- 1 + 2 * 3 div 4 rem 5 band 6 bsl 7.",
             "m(<<A:8/integer-unit:1, B/binary>>) -> {A, B}.",
             "-define(X, 1).", "bad(->.", "n() -> 'a' 'b'."],
    Exprs = ["1 + 2 * 3.", "X = [H | T] = \"ab\".", "#{a => 1, b := 2}.",
    "{a, <<\"s\">>, 1.5, $c}.",
             "fun(A) when A > 1 -> A; (_) -> 0 end.", "case X of {Y, _} -> Y end, ok.",
             "A andalso B orelse not C.", "[1, 2 | X].", "catch throw(x).", "a:b(c).",
             "X#r.f.", "<<1:4, X:4/little-signed>>.", "maybe ok end.", "1 +.", "(a, b)."],
    Parsed = [parse_form(F) || F <- Forms],
    [Parsed, [parse_exprs(E) || E <- Exprs],
     [erl_parse:normalise(erl_parse:abstract(T)) || T <- [1, -2, 1.5, a, "str", [1, a], {t, [x]},
      <<1, 2>>, #{k => v}]],
     erl_parse:abstract("abc", [{encoding, latin1}, {line, 7}]), erl_parse:abstract(<<"日"/utf8>>),
     erl_parse:abstract([300, 301], [{encoding, unicode}]),
     erl_parse:tokens(erl_parse:abstract({a, [1, b], "c"})),
     pp_roundtrip(),
     [erl_parse:format_error(E) || {error, {_, erl_parse, E}} <- Parsed],
     erl_parse:parse_term(element(2, erl_scan:string("{a, [1, \"x\"], #{k => <<1>>}}."))),
     erl_parse:parse_term(element(2, erl_scan:string("f(x)."))),
     erl_parse:map_anno(fun(_) -> 0 end, element(2, parse_exprs("f(X, Y)."))),
     erl_parse:fold_anno(fun(A, Acc) -> [A | Acc] end, [], element(2, parse_exprs("{a, b}."))),
     erl_parse:new_anno({3, 4}), erl_parse:anno_to_term(erl_anno:new(9))].

parse_form(S) ->
    {ok, T, _} = erl_scan:string(S),
    erl_parse:parse_form(T).

parse_exprs(S) ->
    {ok, T, _} = erl_scan:string(S),
    erl_parse:parse_exprs(T).

pp_roundtrip() ->
    {ok, F} = parse_form("f(X) -> case X of {a, B} when B > 1 -> [B | X]; _ -> #{x => X} end."),
    Text = lists:flatten(erl_pp:form(F)),
    {ok, E} = parse_exprs("fun(A) -> A + 1 end(2), <<X:3>>, [Y || Y <- L]."),
    {Text, lists:flatten(erl_pp:exprs(E)), lists:flatten(erl_pp:expr(hd(E)))}.
