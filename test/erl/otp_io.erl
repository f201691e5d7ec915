%% otp_io: io:format/fwrite/put_chars/nl to standard_io, through the io
%% protocol, and io_lib:fwrite; everything written is part of the output.
-module(otp_io).
-export([start/0]).

start() ->
    R1 = io:format("plain text~n"),
    R2 = io:format("~w and ~p~n", [atom, {tuple, "str"}]),
    R3 = io:fwrite("fwrite ~s~n", ["works"]),
    R4 = io:format(standard_io, "to standard_io ~b~n", [42]),
    R5 = io:put_chars("put_chars\n"),
    R6 = io:put_chars(standard_io, [<<"deep ">>, ["chars", $\n]]),
    R7 = io:nl(),
    R8 = io:nl(standard_io),
    R9 = io:format(user, "to user ~p~n", [[1, 2]]),
    R10 = io:fwrite(standard_io, "~10.3f|~n", [3.14159]),
    R11 = io:format("~ts~n", ["unicode: 日本"]),
    R12 = io:format("~s~n", [<<"binary">>]),
    R13 = io:put_chars(<<"binary put_chars\n">>),
    R14 = io:format(<<"format from binary ~w~n">>, [ok]),
    R15 = io:format('format_from_atom~n'),
    R16 = io:format("~p~n", [lists:seq(1, 50)]),
    R17 = try io:format("~d~n", [notanumber]) catch C:R -> {C, R} end,
    R18 = io:write({written, 1}),
    R19 = io:nl(),
    R20 = io:getopts(),
    R21 = io:columns(),
    R22 = io:rows(),
    L = io_lib:fwrite("~s-~w", ["a", b]),
    ok = io:setopts([{encoding, unicode}]),
    R23 = io:format("~ts ~tp ~p~n", ["日本語", "ünï", <<"å"/utf8>>]),
    R24 = io:put_chars([16#65E5, 16#672C, $\n]),
    R25 = lists:keyfind(encoding, 1, io:getopts()),
    ok = io:setopts([{encoding, latin1}]),
    R26 = io:format("~ts|~s~n", ["日本", [229]]),
    [R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15, R16, R17, R18, R19,
     is_list(R20), R21, R22, lists:flatten(L), R23, R24, R25, R26].
