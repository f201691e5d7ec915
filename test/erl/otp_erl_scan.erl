%% otp_erl_scan: OTP's tokenizer on every token class, options,
%% continuations and errors.
-module(otp_erl_scan).
-export([start/0]).

start() ->
    Src = "foo(X, _Y) -> 'Q a' ++ \"s\\n\" ++ [$a, $\\t, $\\x{41}] ++ <<1:8>>, "
          "16#FF + 2#101 + 1.5e-3 + 1_000 + $\\s, #{k => v}, X =:= 1 andalso Y =/= 2, "
          "fun m:f/1, A ! B, <= >= =< == /= -- ++ :: || << >> ... % comment\n ok.",
    {ok, Toks, End} = erl_scan:string(Src),
    {ok, Toks2, _} = erl_scan:string(Src, {1, 1}, [text, return_comments]),
    [length(Toks), End, [element(1, T) || T <- Toks], lists:sublist(Toks, 12),
     [erl_scan:text(T) || T <- lists:sublist(Toks2, 10)],
     [erl_scan:column(T) || T <- lists:sublist(Toks2, 10)],
     [erl_scan:category(T) || T <- lists:sublist(Toks2, 40)],
     [erl_scan:symbol(T) || T <- lists:sublist(Toks, 30)],
     lists:keyfind(comment, 1, Toks2),
     erl_scan:string("\"unterminated"), erl_scan:string("'bad\\q'"), erl_scan:string("1.0e"),
     erl_scan:string("$"), erl_scan:string("X = \"日本\".", 1, [text]),
     erl_scan:string("a\nb\n c", 5),
     erl_scan:string("if else maybe", 1, [{reserved_word_fun, fun(_) -> false end}]),
     erl_scan:reserved_word('case'), erl_scan:reserved_word(foo),
     erl_scan:string("1 2 3", {3, 7}), erl_scan:string("0.5 1e10 16#1F 36#Zz 'x\\'y'"),
     erl_scan:string("A.B."), erl_scan:string("x.\n"), erl_scan:string([16#1F600]),
     tokens_all(), erl_scan:format_error({string, $", "abc"}),
     erl_scan:format_error({illegal, character})].

tokens_all() ->
    {more, C1} = erl_scan:tokens([], "a(X) ->", 1),
    {done, R, Rest} = erl_scan:tokens(C1, " X + 1.\nb() -> 2.\n", 1),
    {done, R2, _} = erl_scan:tokens([], Rest, 2),
    {R, R2, erl_scan:tokens([], "", 1), erl_scan:tokens([], eof, 1)}.
