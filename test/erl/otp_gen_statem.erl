%% otp_gen_statem: OTP's gen_statem, unmodified: state functions, calls
%% with replies as actions, keep_state, a state timeout, and stop.
-module(otp_gen_statem).
-behaviour(gen_statem).
-export([start/0, init/1, callback_mode/0, locked/3, open/3]).

start() ->
    {ok, P} = gen_statem:start_link(?MODULE, [], []),
    R1 = gen_statem:call(P, {button, 1}),
    R2 = gen_statem:call(P, {button, 2}),
    R3 = gen_statem:call(P, state),
    receive after 100 -> ok end,
    R4 = gen_statem:call(P, state),
    ok = gen_statem:stop(P),
    {R1, R2, R3, R4}.

callback_mode() -> state_functions.

init([]) -> {ok, locked, []}.

locked({call, From}, {button, D}, Acc) ->
    Acc2 = [D | Acc],
    case length(Acc2) of
        2 -> {next_state, open, Acc2, [{reply, From, opened}, {state_timeout, 50, lock}]};
        _ -> {keep_state, Acc2, [{reply, From, more}]}
    end;
locked({call, From}, state, Acc) -> {keep_state, Acc, [{reply, From, locked}]}.

open(state_timeout, lock, _) -> {next_state, locked, []};
open({call, From}, state, Acc) -> {keep_state, Acc, [{reply, From, open}]}.
