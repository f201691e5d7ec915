%% ring: the classic ring benchmark. N processes stand in a ring, each
%% knowing the next; a token goes round it M times, each process adding one
%% to it as it passes it on, so N * M messages are sent in all and the token
%% comes back as N * M. The result line is the same everywhere; the line
%% starting with "# " has the time and the rate, which are not.
%%   erl -noshell -pa DIR -run ring start          (N = 1000, M = 100)
%%   erl -noshell -pa DIR -run ring main 10000 10
%%   spore run -pa DIR -run ring main 10000 10
-module(ring).
-export([start/0, main/1, run/2]).

start() ->
    main([]).

%% The arguments of -run, as strings: N and M ([] gives the defaults).
main([]) ->
    main(["1000", "100"]);
main(Args) ->
    case [string:to_integer(A) || A <- Args] of
        [{N, []}, {M, []}] when N >= 1, M >= 1 ->
            report(N, M),
            halt();
        _ ->
            io:format("usage: -run ring main PROCESSES ROUNDS (both at least 1)~n"),
            halt(2)
    end.

report(N, M) ->
    T0 = erlang:monotonic_time(),
    Token = run(N, M),
    Us = max(1, erlang:convert_time_unit(erlang:monotonic_time() - T0, native, microsecond)),
    io:format("ring: ~b processes, ~b rounds, ~b messages, token ~b~n", [N, M, N * M, Token]),
    io:format("# ring: ~b us (spawning included), ~b messages/s~n",
              [Us, N * M * 1000000 div Us]).

%% Builds the ring, sends the token round it 'M' times and returns its value
%% when it comes back the last time; the ring is gone when this returns.
run(N, M) when N >= 1, M >= 1 ->
    Self = self(),
    %% the last process hands the token back to this one, which starts the
    %% next round: this process closes the ring
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end,
                        Self, lists:seq(1, N)),
    Token = rounds(First, M, 0),
    First ! stop,
    receive stop -> ok end,
    Token.

rounds(_First, 0, Token) ->
    Token;
rounds(First, M, Token) ->
    First ! {token, Token},
    receive
        {token, T} -> rounds(First, M - 1, T)
    end.

%% One link of the ring: add one to the token and pass it on; 'stop' goes
%% round once, ending every link.
relay(Next) ->
    receive
        {token, T} ->
            Next ! {token, T + 1},
            relay(Next);
        stop ->
            Next ! stop
    end.
