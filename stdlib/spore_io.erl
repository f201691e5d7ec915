%% spore_io: the console io server: the group leader of the first process
%% (registered as user and standard_io's target). It speaks OTP's io protocol,
%% so that OTP's io module works unmodified, and writes UTF-8 to the console.
-module(spore_io).
-export([start/0, server/1]).

%% The console server formats what every process prints (io:format hands
%% it io_lib's call), so it starts with a heap that one such request fits
%% in: no collection for each line.
start() ->
    Pid = spawn_opt(?MODULE, server, [user], [{min_heap_size, 1597}]),
    Err = spawn(?MODULE, server, [standard_error]),
    _ = Err,
    Pid.

%% Like erl -noshell, the console starts in latin1: characters above 255
%% are written as \x{H}. setopts([{encoding, unicode}]) switches to UTF-8.
server(Name) ->
    register(Name, self()),
    loop(latin1).

loop(Enc) ->
    receive
        {io_request, From, ReplyAs, Req} ->
            {Reply, Enc1} = request(Req, Enc),
            From ! {io_reply, ReplyAs, Reply},
            loop(Enc1);
        _ ->
            loop(Enc)
    end.

request({put_chars, Enc, Chars}, D) ->
    {write(Enc, Chars, D), D};
request({put_chars, Enc, M, F, A}, D) ->
    try apply(M, F, A) of
        Chars -> {write(Enc, Chars, D), D}
    catch
        _:_ -> {{error, F}, D}
    end;
request({put_chars, Chars}, D) ->
    {write(latin1, Chars, D), D};
request({put_chars, M, F, A}, D) ->
    request({put_chars, latin1, M, F, A}, D);
request({requests, Reqs}, D) ->
    requests(Reqs, ok, D);
request({setopts, Opts}, D) ->
    case proplists:get_value(encoding, Opts) of
        undefined -> {ok, D};
        E -> {ok, E}
    end;
request(getopts, D) ->
    {[{binary, false}, {encoding, D}], D};
request({get_geometry, _}, D) ->
    {{error, enotsup}, D};
request({get_chars, _, _, _}, D) -> {eof, D};
request({get_chars, _, _, _, _}, D) -> {eof, D};
request({get_line, _, _}, D) -> {eof, D};
request({get_line, _}, D) -> {eof, D};
request({get_until, _, _, _, _, _}, D) -> {eof, D};
request({get_until, _, _, _, _}, D) -> {eof, D};
request(_, D) ->
    {{error, request}, D}.

requests([], Last, D) -> {Last, D};
requests([R | Rs], _, D) ->
    case request(R, D) of
        {ok, D1} -> requests(Rs, ok, D1);
        Other -> Other
    end.

%% Chars in encoding Enc, to a console in encoding D.
write(Enc, Chars, D) ->
    In = case Enc of latin1 -> latin1; _ -> unicode end,
    case D of
        unicode ->
            %% the console takes UTF-8: one conversion
            case unicode:characters_to_binary(Chars, In) of
                B when is_binary(B) ->
                    spore:console_write(B),
                    ok;
                _ ->
                    {error, put_chars}
            end;
        _ ->
            %% latin1: one conversion, unless a character is past 255
            case unicode:characters_to_binary(Chars, In, latin1) of
                B when is_binary(B) ->
                    spore:console_write(B),
                    ok;
                _ ->
                    write_escaped(In, Chars)
            end
    end.

%% A latin1 console and characters past 255: those are written as \x{H}.
write_escaped(In, Chars) ->
    case unicode:characters_to_list(Chars, In) of
        L when is_list(L) ->
            spore:console_write(list_to_binary([latin1_char(C) || C <- L])),
            ok;
        _ ->
            {error, put_chars}
    end.

latin1_char(C) when C < 256 -> C;
latin1_char(C) -> ["\\x{", integer_to_list(C, 16), "}"].
