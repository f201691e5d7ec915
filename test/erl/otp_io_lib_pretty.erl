%% otp_io_lib_pretty: ~p and ~P of deep nested terms, long lists,
%% record-like tuples, maps, line breaking at different widths and
%% indentations, and unicode strings.
-module(otp_io_lib_pretty).
-export([start/0]).

start() ->
    Deep = deep(8),
    Long = lists:seq(1, 120),
    Recs = [{person, "Name " ++ integer_to_list(I), I,
             [{email, "x@example.com"}, {tags, [a, b, c]}]}
            || I <- lists:seq(1, 6)],
    Str = lists:flatten(lists:duplicate(12, "the quick brown fox ")),
    Uni = ["日本語のテキスト", "ÅÄÖ åäö", "Ελληνικά", <<"ünïcödé"/utf8>>],
    Map = maps:from_list([{list_to_atom([$k, $0 + I]), lists:seq(1, I * 3)}
                          || I <- lists:seq(1, 9)]),
    Mixed = {config, [{name, <<"server">>}, {port, 8080}, {opts, Map}, {nested, Deep}]},
    Terms = [Deep, Long, Recs, Str, Uni, Map, Mixed, [Str, Str], {Long, Long},
             [[[[[[[x]]]]]]], lists:duplicate(30, {a, "b"}), <<0:2000>>, list_to_binary(Str),
             [<<"a">>, <<"bb">>, <<1, 2, 3>>], {[], {}, #{}, <<>>, ""}, [1, 2, 3 | tail]],
    [pp(F, T) || T <- Terms, F <- ["~p", "~tp", "~40p", "~P", "~80.4p", "~tP"]]
        ++ [lists:flatten(io_lib_pretty:print(Mixed, [{column, 10}, {line_length, 60}])),
            lists:flatten(io_lib_pretty:print(Recs, 1, 50, 6)),
            lists:flatten(io_lib_pretty:print({person, "n", 1},
                                              fun(person, 3) -> [name, age]; (_, _) -> no end)),
            lists:flatten(io_lib_pretty:print(Long, [{chars_limit, 50}])),
            lists:flatten(io_lib:format("~p", [Map], [{chars_limit, 60}])),
            lists:flatten(io_lib:format("prefix: ~p~n", [Recs])),
            lists:flatten(io_lib:format("~*p", [30, Deep]))].

pp("~P" = F, T) -> lists:flatten(io_lib:format(F, [T, 7]));
pp("~tP" = F, T) -> lists:flatten(io_lib:format(F, [T, 12]));
pp(F, T) -> lists:flatten(io_lib:format(F, [T])).

deep(0) -> leaf;
deep(N) -> {node, N, [deep(N - 1), {value, N * N}], #{depth => N}}.
