%% bif_unicode: unicode:characters_to_binary and characters_to_list on the
%% shapes io_lib gives (nested lists of small code points), and just past
%% them: code points at 127/128 and 255/256, negative ones, nesting deeper
%% than the converter's quick walk, [] elements, binaries among the
%% characters, improper tails, and every output encoding.
-module(bif_unicode).
-export([start/0]).
start() ->
    Deep = lists:foldl(fun(_, Acc) -> [Acc, $x] end, "a", lists:seq(1, 40)),
    Inputs = ["", [], [[]], "abc", [$a, [$b, [$c, []]], "d"], [127], [128], [255], [256],
              [1000, $a], [-1], [$a | $b], [$a | <<"b">>], [<<"é"/utf8>>, $e], [[[[[[$z]]]]]],
              Deep, [<<>>, [], "x"], [16#D800], [16#10FFFF], [1.0], [a], <<"bin">>,
              [$a, <<255>>], io_lib:format("~s ~p ~w~n", ["str", {t, [1, 2]}, 3.5])],
    Encs = [latin1, unicode, utf8, {utf16, big}, {utf16, little}, utf32],
    [{I, [{In, Out, conv(fun() -> unicode:characters_to_binary(Data, In, Out) end)}
          || In <- [latin1, unicode], Out <- Encs],
      conv(fun() -> unicode:characters_to_binary(Data) end),
      conv(fun() -> unicode:characters_to_list(Data) end),
      conv(fun() -> unicode:characters_to_list(Data, latin1) end)}
     || {I, Data} <- lists:zip(lists:seq(1, length(Inputs)), Inputs)].

conv(F) -> try F() catch error:E -> {error, E} end.
